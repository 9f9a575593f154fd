import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { rollUpReports } from '../../src/jobs/rollUpReports.ts';
import type { EconomicsGrouping } from '../../src/store/reports/cells.ts';
import { pruneRollups, rollUpSpans, type Span, spansToRollUp } from '../../src/store/reports/rollups.ts';
import { campaigns, channels, inquiries, leads } from '../../src/store/schema.ts';
import { campaignDailyStats } from '../../src/store/schemaEconomics.ts';
import { queryRows } from '../../src/store/sql.ts';
import { asAdmin, bodyOf, createTestContext, type TestContext } from '../helpers/app.ts';
import { jobContextOf } from '../helpers/jobs.ts';
import { createTestUser } from '../helpers/users.ts';

// Rollups keep the economics report's cells per day and month; a report merges the kept spans of
// its period and counts the rest. Whatever was kept, changed or left stale, a report must equal the
// one counted from leads and inquiries alone (rollups and report cache emptied).

type Report = {
  items: Array<{ key: Record<string, unknown>; period?: string; figures: Record<string, unknown> }>;
};

let ctx: TestContext;
before(async () => {
  ctx = await createTestContext();
});
after(async () => ctx.close());

const TZ = 'Europe/Moscow';
const GROUPINGS: EconomicsGrouping[] = ['campaign', 'channel', 'form', 'owner'];
const PATHS: Record<EconomicsGrouping, string> = {
  campaign: 'campaigns',
  channel: 'channels',
  form: 'forms',
  owner: 'owners',
};

// Days and months of March and April 2026, long closed when the tests run.
const daysBetween = (from: string, until: string): Span[] => {
  const spans: Span[] = [];
  for (let t = Date.parse(from); t < Date.parse(until); t += 86_400_000) {
    spans.push({
      from: new Date(t).toISOString().slice(0, 10),
      until: new Date(t + 86_400_000).toISOString().slice(0, 10),
    });
  }
  return spans;
};
const MARCH_APRIL_DAYS = daysBetween('2026-03-01', '2026-05-01');
const MARCH = { from: '2026-03-01', until: '2026-04-01' };
const APRIL = { from: '2026-04-01', until: '2026-05-01' };

type Fixture = { campaignId: string; otherCampaignId: string; channelId: string; leadIds: string[] };
let fx: Fixture;

