import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { revisitRefusedLeads } from '../../src/services/refusal.ts';
import { leads } from '../../src/store/schema.ts';
import { emailOutbox, tasks, users } from '../../src/store/schemaWorkflow.ts';
import { asAdmin, bodyOf, capture, createTestContext, type TestContext } from '../helpers/app.ts';
import { createTestUser, type TestUser } from '../helpers/users.ts';

type Lead = {
  id: string;
  status: string;
  statusReason: string | null;
  refusedAt: string | null;
  revisitAt: string | null;
  ownerId: string | null;
};
type Detail = Lead & { timeline: { type: string; actor: string; data: Record<string, unknown> }[] };
type RefuseResult = {
  lead: Lead;
  canceledTaskIds: string[];
  farewell: { queued: boolean; to?: string; language?: string; skipped?: string } | null;
};
type Problem = { code: string; invalid_params?: { name: string }[] };

const DAY = 86_400_000;
let ctx: TestContext;
let rep: TestUser;
before(async () => {
  ctx = await createTestContext();
});
after(async () => ctx.close());
beforeEach(async () => {
  await ctx.reset();
  ctx.clock.set('2026-03-02T09:00:00.000Z');
  rep = await createTestUser(ctx, 'rep');
  person = 0;
});

const PEOPLE = [
  { name: 'Ольга Кузнецова', email: 'olga@kuz.ru', phone: '+79167770011' },
  { name: 'John Miller', email: 'john@miller.us', phone: '+12025550143' },
  { name: 'Иван Орлов', email: 'ivan@orlov.ru', phone: '+79035550199' },
];
let person = 0;

/** A lead of the rep, in progress, with consent; each call is another person (no duplicates). */
async function repLead(changes: Partial<typeof leads.$inferInsert> = {}): Promise<string> {
  ctx.clock.advance(60_000);
  const body = bodyOf<{ lead: { id: string } }>(await capture(ctx, PEOPLE[person++ % PEOPLE.length] ?? {}));
  await ctx.database.db
    .update(leads)
    .set({ ownerId: rep.id, status: 'in_progress', consent: { given: true }, ...changes })
    .where(eq(leads.id, body.lead.id));
  return body.lead.id;
}

async function openTask(leadId: string, title: string): Promise<string> {
  const [row] = await ctx.database.db
    .insert(tasks)
    .values({ leadId, type: 'call', title, dueAt: ctx.clock.now(), assigneeId: rep.id, createdBy: 'test' })
    .returning({ id: tasks.id });
  return row?.id as string;
}

const refuse = (
  leadId: string,
  payload: Record<string, unknown>,
  headers: Record<string, string> = rep.headers,
) => ctx.app.inject({ method: 'POST', url: `/api/leads/${leadId}/refuse`, headers, payload });

const detail = async (leadId: string) =>
  bodyOf<Detail>(await ctx.app.inject({ method: 'GET', url: `/api/leads/${leadId}`, headers: asAdmin }));

const tasksOf = (leadId: string) => ctx.database.db.select().from(tasks).where(eq(tasks.leadId, leadId));

