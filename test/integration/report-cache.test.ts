import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { warmReportCache } from '../../src/jobs/warmReportCache.ts';
import { pruneReportCache } from '../../src/store/reports/cache.ts';
import { campaigns, channels, inquiries, leads } from '../../src/store/schema.ts';
import { campaignDailyStats } from '../../src/store/schemaEconomics.ts';
import { queryRows } from '../../src/store/sql.ts';
import { asAdmin, bodyOf, createTestContext, type TestContext } from '../helpers/app.ts';
import { jobContextOf } from '../helpers/jobs.ts';
import { createTestUser, type TestUser } from '../helpers/users.ts';

// The report cache keeps the rows of closed buckets and must never answer with rows a later write
// made wrong. Each test changes data the way some code path could (the API or plain SQL: the
// triggers see both) and compares the report with one computed after emptying the cache.

type Figure = { value: number | null; text: string };
type Row = {
  key: { name: string | null; ownerId?: string | null };
  period?: string;
  figures: Record<string, Figure>;
};
type Report = { items: Row[] };

let ctx: TestContext;
before(async () => {
  ctx = await createTestContext();
});
after(async () => ctx.close());

type Fixture = {
  campaignId: string;
  channelId: string;
  march: string[];
  april: string[];
  ann: TestUser;
  bob: TestUser;
};
let fx: Fixture;

// March and April 2026 in Moscow: both long closed when the tests run.
const MONTHS = '/api/reports/campaigns?from=2026-03-01&to=2026-04-30&by=month&tz=Europe/Moscow';
const OWNERS = '/api/reports/owners?from=2026-03-01&to=2026-04-30&by=month&tz=Europe/Moscow';

async function seed(): Promise<Fixture> {
  const db = ctx.database.db;
  const ann = await createTestUser(ctx, 'rep', { name: 'Ann Rep' });
  const bob = await createTestUser(ctx, 'rep', { name: 'Bob Rep' });
  const [channel] = await db.insert(channels).values({ code: 'search', name: 'Search' }).returning();
  if (!channel) throw new Error('no channel');
  const [campaign] = await db
    .insert(campaigns)
    .values({ channelId: channel.id, name: 'Spring search', pricingModel: 'cpc', price: '10' })
    .returning();
  if (!campaign) throw new Error('no campaign');
  await db.insert(campaignDailyStats).values([
    { campaignId: campaign.id, day: '2026-03-10', impressions: 1000, clicks: 100 },
    { campaignId: campaign.id, day: '2026-04-10', impressions: 2000, clicks: 300 },
  ]);
  const insertLeads = async (createdAt: string[]) => {
    const rows = await db
      .insert(leads)
      .values(
        createdAt.map((at) => ({
          kind: 'lead' as const,
          valid: true,
          fullName: 'Cache Fixture',
          channelId: channel.id,
          campaignId: campaign.id,
          ownerId: ann.id,
          createdAt: new Date(at),
        })),
      )
      .returning({ id: leads.id, createdAt: leads.createdAt });
    await db.insert(inquiries).values(
      rows.map((row) => ({
        leadId: row.id,
        channelId: channel.id,
        campaignId: campaign.id,
        outcome: 'created' as const,
        receivedAt: row.createdAt,
      })),
    );
    return rows.map((row) => row.id);
  };
  const march = await insertLeads(['2026-03-05T09:00:00Z', '2026-03-06T09:00:00Z', '2026-03-07T09:00:00Z']);
  const april = await insertLeads(['2026-04-05T09:00:00Z', '2026-04-06T09:00:00Z']);
  return { campaignId: campaign.id, channelId: channel.id, march, april, ann, bob };
}

beforeEach(async () => {
  await ctx.reset();
  fx = await seed();
});

async function report(path: string): Promise<Report> {
  const response = await ctx.app.inject({ method: 'GET', url: path, headers: asAdmin });
  assert.equal(response.statusCode, 200, response.body);
  return bodyOf<Report>(response);
}

/** The report as computed from the data alone, with the cache emptied first. */
async function uncachedReport(path: string): Promise<Report> {
  await ctx.database.db.execute(sql`DELETE FROM report_cache`);
  return report(path);
}

const figure = (body: Report, period: string, name: string) =>
  body.items.find((row) => row.period === period && row.key.name !== null)?.figures[name]?.value;

type Entry = { fromDay: string; computedAt: string; snapshot: string };
async function entries(grouping: string): Promise<Entry[]> {
  return queryRows<Entry>(
    ctx.database.db,
    sql`SELECT from_day::text AS "fromDay", computed_at::text AS "computedAt", snapshot
    FROM report_cache WHERE grouping = ${grouping} ORDER BY from_day`,
  );
}