async function seed(): Promise<Fixture> {
  const db = ctx.database.db;
  const ann = await createTestUser(ctx, 'rep', { name: 'Ann Rep' });
  const bob = await createTestUser(ctx, 'rep', { name: 'Bob Rep' });
  const [channel] = await db.insert(channels).values({ code: 'search', name: 'Search' }).returning();
  if (!channel) throw new Error('no channel');
  const [campaign, other] = await db
    .insert(campaigns)
    .values([
      { channelId: channel.id, name: 'Spring search', pricingModel: 'cpc', price: '10' },
      { channelId: channel.id, name: 'Bought leads', pricingModel: 'cpl', price: '500' },
    ])
    .returning();
  if (!campaign || !other) throw new Error('no campaigns');
  await db.insert(campaignDailyStats).values([
    { campaignId: campaign.id, day: '2026-03-10', impressions: 1000, clicks: 100 },
    { campaignId: campaign.id, day: '2026-04-10', impressions: 2000, clicks: 300 },
  ]);
  // Leads spread over both months and both campaigns, some converted, answered, won, refused,
  // spam, without a campaign, from two forms and two owners; 21:30 UTC is the next day in Moscow.
  const specs = [
    { at: '2026-03-02T09:00:00Z', campaign: campaign.id, owner: ann.id, form: 'contact' },
    {
      at: '2026-03-02T21:30:00Z',
      campaign: campaign.id,
      owner: bob.id,
      form: 'contact',
      respondedMinutes: 12,
    },
    { at: '2026-03-15T10:00:00Z', campaign: other.id, owner: ann.id, form: 'price', convertedHours: 30 },
    { at: '2026-03-31T20:59:00Z', campaign: other.id, owner: ann.id, respondedMinutes: 90, won: '1500.00' },
    { at: '2026-03-31T21:00:00Z', campaign: campaign.id, owner: bob.id, form: 'price', convertedHours: 50 },
    { at: '2026-04-05T09:00:00Z', campaign: null, owner: null, respondedMinutes: 5 },
    { at: '2026-04-06T09:00:00Z', campaign: campaign.id, owner: ann.id, form: 'contact', refused: true },
    { at: '2026-04-07T09:00:00Z', campaign: campaign.id, owner: bob.id, spam: true },
    {
      at: '2026-04-20T09:00:00Z',
      campaign: other.id,
      owner: bob.id,
      convertedHours: 200,
      respondedMinutes: 40,
    },
  ];
  const rows = await db
    .insert(leads)
    .values(
      specs.map((s) => {
        const createdAt = new Date(s.at);
        const later = (ms: number) => new Date(createdAt.getTime() + ms);
        return {
          kind: 'lead' as const,
          valid: true,
          spam: s.spam ?? false,
          fullName: 'Rollup Fixture',
          channelId: channel.id,
          campaignId: s.campaign,
          ownerId: s.owner,
          attribution: s.form ? { formId: s.form } : {},
          status: s.refused ? 'refused' : 'new',
          statusReason: s.refused ? 'not_target' : null,
          createdAt,
          firstResponseAt: s.respondedMinutes ? later(s.respondedMinutes * 60_000) : null,
          convertedAt: s.convertedHours ? later(s.convertedHours * 3_600_000) : null,
          wonRevenue: s.won ?? null,
          wonCurrency: s.won ? 'RUB' : null,
        };
      }),
    )
    .returning({ id: leads.id, createdAt: leads.createdAt, campaignId: leads.campaignId });
  await db.insert(inquiries).values([
    ...rows.map((row) => ({
      leadId: row.id,
      channelId: channel.id,
      campaignId: row.campaignId,
      outcome: 'created' as const,
      receivedAt: row.createdAt,
    })),
    // A repeat inquiry on a day without new leads, and a replay that never counts.
    {
      leadId: rows[0]?.id,
      channelId: channel.id,
      campaignId: campaign.id,
      outcome: 'attached' as const,
      receivedAt: new Date('2026-04-25T09:00:00Z'),
    },
    {
      leadId: rows[0]?.id,
      channelId: channel.id,
      campaignId: campaign.id,
      outcome: 'replayed' as const,
      receivedAt: new Date('2026-04-25T10:00:00Z'),
    },
  ]);
  return {
    campaignId: campaign.id,
    otherCampaignId: other.id,
    channelId: channel.id,
    leadIds: rows.map((r) => r.id),
  };
}

beforeEach(async () => {
  await ctx.reset();
  fx = await seed();
});

async function report(path: string): Promise<Report> {
  await ctx.database.db.execute(sql`DELETE FROM report_cache`);
  const response = await ctx.app.inject({ method: 'GET', url: path, headers: asAdmin });
  assert.equal(response.statusCode, 200, response.body);
  return bodyOf<Report>(response);
}

/** The report counted from leads and inquiries alone: rollups set aside for the one request. */
async function countedReport(path: string): Promise<Report> {
  const db = ctx.database.db;
  await db.execute(sql`CREATE TABLE rollups_set_aside AS SELECT * FROM report_rollups`);
  await db.execute(sql`DELETE FROM report_rollups`);
  try {
    return await report(path);
  } finally {
    await db.execute(sql`INSERT INTO report_rollups SELECT * FROM rollups_set_aside`);
    await db.execute(sql`DROP TABLE rollups_set_aside`);
  }
}

async function rollUpMarchAndApril(groupings: EconomicsGrouping[] = GROUPINGS): Promise<void> {
  for (const grouping of groupings) {
    assert.equal(
      await rollUpSpans(ctx.database.db, grouping, TZ, [...MARCH_APRIL_DAYS, MARCH, APRIL]),
      MARCH_APRIL_DAYS.length + 2,
    );
  }
}

const SHAPES = [
  'from=2026-03-01&to=2026-04-30&by=month',
  'from=2026-03-01&to=2026-04-30&by=week',
  'from=2026-03-25&to=2026-04-08&by=day',
  // Cuts both months: their kept days serve, the month rollups cannot.
  'from=2026-03-02&to=2026-04-21',
  'from=2026-02-20&to=2026-05-10&by=month',
];

