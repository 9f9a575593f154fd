// The email that goes with an in-app notification, in the recipient's language. Pure: the data a
// notification carries in, subject and bodies out.

export type Locale = 'en' | 'ru';

export type NotificationEmail = { subject: string; text: string; html: string };

type Notice = { type: string; data: Record<string, unknown> };

type Lines = { subject: string; body: string[] };

const str = (value: unknown): string => (typeof value === 'string' && value.trim() ? value.trim() : '');

/** A timestamp as "2026-03-02 09:15 UTC": unambiguous for a reader in any time zone. */
function formatTime(value: unknown): string {
  const date = typeof value === 'string' || value instanceof Date ? new Date(value) : undefined;
  if (!date || Number.isNaN(date.getTime())) return '';
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function leadName(data: Record<string, unknown>, locale: Locale): string {
  return str(data.leadName) || (locale === 'ru' ? 'без имени' : 'unnamed');
}

const templates: Record<string, (data: Record<string, unknown>, locale: Locale) => Lines> = {
  task_reminder: (d, locale) =>
    locale === 'ru'
      ? {
          subject: `Напоминание: ${str(d.title)} — срок ${formatTime(d.dueAt)}`,
          body: [
            `Скоро срок задачи «${str(d.title)}».`,
            `Лид: ${leadName(d, locale)}.`,
            `Срок: ${formatTime(d.dueAt)}.`,
          ],
        }
      : {
          subject: `Reminder: ${str(d.title)} is due ${formatTime(d.dueAt)}`,
          body: [
            `The task "${str(d.title)}" is due soon.`,
            `Lead: ${leadName(d, locale)}.`,
            `Due: ${formatTime(d.dueAt)}.`,
          ],
        },
  task_overdue: (d, locale) =>
    locale === 'ru'
      ? {
          subject: `Просрочена задача: ${str(d.title)}`,
          body: [
            `Задача «${str(d.title)}» просрочена.`,
            `Лид: ${leadName(d, locale)}.`,
            `Срок был: ${formatTime(d.dueAt)}.`,
          ],
        }
      : {
          subject: `Overdue: ${str(d.title)}`,
          body: [
            `The task "${str(d.title)}" is overdue.`,
            `Lead: ${leadName(d, locale)}.`,
            `It was due ${formatTime(d.dueAt)}.`,
          ],
        },
  first_response_overdue: (d, locale) =>
    locale === 'ru'
      ? {
          subject: `Нет первого ответа лиду: ${leadName(d, locale)}`,
          body: [
            `Лиду «${leadName(d, locale)}» не ответили вовремя.`,
            `Задача «${str(d.title)}» должна была быть выполнена до ${formatTime(d.dueAt)}.`,
            str(d.assigneeName) ? `Ответственный: ${str(d.assigneeName)}.` : 'Ответственный не назначен.',
          ],
        }
      : {
          subject: `No first response to lead ${leadName(d, locale)}`,
          body: [
            `The lead "${leadName(d, locale)}" has not had its first response in time.`,
            `The task "${str(d.title)}" was due ${formatTime(d.dueAt)}.`,
            str(d.assigneeName) ? `Assignee: ${str(d.assigneeName)}.` : 'Nobody is assigned.',
          ],
        },
  lead_assigned: (d, locale) =>
    locale === 'ru'
      ? {
          subject: `Вам назначен лид: ${leadName(d, locale)}`,
          body: [
            `Вам назначен лид «${leadName(d, locale)}».`,
            formatTime(d.dueAt) ? `Первый ответ — до ${formatTime(d.dueAt)}.` : '',
          ],
        }
      : {
          subject: `New lead for you: ${leadName(d, locale)}`,
          body: [
            `The lead "${leadName(d, locale)}" is now yours.`,
            formatTime(d.dueAt) ? `First response due ${formatTime(d.dueAt)}.` : '',
          ],
        },
  repeat_inquiry: (d, locale) =>
    locale === 'ru'
      ? {
          subject: `Повторное обращение: ${str(d.name) || leadName(d, locale)}`,
          body: [
            `${str(d.name) || leadName(d, locale)} снова обратился(-ась). Обращение добавлено к карточке.`,
          ],
        }
      : {
          subject: `Got in touch again: ${str(d.name) || leadName(d, locale)}`,
          body: [`${str(d.name) || leadName(d, locale)} got in touch again; the inquiry is on the card.`],
        },
};

// Notices without a template of their own (added by other parts later) still reach the inbox.
const fallback = (type: string, data: Record<string, unknown>, locale: Locale): Lines =>
  locale === 'ru'
    ? {
        subject: `leadflow: новое уведомление (${type})`,
        body: [`У вас новое уведомление: ${type}.`, str(data.leadName) ? `Лид: ${str(data.leadName)}.` : ''],
      }
    : {
        subject: `leadflow: new notification (${type})`,
        body: [
          `You have a new notification: ${type}.`,
          str(data.leadName) ? `Lead: ${str(data.leadName)}.` : '',
        ],
      };

function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}

export function notificationEmailOf(
  notice: Notice,
  locale: Locale,
  recipientName: string,
): NotificationEmail {
  const template = templates[notice.type];
  const lines = template ? template(notice.data, locale) : fallback(notice.type, notice.data, locale);
  const greeting = locale === 'ru' ? `Здравствуйте, ${recipientName}!` : `Hello ${recipientName},`;
  const signature = '— leadflow';
  const body = lines.body.filter(Boolean);
  return {
    subject: lines.subject,
    text: [greeting, '', ...body, '', signature].join('\n'),
    html: [greeting, ...body, signature].map((line) => `<p>${escapeHtml(line)}</p>`).join('\n'),
  };
}

export const isLocale = (value: unknown): value is Locale => value === 'en' || value === 'ru';