describe('refusing a lead', () => {
  test('keeps the lead, records the reason and revisit date and cancels its open tasks', async () => {
    const leadId = await repLead();
    const first = await openTask(leadId, 'Call the lead');
    const second = await openTask(leadId, 'Send the offer');
    const revisitAt = new Date(ctx.clock.now().getTime() + 30 * DAY).toISOString();
    const response = await refuse(leadId, { reason: 'no_budget', note: 'Back in Q3', revisitAt });
    assert.equal(response.statusCode, 200, response.body);
    const result = bodyOf<RefuseResult>(response);
    assert.equal(result.lead.status, 'refused');
    assert.equal(result.lead.statusReason, 'no_budget');
    assert.equal(result.lead.refusedAt, ctx.clock.now().toISOString());
    assert.equal(result.lead.revisitAt, revisitAt);
    assert.ok(result.canceledTaskIds.includes(first) && result.canceledTaskIds.includes(second));
    assert.equal(result.farewell, null);
    const after = await tasksOf(leadId);
    assert.equal(after.length, result.canceledTaskIds.length, 'routing may have set a first task too');
    assert.ok(after.every((t) => t.status === 'canceled' && t.result === 'lead refused'));
    const { timeline } = await detail(leadId);
    assert.deepEqual(timeline.find((e) => e.type === 'status_changed')?.data, {
      from: 'in_progress',
      to: 'refused',
      reason: 'no_budget',
    });
    const refused = timeline.find((e) => e.type === 'refused');
    assert.equal(refused?.data.note, 'Back in Q3');
    assert.equal(refused?.data.revisitAt, revisitAt);
    assert.equal(refused?.actor.startsWith('token:'), true);
  });

  test('rejects a reason outside the configured list and a revisit date in the past', async () => {
    const leadId = await repLead();
    const response = await refuse(leadId, {
      reason: 'bored',
      revisitAt: new Date(ctx.clock.now().getTime() - DAY).toISOString(),
    });
    assert.equal(response.statusCode, 422);
    assert.deepEqual(
      bodyOf<Problem>(response).invalid_params?.map((p) => p.name),
      ['reason', 'revisitAt'],
    );
    assert.equal((await detail(leadId)).status, 'in_progress');
  });

  test('only the owner, a head or an admin may refuse; a refused lead is not refused twice', async () => {
    const leadId = await repLead();
    const other = await createTestUser(ctx, 'rep');
    assert.equal((await refuse(leadId, { reason: 'spam' }, other.headers)).statusCode, 403);
    const head = await createTestUser(ctx, 'head');
    assert.equal((await refuse(leadId, { reason: 'spam' }, head.headers)).statusCode, 200);
    const again = await refuse(leadId, { reason: 'spam' });
    assert.equal(again.statusCode, 409);
    assert.equal(bodyOf<Problem>(again).code, 'conflict');
  });
});

describe('the farewell email', () => {
  test("queues a farewell in the lead's language with a questionnaire link that records the answer", async () => {
    const leadId = await repLead({ language: 'ru' });
    const result = bodyOf<RefuseResult>(
      await refuse(leadId, { reason: 'chose_competitor', farewell: { send: true } }),
    );
    assert.deepEqual(result.farewell, { queued: true, to: 'olga@kuz.ru', language: 'ru' });
    const outbox = await ctx.database.db.select().from(emailOutbox);
    assert.equal(outbox.length, 1);
    const email = outbox[0];
    assert.equal(email?.dedupKey, `farewell:${leadId}`);
    assert.equal(email?.to, 'olga@kuz.ru');
    assert.equal(email?.subject, 'Спасибо за интерес к нам');
    assert.match(email?.text ?? '', /Здравствуйте, Ольга!/);
    const link = /http:\/\/localhost:3000(\/q\/\S+)/.exec(email?.text ?? '')?.[1];
    assert.ok(link, 'the email carries the questionnaire link');

    const form = await ctx.app.inject({ method: 'GET', url: link });
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /Что мы могли сделать лучше/);
    const answer = await ctx.app.inject({
      method: 'POST',
      url: link,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'answer=%D0%94%D0%BE%D1%80%D0%BE%D0%B3%D0%BE',
    });
    assert.equal(answer.statusCode, 200, answer.body);
    const answered = (await detail(leadId)).timeline.find((e) => e.type === 'questionnaire_answered');
    assert.deepEqual(answered?.data, { answer: 'Дорого' });
    const forged = await ctx.app.inject({ method: 'GET', url: `/q/${leadId}.not-the-token` });
    assert.equal(forged.statusCode, 404);
  });

  test('writes in English by default, and not at all when consent was withdrawn', async () => {
    const english = await repLead({ language: 'de' });
    const sent = bodyOf<RefuseResult>(
      await refuse(english, { reason: 'no_budget', farewell: { send: true } }),
    );
    assert.equal(sent.farewell?.language, 'en');
    const [email] = await ctx.database.db.select().from(emailOutbox);
    assert.equal(email?.subject, 'Thank you for your interest');

    const withdrawn = await repLead({ consent: { given: false } });
    const skipped = bodyOf<RefuseResult>(
      await refuse(withdrawn, { reason: 'no_budget', farewell: { send: true } }),
    );
    assert.deepEqual(skipped.farewell, { queued: false, skipped: 'consent_withdrawn' });
    const noEmail = await repLead({ emails: [] });
    const none = bodyOf<RefuseResult>(
      await refuse(noEmail, { reason: 'no_budget', farewell: { send: true } }),
    );
    assert.deepEqual(none.farewell, { queued: false, skipped: 'no_email' });
    assert.equal((await ctx.database.db.select().from(emailOutbox)).length, 1);
  });
});

