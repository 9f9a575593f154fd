import { useTranslation } from 'react-i18next';
import type { Labels } from './api.ts';

// Task titles the server makes itself (first tasks, revisits, defaults) are stored in English;
// they are shown in the UI language. A title a person typed is shown as typed.
const SYSTEM_TASK_TITLES: Record<string, string> = {
  'Call the lead': 'systemTask.callLead',
  'Answer the email': 'systemTask.answerEmail',
  'Call to find the contact person': 'systemTask.findContactPerson',
  'Call back': 'systemTask.callBack',
  Call: 'systemTask.call',
  'Write an email': 'systemTask.writeEmail',
  Meeting: 'systemTask.meeting',
  'Send an offer': 'systemTask.sendOffer',
  'Send materials': 'systemTask.sendMaterials',
  'Follow up': 'systemTask.followUp',
};
const SYSTEM_TASK_PREFIXES: Array<[string, string]> = [
  ['Call back: ', 'systemTask.callBackNamed'],
  ['Assign an owner: ', 'systemTask.assignOwnerNamed'],
];

/** Numbers, money and dates in the UI language, through Intl. */
export function useFormat() {
  const { i18n, t } = useTranslation();
  const locale = i18n.language === 'ru' ? 'ru-RU' : 'en-GB';
  return {
    locale,
    number: (value: number | null | undefined) =>
      value === null || value === undefined ? t('common.na') : new Intl.NumberFormat(locale).format(value),
    money: (value: number | string | null | undefined, currency = 'RUB') => {
      const amount = typeof value === 'string' ? Number(value) : value;
      if (amount === null || amount === undefined || Number.isNaN(amount)) return t('common.na');
      return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount);
    },
    percent: (ratio: number | null | undefined) =>
      ratio === null || ratio === undefined
        ? t('common.na')
        : new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(ratio),
    dateTime: (iso: string | null | undefined) =>
      iso
        ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso))
        : '—',
    date: (iso: string | null | undefined) =>
      iso ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(iso)) : '—',
    /** A task title in the UI language when the server made it, else as typed. */
    taskTitle: (title: string) => {
      const key = SYSTEM_TASK_TITLES[title];
      if (key) return t(key);
      for (const [prefix, namedKey] of SYSTEM_TASK_PREFIXES) {
        if (title.startsWith(prefix)) return t(namedKey, { name: title.slice(prefix.length) });
      }
      return title;
    },
    /** A configured label (statuses, reasons) in the UI language. */
    label: (labels: Labels | null | undefined, fallback: string) =>
      labels ? (i18n.language === 'ru' ? labels.ru : labels.en) : fallback,
  };
}

/** The value of an <input type="datetime-local"> as an ISO instant, or undefined when empty. */
export function isoOfLocalInput(value: string): string | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** An instant as the value of an <input type="datetime-local"> in the browser's time zone. */
export function localInputOf(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
