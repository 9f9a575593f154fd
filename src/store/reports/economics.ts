import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../db.ts';
import { cacheClosedBuckets, cachedBuckets, type ReportCacheKey, takeSnapshot } from './cache.ts';
import {
  COUNT_COLUMN_NAMES,
  type EconomicsGrouping,
  inquiryCellsOver,
  keysOf,
  leadCellsOver,
} from './cells.ts';
import {
  andIf,
  type BucketDays,
  bucketDaysOf,
  bucketRows,
  type Granularity,
  type ReportPeriod,
  reportRows,
} from './period.ts';
import { keptCellsOf, keptSpansOf } from './rollups.ts';

// The economics report (PRODUCT.md §3) in one SQL statement per half of its buckets: every
// figure is computed by GROUP BY in the database; JavaScript only divides the sums into ratios.
// The statement merges the cells of kept rollups (rollups.ts) where the period has valid ones and
// counts cells (cells.ts) from leads and inquiries for the other days.
//
// - cohort: the leads created in the period (spam, junk, interests and merged cards left out);
//   their MQL/SQL stages, won deals, revenue and lead times count whenever they happened.
//   Milestones come from leads.peak_stage_rank (see period.ts), not from the timeline; customers
//   and revenue from leads.won_revenue / won_currency (the lead's won deals, kept by a trigger).
// - traffic and spend: campaign_daily_stats rows whose day is in the period.
// - inquiries: received in the period, every outcome but 'replayed' and 'failed' (attached
//   duplicates and spam count here).

export type { EconomicsGrouping };

export type EconomicsFilter = {
  period: ReportPeriod;
  by?: Granularity;
  channelId?: string;
  campaignId?: string;
};

/** Sums and percentiles of one report row; money as exact decimal strings. */
export type EconomicsRow = {
  /** null: the leads with no campaign / channel / form / owner. */
  key: string | null;
  bucket: string;
  name: string | null;
  channelId: string | null;
  pricingModel: string | null;
  averageMargin: string | null;
  impressions: number | null;
  clicks: number | null;
  inquiries: number;
  leads: number;
  validLeads: number;
  targetLeads: number;
  mql: number;
  sql: number;
  customers: number;
  revenue: string;
  /** null for groupings that carry no cost (forms, owners). */
  spend: string | null;
  leadTimeMedianHours: number | null;
  leadTimeP90Hours: number | null;
  firstResponseMedianMinutes: number | null;
  /** Currencies met in the row (campaigns and won deals): each source gives its count and one of them. */
  currencies: Array<{ count: number; one: string | null }>;
};

function labelOf(grouping: EconomicsGrouping): { join: SQL; columns: SQL } {
  switch (grouping) {
    case 'campaign':
      return {
        join: sql`LEFT JOIN campaigns lc ON lc.id = k.key`,
        columns: sql`lc.name AS name, lc.channel_id::text AS "channelId", lc.pricing_model AS "pricingModel", lc.average_margin::text AS "averageMargin"`,
      };
    case 'channel':
      return {
        join: sql`LEFT JOIN channels lc ON lc.id = k.key`,
        columns: sql`lc.name AS name, lc.id::text AS "channelId", NULL AS "pricingModel", NULL AS "averageMargin"`,
      };
    case 'form':
      return {
        join: sql``,
        columns: sql`nullif(k.key, '') AS name, NULL AS "channelId", NULL AS "pricingModel", NULL AS "averageMargin"`,
      };
    case 'owner':
      return {
        join: sql`LEFT JOIN users lc ON lc.id = k.key`,
        columns: sql`lc.name AS name, NULL AS "channelId", NULL AS "pricingModel", NULL AS "averageMargin"`,
      };
  }
}

/** A cell's key and counts (its values and inquiries are read apart). */
const COUNT_COLUMNS = sql.raw(['key', ...COUNT_COLUMN_NAMES].join(', '));

/**
 * How many different non-null values a column has in a group, counted up to two (all a report
 * needs to tell one currency from a mix); unlike count(DISTINCT …) it lets PostgreSQL hash groups.
 */
const distinctUpToTwo = (column: SQL): SQL => currencyCount(column, column);

