import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/store/sql.ts';
import { asAdmin, bodyOf, capture, createTestContext, type TestContext } from '../helpers/app.ts';
import { createTestUser } from '../helpers/users.ts';

let ctx: TestContext;
before(async () => {
  ctx = await createTestContext();
});
after(async () => ctx.close());
beforeEach(async () => ctx.reset());

const send = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown, headers = asAdmin) =>
  ctx.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });

const OLGA = {
  name: 'Ольга Новикова',
  email: 'Olga.Novikova@Example.ru',
  phone: '8 (916) 111-22-33',
  company: 'ООО Ромашка',
  interest: 'Перезвоните мне по поводу скидки',
  utm_source: 'yandex',
  yclid: 'yc-olga-2026',
  externalId: 'partner-olga-777',
  consent: true,
  consentText: 'Согласна на обработку персональных данных',
};

async function captured(payload: Record<string, unknown>) {
  const response = await capture(ctx, payload);
  assert.ok(response.statusCode < 300, response.body);
  return bodyOf<{ outcome: string; lead?: { id: string }; attachedTo?: { id: string } }>(response);
}

/** Every text column and JSON value about the lead, as one string, to search for traces. */
async function tracesOf(leadId: string): Promise<string> {
  const rows = await queryRows<{ trace: string }>(
    ctx.database.db,
    sql`SELECT concat_ws(' ',
        (SELECT to_jsonb(l)::text FROM leads l WHERE l.id = ${leadId}),
        (SELECT string_agg(to_jsonb(i)::text, ' ') FROM inquiries i WHERE i.lead_id = ${leadId}),
        (SELECT string_agg(to_jsonb(t)::text, ' ') FROM timeline_events t WHERE t.lead_id = ${leadId}),
        (SELECT string_agg(to_jsonb(n)::text, ' ') FROM notifications n WHERE n.lead_id = ${leadId}),
        (SELECT string_agg(to_jsonb(p)::text, ' ') FROM match_profiles p WHERE p.lead_id = ${leadId}),
        (SELECT string_agg(k.key, ' ') FROM match_keys k JOIN match_profiles p ON p.id = k.profile_id
          WHERE p.lead_id = ${leadId})) AS trace`,
  );
  return rows[0]?.trace ?? '';
}

