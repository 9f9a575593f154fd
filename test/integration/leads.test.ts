import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { asAdmin, bodyOf, capture, createTestContext, type TestContext } from '../helpers/app.ts';
import { createTestUser } from '../helpers/users.ts';

type Lead = {
  id: string;
  fullName: string;
  emails: string[];
  phones: string[];
  status: string;
  kind: string;
  company: string | null;
  mergedIntoId: string | null;
  createdAt: string;
};
type Page = { items: Lead[]; nextCursor: string | null };
type Detail = Lead & {
  inquiries: { id: string }[];
  timeline: { type: string; data: Record<string, unknown> }[];
};

let ctx: TestContext;
before(async () => {
  ctx = await createTestContext();
});
after(async () => ctx.close());
beforeEach(async () => ctx.reset());

const get = async <T>(url: string) =>
  bodyOf<T>(await ctx.app.inject({ method: 'GET', url, headers: asAdmin }));
const createLead = async (payload: Record<string, unknown>) => {
  ctx.clock.advance(60_000);
  return bodyOf<{ lead: Lead }>(await capture(ctx, payload)).lead;
};

describe('listing leads', () => {
  test('pages newest first with a cursor, without repeats or gaps', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 7; i++)
      ids.push(
        (await createLead({ name: `Person${String.fromCharCode(65 + i)} Listed`, email: `l${i}@list.ru` }))
          .id,
      );
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = await get<Page>(`/api/leads?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((l) => l.id));
      cursor = page.nextCursor;
    } while (cursor);
    assert.deepEqual(seen, [...ids].reverse());
  });

  test('filters by owner, or by the unassigned pool with ownerId=none', async () => {
    const rep = await createTestUser(ctx, 'rep');
    const mine = await createLead({ name: 'Owned Person', email: 'owned@list.ru' });
    const pooled = await createLead({ name: 'Pooled Person', email: 'pooled@list.ru' });
    const assign = await ctx.app.inject({
      method: 'POST',
      url: `/api/leads/${mine.id}/assign`,
      headers: asAdmin,
      payload: { ownerId: rep.id },
    });
    assert.equal(assign.statusCode, 200, assign.body);
    const owned = await get<Page>(`/api/leads?ownerId=${rep.id}`);
    assert.deepEqual(
      owned.items.map((l) => l.id),
      [mine.id],
    );
    const pool = await get<Page>('/api/leads?ownerId=none');
    assert.deepEqual(
      pool.items.map((l) => l.id),
      [pooled.id],
    );
  });

  test('searches name, email, phone and company, in either script', async () => {
    const ivan = await createLead({
      name: 'Иван Сидоров',
      email: 'sid@corp.ru',
      phone: '+79165550011',
      company: 'Вектор',
    });
    await createLead({ name: 'Anna Lee', email: 'anna@lee.com' });
    for (const q of ['сидоров', 'Sidorov', 'sid@corp', '8 916 555-00-11', 'вектор']) {
      const page = await get<Page>(`/api/leads?q=${encodeURIComponent(q)}`);
      assert.deepEqual(
        page.items.map((l) => l.id),
        [ivan.id],
        q,
      );
    }
  });

  test('filters by kind, status and creation time', async () => {
    const first = await createLead({ name: 'Early Bird', email: 'early@bird.ru' });
    const interest = await createLead({ company: 'Switchboard LLC', phone: '+74951112233' });
    // Each createLead moves the clock a minute: half a minute after the first lies between them.
    const from = encodeURIComponent(new Date(Date.parse(first.createdAt) + 30_000).toISOString());
    assert.deepEqual(
      (await get<Page>('/api/leads?kind=interest')).items.map((l) => l.id),
      [interest.id],
    );
    assert.deepEqual(
      (await get<Page>('/api/leads?status=new&kind=lead')).items.map((l) => l.id),
      [first.id],
    );
    assert.deepEqual(
      (await get<Page>(`/api/leads?createdFrom=${from}`)).items.map((l) => l.id),
      [interest.id],
    );
  });

  test('refuses a bad filter with 400 naming the parameter', async () => {
    const response = await ctx.app.inject({
      method: 'GET',
      url: '/api/leads?kind=customer&limit=5000',
      headers: asAdmin,
    });
    assert.equal(response.statusCode, 400);
    const problem = bodyOf<{ invalid_params: { name: string }[] }>(response);
    assert.deepEqual(problem.invalid_params.map((p) => p.name).sort(), [
      'querystring.kind',
      'querystring.limit',
    ]);
  });
});

describe('editing a lead', () => {
  test('normalizes the change, records it on the timeline and turns a verified interest into a lead', async () => {
    const interest = await createLead({ company: 'Ромашка', phone: '+74951112233' });
    const response = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/leads/${interest.id}`,
      headers: asAdmin,
      payload: { firstName: 'ольга', lastName: 'КРАСНОВА', emails: ['Olga@Romashka.RU'] },
    });
    assert.equal(response.statusCode, 200);
    const lead = bodyOf<Lead & { firstName: string; lastName: string }>(response);
    assert.equal(lead.firstName, 'Ольга');
    assert.equal(lead.lastName, 'Краснова');
    assert.deepEqual(lead.emails, ['olga@romashka.ru']);
    assert.equal(lead.kind, 'lead');
    const detail = await get<Detail>(`/api/leads/${interest.id}`);
    const updated = detail.timeline.find((e) => e.type === 'updated');
    assert.deepEqual(Object.keys(updated?.data.changes as object).sort(), [
      'emails',
      'firstName',
      'fullName',
      'kind',
      'lastName',
      'problems',
      'valid',
    ]);
    // The edit is visible to the duplicate matcher: an inquiry with the new email attaches.
    const repeat = bodyOf<{ outcome: string; attachedTo: { id: string } }>(
      await capture(ctx, { name: 'Olga Krasnova', email: 'olga@romashka.ru' }),
    );
    assert.equal(repeat.outcome, 'attached');
    assert.equal(repeat.attachedTo.id, interest.id);
  });

  test('refuses an invalid email with 422 naming it, and unknown fields', async () => {
    const lead = await createLead({ name: 'Petr Ivanov', phone: '+79160001122' });
    const bad = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/leads/${lead.id}`,
      headers: asAdmin,
      payload: { emails: ['ok@mail.ru', 'broken'] },
    });
    assert.equal(bad.statusCode, 422);
    assert.deepEqual(
      bodyOf<{ invalid_params: { name: string }[] }>(bad).invalid_params.map((p) => p.name),
      ['emails.1'],
    );
    const unknown = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/leads/${lead.id}`,
      headers: asAdmin,
      payload: { colour: 'red' },
    });
    assert.equal(unknown.statusCode, 422);
    assert.match(unknown.body, /colour/);
  });

  test('answers 404 problem for a lead that does not exist', async () => {
    const response = await ctx.app.inject({
      method: 'GET',
      url: '/api/leads/0190a0a0-0000-7000-8000-000000000000',
      headers: asAdmin,
    });
    assert.equal(response.statusCode, 404);
    assert.equal(bodyOf<{ code: string }>(response).code, 'not_found');
  });
});

