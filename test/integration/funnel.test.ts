import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { campaigns, channels, inquiries, leads, timelineEvents } from '../../src/store/schema.ts';
import { campaignDailyStats } from '../../src/store/schemaEconomics.ts';
import { deals } from '../../src/store/schemaWorkflow.ts';
import { asAdmin, bodyOf, createTestContext, type TestContext } from '../helpers/app.ts';
import { createTestUser, type TestUser } from '../helpers/users.ts';

// Funnel of one campaign in April 2026 (Europe/Moscow), every count by hand:
//   clicks 120 → inquiries 80 → leads 10 → contacted 6 → MQL 4 → SQL 3 → converted 2 → customers 1
// F1 customer (won deal), F2 converted per its status history only, F3 jumped IQL → SQL (skipped
// MQL, never contacted by a task), F4 reached MQL once and went back to IQL, F5–F6 contacted,
// F7–F10 untouched. 70 of the 80 inquiries are repeats attached to F1 (10) and F7 (60).

type Stage = {
  stage: string;
  count: number;
  text: string;
  dropOff: { count: number; rate: { value: number | null; text: string } } | null;
};
type Funnel = {
  stages: Stage[];
  bottleneck: { from: string; to: string; lost: number; rate: { value: number; text: string } } | null;
};

let ctx: TestContext;
let rep: TestUser;
let campaignId: string;
let channelId: string;
before(async () => {
  ctx = await createTestContext();
});
after(async () => ctx.close());

const at = (iso: string) => new Date(iso);

beforeEach(async () => {
  await ctx.reset();
  const db = ctx.database.db;
  rep = await createTestUser(ctx, 'rep');
  const [channel] = await db
    .insert(channels)
    .values({ code: 'ads', name: 'Ads' })
    .returning({ id: channels.id });
  if (!channel) throw new Error('no channel');
  channelId = channel.id;
  const [campaign] = await db
    .insert(campaigns)
    .values({ channelId, name: 'Spring', pricingModel: 'cpc', price: '10' })
    .returning({ id: campaigns.id });
  if (!campaign) throw new Error('no campaign');
  campaignId = campaign.id;
  await db.insert(campaignDailyStats).values([
    { campaignId, day: '2026-04-02', impressions: 1000, clicks: 70 },
    { campaignId, day: '2026-04-20', impressions: 1000, clicks: 50 },
    { campaignId, day: '2026-05-01', impressions: 1000, clicks: 999 }, // May: outside
  ]);
  const base = { kind: 'lead' as const, valid: true, fullName: 'Funnel Person', channelId, campaignId };
  const created = at('2026-04-10T09:00:00Z');
  const stages: Array<Partial<typeof leads.$inferInsert>> = [
    // F1
    {
      lifecycleStage: 'customer',
      status: 'converted',
      convertedAt: at('2026-04-12T09:00:00Z'),
      firstResponseAt: at('2026-04-10T09:10:00Z'),
      ownerId: rep.id,
    },
    // F2: converted per its history (status_changed → converted), now back in progress
    {
      lifecycleStage: 'sql',
      status: 'in_progress',
      firstResponseAt: at('2026-04-10T09:20:00Z'),
      ownerId: rep.id,
    },
    // F3: skipped MQL
    { lifecycleStage: 'sql' },
    // F4: IQL now, MQL in history
    { lifecycleStage: 'iql' },
    // F5, F6
    { firstResponseAt: at('2026-04-10T10:00:00Z'), ownerId: rep.id },
    { firstResponseAt: at('2026-04-10T11:00:00Z') },
    {},
    {},
    {},
    {},
  ];
  const ids: string[] = [];
  for (const values of stages) {
    const [row] = await db
      .insert(leads)
      .values({ ...base, createdAt: created, ...values })
      .returning({ id: leads.id });
    if (!row) throw new Error('no lead');
    ids.push(row.id);
  }
  const f = (n: number) => ids[n - 1] as string;
  // History made as the app makes it (updates, then their timeline entries below), so the
  // milestone trigger sees it: F2 was converted and reopened, F4 was an MQL and went back to IQL.
  await db
    .update(leads)
    .set({ status: 'converted' })
    .where(eq(leads.id, f(2)));
  await db
    .update(leads)
    .set({ status: 'in_progress' })
    .where(eq(leads.id, f(2)));
  await db
    .update(leads)
    .set({ lifecycleStage: 'mql' })
    .where(eq(leads.id, f(4)));
  await db
    .update(leads)
    .set({ lifecycleStage: 'iql' })
    .where(eq(leads.id, f(4)));
  // Spam, not a lead: an inquiry but no lead.
  const [spam] = await db
    .insert(leads)
    .values({ ...base, createdAt: created, spam: true, lifecycleStage: 'customer' })
    .returning({ id: leads.id });
  const event = (leadId: string, type: string, data: Record<string, unknown>) => ({
    leadId,
    at: at('2026-04-11T09:00:00Z'),
    actor: 'test',
    type,
    data,
  });
  await db
    .insert(timelineEvents)
    .values([
      event(f(2), 'status_changed', { from: 'qualified', to: 'converted' }),
      event(f(2), 'status_changed', { from: 'converted', to: 'in_progress' }),
      event(f(3), 'lifecycle_changed', { from: 'iql', to: 'sql' }),
      event(f(4), 'lifecycle_changed', { from: 'iql', to: 'mql' }),
      event(f(4), 'lifecycle_changed', { from: 'mql', to: 'iql' }),
    ]);
  await db.insert(deals).values({ title: 'F1', leadId: f(1), amount: '100.00', status: 'won' });
  const inquiry = (leadId: string | null, outcome: string) => ({
    channelId,
    campaignId,
    leadId,
    outcome,
    receivedAt: at('2026-04-10T09:00:00Z'),
  });
  await db.insert(inquiries).values([
    ...ids.map((id) => inquiry(id, 'created')), // 10
    ...Array.from({ length: 10 }, () => inquiry(f(1), 'attached')),
    ...Array.from({ length: 59 }, () => inquiry(f(7), 'attached')),
    inquiry(spam?.id ?? null, 'created'), // 10 + 10 + 59 + 1 = 80
    inquiry(f(7), 'replayed'), // not counted
  ]);
});

