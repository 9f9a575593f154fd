import { and, asc, eq, inArray, lte } from 'drizzle-orm';
import type { Executor } from './db.ts';
import { emailOutbox } from './schemaWorkflow.ts';

export type OutboxRow = typeof emailOutbox.$inferSelect;
export type NewOutboxRow = typeof emailOutbox.$inferInsert;

/** Inserts one email unless one with the same dedup key exists; true when it was inserted. */
export async function insertOutboxEmail(ex: Executor, row: NewOutboxRow): Promise<boolean> {
  const inserted = await ex
    .insert(emailOutbox)
    .values(row)
    .onConflictDoNothing({ target: emailOutbox.dedupKey })
    .returning({ id: emailOutbox.id });
  return inserted.length > 0;
}

/** Pending emails whose time has come, locked; rows another process holds are skipped. */
export async function lockDueEmails(ex: Executor, now: Date, limit: number): Promise<OutboxRow[]> {
  return ex
    .select()
    .from(emailOutbox)
    .where(and(eq(emailOutbox.status, 'pending'), lte(emailOutbox.nextAttemptAt, now)))
    .orderBy(asc(emailOutbox.nextAttemptAt), asc(emailOutbox.id))
    .limit(limit)
    .for('update', { skipLocked: true });
}

/** Moves emails out of the due window while one process sends them (a lease, not a lock). */
export async function postponeEmails(ex: Executor, ids: string[], until: Date): Promise<void> {
  if (ids.length === 0) return;
  await ex.update(emailOutbox).set({ nextAttemptAt: until }).where(inArray(emailOutbox.id, ids));
}

export async function markEmailSent(
  ex: Executor,
  id: string,
  sent: { at: Date; attempts: number },
): Promise<void> {
  await ex
    .update(emailOutbox)
    .set({ status: 'sent', sentAt: sent.at, attempts: sent.attempts })
    .where(eq(emailOutbox.id, id));
}

/** Records a failed attempt: try again at nextAttemptAt, or give up (status failed). */
export async function markEmailAttemptFailed(
  ex: Executor,
  id: string,
  failure: { attempts: number; error: string; nextAttemptAt: Date; giveUp: boolean },
): Promise<void> {
  await ex
    .update(emailOutbox)
    .set({
      attempts: failure.attempts,
      lastError: failure.error.slice(0, 2000),
      nextAttemptAt: failure.nextAttemptAt,
      status: failure.giveUp ? 'failed' : 'pending',
    })
    .where(eq(emailOutbox.id, id));
}
