import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { eq } from 'drizzle-orm';
import { leads } from '../../src/store/schema.ts';
import { asAdmin, asCapture, bodyOf, capture, createTestContext, type TestContext } from '../helpers/app.ts';
import { createTestUser, type TestUser } from '../helpers/users.ts';

type SegmentLead = { id: string; name: string; consent: string; status: string; reason: string | null };

let ctx: TestContext;
let rep: TestUser;
before(async () => {
  ctx = await createTestContext();
});
after(async () => ctx.close());
beforeEach(async () => {
  await ctx.reset();
  rep = await createTestUser(ctx, 'rep');
});

async function lead(
  person: { name: string; email: string; phone?: string; company?: string },
  changes: Partial<typeof leads.$inferInsert>,
): Promise<string> {
  ctx.clock.advance(60_000);
  const body = bodyOf<{ lead: { id: string } }>(await capture(ctx, person));
  await ctx.database.db.update(leads).set(changes).where(eq(leads.id, body.lead.id));
  return body.lead.id;
}

/** Refused-but-interested, refused without consent, one in work, one spam, one owned by someone else. */
async function seed(): Promise<Record<string, string>> {
  const other = await createTestUser(ctx, 'rep');
  return {
    greeted: await lead(
      { name: 'Анна Смирнова', email: 'anna@smirnova.ru', phone: '+79161112233', company: '=HYPERLINK("x")' },
      {
        status: 'refused',
        statusReason: 'no_budget',
        consent: { given: true },
        lifecycleStage: 'sql',
        temperature: 'warm',
        ownerId: rep.id,
      },
    ),
    silent: await lead(
      { name: 'Boris Petrov', email: 'boris@petrov.ru' },
      { status: 'refused', statusReason: 'no_budget', consent: { given: false }, ownerId: rep.id },
    ),
    working: await lead(
      { name: 'Clara Ivanova', email: 'clara@ivanova.ru' },
      { status: 'in_progress', consent: { given: true }, temperature: 'hot', ownerId: rep.id },
    ),
    spam: await lead(
      { name: 'Dmitry Spamov', email: 'dmitry@spamov.ru' },
      { status: 'refused', statusReason: 'no_budget', consent: { given: true }, spam: true },
    ),
    others: await lead(
      { name: 'Elena Chuzhaya', email: 'elena@chuzhaya.ru' },
      { status: 'refused', statusReason: 'no_budget', consent: { given: true }, ownerId: other.id },
    ),
  };
}

const segment = (query: string, headers: Record<string, string> = asAdmin) =>
  ctx.app.inject({ method: 'GET', url: `/api/segments/leads?${query}`, headers });

describe('lead segments for mailings', () => {
  test('exports refused leads with consent as CSV, spam left out', async () => {
    const ids = await seed();
    const response = await segment(
      'consent=given&status=refused&reason=no_budget,chose_competitor&format=csv',
    );
    assert.equal(response.statusCode, 200, response.body);
    assert.match(response.headers['content-type'] as string, /^text\/csv/);
    assert.match(response.headers['content-disposition'] as string, /attachment/);
    const rows = parse(response.body, { columns: true }) as Record<string, string>[];
    assert.deepEqual(Object.keys(rows[0] ?? {}), [
      'name',
      'emails',
      'phones',
      'company',
      'status',
      'reason',
      'lifecycle',
      'temperature',
      'consent',
    ]);
    assert.deepEqual(
      rows.map((r) => r.name),
      ['Анна Смирнова', 'Elena Chuzhaya'],
    );
    assert.deepEqual(rows[0], {
      name: 'Анна Смирнова',
      emails: 'anna@smirnova.ru',
      phones: '+79161112233',
      company: `'=HYPERLINK("x")`,
      status: 'refused',
      reason: 'no_budget',
      lifecycle: 'sql',
      temperature: 'warm',
      consent: 'given',
    });
    assert.ok(ids.spam);
  });

  test('filters by consent, lifecycle and temperature in JSON', async () => {
    const ids = await seed();
    const withdrawn = bodyOf<{ items: SegmentLead[]; count: number }>(await segment('consent=withdrawn'));
    assert.deepEqual(
      withdrawn.items.map((l) => [l.id, l.consent]),
      [[ids.silent, 'withdrawn']],
    );
    const hot = bodyOf<{ items: SegmentLead[] }>(await segment('temperature=hot,warm&lifecycle=iql'));
    assert.deepEqual(
      hot.items.map((l) => l.id),
      [ids.working],
    );
    const withSpam = bodyOf<{ count: number }>(await segment('status=refused&includeSpam=true'));
    assert.equal(withSpam.count, 4);
  });

  test('a rep gets only their own leads and the pool; capture tokens get nothing', async () => {
    const ids = await seed();
    const mine = bodyOf<{ items: SegmentLead[] }>(await segment('consent=given', rep.headers));
    assert.deepEqual(
      mine.items.map((l) => l.id),
      [ids.greeted, ids.working],
    );
    const denied = await segment('format=csv', asCapture);
    assert.equal(denied.statusCode, 403);
    assert.equal(bodyOf<{ code: string }>(denied).code, 'forbidden');
  });

  test('streams a large segment whole, across pages', async () => {
    const values = Array.from({ length: 2500 }, (_, i) => ({
      kind: 'lead' as const,
      valid: true,
      fullName: `Person ${i}`,
      emails: [`p${i}@bulk.ru`],
      status: 'refused',
      statusReason: 'no_budget',
      consent: { given: true },
    }));
    await ctx.database.db.insert(leads).values(values);
    const response = await segment('consent=given&format=csv');
    const rows = parse(response.body, { columns: true }) as Record<string, string>[];
    assert.equal(rows.length, 2500);
    assert.equal(new Set(rows.map((r) => r.emails)).size, 2500);
  });
});