/** distinctUpToTwo over groups that each kept their own least and greatest value. */
const currencyCount = (least: SQL, greatest: SQL): SQL =>
  sql`(CASE WHEN min(${least}) IS NULL THEN 0 WHEN min(${least}) = max(${greatest}) THEN 1 ELSE 2 END)`;

/**
 * The report's statement for some buckets (exported so the benchmark can EXPLAIN it). Each cell,
 * kept or counted from the cohort, brings its counts and its lead and response times; a row adds
 * up its cells' counts and takes percentiles of their pooled times. `useRollups` false counts
 * every day from leads and inquiries.
 */
export function economicsQuery(
  grouping: EconomicsGrouping,
  filter: EconomicsFilter,
  buckets: BucketDays[] = bucketDaysOf(filter.period, filter.by),
  useRollups = true,
): SQL {
  const { period } = filter;
  const keys = keysOf(grouping);
  const label = labelOf(grouping);
  const leadFilter = sql`${andIf(filter.channelId ? sql`l.channel_id = ${filter.channelId}` : false)}${andIf(
    filter.campaignId ? sql`l.campaign_id = ${filter.campaignId}` : false,
  )}`;
  const statFilter = sql`${andIf(filter.channelId ? sql`c.channel_id = ${filter.channelId}` : false)}${andIf(
    filter.campaignId ? sql`c.id = ${filter.campaignId}` : false,
  )}`;
  const inquiryFilter = sql`${andIf(filter.channelId ? sql`i.channel_id = ${filter.channelId}` : false)}${andIf(
    filter.campaignId ? sql`i.campaign_id = ${filter.campaignId}` : false,
  )}`;

  // Spend per campaign and bucket: stated spend where stated, else derived from the pricing model
  // per row (clicks × CPC, impressions / 1000 × CPM, actions × CPA, 0 when free; fixed budgets
  // must be stated). A CPL campaign with no stated spend in the bucket costs valid leads × price.
  const traffic = keys.stat
    ? sql`,
  stat_rows AS (
    SELECT s.campaign_id, b.bucket, s.impressions, s.clicks, s.spend,
      CASE WHEN s.spend IS NULL THEN
        CASE c.pricing_model
          WHEN 'cpc' THEN s.clicks * c.price
          WHEN 'cpm' THEN s.impressions * c.price / 1000
          WHEN 'cpa' THEN s.actions * c.price
          WHEN 'free' THEN 0
        END
      END AS derived
    FROM buckets b JOIN campaign_daily_stats s ON s.day >= b.from_day AND s.day < b.until_day
      JOIN campaigns c ON c.id = s.campaign_id
    WHERE true${statFilter}
  ),
  stat_campaigns AS (
    SELECT campaign_id, bucket, sum(impressions) AS impressions, sum(clicks) AS clicks,
      sum(spend) AS stated, count(spend) AS stated_rows, sum(derived) AS derived
    FROM stat_rows GROUP BY campaign_id, bucket
  ),
  -- From the cohort's cells, which were counted per campaign for this (no second pass over leads).
  cpl_leads AS (
    SELECT x.campaign_id, x.bucket, sum(x.valid_leads) AS valid_leads
    FROM lead_cells x JOIN campaigns c ON c.id = x.campaign_id WHERE c.pricing_model = 'cpl' GROUP BY 1, 2
  ),
  campaign_costs AS (
    SELECT c.id, c.channel_id, c.currency, x.bucket, coalesce(x.impressions, 0) AS impressions,
      coalesce(x.clicks, 0) AS clicks,
      CASE WHEN c.pricing_model = 'cpl' AND coalesce(x.stated_rows, 0) = 0
        THEN coalesce(x.valid_leads, 0) * coalesce(c.price, 0)
        ELSE coalesce(x.stated, 0) + coalesce(x.derived, 0)
      END AS spend
    FROM (
      SELECT coalesce(sc.campaign_id, cl.campaign_id) AS campaign_id, coalesce(sc.bucket, cl.bucket) AS bucket,
        sc.impressions, sc.clicks, sc.stated, sc.stated_rows, sc.derived, cl.valid_leads
      FROM stat_campaigns sc FULL JOIN cpl_leads cl ON cl.campaign_id = sc.campaign_id AND cl.bucket = sc.bucket
    ) x JOIN campaigns c ON c.id = x.campaign_id
  ),
  traffic AS (
    SELECT coalesce(${keys.stat}, ${keys.none}) AS key, bucket, sum(impressions)::float8 AS impressions, sum(clicks)::float8 AS clicks,
      round(sum(spend), 2) AS spend, ${distinctUpToTwo(sql`currency`)} AS currency_count, min(currency) AS currency
    FROM campaign_costs c GROUP BY 1, 2
  )`
    : sql`,
  traffic AS (
    SELECT ${keys.none} AS key, NULL::date AS bucket, NULL::float8 AS impressions, NULL::float8 AS clicks,
      NULL::numeric AS spend, 0 AS currency_count, NULL::text AS currency WHERE false
  )`;

  // Percentiles of the values each row collected from its cells, each row sorting only its own
  // few hundred.
  const percentileOf = (fractions: string, values: SQL) =>
    sql`(SELECT percentile_cont(${sql.raw(fractions)}) WITHIN GROUP (ORDER BY v) FROM unnest(${values}) AS v)`;
  // Kept rollups serve unfiltered reports (they are kept per grouping only); the days they do not
  // cover are counted from leads and inquiries, range by range.
  const useKept = useRollups && !filter.channelId && !filter.campaignId;
  const percentilesOfRows = sql`SELECT c.key, c.bucket, lt.p[1] AS lead_time_median, lt.p[2] AS lead_time_p90,
      ${percentileOf('0.5', sql`c.response_times`)} AS first_response_median
    FROM (
      SELECT key, bucket, report_array_cat(lead_times) AS lead_times, report_array_cat(response_times) AS response_times
      FROM (
        SELECT bucket, key, lead_times, response_times FROM live_cells${
          useKept
            ? sql`
        UNION ALL SELECT * FROM ${keptCellsOf(grouping, period.timeZone, ['key', 'lead_times', 'response_times'])} v`
            : sql``
        }
      ) v GROUP BY 1, 2
    ) c CROSS JOIN LATERAL ${percentileOf('ARRAY[0.5, 0.9]', sql`c.lead_times`)} AS lt(p)`;

  // The kept spans' counts and inquiries, read once for both (their values are read apart).
  const ranges = useKept
    ? sql`${keptSpansOf(grouping, period.timeZone)},
  kept_counts AS MATERIALIZED (
    SELECT * FROM ${keptCellsOf(grouping, period.timeZone, ['key', ...COUNT_COLUMN_NAMES, 'inquiries'])} k
  )`
    : sql`ranges AS NOT MATERIALIZED (SELECT bucket, starts, ends FROM buckets)`;

  const query = sql`WITH
  -- Inlined where used: a list of constants the planner counts.
  buckets AS NOT MATERIALIZED (${bucketRows(period.timeZone, buckets)}),
  ${ranges},
  -- The cohort (leads created in the period, counted as PRODUCT.md §3 counts them) in cells per
  -- key and bucket, and also per campaign where spend needs it (campaigns priced per lead cost
  -- their valid leads): counted for the ranges, kept for the kept days. A cell's campaign brings
  -- its currency afterwards, a few thousand joins rather than one per lead.
  live_cells AS (${leadCellsOver(grouping, sql`ranges`, leadFilter)}),
  -- The cells' counts (their values pool in lead_percentiles).
  lead_cells AS (
    SELECT bucket, ${COUNT_COLUMNS} FROM live_cells${
      useKept
        ? sql`
    UNION ALL SELECT bucket, ${COUNT_COLUMNS} FROM kept_counts WHERE leads > 0`
        : sql``
    }
  ),
  lead_counts AS (
    SELECT x.key, x.bucket, sum(x.leads)::int AS leads, sum(x.valid_leads)::int AS valid_leads,
      sum(x.target_leads)::int AS target_leads, sum(x.mql)::int AS mql, sum(x.sql_count)::int AS sql_count,
      ${currencyCount(sql`coalesce(c.currency, x.lead_currency_min)`, sql`coalesce(c.currency, x.lead_currency_max)`)}
        AS lead_currency_count,
      min(coalesce(c.currency, x.lead_currency_min)) AS lead_currency,
      sum(x.customers)::int AS customers, coalesce(sum(x.revenue), 0) AS revenue,
      ${currencyCount(sql`x.deal_currency_min`, sql`x.deal_currency_max`)} AS deal_currency_count,
      min(x.deal_currency_min) AS deal_currency
    FROM lead_cells x LEFT JOIN campaigns c ON c.id = x.campaign_id GROUP BY 1, 2
  ),
  lead_percentiles AS (${percentilesOfRows}),
  lead_figures AS (SELECT * FROM lead_counts)${traffic},
  inquiry_figures AS (
    SELECT key, bucket, sum(inquiries)::int AS inquiries FROM (
      ${inquiryCellsOver(grouping, sql`ranges`, inquiryFilter, false)}${
        useKept
          ? sql`
      UNION ALL SELECT bucket, key, NULL::uuid, inquiries FROM kept_counts WHERE inquiries > 0`
          : sql``
      }
    ) q GROUP BY 1, 2
  ),
  keys AS (
    SELECT key, bucket FROM lead_figures
    UNION SELECT key, bucket FROM traffic
    UNION SELECT key, bucket FROM inquiry_figures
  )
  SELECT nullif(k.key, ${keys.none})::text AS key, k.bucket::text AS bucket, ${label.columns},
    t.impressions, t.clicks, coalesce(q.inquiries, 0) AS inquiries,
    coalesce(f.leads, 0) AS leads, coalesce(f.valid_leads, 0) AS "validLeads",
    coalesce(f.target_leads, 0) AS "targetLeads", coalesce(f.mql, 0) AS mql, coalesce(f.sql_count, 0) AS "sql",
    coalesce(f.customers, 0) AS customers, coalesce(f.revenue, 0)::text AS revenue,
    lp.lead_time_median AS "leadTimeMedianHours", lp.lead_time_p90 AS "leadTimeP90Hours",
    lp.first_response_median AS "firstResponseMedianMinutes",
    ${keys.stat ? sql`coalesce(t.spend, 0)::text` : sql`NULL::text`} AS spend,
    json_build_array(
      json_build_object('count', coalesce(f.lead_currency_count, 0), 'one', f.lead_currency),
      json_build_object('count', coalesce(f.deal_currency_count, 0), 'one', f.deal_currency),
      json_build_object('count', coalesce(t.currency_count, 0), 'one', t.currency)
    ) AS currencies
  FROM keys k
    LEFT JOIN lead_figures f ON f.key = k.key AND f.bucket = k.bucket
    LEFT JOIN lead_percentiles lp ON lp.key = k.key AND lp.bucket = k.bucket
    LEFT JOIN traffic t ON t.key = k.key AND t.bucket = k.bucket
    LEFT JOIN inquiry_figures q ON q.key = k.key AND q.bucket = k.bucket
    ${label.join}
  ORDER BY k.bucket, name NULLS LAST, k.key`;

  return query;
}

