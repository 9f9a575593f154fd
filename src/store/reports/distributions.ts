import { type SQL, sql } from 'drizzle-orm';
import {
  FIRST_RESPONSE_BOUNDS,
  FIRST_RESPONSE_BUCKETS,
  type FirstResponseBucket,
  LEAD_TIME_BOUNDS,
  LEAD_TIME_BUCKETS,
  type LeadTimeBucket,
} from '../../schemas/reportDistributions.ts';
import type { Executor } from '../db.ts';
import { andIf, countedLead, instantInPeriod, type ReportPeriod, reportRows } from './period.ts';

// Two histograms over the leads created in a period (the cohort the other reports count: no spam,
// junk, interests or merged cards): how long a lead took from creation to conversion, and how long
// it waited for its first response. One GROUP BY each; width_bucket puts a duration in seconds
// between thresholds, so bucket i holds durations in [threshold i-1, threshold i).

export type DistributionFilter = {
  period: ReportPeriod;
  channelId?: string;
  campaignId?: string;
  ownerId?: string;
};

function cohortWhere(filter: DistributionFilter): SQL {
  return sql`${instantInPeriod(sql`l.created_at`, filter.period)} AND ${countedLead('l')}${andIf(
    filter.channelId ? sql`l.channel_id = ${filter.channelId}` : false,
  )}${andIf(filter.campaignId ? sql`l.campaign_id = ${filter.campaignId}` : false)}${andIf(
    filter.ownerId ? sql`l.owner_id = ${filter.ownerId}` : false,
  )}`;
}

// The bounds are constants of the contract, so they are inlined as a literal array.
const thresholds = (seconds: readonly number[]): SQL => sql.raw(`ARRAY[${seconds.join(',')}]::float8[]`);
const secondsBetween = (start: SQL, end: SQL): SQL => sql`extract(epoch FROM ${end} - ${start})::float8`;

/** Count per bucket index (0 = the first bucket); a bucket without leads is missing. */
async function countsByIndex(ex: Executor, query: SQL): Promise<Map<number, number>> {
  const rows = await reportRows<{ bucket: number | string | null; count: number | string }>(ex, query);
  return new Map(rows.map((row) => [row.bucket === null ? -1 : Number(row.bucket), Number(row.count)]));
}

/** Converted leads of the cohort by time from creation to conversion. */
export async function leadTimeDistribution(
  ex: Executor,
  filter: DistributionFilter,
): Promise<Record<LeadTimeBucket, number>> {
  const counts = await countsByIndex(
    ex,
    sql`SELECT width_bucket(${secondsBetween(sql`l.created_at`, sql`l.converted_at`)}, ${thresholds(
      LEAD_TIME_BOUNDS,
    )}) AS bucket, count(*)::int AS count
    FROM leads l
    WHERE ${cohortWhere(filter)} AND l.converted_at IS NOT NULL
    GROUP BY 1`,
  );
  return Object.fromEntries(LEAD_TIME_BUCKETS.map((name, index) => [name, counts.get(index) ?? 0])) as Record<
    LeadTimeBucket,
    number
  >;
}

/** Every lead of the cohort by time from creation to first response; never answered ones apart. */
export async function firstResponseDistribution(
  ex: Executor,
  filter: DistributionFilter,
): Promise<Record<FirstResponseBucket, number>> {
  // A lead never answered has no duration: width_bucket of NULL is NULL, its own group.
  const counts = await countsByIndex(
    ex,
    sql`SELECT width_bucket(${secondsBetween(sql`l.created_at`, sql`l.first_response_at`)}, ${thresholds(
      FIRST_RESPONSE_BOUNDS,
    )}) AS bucket, count(*)::int AS count
    FROM leads l
    WHERE ${cohortWhere(filter)}
    GROUP BY 1`,
  );
  return Object.fromEntries(
    FIRST_RESPONSE_BUCKETS.map((name, index) => [
      name,
      name === 'unanswered' ? (counts.get(-1) ?? 0) : (counts.get(index) ?? 0),
    ]),
  ) as Record<FirstResponseBucket, number>;
}