describe('report cache', () => {
  test('keeps closed months and answers from them with the rows it computed', async () => {
    const first = await report(MONTHS);
    assert.deepEqual(
      (await entries('campaign')).map((e) => e.fromDay),
      ['2026-03-01', '2026-04-01'],
    );
    assert.equal(figure(first, '2026-03-01', 'leads'), 3);
    assert.equal(figure(first, '2026-04-01', 'leads'), 2);
    // 100 clicks × 10 and 300 clicks × 10.
    assert.equal(figure(first, '2026-03-01', 'spend'), 1000);
    assert.equal(figure(first, '2026-04-01', 'spend'), 3000);
    const before = await entries('campaign');
    assert.deepEqual(await report(MONTHS), first);
    assert.deepEqual(await entries('campaign'), before, 'answered from the cache, nothing recomputed');
  });

  test('a period without `by` shares the entry of a month with the same days, under its own name', async () => {
    await report(MONTHS);
    const kept = await entries('campaign');
    const april = await report('/api/reports/campaigns?from=2026-04-01&to=2026-04-30&tz=Europe/Moscow');
    const row = april.items.find((item) => item.key.name !== null);
    assert.equal(row?.period, undefined, 'a report without `by` has no period per row');
    assert.equal(row?.figures.leads?.value, 2);
    assert.deepEqual(await entries('campaign'), kept, 'the April entry answered');
  });

  test('a changed old lead shows at once, and only its own month is recomputed', async () => {
    await report(MONTHS);
    const [, aprilBefore] = await entries('campaign');
    await ctx.database.db
      .update(leads)
      .set({ spam: true })
      .where(eq(leads.id, fx.march[0] as string));
    const after = await report(MONTHS);
    assert.equal(figure(after, '2026-03-01', 'leads'), 2);
    assert.equal(figure(after, '2026-04-01', 'leads'), 2);
    const [, aprilAfter] = await entries('campaign');
    assert.deepEqual(aprilAfter, aprilBefore, 'April was not recomputed');
    assert.deepEqual(after, await uncachedReport(MONTHS));
  });

  test('a status changed through the API shows at once', async () => {
    await report(MONTHS);
    const response = await ctx.app.inject({
      method: 'POST',
      url: `/api/leads/${fx.april[0]}/status`,
      headers: asAdmin,
      payload: { status: 'junk', reason: 'test' },
    });
    assert.equal(response.statusCode, 200, response.body);
    const after = await report(MONTHS);
    assert.equal(figure(after, '2026-04-01', 'leads'), 1);
    assert.deepEqual(after, await uncachedReport(MONTHS));
  });

  test('deleted and added daily stats show at once', async () => {
    await report(MONTHS);
    await ctx.database.db.delete(campaignDailyStats).where(eq(campaignDailyStats.day, '2026-04-10'));
    await ctx.database.db
      .insert(campaignDailyStats)
      .values({ campaignId: fx.campaignId, day: '2026-03-31', spend: '-200.00', note: 'refund' });
    const after = await report(MONTHS);
    assert.equal(figure(after, '2026-04-01', 'spend'), 0);
    assert.equal(figure(after, '2026-03-01', 'spend'), 800);
    assert.deepEqual(after, await uncachedReport(MONTHS));
  });

  test('a renamed campaign shows its new name in every kept month', async () => {
    await report(MONTHS);
    await ctx.database.db.update(campaigns).set({ name: 'Renamed' }).where(eq(campaigns.id, fx.campaignId));
    const after = await report(MONTHS);
    const names = after.items.filter((row) => row.key.name !== null).map((row) => row.key.name);
    assert.deepEqual(names, ['Renamed', 'Renamed']);
  });

  test("an owner change moves the card's later inquiries in the owner report", async () => {
    // A repeat inquiry in April joins a March card; then the card passes from Ann to Bob.
    await ctx.database.db.insert(inquiries).values({
      leadId: fx.march[0] as string,
      channelId: fx.channelId,
      campaignId: fx.campaignId,
      outcome: 'attached',
      receivedAt: new Date('2026-04-20T09:00:00Z'),
    });
    await report(OWNERS);
    await ctx.database.db
      .update(leads)
      .set({ ownerId: fx.bob.id })
      .where(eq(leads.id, fx.march[0] as string));
    const after = await report(OWNERS);
    const bobApril = after.items.find((row) => row.period === '2026-04-01' && row.key.ownerId === fx.bob.id);
    assert.equal(bobApril?.figures.inquiries?.value, 1);
    assert.deepEqual(after, await uncachedReport(OWNERS));
  });

  test('a month not yet over is computed every time and never kept', async () => {
    const now = new Date();
    const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
    const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 0));
    const day = (d: Date) => d.toISOString().slice(0, 10);
    await report(`/api/reports/campaigns?from=${day(first)}&to=${day(last)}&by=month&tz=UTC`);
    const kept = await queryRows<{ n: number }>(
      ctx.database.db,
      sql`SELECT count(*)::int AS n FROM report_cache`,
    );
    assert.equal(kept[0]?.n, 0);
  });

  test('pruning drops only the changes no entry needs', async () => {
    await ctx.database.db
      .update(leads)
      .set({ spam: true })
      .where(eq(leads.id, fx.march[1] as string));
    await report(MONTHS);
    const count = async () =>
      (await queryRows<{ n: number }>(ctx.database.db, sql`SELECT count(*)::int AS n FROM report_changes`))[0]
        ?.n;
    const logged = await count();
    assert.ok((logged ?? 0) > 0);
    assert.deepEqual(
      await pruneReportCache(ctx.database.db),
      { entries: 0, changes: 0 },
      'under a day old: kept',
    );
    assert.equal(await count(), logged);
    // Changes are pruned a day after they were logged at the earliest.
    await ctx.database.db.execute(sql`UPDATE report_changes SET logged_at = now() - interval '2 days'`);
    const pruned = await pruneReportCache(ctx.database.db);
    assert.equal(pruned.entries, 0);
    const older = await queryRows<{ n: number }>(
      ctx.database.db,
      sql`SELECT count(*)::int AS n FROM report_changes
        WHERE txid < (SELECT min(snapshot_xmin) FROM report_cache)`,
    );
    assert.equal(older[0]?.n, 0, 'no change older than every entry is left');
    await ctx.database.db
      .update(leads)
      .set({ spam: false })
      .where(eq(leads.id, fx.march[1] as string));
    const after = await report(MONTHS);
    assert.equal(figure(after, '2026-03-01', 'leads'), 3);
    assert.deepEqual(after, await uncachedReport(MONTHS));
  });
  test('the warm-up recomputes a stale kept month, so the next report finds it kept', async () => {
    await report(MONTHS);
    const [, aprilBefore] = await entries('campaign');
    const warm = () => warmReportCache.run(jobContextOf(ctx));
    assert.equal(await warm(), 0, 'nothing stale yet');
    await ctx.database.db
      .update(leads)
      .set({ spam: true })
      .where(eq(leads.id, fx.march[0] as string));
    assert.equal(await warm(), 1, 'March went stale and was recomputed');
    const warmed = await entries('campaign');
    assert.deepEqual(warmed[1], aprilBefore, 'April was left alone');
    assert.equal(await warm(), 0, 'March is kept again');
    const after = await report(MONTHS);
    assert.deepEqual(await entries('campaign'), warmed, 'the report answered from the cache');
    assert.equal(figure(after, '2026-03-01', 'leads'), 2);
    assert.deepEqual(after, await uncachedReport(MONTHS));
  });

  test('only reports asked for in the last week are warmed, and a month unasked is forgotten', async () => {
    await report(OWNERS);
    await report(MONTHS);
    await ctx.database.db.execute(
      sql`UPDATE report_cache SET read_at = now() - interval '8 days' WHERE grouping = 'owner'`,
    );
    await ctx.database.db
      .update(leads)
      .set({ spam: true })
      .where(eq(leads.id, fx.april[0] as string));
    // Only the campaign report's April: the owner report was last read eight days ago.
    assert.equal(await warmReportCache.run(jobContextOf(ctx)), 1);
    // Asking for the owner report again marks its entries read.
    await report(OWNERS);
    const read = await queryRows<{ grouping: string; fresh: boolean }>(
      ctx.database.db,
      sql`SELECT DISTINCT grouping, read_at > now() - interval '1 minute' AS fresh FROM report_cache ORDER BY 1`,
    );
    assert.deepEqual(
      read.map((r) => [r.grouping, r.fresh]),
      [
        ['campaign', true],
        ['owner', true],
      ],
    );
    await ctx.database.db.execute(
      sql`UPDATE report_cache SET read_at = now() - interval '31 days' WHERE grouping = 'owner'`,
    );
    assert.equal((await pruneReportCache(ctx.database.db)).entries, 2, "the owner report's two months");
    assert.deepEqual(
      (await entries('campaign')).map((e) => e.fromDay),
      ['2026-03-01', '2026-04-01'],
    );
  });
});
