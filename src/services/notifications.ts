import { eq } from 'drizzle-orm';
import { isLocale, notificationEmailOf } from '../domain/notificationEmail.ts';
import type { Executor } from '../store/db.ts';
import { insertNotificationOnce, type NotificationRow } from '../store/notifications.ts';
import { users } from '../store/schemaWorkflow.ts';
import { emailNotificationsEnabled, enqueueEmail } from './mailer.ts';

export type Notice = {
  recipientId: string;
  /** What happened, e.g. task_reminder, task_overdue, first_response_overdue, lead_assigned. */
  type: string;
  leadId?: string | null;
  contactId?: string | null;
  data?: Record<string, unknown>;
  /** Same key, same notice: a retried job or a repeated call notifies once. */
  dedupKey?: string;
  /** The injected clock's now; the database's clock when left out. */
  at?: Date;
};

/**
 * Puts a notice in the recipient's in-app list and, when email is configured and the recipient
 * is active with an email address, queues the same notice as an email in their language — both
 * in the caller's transaction. Undefined when the dedup key had been used already.
 */
export async function notifyUser(ex: Executor, notice: Notice): Promise<NotificationRow | undefined> {
  const data = notice.data ?? {};
  const row = await insertNotificationOnce(ex, {
    recipientId: notice.recipientId,
    type: notice.type,
    leadId: notice.leadId ?? null,
    contactId: notice.contactId ?? null,
    data,
    dedupKey: notice.dedupKey ?? null,
    ...(notice.at ? { createdAt: notice.at } : {}),
  });
  if (row && emailNotificationsEnabled()) await emailNotice(ex, row, notice.at);
  return row;
}

/**
 * Queues a notice as an email in its recipient's language, in the caller's transaction, when the
 * recipient is active and has an address; the notice's id keeps it from being queued twice.
 */
export async function emailNotice(
  ex: Executor,
  row: Pick<NotificationRow, 'id' | 'type' | 'data' | 'recipientId'>,
  at?: Date,
): Promise<boolean> {
  if (!row.recipientId) return false;
  const [recipient] = await ex
    .select({ email: users.email, name: users.name, locale: users.locale, active: users.active })
    .from(users)
    .where(eq(users.id, row.recipientId));
  if (!recipient?.active || !recipient.email) return false;
  const email = notificationEmailOf(
    { type: row.type, data: row.data },
    isLocale(recipient.locale) ? recipient.locale : 'en',
    recipient.name,
  );
  return enqueueEmail(ex, {
    dedupKey: `notification:${row.id}`,
    to: recipient.email,
    ...email,
    ...(at ? { at } : {}),
  });
}