async function funnel(query: string): Promise<Funnel> {
  const response = await ctx.app.inject({
    method: 'GET',
    url: `/api/reports/funnel?${query}`,
    headers: asAdmin,
  });
  assert.equal(response.statusCode, 200, response.body);
  return bodyOf<Funnel>(response);
}

describe('funnel report', () => {
  test('counts each stage from history, with drop-off and the bottleneck named', async () => {
    const body = await funnel('from=2026-04-01&to=2026-04-30');
    assert.deepEqual(
      body.stages.map((s) => [s.stage, s.count]),
      [
        ['clicks', 120], // 70 + 50; May's 999 outside
        ['inquiries', 80],
        ['leads', 10], // spam left out
        ['contacted', 6], // F1, F2, F5, F6 by first response; F3 (SQL) and F4 (MQL) passed it
        ['mql', 4], // F1–F4: F3 skipped MQL but passed it, F4 went back to IQL
        ['sql', 3], // F1–F3
        ['converted', 2], // F1, and F2 per its status history
        ['customers', 1], // F1
      ],
    );
    assert.deepEqual(
      body.stages.map((s) => s.dropOff?.count ?? null),
      [null, 40, 70, 4, 2, 1, 1, 1],
    );
    // Rates: 40/120 = 33.3 %, 70/80 = 87.5 %, 4/10 = 40 %, 2/6 = 33.3 %, 1/4 = 25 %, 1/3, 1/2.
    assert.deepEqual(
      body.stages.map((s) => s.dropOff?.rate.text ?? null),
      [null, '33.3%', '87.5%', '40%', '33.3%', '25%', '33.3%', '50%'],
    );
    assert.deepEqual(body.bottleneck, {
      from: 'inquiries',
      to: 'leads',
      lost: 70,
      rate: { value: 0.875, text: '87.5%' },
    });
  });

  test('filtered by owner: no clicks stage, only the owner’s leads and their inquiries', async () => {
    const body = await funnel(`from=2026-04-01&to=2026-04-30&ownerId=${rep.id}`);
    // F1, F2, F5; inquiries: their 3 + 10 attached to F1 = 13.
    assert.deepEqual(
      body.stages.map((s) => [s.stage, s.count]),
      [
        ['inquiries', 13],
        ['leads', 3],
        ['contacted', 3],
        ['mql', 2],
        ['sql', 2],
        ['converted', 2],
        ['customers', 1],
      ],
    );
    // 10 of 13 lost (76.9 %) beats 1 of 3 (MQL, 33 %) and 1 of 2 (customers, 50 %).
    assert.equal(body.bottleneck?.from, 'inquiries');
  });

  test('filtered by channel and campaign; an empty period has no bottleneck', async () => {
    const byCampaign = await funnel(
      `from=2026-04-01&to=2026-04-30&campaignId=${campaignId}&channelId=${channelId}`,
    );
    assert.equal(byCampaign.stages[0]?.count, 120);
    const empty = await funnel('from=2026-06-01&to=2026-06-30');
    // No stats rows: the funnel starts at inquiries, and nothing is lost anywhere.
    assert.deepEqual(
      empty.stages.map((s) => [s.stage, s.count, s.dropOff?.rate.text ?? null]),
      [
        ['inquiries', 0, null],
        ['leads', 0, 'n/a'],
        ['contacted', 0, 'n/a'],
        ['mql', 0, 'n/a'],
        ['sql', 0, 'n/a'],
        ['converted', 0, 'n/a'],
        ['customers', 0, 'n/a'],
      ],
    );
    assert.equal(empty.bottleneck, null);
  });

  test('reps may not see the funnel', async () => {
    const response = await ctx.app.inject({
      method: 'GET',
      url: '/api/reports/funnel?from=2026-04-01&to=2026-04-30',
      headers: rep.headers,
    });
    assert.equal(response.statusCode, 403);
  });
});
