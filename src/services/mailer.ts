import { createTransport } from 'nodemailer';
import type { Config } from '../config.ts';
import type { Executor } from '../store/db.ts';
import { insertOutboxEmail } from '../store/outbox.ts';

export type OutgoingEmail = { to: string; subject: string; text: string; html?: string | null };

/** Sends one message now; rejects when the SMTP server refuses it or cannot be reached. */
export type Mailer = { send: (email: OutgoingEmail) => Promise<void>; close: () => void };

/** A nodemailer SMTP transport from LEADFLOW_SMTP_URL; undefined when email is not configured. */
export function createMailer(mail: Config['mail']): Mailer | undefined {
  if (!mail.smtpUrl) return undefined;
  // Short timeouts: a send holds a lease on its outbox row, and a dead server should fail fast.
  const transport = createTransport(
    { url: mail.smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 60_000 },
    { from: mail.from },
  );
  return {
    send: async (email) => {
      await transport.sendMail({
        to: email.to,
        subject: email.subject,
        text: email.text,
        ...(email.html ? { html: email.html } : {}),
      });
    },
    close: () => transport.close(),
  };
}

/**
 * Queues an email in the outbox, in the caller's transaction: it is sent by the scheduler's
 * delivery job only if that transaction commits, and a repeated dedup key queues nothing.
 * `at` (the injected clock's now) is when it becomes due; true when it was queued.
 */
export async function enqueueEmail(
  ex: Executor,
  email: OutgoingEmail & { dedupKey: string; at?: Date },
): Promise<boolean> {
  return insertOutboxEmail(ex, {
    dedupKey: email.dedupKey,
    to: email.to,
    subject: email.subject,
    text: email.text,
    html: email.html ?? null,
    ...(email.at ? { nextAttemptAt: email.at, createdAt: email.at } : {}),
  });
}

// Whether notifications also go out by email. Set once at boot from the configuration (buildApp),
// so that every notifyUser call site gets email without threading the config through each service.
let emailNotifications = false;

export function setEmailNotifications(enabled: boolean): void {
  emailNotifications = enabled;
}

export function emailNotificationsEnabled(): boolean {
  return emailNotifications;
}