const cellCount = async () =>
  (
    await queryRows<{ n: number }>(ctx.database.db, sql`SELECT count(*)::int AS n FROM report_rollup_cells`)
  )[0]?.n;

describe('report rollups', () => {
  test('every grouping and period shape equals the report counted from leads and inquiries', async () => {
    await rollUpMarchAndApril();
    for (const grouping of GROUPINGS) {
      for (const shape of SHAPES) {
        const path = `/api/reports/${PATHS[grouping]}?${shape}&tz=${TZ}`;
        const merged = await report(path);
        assert.ok(merged.items.length > 0, path);
        assert.deepEqual(merged, await countedReport(path), path);
      }
    }
    // The same figures the rollups hold, checked by hand for one row: March of the CPL campaign
    // (2 leads; one won for 1500; lead time 30 h; response 90 min; spend 2 valid leads × 500).
    const months = await report(`/api/reports/campaigns?from=2026-03-01&to=2026-04-30&by=month&tz=${TZ}`);
    const bought = months.items.find((row) => row.period === '2026-03-01' && row.key.name === 'Bought leads');
    const value = (name: string) => (bought?.figures[name] as { value: unknown } | undefined)?.value;
    assert.deepEqual(
      ['leads', 'customers', 'revenue', 'spend', 'leadTimeMedianHours', 'firstResponseMedianMinutes'].map(
        value,
      ),
      [2, 1, 1500, 1000, 30, 90],
    );
  });

  test('a report reads the kept spans, months before days', async () => {
    await rollUpMarchAndApril(['campaign']);
    // Mark the kept March month of the search campaign: only a report reading it shows 70.
    await ctx.database.db.execute(sql`UPDATE report_rollup_cells c SET leads = 70
      FROM report_rollups h
      WHERE h.grouping = 'campaign' AND c.grouping = 'campaign' AND h.from_day = '2026-03-01'
        AND h.until_day = '2026-04-01' AND c.from_day = h.from_day AND c.until_day = h.until_day AND c.computation = h.computation
        AND c.key = ${fx.campaignId}`);
    const leadsOf = (body: Report, period: string | undefined) =>
      (
        body.items.find((row) => row.period === period && row.key.name === 'Spring search')?.figures
          .leads as {
          value: number;
        }
      )?.value;
    const months = await report(`/api/reports/campaigns?from=2026-03-01&to=2026-04-30&by=month&tz=${TZ}`);
    assert.equal(leadsOf(months, '2026-03-01'), 70, 'the whole month came from its month rollup');
    // A period cutting March uses the kept days instead: the true count (the lead of 31 March
    // 21:00 UTC is April's in Moscow).
    const cut = await report(`/api/reports/campaigns?from=2026-03-02&to=2026-03-31&tz=${TZ}`);
    assert.equal(leadsOf(cut, undefined), 2);
  });

  test('a change shows at once, and only its stale spans are rolled up again', async () => {
    await rollUpMarchAndApril();
    const path = `/api/reports/owners?from=2026-03-01&to=2026-04-30&by=month&tz=${TZ}`;
    const before = await report(path);
    await ctx.database.db
      .update(leads)
      .set({ spam: true })
      .where(eq(leads.id, fx.leadIds[2] as string));
    const after = await report(path);
    assert.notDeepEqual(after, before);
    assert.deepEqual(after, await countedReport(path));
    // The lead's day (15 March) and month went stale for every grouping, and nothing else.
    const stale = await spansToRollUp(ctx.database.db, 'campaign', TZ, 1000);
    const inFixture = stale.filter((span) => span.from >= '2026-03-01' && span.until <= '2026-05-01');
    assert.deepEqual(inFixture, [MARCH, { from: '2026-03-15', until: '2026-03-16' }]);
    assert.equal(await rollUpSpans(ctx.database.db, 'owner', TZ, inFixture), 2);
    assert.deepEqual(await report(path), after);
  });

  test('cost changes leave rollups valid; a renamed campaign leaves only form and owner rollups stale', async () => {
    await rollUpMarchAndApril();
    const staleIn = async (grouping: EconomicsGrouping) =>
      (await spansToRollUp(ctx.database.db, grouping, TZ, 1000)).filter((span) => span.from < '2026-05-01')
        .length;
    await ctx.database.db
      .insert(campaignDailyStats)
      .values({ campaignId: fx.campaignId, day: '2026-03-20', spend: '-200.00', note: 'refund' });
    assert.deepEqual(await Promise.all(GROUPINGS.map(staleIn)), [0, 0, 0, 0]);
    const path = `/api/reports/campaigns?from=2026-03-01&to=2026-04-30&by=month&tz=${TZ}`;
    assert.deepEqual(await report(path), await countedReport(path), 'spend is read from the daily stats');
    await ctx.database.db
      .update(campaigns)
      .set({ currency: 'USD' })
      .where(eq(campaigns.id, fx.otherCampaignId));
    // Form and owner rollups keep campaign currencies: all their spans from the first lead's day
    // (2 March) on went stale, 60 days and 2 months.
    assert.deepEqual(await Promise.all(GROUPINGS.map(staleIn)), [0, 0, 62, 62]);
    for (const grouping of GROUPINGS) {
      const shaped = `/api/reports/${PATHS[grouping]}?from=2026-03-01&to=2026-04-30&by=month&tz=${TZ}`;
      assert.deepEqual(await report(shaped), await countedReport(shaped), grouping);
    }
  });

  test('rolling up again replaces the cells; pruning drops cells of lost runs and other time zones', async () => {
    await rollUpMarchAndApril(['channel']);
    const cells = await cellCount();
    assert.ok((cells ?? 0) > 0);
    assert.equal(
      await rollUpSpans(ctx.database.db, 'channel', TZ, [MARCH, ...MARCH_APRIL_DAYS.slice(0, 3)]),
      4,
    );
    assert.equal(await cellCount(), cells, 'the former cells of the spans were deleted');
    // A run that lost to a later one leaves cells no span points to.
    await ctx.database.db.execute(sql`INSERT INTO report_rollup_cells
      SELECT grouping, time_zone, from_day, until_day, gen_random_uuid(), key, campaign_id, leads, valid_leads, target_leads, mql,
        sql_count, lead_currency_min, lead_currency_max, customers, revenue, deal_currency_min, deal_currency_max,
        lead_times, response_times, inquiries
      FROM report_rollup_cells LIMIT 2`);
    await rollUpSpans(ctx.database.db, 'channel', 'UTC', [MARCH]);
    const utc = (
      await queryRows<{ n: number }>(
        ctx.database.db,
        sql`SELECT count(*)::int AS n FROM report_rollup_cells WHERE time_zone = 'UTC'`,
      )
    )[0]?.n;
    assert.ok((utc ?? 0) > 0);
    assert.equal(await pruneRollups(ctx.database.db, TZ), 2 + 1 + (utc ?? 0));
    assert.equal(await cellCount(), cells);
  });

  test('a report in another time zone counts its own days', async () => {
    await rollUpMarchAndApril(['campaign']);
    const path = '/api/reports/campaigns?from=2026-03-01&to=2026-04-30&by=month&tz=UTC';
    assert.deepEqual(await report(path), await countedReport(path));
  });

  test('the job rolls up every closed day and month from the first lead on, then nothing', async () => {
    await ctx.reset();
    const db = ctx.database.db;
    // Two leads 3 and 2 days ago: a short history for the job to work off in one run.
    const now = Date.now();
    await db.insert(leads).values(
      [3, 2].map((daysAgo) => ({
        kind: 'lead' as const,
        valid: true,
        fullName: 'Recent Fixture',
        createdAt: new Date(now - daysAgo * 86_400_000),
      })),
    );
    const job = () => rollUpReports.run(jobContextOf(ctx));
    const kept = await job();
    assert.ok(kept >= 4 * 3, `at least three days per grouping, ${kept}`);
    for (const grouping of GROUPINGS)
      assert.deepEqual(await spansToRollUp(db, grouping, TZ, 10), [], grouping);
    assert.equal(await job(), 0);
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const path = `/api/reports/campaigns?from=${day(now - 5 * 86_400_000)}&to=${day(now)}&by=day&tz=${TZ}`;
    assert.deepEqual(await report(path), await countedReport(path));
  });
});