/**
 * The report, bucket by bucket: buckets of closed periods come from the report cache while no
 * write has touched them since (store/reports/cache.ts); the others are computed, and kept when
 * closed. A year of monthly dynamics thus counts only the months that changed.
 */
export async function economicsReport(
  ex: Executor,
  grouping: EconomicsGrouping,
  filter: EconomicsFilter,
): Promise<EconomicsRow[]> {
  const buckets = bucketDaysOf(filter.period, filter.by);
  const key = {
    grouping,
    timeZone: filter.period.timeZone,
    filter: JSON.stringify([filter.channelId ?? null, filter.campaignId ?? null]),
  };
  const cached = await cachedBuckets<EconomicsRow>(ex, key, buckets);
  const missing = buckets.filter((_, i) => !cached[i]?.rows);
  const closed = new Set(buckets.filter((_, i) => cached[i]?.closed).map((bucket) => bucket.bucket));
  const computed = rowsByBucket(
    missing.length > 0
      ? await computeAndKeep(ex, grouping, filter, key, missing, (bucket) => closed.has(bucket.bucket))
      : [],
  );
  // A cached entry may have been computed for another bucket name with the same days (a period
  // without `by` is named by its first day, a month cut to the period by the month's).
  return buckets.flatMap(
    (bucket, i) =>
      cached[i]?.rows?.map((row) => ({ ...row, bucket: bucket.bucket })) ?? computed.get(bucket.bucket) ?? [],
  );
}

