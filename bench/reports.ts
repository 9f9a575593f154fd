// npm run bench:reports — the marketing reports on real PostgreSQL with a year of data.
// Generates BENCH_LEADS leads (default 1,000,000) over 2025 with their inquiries, five timeline
// events each (5,000,000), won deals, and 200 campaigns with a year of daily stats, all with
// generate_series in a few INSERT … SELECT statements. Then times the campaign report for a
// quarter, the monthly dynamics of a year and the funnel of a quarter: the median of 5 runs after a
// warm-up each, and PASS/FAIL against 500 ms as the last lines. Reports read the rollups the
// scheduler keeps (days and months, store/reports/rollups.ts): they are built first, and timed.
// The yearly dynamics are also timed with the report cache holding the months no write has
// touched, and, for reference, counted from scratch with no rollups at all.

import { performance } from 'node:perf_hooks';
import { sql as drizzleSql } from 'drizzle-orm';
import postgres from 'postgres';
import { GROUPINGS, rollUpSome } from '../src/jobs/rollUpReports.ts';
import { economicsReportOf, funnelReportOf } from '../src/services/reports.ts';
import { migrateDatabase, openPostgres } from '../src/store/db.ts';
import { economicsQuery } from '../src/store/reports/economics.ts';
import { funnelQuery } from '../src/store/reports/funnel.ts';
import { reportRows } from '../src/store/reports/period.ts';
import { benchPostgres } from './lib/postgres.ts';

const LEADS = Number(process.env.BENCH_LEADS ?? 1_000_000);
const EVENTS_PER_LEAD = 5;
const CAMPAIGNS = 200;
const CHANNELS = 20;
const OWNERS = 50;
const TARGET_MS = 500;
const RUNS = 5;

const log = (text: string) => console.log(text);

