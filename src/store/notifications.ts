import { and, count, desc, eq, inArray, isNull, lt, or } from 'drizzle-orm';
import type { Executor } from './db.ts';
import type { Cursor } from './leads.ts';
import { notifications } from './schema.ts';
import { insertJsonRows } from './sql.ts';

export type NotificationRow = typeof notifications.$inferSelect;
export type NewNotificationRow = typeof notifications.$inferInsert;

export async function insertNotifications(ex: Executor, rows: NewNotificationRow[]): Promise<void> {
  await insertJsonRows(ex, notifications, rows);
}

/** Inserts one notice unless one with the same dedup key exists; the new row, or undefined. */
export async function insertNotificationOnce(
  ex: Executor,
  row: NewNotificationRow,
): Promise<NotificationRow | undefined> {
  const [inserted] = await ex
    .insert(notifications)
    .values(row)
    .onConflictDoNothing({ target: notifications.dedupKey })
    .returning();
  return inserted;
}

/** A user's notices, newest first, keyset-paginated on (created_at, id). */
export async function listNotificationsPage(
  ex: Executor,
  filter: { recipientId: string; unreadOnly?: boolean },
  page: { limit: number; after?: Cursor },
): Promise<{ rows: NotificationRow[]; next?: Cursor }> {
  const rows = await ex
    .select()
    .from(notifications)
    .where(
      and(
        eq(notifications.recipientId, filter.recipientId),
        filter.unreadOnly ? isNull(notifications.readAt) : undefined,
        page.after
          ? or(
              lt(notifications.createdAt, page.after.createdAt),
              and(eq(notifications.createdAt, page.after.createdAt), lt(notifications.id, page.after.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(page.limit + 1);
  const hasMore = rows.length > page.limit;
  const pageRows = hasMore ? rows.slice(0, page.limit) : rows;
  const last = pageRows[pageRows.length - 1];
  return { rows: pageRows, ...(hasMore && last ? { next: { createdAt: last.createdAt, id: last.id } } : {}) };
}

export async function countUnreadNotifications(ex: Executor, recipientId: string): Promise<number> {
  const [row] = await ex
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.recipientId, recipientId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/** Marks one of the recipient's notices read (keeping the first read time); undefined if not theirs. */
export async function markNotificationRead(
  ex: Executor,
  input: { id: string; recipientId: string; at: Date },
): Promise<NotificationRow | undefined> {
  const where = and(eq(notifications.id, input.id), eq(notifications.recipientId, input.recipientId));
  await ex
    .update(notifications)
    .set({ readAt: input.at })
    .where(and(where, isNull(notifications.readAt)));
  const [row] = await ex.select().from(notifications).where(where);
  return row;
}

/** Marks every unread notice of the recipient read; how many changed. */
export async function markAllNotificationsRead(ex: Executor, recipientId: string, at: Date): Promise<number> {
  const updated = await ex
    .update(notifications)
    .set({ readAt: at })
    .where(and(eq(notifications.recipientId, recipientId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return updated.length;
}

/**
 * Notices capture wrote whose email is still to be queued, oldest first, locked (SKIP LOCKED) so
 * that two schedulers take different ones.
 */
export async function lockEmailPendingNotifications(ex: Executor, limit: number): Promise<NotificationRow[]> {
  return ex
    .select()
    .from(notifications)
    .where(eq(notifications.emailPending, true))
    .orderBy(notifications.createdAt)
    .limit(limit)
    .for('update', { skipLocked: true });
}

export async function clearEmailPending(ex: Executor, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await ex.update(notifications).set({ emailPending: false }).where(inArray(notifications.id, ids));
}
