import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../db.ts';
import {
  countedLead,
  dayBucket,
  type Granularity,
  instantBucket,
  instantInPeriod,
  NOT_TARGET_REASONS,
  type ReportPeriod,
  reachedMql,
  reachedSql,
  reportRows,
  stageRank,
} from './period.ts';

// The economics report (PRODUCT.md §3) as one SQL statement: every count, sum and percentile is
// computed by GROUP BY in the database; JavaScript only divides the sums into ratios.
//
// - cohort: the leads created in the period (spam, junk, interests and merged cards left out);
//   their MQL/SQL stages, won deals, revenue and lead times count whenever they happened.
// - traffic and spend: campaign_daily_stats rows whose day is in the period.
// - inquiries: received in the period, every outcome but 'replayed' and 'failed' (attached
//   duplicates and spam count here).

export type EconomicsGrouping = 'campaign' | 'channel' | 'form' | 'owner';

export type EconomicsFilter = {
  period: ReportPeriod;
  by?: Granularity;
  channelId?: string;
  campaignId?: string;
};

/** Sums and percentiles of one report row; money as exact decimal strings. */
export type EconomicsRow = {
  key: string;
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

type Keys = { lead: SQL; stat: SQL | null; inquiry: SQL; inquiryJoinsLead: boolean };

/** The key of each source for a grouping; forms and owners have no traffic (stats are per campaign). */
function keysOf(grouping: EconomicsGrouping): Keys {
  switch (grouping) {
    case 'campaign':
      return {
        lead: sql`l.campaign_id::text`,
        stat: sql`c.id::text`,
        inquiry: sql`i.campaign_id::text`,
        inquiryJoinsLead: false,
      };
    case 'channel':
      return {
        lead: sql`l.channel_id::text`,
        stat: sql`c.channel_id::text`,
        inquiry: sql`i.channel_id::text`,
        inquiryJoinsLead: false,
      };
    case 'form':
      // Inquiries carry no form of their own: they take the form of the card they created or joined.
      return {
        lead: sql`(l.attribution->>'formId')`,
        stat: null,
        inquiry: sql`(il.attribution->>'formId')`,
        inquiryJoinsLead: true,
      };
    case 'owner':
      return {
        lead: sql`l.owner_id::text`,
        stat: null,
        inquiry: sql`il.owner_id::text`,
        inquiryJoinsLead: true,
      };
  }
}

function labelOf(grouping: EconomicsGrouping): { join: SQL; columns: SQL } {
  switch (grouping) {
    case 'campaign':
      return {
        join: sql`LEFT JOIN campaigns lc ON lc.id::text = k.key`,
        columns: sql`lc.name AS name, lc.channel_id::text AS "channelId", lc.pricing_model AS "pricingModel", lc.average_margin::text AS "averageMargin"`,
      };
    case 'channel':
      return {
        join: sql`LEFT JOIN channels lc ON lc.id::text = k.key`,
        columns: sql`lc.name AS name, lc.id::text AS "channelId", NULL AS "pricingModel", NULL AS "averageMargin"`,
      };
    case 'form':
      return {
        join: sql``,
        columns: sql`k.key AS name, NULL AS "channelId", NULL AS "pricingModel", NULL AS "averageMargin"`,
      };
    case 'owner':
      return {
        join: sql`LEFT JOIN users lc ON lc.id::text = k.key`,
        columns: sql`lc.name AS name, NULL AS "channelId", NULL AS "pricingModel", NULL AS "averageMargin"`,
      };
  }
}

const optional = (condition: SQL | false): SQL => (condition ? sql` AND ${condition}` : sql``);

/** The report's statement (exported so the benchmark can EXPLAIN it). */
export function economicsQuery(grouping: EconomicsGrouping, filter: EconomicsFilter): SQL {
  const { period, by } = filter;
  const keys = keysOf(grouping);
  const label = labelOf(grouping);
  const leadFilter = sql`${optional(filter.channelId ? sql`l.channel_id = ${filter.channelId}` : false)}${optional(
    filter.campaignId ? sql`l.campaign_id = ${filter.campaignId}` : false,
  )}`;
  const statFilter = sql`${optional(filter.channelId ? sql`c.channel_id = ${filter.channelId}` : false)}${optional(
    filter.campaignId ? sql`c.id = ${filter.campaignId}` : false,
  )}`;
  const inquiryFilter = sql`${optional(filter.channelId ? sql`i.channel_id = ${filter.channelId}` : false)}${optional(
    filter.campaignId ? sql`i.campaign_id = ${filter.campaignId}` : false,
  )}`;

  // Spend per campaign and bucket: stated spend where stated, else derived from the pricing model
  // per row (clicks × CPC, impressions / 1000 × CPM, actions × CPA, 0 when free; fixed budgets
  // must be stated). A CPL campaign with no stated spend in the bucket costs valid leads × price.
  const traffic = keys.stat
    ? sql`,
  stat_rows AS (
    SELECT s.campaign_id, ${dayBucket(sql`s.day`, period, by)} AS bucket, s.impressions, s.clicks, s.spend,
      CASE WHEN s.spend IS NULL THEN
        CASE c.pricing_model
          WHEN 'cpc' THEN s.clicks * c.price
          WHEN 'cpm' THEN s.impressions * c.price / 1000
          WHEN 'cpa' THEN s.actions * c.price
          WHEN 'free' THEN 0
        END
      END AS derived
    FROM campaign_daily_stats s JOIN campaigns c ON c.id = s.campaign_id
    WHERE s.day >= ${period.from}::date AND s.day <= ${period.to}::date${statFilter}
  ),
  stat_campaigns AS (
    SELECT campaign_id, bucket, sum(impressions) AS impressions, sum(clicks) AS clicks,
      sum(spend) AS stated, count(spend) AS stated_rows, sum(derived) AS derived
    FROM stat_rows GROUP BY campaign_id, bucket
  ),
  cpl_leads AS (
    SELECT campaign_id, bucket, count(*) FILTER (WHERE valid) AS valid_leads
    FROM cohort WHERE pricing_model = 'cpl' GROUP BY campaign_id, bucket
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
    SELECT ${keys.stat} AS key, bucket, sum(impressions)::float8 AS impressions, sum(clicks)::float8 AS clicks,
      round(sum(spend), 2) AS spend, count(DISTINCT currency)::int AS currency_count, min(currency) AS currency
    FROM campaign_costs c GROUP BY 1, 2
  )`
    : sql`,
  traffic AS (
    SELECT NULL::text AS key, NULL::date AS bucket, NULL::float8 AS impressions, NULL::float8 AS clicks,
      NULL::numeric AS spend, 0 AS currency_count, NULL::text AS currency WHERE false
  )`;

  const inquiryJoin = keys.inquiryJoinsLead ? sql`LEFT JOIN leads il ON il.id = i.lead_id` : sql``;
  const hours = (interval: SQL) => sql`extract(epoch FROM ${interval}) / 3600`;

  const query = sql`WITH
  cohort AS MATERIALIZED (
    SELECT l.id, ${keys.lead} AS key, ${instantBucket(sql`l.created_at`, period, by)} AS bucket,
      l.campaign_id, cm.pricing_model, cm.currency, l.valid, l.status, l.status_reason,
      l.created_at, l.converted_at, l.first_response_at,
      ${reachedMql(sql`l.id`, stageRank(sql`l.lifecycle_stage`))} AS reached_mql,
      ${reachedSql(sql`l.id`, stageRank(sql`l.lifecycle_stage`))} AS reached_sql
    FROM leads l LEFT JOIN campaigns cm ON cm.id = l.campaign_id
    WHERE ${instantInPeriod(sql`l.created_at`, period)} AND ${countedLead('l')} AND ${keys.lead} IS NOT NULL${leadFilter}
  ),
  won AS (
    SELECT d.lead_id, sum(d.amount) AS revenue, min(d.currency) AS currency
    FROM deals d WHERE d.status = 'won' AND d.lead_id IS NOT NULL
    GROUP BY d.lead_id
  ),
  lead_figures AS (
    SELECT c.key, c.bucket,
      count(*)::int AS leads,
      count(*) FILTER (WHERE c.valid)::int AS valid_leads,
      count(*) FILTER (WHERE c.valid AND NOT (c.status = 'refused'
        AND coalesce(c.status_reason = ANY(${NOT_TARGET_REASONS}), false)))::int AS target_leads,
      count(*) FILTER (WHERE c.reached_mql)::int AS mql,
      count(*) FILTER (WHERE c.reached_sql)::int AS sql_count,
      count(w.lead_id)::int AS customers,
      coalesce(sum(w.revenue), 0) AS revenue,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY ${hours(sql`c.converted_at - c.created_at`)}) AS lead_time_median,
      percentile_cont(0.9) WITHIN GROUP (ORDER BY ${hours(sql`c.converted_at - c.created_at`)}) AS lead_time_p90,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM c.first_response_at - c.created_at) / 60) AS first_response_median,
      count(DISTINCT c.currency)::int AS lead_currency_count, min(c.currency) AS lead_currency,
      count(DISTINCT w.currency)::int AS deal_currency_count, min(w.currency) AS deal_currency
    FROM cohort c
      LEFT JOIN won w ON w.lead_id = c.id
    GROUP BY c.key, c.bucket
  )${traffic},
  inquiry_figures AS (
    SELECT ${keys.inquiry} AS key, ${instantBucket(sql`i.received_at`, period, by)} AS bucket, count(*)::int AS inquiries
    FROM inquiries i ${inquiryJoin}
    WHERE ${instantInPeriod(sql`i.received_at`, period)} AND i.outcome NOT IN ('replayed', 'failed')
      AND ${keys.inquiry} IS NOT NULL${inquiryFilter}
    GROUP BY 1, 2
  ),
  keys AS (
    SELECT key, bucket FROM lead_figures
    UNION SELECT key, bucket FROM traffic
    UNION SELECT key, bucket FROM inquiry_figures
  )
  SELECT k.key, k.bucket::text AS bucket, ${label.columns},
    t.impressions, t.clicks, coalesce(q.inquiries, 0) AS inquiries,
    coalesce(f.leads, 0) AS leads, coalesce(f.valid_leads, 0) AS "validLeads",
    coalesce(f.target_leads, 0) AS "targetLeads", coalesce(f.mql, 0) AS mql, coalesce(f.sql_count, 0) AS "sql",
    coalesce(f.customers, 0) AS customers, coalesce(f.revenue, 0)::text AS revenue,
    ${keys.stat ? sql`coalesce(t.spend, 0)::text` : sql`NULL::text`} AS spend,
    f.lead_time_median AS "leadTimeMedianHours", f.lead_time_p90 AS "leadTimeP90Hours",
    f.first_response_median AS "firstResponseMedianMinutes",
    json_build_array(
      json_build_object('count', coalesce(f.lead_currency_count, 0), 'one', f.lead_currency),
      json_build_object('count', coalesce(f.deal_currency_count, 0), 'one', f.deal_currency),
      json_build_object('count', coalesce(t.currency_count, 0), 'one', t.currency)
    ) AS currencies
  FROM keys k
    LEFT JOIN lead_figures f ON f.key = k.key AND f.bucket = k.bucket
    LEFT JOIN traffic t ON t.key = k.key AND t.bucket = k.bucket
    LEFT JOIN inquiry_figures q ON q.key = k.key AND q.bucket = k.bucket
    ${label.join}
  ORDER BY k.bucket, name NULLS LAST, k.key`;
  return query;
}

export async function economicsReport(
  ex: Executor,
  grouping: EconomicsGrouping,
  filter: EconomicsFilter,
): Promise<EconomicsRow[]> {
  const rows = await reportRows<EconomicsRow & { currencies: unknown }>(ex, economicsQuery(grouping, filter));
  return rows.map((row) => ({
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
  }));
}

const numberOrNull = (value: unknown): number | null =>
  value === null || value === undefined ? null : Number(value);
