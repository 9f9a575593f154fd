import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../db.ts';
import { queryRows } from '../sql.ts';

// The period of a report: calendar dates, both inclusive, read in a time zone. The instants are
// computed in SQL, so the database's time zone rules (DST included) decide where a day starts.

export type ReportPeriod = { from: string; to: string; timeZone: string };
export type Granularity = 'day' | 'week' | 'month';

/** The first instant of the period: midnight of `from` in the time zone. */
export const periodStart = (p: ReportPeriod): SQL =>
  sql`(${p.from}::date::timestamp AT TIME ZONE ${p.timeZone})`;

/** The first instant after the period: midnight of the day after `to` in the time zone. */
export const periodEnd = (p: ReportPeriod): SQL =>
  sql`((${p.to}::date + 1)::timestamp AT TIME ZONE ${p.timeZone})`;

/** `column` (timestamptz) within the period. */
export const instantInPeriod = (column: SQL, p: ReportPeriod): SQL =>
  sql`${column} >= ${periodStart(p)} AND ${column} < ${periodEnd(p)}`;

/**
 * The bucket (first day of the day/week/month, as a date) of an instant in the report's time zone;
 * without a granularity every row falls into one bucket named by the period's first day. Weeks
 * start on Monday (ISO).
 */
export function instantBucket(column: SQL, p: ReportPeriod, by: Granularity | undefined): SQL {
  if (!by) return sql`${p.from}::date`;
  // `by` is one of three literals (checked by the type and the route schema), so it is inlined.
  return sql`date_trunc(${sql.raw(`'${by}'`)}, ${column} AT TIME ZONE ${p.timeZone})::date`;
}

/** The bucket of a calendar date (campaign_daily_stats.day). */
export function dayBucket(column: SQL, p: ReportPeriod, by: Granularity | undefined): SQL {
  if (!by) return sql`${p.from}::date`;
  return sql`date_trunc(${sql.raw(`'${by}'`)}, ${column}::timestamp)::date`;
}

/**
 * Runs a report's statement with JIT compilation off: a report plan looks expensive to the planner
 * (aggregates over CTEs), and compiling it costs seconds where running it costs milliseconds.
 */
export async function reportRows<T>(ex: Executor, query: SQL): Promise<T[]> {
  return ex.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL jit = off`);
    return queryRows<T>(tx, query);
  });
}

/**
 * Whether a lead (`alias`.id, with its current stage rank in `alias`.stage_rank) reached MQL / SQL
 * (now or in its history), or was converted per its status history. Only leads not there yet probe
 * the timeline, and the probes repeat the predicates of the partial indexes
 * timeline_reached_mql_idx, timeline_reached_sql_idx and timeline_converted_idx word for word, so
 * each is one index-only lookup in a narrow index instead of a walk through the lead's timeline.
 * The planner picks per-lead lookups or one hashed pass over the index, whichever is cheaper.
 */
export const reachedMql = (leadId: SQL, rank: SQL): SQL =>
  sql`(${rank} >= ${sql.raw(String(MQL_RANK))} OR EXISTS (SELECT 1 FROM timeline_events e WHERE e.lead_id = ${leadId}
    AND type = 'lifecycle_changed' AND (data->>'to') IN ('mql', 'sal', 'sql', 'customer')))`;
export const reachedSql = (leadId: SQL, rank: SQL): SQL =>
  sql`(${rank} >= ${sql.raw(String(SQL_RANK))} OR EXISTS (SELECT 1 FROM timeline_events e WHERE e.lead_id = ${leadId}
    AND type = 'lifecycle_changed' AND (data->>'to') IN ('sql', 'customer')))`;
export const convertedInHistory = (leadId: SQL): SQL =>
  sql`EXISTS (SELECT 1 FROM timeline_events e WHERE e.lead_id = ${leadId}
    AND type = 'status_changed' AND (data->>'to') = 'converted')`;

/** Lifecycle stages in order; a stage's rank is its position (1-based), so "reached MQL" is rank ≥ 4. */
export const LIFECYCLE_ORDER = sql`ARRAY['interest','iql','eql','mql','sal','sql','customer']::text[]`;
export const stageRank = (stage: SQL): SQL => sql`array_position(${LIFECYCLE_ORDER}, ${stage})`;
export const MQL_RANK = 4;
export const SQL_RANK = 6;

/** Leads as PRODUCT.md §3 counts them: not spam, not junk, not an interest, not merged into another card. */
export const countedLead = (alias: string): SQL =>
  sql.raw(
    `(${alias}.kind = 'lead' AND NOT ${alias}.spam AND ${alias}.status <> 'junk' AND ${alias}.merged_into_id IS NULL)`,
  );

/** Refusal reasons that say the lead never was a target lead. */
export const NOT_TARGET_REASONS = sql`ARRAY['not_target','spam','duplicate']::text[]`;
