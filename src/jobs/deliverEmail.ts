import { lockDueEmails, markEmailAttemptFailed, markEmailSent, postponeEmails } from '../store/outbox.ts';
import type { Job, JobContext } from './scheduler.ts';

export const EMAIL_MAX_ATTEMPTS = 5;
const EMAIL_BATCH_SIZE = 20;
// Longer than a batch can take to send, so no other process picks up a row that is being sent.
const LEASE_MS = 10 * 60_000;
const FIRST_RETRY_MS = 60_000;
const MAX_RETRY_MS = 6 * 60 * 60_000;

/** Exponential backoff: 1, 2, 4, 8 … minutes after the n-th failed attempt, capped at 6 hours. */
export function retryDelayMs(attempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), MAX_RETRY_MS);
}

async function deliverBatch(ctx: JobContext): Promise<number> {
  const mailer = ctx.mailer;
  if (!mailer) return 0;
  // Claim the rows in a short transaction (moving them out of the due window as a lease), then
  // send outside it: a slow SMTP server must not hold a database transaction open.
  const claimed = await ctx.database.db.transaction(async (tx) => {
    const now = ctx.clock();
    const rows = await lockDueEmails(tx, now, EMAIL_BATCH_SIZE);
    await postponeEmails(
      tx,
      rows.map((r) => r.id),
      new Date(now.getTime() + LEASE_MS),
    );
    return rows;
  });
  for (const email of claimed) {
    const attempts = email.attempts + 1;
    try {
      await mailer.send(email);
      await markEmailSent(ctx.database.db, email.id, { at: ctx.clock(), attempts });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const giveUp = attempts >= EMAIL_MAX_ATTEMPTS;
      await markEmailAttemptFailed(ctx.database.db, email.id, {
        attempts,
        error: message,
        nextAttemptAt: new Date(ctx.clock().getTime() + retryDelayMs(attempts)),
        giveUp,
      });
      ctx.log.warn({ emailId: email.id, attempts, giveUp, err: message }, 'email delivery failed');
    }
  }
  return claimed.length;
}

/** Sends the pending outbox emails whose time has come, with retries and a final failed state. */
export const deliverEmail: Job = {
  name: 'deliver-email',
  everyMs: 0,
  run: async (ctx) => {
    let total = 0;
    for (let i = 0; i < 10; i++) {
      const sent = await deliverBatch(ctx);
      total += sent;
      if (sent < EMAIL_BATCH_SIZE) break;
    }
    return total;
  },
};