describe('forgetting a person', () => {
  test('erases every trace of their name and contacts, while the reports count the same', async () => {
    const rep = await createTestUser(ctx, 'rep', { name: 'Пётр' });
    const first = await captured(OLGA);
    const leadId = first.lead?.id as string;
    // A second touch with a new phone attaches to her card; an admin corrects her name.
    const again = await captured({
      name: 'Ольга Новикова',
      email: 'olga.novikova@example.ru',
      phone: '+7 903 555-44-33',
    });
    assert.equal(again.attachedTo?.id, leadId);
    const edited = await send('PATCH', `/api/leads/${leadId}`, { firstName: 'Оля', ownerId: rep.id });
    assert.equal(edited.statusCode, 200, edited.body);
    const other = await captured({ name: 'Иван Петров', phone: '+7 926 000-00-01' });
    // She became a customer: the contact made from her lead holds her data too.
    const converted = await send('POST', `/api/leads/${leadId}/convert`, {
      contact: { create: {} },
      deal: { amount: '12000.00' },
    });
    assert.equal(converted.statusCode, 200, converted.body);
    const { contact: made, deal } = bodyOf<{ contact: { id: string }; deal: { id: string; title: string } }>(
      converted,
    );
    const contactId = made.id;
    assert.equal(deal.title, 'ООО Ромашка', 'a deal is named after the company by default');
    const task = await send('POST', '/api/tasks', {
      leadId,
      type: 'call',
      title: 'Перезвонить Ольга Новикова про скидку',
      note: 'Просила звонить после 18:00',
      dueInHours: 2,
    });
    assert.equal(task.statusCode, 201, task.body);

    const reportBefore = bodyOf(await send('GET', '/api/reports/channels?from=2026-03-01&to=2026-03-31'));
    const before = await tracesOf(leadId);
    for (const trace of [
      'Новикова',
      'olga.novikova@example.ru',
      '+79161112233',
      '+79035554433',
      'Ромашка',
      'yc-olga-2026',
      'partner-olga-777',
    ])
      assert.ok(before.includes(trace), `before erasure the data holds ${trace}`);

    const response = await send('POST', '/api/privacy/erasures', { phones: ['+7 (903) 555 44 33'] });
    assert.equal(response.statusCode, 200, response.body);
    assert.deepEqual(bodyOf(response), { leadIds: [leadId], contactIds: [contactId] });
    const storedDeal = bodyOf<{ title: string; amount: string }>(await send('GET', `/api/deals/${deal.id}`));
    assert.deepEqual([storedDeal.title, storedDeal.amount], ['Deal', '12000.00']);
    const [storedTask] = await queryRows<{ title: string; note: string | null }>(
      ctx.database.db,
      sql`SELECT title, note FROM tasks WHERE id = ${bodyOf<{ id: string }>(task).id}`,
    );
    assert.deepEqual(storedTask, { title: 'Call', note: null });
    const contact = bodyOf<{ fullName: string; emails: string[]; phones: string[] }>(
      await send('GET', `/api/contacts/${contactId}`),
    );
    assert.deepEqual([contact.fullName, contact.emails, contact.phones], ['', [], []]);

    const after = await tracesOf(leadId);
    for (const trace of [
      'Новикова',
      'Ольга',
      'Оля',
      'olga',
      '79161112233',
      '79035554433',
      'Ромашка',
      'скидки',
      'yc-olga',
      'olga-777',
    ])
      assert.ok(!after.includes(trace), `after erasure nothing holds ${trace}`);
    const lead = bodyOf<{
      fullName: string;
      emails: string[];
      phones: string[];
      ownerId: string;
      status: string;
      consent: { given: boolean } | null;
      timeline: { type: string }[];
    }>(await send('GET', `/api/leads/${leadId}`));
    assert.deepEqual([lead.fullName, lead.emails, lead.phones], ['', [], []]);
    // What the reports count stays: owner, status, consent given, the timeline's facts.
    assert.equal(lead.ownerId, rep.id);
    assert.equal(lead.status, 'converted');
    assert.equal(lead.consent?.given, true);
    assert.ok(lead.timeline.some((e) => e.type === 'personal_data_erased'));
    assert.deepEqual(
      bodyOf(await send('GET', '/api/reports/channels?from=2026-03-01&to=2026-03-31')),
      reportBefore,
    );

    // The other person is untouched, and she is not found by her email any more.
    assert.ok((await tracesOf(other.lead?.id as string)).includes('Петров'));
    const search = bodyOf<{ items: unknown[] }>(await send('GET', '/api/leads?q=novikova'));
    assert.deepEqual(search.items, []);
    // Coming back, she is someone new: nothing is left to match her against.
    const back = await captured({ name: 'Ольга Новикова', email: 'olga.novikova@example.ru' });
    assert.equal(back.outcome, 'created');
    assert.notEqual(back.lead?.id, leadId);
  });

  test('only admins erase; a request naming nobody or with a bad email is a 422 naming the field', async () => {
    const head = await createTestUser(ctx, 'head');
    const refused = await send('POST', '/api/privacy/erasures', { emails: ['a@example.ru'] }, head.headers);
    assert.equal(refused.statusCode, 403);
    assert.equal(bodyOf<{ code: string }>(refused).code, 'forbidden');

    const nobody = await send('POST', '/api/privacy/erasures', {});
    assert.equal(nobody.statusCode, 422);
    assert.deepEqual(
      bodyOf<{ invalid_params: { reason: string }[] }>(nobody).invalid_params.map((p) => p.reason),
      ['name the person: emails, phones, or cards by id'],
    );
    const bad = await send('POST', '/api/privacy/erasures', { emails: ['olga@example.ru', 'not-an-email'] });
    assert.equal(bad.statusCode, 422);
    assert.deepEqual(
      bodyOf<{ invalid_params: { name: string }[] }>(bad).invalid_params.map((p) => p.name),
      ['emails.1'],
    );
    // Nobody holds the address: nothing is erased, and that is said.
    const none = await send('POST', '/api/privacy/erasures', { emails: ['nobody@example.ru'] });
    assert.deepEqual(bodyOf(none), { leadIds: [], contactIds: [] });
  });
});
