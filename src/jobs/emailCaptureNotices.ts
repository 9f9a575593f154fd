import { emailNotice } from '../services/notifications.ts';
import { clearEmailPending, lockEmailPendingNotifications } from '../store/notifications.ts';
import type { Job } from './scheduler.ts';

const NOTICES_PER_RUN = 200;

/**
 * Emails the notices capture wrote (a known person got in touch again, a new lead was routed to a
 * rep) to their recipients, when mail is configured: capture batches its inserts and looks up no
 * recipients, so their emails are queued here, in the transaction that clears the mark. Without
 * mail the mark is just cleared.
 */
export const emailCaptureNotices: Job = {
  name: 'email-capture-notices',
  everyMs: 30 * 1000,
  run: (ctx) =>
    ctx.database.db.transaction(async (tx) => {
      const rows = await lockEmailPendingNotifications(tx, NOTICES_PER_RUN);
      let queued = 0;
      if (ctx.config.mail.smtpUrl) {
        for (const row of rows) if (await emailNotice(tx, row, ctx.clock())) queued++;
      }
      await clearEmailPending(
        tx,
        rows.map((row) => row.id),
      );
      return queued;
    }),
};