describe('recycling refused leads', () => {
  test('the revisit job brings a lead back to its owner with a call task when the date comes', async () => {
    const leadId = await repLead();
    const revisitAt = new Date(ctx.clock.now().getTime() + 30 * DAY);
    await refuse(leadId, { reason: 'no_budget', revisitAt: revisitAt.toISOString() });

    ctx.clock.advance(29 * DAY);
    assert.equal(await revisitRefusedLeads({ database: ctx.database }, { at: ctx.clock.now() }), 0);
    assert.equal((await detail(leadId)).status, 'refused');

    ctx.clock.advance(2 * DAY);
    assert.equal(await revisitRefusedLeads({ database: ctx.database }, { at: ctx.clock.now() }), 1);
    const lead = await detail(leadId);
    assert.equal(lead.status, 'in_progress');
    assert.equal(lead.ownerId, rep.id);
    assert.equal(lead.revisitAt, null);
    assert.equal(lead.statusReason, null);
    assert.ok(lead.refusedAt, 'the refusal stays on record');
    const reopened = lead.timeline.find((e) => e.type === 'reopened');
    assert.equal(reopened?.data.by, 'revisit');
    assert.equal(reopened?.data.previousReason, 'no_budget');
    assert.ok(
      lead.timeline.some((e) => e.type === 'refused'),
      'history is kept',
    );
    const open = (await tasksOf(leadId)).filter((t) => t.status === 'open');
    assert.deepEqual(
      open.map((t) => [t.type, t.assigneeId, t.dueAt.toISOString(), t.id]),
      [['call', rep.id, ctx.clock.now().toISOString(), reopened?.data.taskId]],
    );
    assert.equal(await revisitRefusedLeads({ database: ctx.database }, { at: ctx.clock.now() }), 0);
  });

  test('a lead whose owner left goes back to the pool', async () => {
    const leadId = await repLead();
    await refuse(leadId, {
      reason: 'no_budget',
      revisitAt: new Date(ctx.clock.now().getTime() + DAY).toISOString(),
    });
    await ctx.database.db.update(users).set({ active: false }).where(eq(users.id, rep.id));
    ctx.clock.advance(2 * DAY);
    assert.equal(await revisitRefusedLeads({ database: ctx.database }, { at: ctx.clock.now() }), 1);
    const lead = await detail(leadId);
    assert.equal(lead.status, 'in_progress');
    assert.equal(lead.ownerId, null);
    const [task] = (await tasksOf(leadId)).filter((t) => t.status === 'open');
    assert.equal(task?.assigneeId, null);
  });

  test('reopening by hand does the same at once; only a refused lead is reopened', async () => {
    const leadId = await repLead();
    await refuse(leadId, { reason: 'not_target' });
    const response = await ctx.app.inject({
      method: 'POST',
      url: `/api/leads/${leadId}/reopen`,
      headers: rep.headers,
      payload: { reason: 'They called back' },
    });
    assert.equal(response.statusCode, 200, response.body);
    const body = bodyOf<{ lead: Lead; taskId: string }>(response);
    assert.equal(body.lead.status, 'in_progress');
    const reopened = (await detail(leadId)).timeline.find((e) => e.type === 'reopened');
    assert.deepEqual([reopened?.data.by, reopened?.data.reason], ['hand', 'They called back']);
    const again = await ctx.app.inject({
      method: 'POST',
      url: `/api/leads/${leadId}/reopen`,
      headers: rep.headers,
      payload: {},
    });
    assert.equal(again.statusCode, 409);
  });
});
