import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { asAdmin, asCapture, bodyOf, capture, createTestContext, type TestContext } from '../helpers/app.ts';
import { createTestUser } from '../helpers/users.ts';

type Lead = { id: string; score: number };
type Accepted = { accepted: number; events: { id: string; leadId: string | null }[] };
type EventRow = {
  id: string;
  leadId: string | null;
  type: string;
  email: string | null;
  phone: string | null;
};
type Problem = { invalid_params?: { name: string; reason: string }[] };

let ctx: TestContext;
before(async () => {
  ctx = await createTestContext();
});
after(async () => ctx.close());
beforeEach(async () => ctx.reset());

async function createLead(payload: Record<string, unknown>): Promise<Lead> {
  ctx.clock.advance(60_000);
  return bodyOf<{ lead: Lead }>(await capture(ctx, payload)).lead;
}

const send = (payload: unknown, headers: Record<string, string> = asCapture) =>
  ctx.app.inject({
    method: 'POST',
    url: '/api/events',
    headers,
    payload: payload as Record<string, unknown>,
  });

const eventsOf = async (id: string) =>
  bodyOf<{ items: EventRow[] }>(
    await ctx.app.inject({ method: 'GET', url: `/api/leads/${id}/events`, headers: asAdmin }),
  ).items;

describe('engagement events', () => {
  test('are matched to a lead by email, phone or visitor id; unmatched ones are kept', async () => {
    const byEmail = await createLead({ name: 'Vera Email', email: 'vera@events.ru' });
    const byPhone = await createLead({ name: 'Petr Phone', phone: '+7 916 555-00-11' });
    const byVisitor = await createLead({
      name: 'Olga Visitor',
      email: 'olga@events.ru',
      visitorId: 'vis-42',
    });
    const response = await send([
      { type: 'download', url: 'https://acme.test/catalog.pdf', email: ' Vera@Events.RU ' },
      { type: 'email_click', phone: '8 (916) 555 00 11' },
      { type: 'page_view', url: 'https://acme.test/', visitorId: 'vis-42' },
      { type: 'page_view', url: 'https://acme.test/', email: 'stranger@events.ru' },
    ]);
    assert.equal(response.statusCode, 202, response.body);
    const result = bodyOf<Accepted>(response);
    assert.equal(result.accepted, 4);
    assert.deepEqual(
      result.events.map((e) => e.leadId),
      [byEmail.id, byPhone.id, byVisitor.id, null],
    );

    const [stored] = await eventsOf(byPhone.id);
    assert.equal(stored?.type, 'email_click');
    assert.equal(stored?.phone, '+79165550011');
    assert.equal((await eventsOf(byEmail.id))[0]?.email, 'vera@events.ru');
  });

  test('a single event rescores its lead by the engagement rules', async () => {
    const lead = await createLead({ name: 'Ilya Engaged', email: 'ilya@events.ru' });
    await ctx.app.inject({
      method: 'POST',
      url: '/api/scoring/rules',
      headers: asAdmin,
      payload: { kind: 'engagement', name: 'Downloads', points: 15, eventType: 'download' },
    });
    const response = await send({ type: 'download', email: 'ilya@events.ru' });
    assert.equal(bodyOf<Accepted>(response).events[0]?.leadId, lead.id);
    const stored = bodyOf<Lead>(
      await ctx.app.inject({ method: 'GET', url: `/api/leads/${lead.id}`, headers: asAdmin }),
    );
    assert.equal(stored.score, 15);
  });

  test('a visitor who identifies themself brings their anonymous events along', async () => {
    const lead = await createLead({ name: 'Nina Known', email: 'nina@events.ru' });
    const anonymous = bodyOf<Accepted>(
      await send([
        { type: 'page_view', url: 'https://acme.test/pricing', visitorId: 'anon-7' },
        { type: 'page_view', url: 'https://acme.test/pricing', visitorId: 'anon-8' },
      ]),
    );
    assert.deepEqual(
      anonymous.events.map((e) => e.leadId),
      [null, null],
    );
    await send({ type: 'form_submit', email: 'nina@events.ru', visitorId: 'anon-7' });
    const events = await eventsOf(lead.id);
    assert.deepEqual(events.map((e) => e.type).sort(), ['form_submit', 'page_view']);
  });

  test('events that came before a lead are linked to it when it is captured, by email or phone', async () => {
    await send([
      { type: 'page_view', url: 'https://acme.test/a', email: 'olga@events.ru' },
      { type: 'page_view', url: 'https://acme.test/b', phone: '+7 916 555-00-11' },
      { type: 'page_view', url: 'https://acme.test/c', email: 'someone.else@events.ru' },
    ]);
    const byEmail = await createLead({ name: 'Olga Early', email: 'olga@events.ru' });
    const byPhone = await createLead({ name: 'Petr Early', phone: '89165550011' });
    assert.deepEqual(
      (await eventsOf(byEmail.id)).map((e) => e.email),
      ['olga@events.ru'],
    );
    assert.deepEqual(
      (await eventsOf(byPhone.id)).map((e) => e.phone),
      ['+79165550011'],
    );
    // Nobody with that email yet: the event keeps waiting, and the next such lead gets it.
    const other = await createLead({ name: 'Someone Else', email: 'someone.else@events.ru' });
    assert.equal((await eventsOf(other.id)).length, 1);
  });

  test('take a capture or full-scope token; bad input is 422 naming the field', async () => {
    const marketer = await createTestUser(ctx, 'marketer');
    assert.equal((await send({ type: 'webinar' }, marketer.headers)).statusCode, 202);
    assert.equal((await send({ type: 'webinar' }, {})).statusCode, 401);
    const bad = await send({ type: 'Page View', occurredAt: 'yesterday' });
    assert.equal(bad.statusCode, 422);
    assert.deepEqual(
      bodyOf<Problem>(bad).invalid_params?.map((p) => p.name),
      ['type', 'occurredAt'],
    );
  });
});
