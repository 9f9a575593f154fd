import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, beforeEach, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { deliverEmail, EMAIL_MAX_ATTEMPTS, retryDelayMs } from '../../src/jobs/deliverEmail.ts';
import { runDueJobsOnce } from '../../src/jobs/scheduler.ts';
import { enqueueEmail } from '../../src/services/mailer.ts';
import { leads, notifications } from '../../src/store/schema.ts';
import { emailOutbox, users } from '../../src/store/schemaWorkflow.ts';
import { asAdmin, bodyOf, capture, createTestContext, type TestContext } from '../helpers/app.ts';
import { insertLead, insertTask, jobContextOf } from '../helpers/jobs.ts';
import { createTestUser } from '../helpers/users.ts';

// A real SMTP server on a loopback port receives what leadflow sends, with a login as in production.
const received: Array<{ rcptTo: string[]; mail: ParsedMail }> = [];
const smtp = new SMTPServer({
  disabledCommands: ['STARTTLS'],
  allowInsecureAuth: true,
  logger: false,
  onAuth(auth, _session, callback) {
    if (auth.username === 'leadflow' && auth.password === 's3cret') callback(null, { user: auth.username });
    else callback(new Error('Invalid username or password'));
  },
  onData(stream, session, callback) {
    simpleParser(stream)
      .then((mail) => {
        received.push({ rcptTo: session.envelope.rcptTo.map((r) => r.address), mail });
        callback();
      })
      .catch(callback);
  },
});

let smtpUrl = '';
let ctx: TestContext;
const mailEnv = () => ({
  LEADFLOW_SMTP_URL: smtpUrl,
  LEADFLOW_MAIL_FROM: 'leadflow <noreply@leadflow.test>',
});