describe('merging duplicates', () => {
  test('keeps every inquiry and history entry of both leads and fills gaps', async () => {
    const target = await createLead({ name: 'Елена Козлова', phone: '+79261234567' });
    const source = await createLead({
      name: 'Дмитрий Козлов',
      phone: '+79261234567',
      email: 'dk@mail.ru',
      company: 'Альфа',
    });
    const queue = await get<{ items: { id: string }[] }>('/api/duplicates');
    assert.equal(queue.items.length, 1);

    const response = await ctx.app.inject({
      method: 'POST',
      url: `/api/leads/${target.id}/merge`,
      headers: asAdmin,
      payload: { sourceId: source.id, prefer: { firstName: 'target' } },
    });
    assert.equal(response.statusCode, 200);
    const merged = bodyOf<Detail>(response);
    assert.equal(merged.inquiries.length, 2);
    assert.deepEqual(merged.emails, ['dk@mail.ru']);
    assert.equal(merged.company, 'Альфа');
    assert.equal(merged.fullName, 'Елена Козлова');
    assert.deepEqual(
      merged.timeline.map((e) => e.type),
      ['created', 'routed', 'created', 'duplicate_suspected', 'routed', 'merged'],
    );
    const tombstone = await get<Detail>(`/api/leads/${source.id}`);
    assert.equal(tombstone.mergedIntoId, target.id);
    assert.equal(tombstone.status, 'merged');
    assert.deepEqual((await get<{ items: unknown[] }>('/api/duplicates')).items, [], 'the review is closed');
    assert.deepEqual(
      (await get<Page>('/api/leads')).items.map((l) => l.id),
      [target.id],
      'merged leads leave the list',
    );

    const again = await ctx.app.inject({
      method: 'POST',
      url: `/api/leads/${target.id}/merge`,
      headers: asAdmin,
      payload: { sourceId: source.id },
    });
    assert.equal(again.statusCode, 409);
  });

  test('dismissing a review closes it without touching the leads', async () => {
    await createLead({ name: 'Елена Козлова', phone: '+79261234567' });
    await createLead({ name: 'Дмитрий Козлов', phone: '+79261234567' });
    const [review] = (await get<{ items: { id: string }[] }>('/api/duplicates')).items;
    const response = await ctx.app.inject({
      method: 'POST',
      url: `/api/duplicates/${review?.id}/dismiss`,
      headers: asAdmin,
    });
    assert.equal(bodyOf<{ status: string }>(response).status, 'dismissed');
    assert.deepEqual((await get<{ items: unknown[] }>('/api/duplicates')).items, []);
    assert.equal((await get<Page>('/api/leads')).items.length, 2);
  });
});