const GROUPINGS: readonly string[] = ['campaign', 'channel', 'form', 'owner'] satisfies EconomicsGrouping[];

/**
 * Computes kept buckets of one report again (its key as the cache holds it) and keeps the fresh
 * rows: the background warm-up, so that the next request after a change finds them kept.
 */
export async function refreshKeptBuckets(
  ex: Executor,
  key: ReportCacheKey,
  buckets: BucketDays[],
): Promise<void> {
  const [first] = buckets;
  if (!first || !GROUPINGS.includes(key.grouping)) return;
  const [channelId, campaignId] = JSON.parse(key.filter) as [string | null, string | null];
  // Buckets are given, so the period serves only for its time zone.
  const filter: EconomicsFilter = {
    period: { from: first.from, to: first.from, timeZone: key.timeZone },
    ...(channelId ? { channelId } : {}),
    ...(campaignId ? { campaignId } : {}),
  };
  await computeAndKeep(ex, key.grouping as EconomicsGrouping, filter, key, buckets, () => true);
}

const rowsByBucket = (rows: EconomicsRow[]): Map<string, EconomicsRow[]> => {
  const byBucket = new Map<string, EconomicsRow[]>();
  for (const row of rows) {
    const list = byBucket.get(row.bucket);
    if (list) list.push(row);
    else byBucket.set(row.bucket, [row]);
  }
  return byBucket;
};

