import { and, eq, gt, lte, ne } from 'drizzle-orm';
import type { Executor } from './db.ts';
import { sessions, users } from './schemaWorkflow.ts';
import type { UserRow } from './users.ts';

export type SessionRow = typeof sessions.$inferSelect;

export async function insertSession(ex: Executor, row: typeof sessions.$inferInsert): Promise<SessionRow> {
  const [created] = await ex.insert(sessions).values(row).returning();
  if (!created) throw new Error('session insert returned nothing');
  return created;
}

/** An unexpired session of an active user, with that user. */
export async function findLiveSession(
  ex: Executor,
  id: string,
  at: Date,
): Promise<{ session: SessionRow; user: UserRow } | undefined> {
  const [row] = await ex
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, id), gt(sessions.expiresAt, at), eq(users.active, true)));
  return row;
}

export async function touchSession(ex: Executor, id: string, at: Date): Promise<void> {
  await ex.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.id, id));
}

export async function deleteSession(ex: Executor, id: string): Promise<void> {
  await ex.delete(sessions).where(eq(sessions.id, id));
}

/** Ends every session of a user except `keepId` (the one that changed the password). */
export async function deleteSessionsOfUser(ex: Executor, userId: string, keepId?: string): Promise<void> {
  await ex
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), keepId ? ne(sessions.id, keepId) : undefined));
}

/** Housekeeping at login: a user's expired sessions go. */
export async function deleteExpiredSessionsOfUser(ex: Executor, userId: string, at: Date): Promise<void> {
  await ex.delete(sessions).where(and(eq(sessions.userId, userId), lte(sessions.expiresAt, at)));
}
