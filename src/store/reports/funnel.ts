import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../db.ts';
import {
  andIf,
  countedLead,
  everConverted,
  instantInPeriod,
  type ReportPeriod,
  reachedMql,
  reachedSql,
  reportRows,
} from './period.ts';

// Funnel counts in one SQL statement. Lead stages come from history, and each stage counts the
// leads that reached it or any later stage: a lead that jumped from IQL straight to SQL, or was
// converted without anyone setting MQL, still passed MQL.

export type FunnelFilter = {
  period: ReportPeriod;
  channelId?: string;
  campaignId?: string;
  ownerId?: string;
};

export type FunnelCounts = {
  /** null when the funnel cannot start with clicks: no stats rows, or filtered by owner. */
  clicks: number | null;
  inquiries: number;
  leads: number;
  contacted: number;
  mql: number;
  sql: number;
  converted: number;
  customers: number;
};

/** The funnel's statement (exported so the benchmark can EXPLAIN it). */
export function funnelQuery(filter: FunnelFilter): SQL {
  const { period } = filter;
  const leadFilter = sql`${andIf(filter.channelId ? sql`l.channel_id = ${filter.channelId}` : false)}${andIf(
    filter.campaignId ? sql`l.campaign_id = ${filter.campaignId}` : false,
  )}${andIf(filter.ownerId ? sql`l.owner_id = ${filter.ownerId}` : false)}`;
  const inquiryFilter = sql`${andIf(filter.channelId ? sql`i.channel_id = ${filter.channelId}` : false)}${andIf(
    filter.campaignId ? sql`i.campaign_id = ${filter.campaignId}` : false,
  )}${andIf(filter.ownerId ? sql`il.owner_id = ${filter.ownerId}` : false)}`;
  const statFilter = sql`${andIf(filter.channelId ? sql`c.channel_id = ${filter.channelId}` : false)}${andIf(
    filter.campaignId ? sql`s.campaign_id = ${filter.campaignId}` : false,
  )}`;
  // Clicks are per campaign; an owner has none.
  const clicks = filter.ownerId
    ? sql`NULL::float8`
    : sql`(SELECT CASE WHEN count(*) = 0 THEN NULL ELSE sum(s.clicks)::float8 END
        FROM campaign_daily_stats s JOIN campaigns c ON c.id = s.campaign_id
        WHERE s.day >= ${period.from}::date AND s.day <= ${period.to}::date${statFilter})`;
  const inquiryJoin = filter.ownerId ? sql`JOIN leads il ON il.id = i.lead_id` : sql``;
  // A later stage implies the earlier ones: a customer was converted, a converted lead is an SQL.
  const passedSql = sql`(customer OR converted OR sql)`;
  const passedMql = sql`(customer OR converted OR sql OR mql)`;

  return sql`WITH
  per_lead AS (
    SELECT ${reachedMql('l')} AS mql, ${reachedSql('l')} AS sql, ${everConverted('l')} AS converted,
      l.won_revenue IS NOT NULL AS customer, l.first_response_at IS NOT NULL AS contacted
    FROM leads l
    WHERE ${instantInPeriod(sql`l.created_at`, period)} AND ${countedLead('l')}${leadFilter}
  )
  SELECT
    ${clicks} AS clicks,
    (SELECT count(*) FROM inquiries i ${inquiryJoin}
      WHERE ${instantInPeriod(sql`i.received_at`, period)} AND i.outcome NOT IN ('replayed', 'failed')${inquiryFilter}
    )::int AS inquiries,
    count(*)::int AS leads,
    count(*) FILTER (WHERE contacted OR ${passedMql})::int AS contacted,
    count(*) FILTER (WHERE ${passedMql})::int AS mql,
    count(*) FILTER (WHERE ${passedSql})::int AS sql,
    count(*) FILTER (WHERE customer OR converted)::int AS converted,
    count(*) FILTER (WHERE customer)::int AS customers
  FROM per_lead`;
}

export async function funnelCounts(ex: Executor, filter: FunnelFilter): Promise<FunnelCounts> {
  const [row] = await reportRows<Record<keyof FunnelCounts, number | string | null>>(ex, funnelQuery(filter));
  const n = (value: number | string | null | undefined) => Number(value ?? 0);
  return {
    clicks: row?.clicks === null || row?.clicks === undefined ? null : Number(row.clicks),
    inquiries: n(row?.inquiries),
    leads: n(row?.leads),
    contacted: n(row?.contacted),
    mql: n(row?.mql),
    sql: n(row?.sql),
    converted: n(row?.converted),
    customers: n(row?.customers),
  };
}