/**
 * Computes buckets and keeps those `keep` accepts (closed ones; cacheClosedBuckets checks again).
 * Several buckets are split into two halves counted side by side, as one statement runs in one
 * PostgreSQL process and the machine has more than one core; each half is kept as soon as it is
 * counted, beside the other still counting.
 */
async function computeAndKeep(
  ex: Executor,
  grouping: EconomicsGrouping,
  filter: EconomicsFilter,
  key: ReportCacheKey,
  buckets: BucketDays[],
  keep: (bucket: BucketDays) => boolean,
): Promise<EconomicsRow[]> {
  const taken = await takeSnapshot(ex);
  const half = Math.ceil(buckets.length / 2);
  const parts = buckets.length > 1 ? [buckets.slice(0, half), buckets.slice(half)] : [buckets];
  const partRows = await Promise.all(
    parts.map(async (part) => {
      const rows = (
        await reportRows<EconomicsRow & { currencies: unknown }>(ex, economicsQuery(grouping, filter, part))
      ).map(finishedRow);
      const byBucket = rowsByBucket(rows);
      await cacheClosedBuckets(
        ex,
        key,
        part.filter(keep).map((bucket) => ({ bucket, rows: byBucket.get(bucket.bucket) ?? [] })),
        taken,
      );
      return rows;
    }),
  );
  return partRows.flat();
}

/** A row as the statement gives it, with its numbers and currencies as the report uses them. */
const finishedRow = (row: EconomicsRow & { currencies: unknown }): EconomicsRow => ({
  ...row,
  impressions: row.impressions === null ? null : Number(row.impressions),
  clicks: row.clicks === null ? null : Number(row.clicks),
  leadTimeMedianHours: numberOrNull(row.leadTimeMedianHours),
  leadTimeP90Hours: numberOrNull(row.leadTimeP90Hours),
  firstResponseMedianMinutes: numberOrNull(row.firstResponseMedianMinutes),
  currencies: (typeof row.currencies === 'string' ? JSON.parse(row.currencies) : row.currencies) as Array<{
    count: number;
    one: string | null;
  }>,
});

const numberOrNull = (value: unknown): number | null =>
  value === null || value === undefined ? null : Number(value);
