import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { leads } from '../../src/store/schema.ts';
import { tasks } from '../../src/store/schemaWorkflow.ts';
import { asAdmin, bodyOf, createTestContext, type TestContext } from '../helpers/app.ts';
import { createTestUser, type TestUser } from '../helpers/users.ts';

// Rep performance for April 2026 (Europe/Moscow), "now" = 2026-04-20T12:00Z. By hand:
// Anna received R1–R3 (R4 was assigned in March, R5 is spam): 3 received; worked (a completed
// task) R1, R2 → 2; first responses 30 and 90 minutes → median 60; R1 converted 24 h after it was
// created → conversion 1 / 3, median lead time 24 h; overdue: her open tasks past due now are the
// one on R3 (due April 6th) and the one on R4 (due March 25th) → 2 (a done task past due and an
// open one due later are not overdue).
// Boris received nothing: zeros, conversion n/a.

type Figure = { value: number | null; text: string };
type Row = { key: { ownerId: string; name: string; role: string }; figures: Record<string, Figure> };
type Report = { items: Row[] };

let ctx: TestContext;
let anna: TestUser;
let boris: TestUser;
let head: TestUser;
before(async () => {
  ctx = await createTestContext();
});
after(async () => ctx.close());

const at = (iso: string) => new Date(iso);

beforeEach(async () => {
  await ctx.reset();
  ctx.clock.set('2026-04-20T12:00:00.000Z');
  anna = await createTestUser(ctx, 'rep', { name: 'Anna' });
  boris = await createTestUser(ctx, 'rep', { name: 'Boris' });
  head = await createTestUser(ctx, 'head', { name: 'Helen' });
  const db = ctx.database.db;
  const lead = async (values: Partial<typeof leads.$inferInsert> & { createdAt: Date }) => {
    const [row] = await db
      .insert(leads)
      .values({ kind: 'lead', valid: true, fullName: 'Rep Fixture', ownerId: anna.id, ...values })
      .returning({ id: leads.id });
    if (!row) throw new Error('no lead');
    return row.id;
  };
  const r1 = await lead({
    createdAt: at('2026-04-02T09:00:00Z'),
    assignedAt: at('2026-04-02T09:01:00Z'),
    firstResponseAt: at('2026-04-02T09:30:00Z'),
    convertedAt: at('2026-04-03T09:00:00Z'),
    status: 'converted',
  });
  const r2 = await lead({
    createdAt: at('2026-04-03T09:00:00Z'),
    assignedAt: at('2026-04-03T09:01:00Z'),
    firstResponseAt: at('2026-04-03T10:30:00Z'),
  });
  // Never assigned by routing: counted by its creation in the period.
  const r3 = await lead({ createdAt: at('2026-04-05T09:00:00Z') });
  const r4 = await lead({ createdAt: at('2026-03-20T09:00:00Z'), assignedAt: at('2026-03-20T09:01:00Z') });
  await lead({ createdAt: at('2026-04-06T09:00:00Z'), assignedAt: at('2026-04-06T09:01:00Z'), spam: true });
  const task = (leadId: string, dueAt: string, status: 'open' | 'done') => ({
    leadId,
    type: 'call' as const,
    title: 'Call',
    dueAt: at(dueAt),
    assigneeId: anna.id,
    status,
    createdBy: 'test',
    ...(status === 'done' ? { completedAt: at(dueAt) } : {}),
  });
  await db
    .insert(tasks)
    .values([
      task(r1, '2026-04-02T09:30:00Z', 'done'),
      task(r2, '2026-04-03T10:30:00Z', 'done'),
      task(r2, '2026-04-25T10:00:00Z', 'open'),
      task(r3, '2026-04-06T09:00:00Z', 'open'),
      task(r4, '2026-03-25T09:00:00Z', 'open'),
    ]);
});

async function reps(
  headers: Record<string, string>,
  query = 'from=2026-04-01&to=2026-04-30',
): Promise<Report> {
  const response = await ctx.app.inject({ method: 'GET', url: `/api/reports/reps?${query}`, headers });
  assert.equal(response.statusCode, 200, response.body);
  return bodyOf<Report>(response);
}

const valuesOf = (row: Row | undefined) =>
  Object.fromEntries(Object.entries(row?.figures ?? {}).map(([name, figure]) => [name, figure.value]));

describe('rep performance report', () => {
  test('leads received and worked, first response, overdue tasks, conversion and lead time per rep', async () => {
    const body = await reps(head.headers);
    assert.deepEqual(
      body.items.map((row) => row.key.name),
      ['Anna', 'Boris'],
    );
    const annaRow = body.items[0];
    assert.deepEqual(annaRow?.key, { ownerId: anna.id, name: 'Anna', role: 'rep' });
    assert.deepEqual(valuesOf(annaRow), {
      received: 3,
      worked: 2,
      firstResponseMedianMinutes: 60, // (30 + 90) / 2
      overdueTasks: 2,
      converted: 1,
      conversionRate: 1 / 3,
      leadTimeMedianHours: 24,
    });
    assert.equal(annaRow?.figures.conversionRate?.text, '33.3%');
    assert.equal(annaRow?.figures.firstResponseMedianMinutes?.text, '60 min');
    assert.deepEqual(valuesOf(body.items[1]), {
      received: 0,
      worked: 0,
      firstResponseMedianMinutes: null,
      overdueTasks: 0,
      converted: 0,
      conversionRate: null, // 0 / 0
      leadTimeMedianHours: null,
    });
    assert.equal(body.items[1]?.figures.conversionRate?.text, 'n/a');
  });

  test('overdue is measured at the injected clock', async () => {
    ctx.clock.set('2026-04-26T00:00:00.000Z'); // the April 25th task is now past due too
    const body = await reps(asAdmin);
    assert.equal(body.items.find((row) => row.key.ownerId === anna.id)?.figures.overdueTasks?.value, 3);
  });

  test('a rep sees only their own row', async () => {
    const own = await reps(boris.headers);
    assert.deepEqual(
      own.items.map((row) => row.key.ownerId),
      [boris.id],
    );
  });

  test('as CSV, one number per column', async () => {
    const response = await ctx.app.inject({
      method: 'GET',
      url: '/api/reports/reps?from=2026-04-01&to=2026-04-30&format=csv',
      headers: asAdmin,
    });
    assert.equal(response.statusCode, 200, response.body);
    const rows = parse(response.body, { columns: true }) as Record<string, string>[];
    assert.deepEqual(
      rows.map((row) => [row.name, row.received, row.worked, row.overdueTasks, row.conversionRate]),
      [
        ['Anna', '3', '2', '2', String(1 / 3)],
        ['Boris', '0', '0', '0', ''],
      ],
    );
  });
});