async function generate(sql: postgres.Sql): Promise<void> {
  const step = async (label: string, run: () => Promise<unknown>) => {
    const started = performance.now();
    await run();
    log(`  ${label}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  };
  await step('users, channels, campaigns', async () => {
    await sql`INSERT INTO users (email, name, role)
      SELECT 'rep' || g || '@bench.test', 'Rep ' || g, 'rep' FROM generate_series(1, ${OWNERS}) g`;
    await sql`INSERT INTO channels (code, name)
      SELECT 'channel-' || g, 'Channel ' || g FROM generate_series(1, ${CHANNELS}) g`;
    await sql`INSERT INTO campaigns (channel_id, name, pricing_model, price, currency, average_margin)
      SELECT ch.id, 'Campaign ' || g,
        (ARRAY['cpc','cpm','cpl','cpa','fixed','free'])[1 + g % 6],
        CASE g % 6 WHEN 0 THEN 35 WHEN 1 THEN 180 WHEN 2 THEN 900 WHEN 3 THEN 1500 ELSE NULL END,
        'RUB', CASE WHEN g % 2 = 0 THEN 40000 END
      FROM generate_series(1, ${CAMPAIGNS}) g
        JOIN (SELECT id, row_number() OVER (ORDER BY code) AS n FROM channels) ch ON ch.n = 1 + g % ${CHANNELS}`;
    await sql`CREATE TABLE bench_campaigns AS
      SELECT row_number() OVER (ORDER BY id) AS n, id, channel_id FROM campaigns`;
    await sql`CREATE TABLE bench_users AS SELECT row_number() OVER (ORDER BY id) AS n, id FROM users`;
  });
  await step(
    `daily stats (${CAMPAIGNS} campaigns × 365 days + corrections)`,
    () =>
      sql`INSERT INTO campaign_daily_stats (campaign_id, day, impressions, clicks, actions, spend, source)
      SELECT c.id, d::date, 1000 + (hashint4(c.n::int * 1000 + d_n::int) & 4095), 20 + (hashint4(d_n::int * 7 + c.n::int) & 127),
        hashint4(d_n::int + c.n::int) & 7,
        CASE WHEN cm.pricing_model = 'fixed' THEN 3000.00 END, 'import'
      FROM bench_campaigns c JOIN campaigns cm ON cm.id = c.id
        CROSS JOIN generate_series(date '2025-01-01', date '2025-12-31', interval '1 day') WITH ORDINALITY AS days(d, d_n)
      UNION ALL
      SELECT c.id, date '2025-01-01' + (c.n::int * 7) % 365, 0, 0, 0, -500.00, 'manual' FROM bench_campaigns c`,
  );
  // Leads spread evenly over 2025; a tenth spam, some junk, interests, merged cards; a third of
  // them converted and a tenth customers; lifecycle stages from IQL to customer.
  const CHUNK = 250_000;
  for (let start = 0; start < LEADS; start += CHUNK) {
    const end = Math.min(LEADS, start + CHUNK);
    await step(
      `leads ${start + 1}–${end}`,
      () =>
        sql`INSERT INTO leads (kind, status, status_reason, full_name, valid, spam, channel_id, campaign_id, attribution,
          owner_id, assigned_at, first_response_at, lifecycle_stage, converted_at, merged_into_id, created_at, updated_at)
        SELECT CASE WHEN g % 31 = 0 THEN 'interest' ELSE 'lead' END,
          CASE WHEN g % 20 = 1 THEN 'junk' WHEN g % 3 = 0 THEN 'converted' WHEN g % 20 = 2 THEN 'refused' ELSE 'in_progress' END,
          CASE WHEN g % 20 = 1 THEN 'test' WHEN g % 20 = 2 THEN (ARRAY['not_target','no_budget','spam'])[1 + g % 3] END,
          'Bench Lead ' || g, g % 17 <> 0, g % 10 = 5, c.channel_id, c.id,
          jsonb_build_object('formId', 'form-' || g % 30, 'utm_source', 'yandex'),
          u.id, at + interval '2 minutes',
          CASE WHEN g % 10 < 7 THEN at + (g % 240) * interval '1 minute' END,
          (ARRAY['iql','iql','eql','mql','sal','sql','sql','customer','iql','mql'])[1 + g % 10],
          CASE WHEN g % 3 = 0 THEN at + (g % 500) * interval '1 hour' END,
          CASE WHEN g % 33 = 0 THEN gen_random_uuid() END,
          at, at
        FROM (
          SELECT g, timestamptz '2024-12-31 21:00:00+00' + (g::float8 / ${LEADS}) * interval '365 days' AS at
          FROM generate_series(${start + 1}::int, ${end}::int) g
        ) s
          JOIN bench_campaigns c ON c.n = 1 + (hashint4(g) & 2147483647) % ${CAMPAIGNS}
          JOIN bench_users u ON u.n = 1 + g % ${OWNERS}`,
    );
  }
  await step(
    'inquiries (one per lead, and a repeat attached to each MQL lead)',
    () =>
      sql`INSERT INTO inquiries (received_at, channel_id, campaign_id, lead_id, outcome)
      SELECT created_at, channel_id, campaign_id, id, 'created' FROM leads
      UNION ALL
      SELECT created_at + interval '1 day', channel_id, campaign_id, id, 'attached' FROM leads
        WHERE lifecycle_stage = 'mql'`,
  );
  await step(
    `timeline events (${EVENTS_PER_LEAD} per lead)`,
    () =>
      sql`INSERT INTO timeline_events (lead_id, at, actor, type, data)
      SELECT l.id, l.created_at + k * interval '1 hour', 'bench',
        (ARRAY['captured','status_changed','lifecycle_changed','owner_changed','task_completed'])[k],
        CASE k
          WHEN 2 THEN jsonb_build_object('from', 'new', 'to', l.status)
          WHEN 3 THEN jsonb_build_object('from', 'iql', 'to', l.lifecycle_stage)
          ELSE '{}'::jsonb
        END
      FROM leads l CROSS JOIN generate_series(1, ${EVENTS_PER_LEAD}) k`,
  );
  await step(
    'deals of converted leads (customers won)',
    () =>
      sql`INSERT INTO deals (title, lead_id, amount, currency, status, closed_at, created_at)
      SELECT 'Deal', id, 10000 + (hashtext(id::text) & 65535),
        'RUB', CASE WHEN lifecycle_stage = 'customer' THEN 'won' ELSE 'open' END,
        converted_at, converted_at
      FROM leads WHERE converted_at IS NOT NULL`,
  );
  await step('vacuum analyze', () => sql`VACUUM ANALYZE`);
}

/** The median of RUNS timed runs after a warm-up; `prepare` runs untimed before each. */
async function time(
  label: string,
  run: () => Promise<unknown>,
  prepare: () => Promise<unknown> = async () => {},
): Promise<{ label: string; ms: number }> {
  await prepare();
  await run();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    await prepare();
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  const ms = samples[Math.floor(RUNS / 2)] as number;
  log(`${label}: median ${ms.toFixed(0)} ms (runs: ${samples.map((s) => s.toFixed(0)).join(', ')})`);
  return { label, ms };
}

async function main(): Promise<void> {
  const pg = await benchPostgres('leadflow_bench_reports');
  log(`Database: ${pg.description}`);
  const database = await openPostgres(pg.url, 4);
  const sql = postgres(pg.url, { max: 1, onnotice: () => {} });
  try {
    await migrateDatabase(database);
    const [kept] = pg.reused ? await sql`SELECT 1 AS found FROM leads LIMIT 1` : [];
    if (kept) {
      log('Data kept from an earlier run (BENCH_KEEP=1): not generated again.');
    } else {
      log('Generating data…');
      await generate(sql);
    }
    const [size] = await sql<
      { leads: string; events: string; inquiries: string; stats: string; deals: string; bytes: string }[]
    >`
      SELECT (SELECT count(*) FROM leads) AS leads, (SELECT count(*) FROM timeline_events) AS events,
        (SELECT count(*) FROM inquiries) AS inquiries, (SELECT count(*) FROM campaign_daily_stats) AS stats,
        (SELECT count(*) FROM deals) AS deals, pg_size_pretty(pg_database_size(current_database())) AS bytes`;
    log(
      `Data: ${size?.leads} leads, ${size?.events} timeline events, ${size?.inquiries} inquiries, ` +
        `${CAMPAIGNS} campaigns with ${size?.stats} daily stats rows, ${size?.deals} deals; database ${size?.bytes}`,
    );
    const settings = { defaultCurrency: 'RUB', averageMargin: '30000' };
    const quarter = { from: '2025-04-01', to: '2025-06-30', timeZone: 'Europe/Moscow' };
    const year = { from: '2025-01-01', to: '2025-12-31', timeZone: 'Europe/Moscow' };
    // The rollups the scheduler keeps for the report time zone, built from scratch as a new
    // install's job would (in runs of at most 64 spans per grouping).
    await sql`DELETE FROM report_rollup_cells`;
    await sql`DELETE FROM report_rollups`;
    for (const grouping of GROUPINGS) {
      const started = performance.now();
      let spans = 0;
      for (let kept = -1; kept !== 0; spans += kept)
        kept = await rollUpSome(database.db, grouping, year.timeZone);
      log(
        `rollups of ${grouping} reports: ${spans} days and months in ${((performance.now() - started) / 1000).toFixed(1)} s`,
      );
    }
    if (process.env.BENCH_EXPLAIN) {
      // The plans, to see where the time goes (BENCH_EXPLAIN=1).
      for (const query of [
        economicsQuery('campaign', { period: quarter }),
        economicsQuery('campaign', { period: year, by: 'month' }),
        funnelQuery({ period: quarter }),
      ]) {
        const plan = await reportRows<{ 'QUERY PLAN': string }>(
          database.db,
          drizzleSql`EXPLAIN (ANALYZE, BUFFERS) ${query}`,
        );
        log(plan.map((row) => row['QUERY PLAN']).join('\n'));
      }
    }
    // Closed buckets are also kept in the report cache (store/reports/cache.ts). "Report cache
    // empty" empties it before each run: every figure is merged from the rollups. "Two months
    // changed" is the common case of a live database: before each run 50 leads of November and
    // December change status and a December day gets a cost correction, so those two months are
    // counted again from leads (their rollups went stale until the job's next run) and the other
    // ten come from the report cache.
    const forget = () => sql`DELETE FROM report_cache`;
    const changeLastTwoMonths = async () => {
      await sql`UPDATE leads SET status = CASE WHEN status = 'refused' THEN 'in_progress' ELSE 'refused' END,
          status_reason = CASE WHEN status = 'refused' THEN NULL ELSE 'no_budget' END
        WHERE id IN (SELECT id FROM leads WHERE created_at >= '2025-10-31T21:00Z' AND created_at < '2025-12-31T21:00Z'
          AND NOT spam ORDER BY random() LIMIT 50)`;
      await sql`INSERT INTO campaign_daily_stats (campaign_id, day, spend, note, source)
        SELECT id, date '2025-12-01' + (random() * 30)::int, -1.00, 'bench correction', 'manual'
        FROM campaigns ORDER BY random() LIMIT 1`;
    };
    const dynamics = (grouping: 'campaign' | 'form') => () =>
      economicsReportOf(database.db, grouping, { period: year, by: 'month', locale: 'en' }, settings);
    const results = [
      await time(
        'campaign report, one quarter, report cache empty',
        () => economicsReportOf(database.db, 'campaign', { period: quarter, locale: 'en' }, settings),
        forget,
      ),
      await time('campaign dynamics by month, one year, report cache empty', dynamics('campaign'), forget),
      await time('form dynamics by month, one year, report cache empty', dynamics('form'), forget),
      await time(
        'campaign dynamics by month, one year, two months changed',
        dynamics('campaign'),
        changeLastTwoMonths,
      ),
      await time('funnel, one quarter', () => funnelReportOf(database.db, { period: quarter, locale: 'en' })),
    ];
    // For reference (no target): what a report counts where no rollup is kept yet (a time zone
    // other than the configured one, or a fresh install before the job's first runs).
    await sql`DELETE FROM report_rollup_cells`;
    await sql`DELETE FROM report_rollups`;
    await time(
      'reference: campaign dynamics by month, one year, no rollups, report cache empty',
      dynamics('campaign'),
      forget,
    );
    for (const { label, ms } of results) {
      log(`${ms <= TARGET_MS ? 'PASS' : 'FAIL'} ${label}: ${ms.toFixed(0)} ms (target ≤ ${TARGET_MS} ms)`);
    }
  } finally {
    await sql.end();
    await database.close();
    await pg.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
