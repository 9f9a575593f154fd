import { useTranslation } from 'react-i18next';
import { useFormat } from '../format.ts';
import { WEEKDAYS, type Weekday } from './types.ts';

/** Local midnight of a YYYY-MM-DD day (what an <input type="date"> gives). */
function localMidnight(day: string): Date {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1);
}

/** An absence over whole days, from the first day's start to the end of the last day (exclusive). */
export function absenceInstants(from: string, to: string): { startsAt: string; endsAt: string } {
  const end = localMidnight(to);
  end.setDate(end.getDate() + 1);
  return { startsAt: localMidnight(from).toISOString(), endsAt: end.toISOString() };
}

const isMidnight = (date: Date) =>
  date.getHours() === 0 && date.getMinutes() === 0 && date.getSeconds() === 0;

/** Day labels in the UI language: weekdays, dates of holidays, absence ranges. */
export function useDays() {
  const { t } = useTranslation();
  const format = useFormat();
  const weekday = new Intl.DateTimeFormat(format.locale, { weekday: 'long', timeZone: 'UTC' });
  const shortWeekday = new Intl.DateTimeFormat(format.locale, { weekday: 'short', timeZone: 'UTC' });
  const dayOf = new Intl.DateTimeFormat(format.locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const capital = (text: string) => text.charAt(0).toLocaleUpperCase(format.locale) + text.slice(1);
  // 2024-01-01 was a Monday: ISO weekday n is n − 1 days later.
  const weekdayDate = (day: Weekday) => new Date(Date.UTC(2024, 0, Number(day)));
  return {
    weekday: (day: Weekday) => capital(weekday.format(weekdayDate(day))),
    shortWeekday: (day: Weekday) => capital(shortWeekday.format(weekdayDate(day))),
    weekdays: WEEKDAYS,
    /** A YYYY-MM-DD date as it is, whatever the browser's time zone. */
    day: (ymd: string) => {
      const [y, m, d] = ymd.split('-').map(Number);
      return Number.isFinite(y) ? dayOf.format(new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1))) : ymd;
    },
    /** Whole days ("3 Jun 2026 – 5 Jun 2026") when the absence runs midnight to midnight, else times. */
    absence: (startsAt: string, endsAt: string) => {
      const start = new Date(startsAt);
      const end = new Date(endsAt);
      if (isMidnight(start) && isMidnight(end)) {
        const last = new Date(end);
        last.setDate(last.getDate() - 1);
        return t('settings.common.range', {
          from: format.date(start.toISOString()),
          to: format.date(last.toISOString()),
        });
      }
      return t('settings.common.range', { from: format.dateTime(startsAt), to: format.dateTime(endsAt) });
    },
  };
}