/** A loopback port nothing listens on: connecting to it is refused at once. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  assert.ok(address && typeof address === 'object');
  return address.port;
}

before(async () => {
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const address = smtp.server.address();
  assert.ok(address && typeof address === 'object');
  smtpUrl = `smtp://leadflow:s3cret@127.0.0.1:${address.port}`;
  ctx = await createTestContext({ env: mailEnv() });
});
after(async () => {
  await ctx.close();
  await new Promise<void>((resolve) => smtp.close(resolve));
});
beforeEach(async () => {
  await ctx.reset();
  received.length = 0;
  ctx.clock.set('2026-03-02T09:00:00.000Z');
});

const outboxRows = () => ctx.database.db.select().from(emailOutbox);

describe('notification emails', () => {
  test('delivers a notification by SMTP in the language of each recipient', async () => {
    const ivan = await createTestUser(ctx, 'rep', { name: 'Иван Петров', email: 'ivan@leadflow.test' });
    await ctx.database.db.update(users).set({ locale: 'ru' }).where(eq(users.id, ivan.id));
    const jane = await createTestUser(ctx, 'rep', { name: 'Jane Doe', email: 'jane@leadflow.test' });
    const leadId = await insertLead(ctx, { fullName: 'Ольга Новикова' });
    const due = new Date('2026-03-02T09:30:00.000Z');
    await insertTask(ctx, { title: 'Позвонить клиенту', dueAt: due, leadId, assigneeId: ivan.id });
    await insertTask(ctx, { title: 'Call the client', dueAt: due, leadId, assigneeId: jane.id });

    ctx.clock.set('2026-03-02T10:00:00.000Z');
    const outcomes = await runDueJobsOnce(jobContextOf(ctx, { env: mailEnv() }));
    assert.deepEqual(outcomes['deliver-email'], { processed: 2 });

    const byRecipient = new Map(received.map((r) => [r.rcptTo.join(','), r.mail]));
    const russian = byRecipient.get('ivan@leadflow.test');
    assert.ok(russian, 'the Russian-speaking rep got an email');
    assert.equal(russian.subject, 'Просрочена задача: Позвонить клиенту');
    assert.equal(russian.from?.value[0]?.address, 'noreply@leadflow.test');
    assert.match(russian.text ?? '', /^Здравствуйте, Иван Петров!/);
    assert.match(russian.text ?? '', /Задача «Позвонить клиенту» просрочена\./);
    assert.match(russian.text ?? '', /Лид: Ольга Новикова\./);
    assert.match(russian.text ?? '', /Срок был: 2026-03-02 09:30 UTC\./);
    assert.match(String(russian.html), /<p>Задача «Позвонить клиенту» просрочена\.<\/p>/);

    const english = byRecipient.get('jane@leadflow.test');
    assert.ok(english, 'the English-speaking rep got an email');
    assert.equal(english.subject, 'Overdue: Call the client');
    assert.match(english.text ?? '', /^Hello Jane Doe,/);
    assert.match(english.text ?? '', /The task "Call the client" is overdue\./);

    const rows = await outboxRows();
    assert.deepEqual(
      rows.map((r) => [r.status, r.attempts, r.sentAt?.toISOString()]),
      [
        ['sent', 1, '2026-03-02T10:00:00.000Z'],
        ['sent', 1, '2026-03-02T10:00:00.000Z'],
      ],
    );

    // Nothing is sent twice on the next run.
    await runDueJobsOnce(jobContextOf(ctx, { env: mailEnv() }));
    assert.equal(received.length, 2);
  });

  test('sends no email to an inactive user, but still notifies in the app', async () => {
    const gone = await createTestUser(ctx, 'rep', { active: false });
    await insertTask(ctx, {
      title: 'Call',
      dueAt: new Date('2026-03-02T08:00:00.000Z'),
      assigneeId: gone.id,
    });

    await runDueJobsOnce(jobContextOf(ctx, { env: mailEnv() }));

    assert.equal((await outboxRows()).length, 0);
    assert.equal(received.length, 0);
  });
});

describe('delivery failures', () => {
  test('a refused connection retries with backoff, then fails for good', async () => {
    const failing = jobContextOf(ctx, {
      env: { LEADFLOW_SMTP_URL: `smtp://127.0.0.1:${await closedPort()}` },
    });
    await enqueueEmail(ctx.database.db, {
      dedupKey: 'test:1',
      to: 'someone@leadflow.test',
      subject: 'Hello',
      text: 'Hello there',
      at: ctx.clock.now(),
    });

    await runDueJobsOnce(failing, [deliverEmail]);
    let [row] = await outboxRows();
    assert.equal(row?.status, 'pending');
    assert.equal(row?.attempts, 1);
    assert.match(row?.lastError ?? '', /ECONNREFUSED/);
    assert.deepEqual(row?.nextAttemptAt, new Date(ctx.clock.now().getTime() + retryDelayMs(1)));
    assert.ok((row?.nextAttemptAt.getTime() ?? 0) > ctx.clock.now().getTime());

    // Not due yet: a run before the retry time leaves it alone.
    await runDueJobsOnce(failing, [deliverEmail]);
    [row] = await outboxRows();
    assert.equal(row?.attempts, 1);

    for (let attempt = 2; attempt <= EMAIL_MAX_ATTEMPTS; attempt++) {
      ctx.clock.advance(retryDelayMs(attempt - 1));
      await runDueJobsOnce(failing, [deliverEmail]);
      [row] = await outboxRows();
      assert.equal(row?.attempts, attempt);
      assert.equal(row?.status, attempt < EMAIL_MAX_ATTEMPTS ? 'pending' : 'failed');
    }

    // A failed email is never tried again.
    ctx.clock.advance(24 * 60 * 60_000);
    await runDueJobsOnce(jobContextOf(ctx, { env: mailEnv() }), [deliverEmail]);
    [row] = await outboxRows();
    assert.equal(row?.status, 'failed');
    assert.equal(received.length, 0);
  });

  test('a failed attempt is delivered once the server is reachable again', async () => {
    const failing = jobContextOf(ctx, {
      env: { LEADFLOW_SMTP_URL: `smtp://127.0.0.1:${await closedPort()}` },
    });
    await enqueueEmail(ctx.database.db, {
      dedupKey: 'test:2',
      to: 'later@leadflow.test',
      subject: 'Second try',
      text: 'Made it',
      at: ctx.clock.now(),
    });
    await runDueJobsOnce(failing, [deliverEmail]);

    ctx.clock.advance(retryDelayMs(1));
    await runDueJobsOnce(jobContextOf(ctx, { env: mailEnv() }), [deliverEmail]);

    const [row] = await outboxRows();
    assert.equal(row?.status, 'sent');
    assert.equal(row?.attempts, 2);
    assert.equal(received[0]?.mail.subject, 'Second try');
    assert.deepEqual(received[0]?.rcptTo, ['later@leadflow.test']);
  });

  test('a wrong SMTP password leaves the email pending with the reason', async () => {
    const wrongPassword = jobContextOf(ctx, {
      env: { LEADFLOW_SMTP_URL: smtpUrl.replace('s3cret', 'nope') },
    });
    await enqueueEmail(ctx.database.db, {
      dedupKey: 'test:3',
      to: 'x@leadflow.test',
      subject: 'S',
      text: 'T',
      at: ctx.clock.now(),
    });
    await runDueJobsOnce(wrongPassword, [deliverEmail]);
    const [row] = await outboxRows();
    assert.equal(row?.status, 'pending');
    assert.equal(row?.attempts, 1);
    assert.match(row?.lastError ?? '', /Invalid username or password|auth/i);
  });

  test('a rep a new lead is routed to hears of it by email', async () => {
    const rep = await createTestUser(ctx, 'rep', { name: 'Boris Router', email: 'boris@leadflow.test' });
    const settings = await ctx.app.inject({ method: 'GET', url: '/api/settings/routing', headers: asAdmin });
    const put = await ctx.app.inject({
      method: 'PUT',
      url: '/api/settings/routing',
      headers: asAdmin,
      payload: { ...bodyOf<Record<string, unknown>>(settings), defaultMode: 'rules' },
    });
    assert.equal(put.statusCode, 200, put.body);
    const rule = await ctx.app.inject({
      method: 'POST',
      url: '/api/assignment-rules',
      headers: asAdmin,
      payload: {
        name: 'all to Boris',
        position: 0,
        conditions: [],
        target: { type: 'user', userId: rep.id },
      },
    });
    assert.equal(rule.statusCode, 201, rule.body);

    const created = await capture(ctx, { name: 'Olga Novaya', phone: '+79161230077' });
    assert.equal(created.statusCode, 201, created.body);
    const lead = bodyOf<{ lead: { id: string; ownerId: string | null } }>(created).lead;
    assert.equal(lead.ownerId, rep.id, 'the reply shows the lead routed');
    const [notice] = await ctx.database.db
      .select()
      .from(notifications)
      .where(eq(notifications.type, 'lead_assigned'));
    assert.equal(notice?.recipientId, rep.id);
    assert.equal(notice?.leadId, lead.id);
    assert.equal(notice?.emailPending, true);

    await runDueJobsOnce(jobContextOf(ctx, { env: mailEnv() }));
    const mails = received.filter((r) => r.rcptTo.includes('boris@leadflow.test'));
    const assigned = mails.filter((m) => m.mail.subject?.startsWith('New lead for you'));
    assert.deepEqual(
      assigned.map((m) => m.mail.subject),
      ['New lead for you: Olga Novaya'],
    );
    assert.match(assigned[0]?.mail.text ?? '', /The lead "Olga Novaya" is now yours\./);
  });

  test("a known person getting in touch again is emailed to the card's owner", async () => {
    const owner = await createTestUser(ctx, 'rep', { name: 'Anna Owner', email: 'anna@leadflow.test' });
    const person = { name: 'Pavel Sidorov', email: 'pavel@example.ru', phone: '+79161230001' };
    const first = await capture(ctx, person);
    assert.equal(first.statusCode, 201, first.body);
    const leadId = bodyOf<{ lead: { id: string } }>(first).lead.id;
    await ctx.database.db.update(leads).set({ ownerId: owner.id }).where(eq(leads.id, leadId));
    const again = await capture(ctx, { ...person, interest: 'Any news on the price?' });
    assert.equal(bodyOf<{ outcome: string }>(again).outcome, 'attached');
    const [notice] = await ctx.database.db
      .select()
      .from(notifications)
      .where(eq(notifications.type, 'repeat_inquiry'));
    assert.equal(notice?.recipientId, owner.id);
    assert.equal(notice?.emailPending, true, 'capture leaves the email to the scheduler');

    const outcomes = await runDueJobsOnce(jobContextOf(ctx, { env: mailEnv() }));
    assert.deepEqual(outcomes['email-capture-notices'], { processed: 1 });
    const mails = received.filter((r) => r.mail.subject?.startsWith('Got in touch again'));
    assert.deepEqual(
      mails.map((r) => [r.rcptTo.join(','), r.mail.subject]),
      [['anna@leadflow.test', 'Got in touch again: Pavel Sidorov']],
    );
    assert.match(mails[0]?.mail.text ?? '', /Pavel Sidorov got in touch again; the inquiry is on the card\./);
    const [after] = await ctx.database.db.select().from(notifications).where(eq(notifications.id, notice.id));
    assert.equal(after?.emailPending, false);

    // Once only; and without mail configured the mark is cleared and nothing is queued.
    await runDueJobsOnce(jobContextOf(ctx, { env: mailEnv() }));
    assert.equal(received.filter((r) => r.mail.subject?.startsWith('Got in touch again')).length, 1);
    await capture(ctx, { ...person, interest: 'And delivery?' });
    const queuedBefore = (await outboxRows()).length;
    const withoutMail = await runDueJobsOnce(jobContextOf(ctx));
    assert.deepEqual(withoutMail['email-capture-notices'], { processed: 0 });
    assert.equal((await outboxRows()).length, queuedBefore);
    const pending = await ctx.database.db
      .select()
      .from(notifications)
      .where(eq(notifications.emailPending, true));
    assert.equal(pending.length, 0);
  });
});
