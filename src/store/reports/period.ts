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

/** ` AND condition`, or nothing when there is no condition: optional filters of a WHERE clause. */
export const andIf = (condition: SQL | false): SQL => (condition ? sql` AND ${condition}` : sql``);

/** `column` (timestamptz) within the period. */
export const instantInPeriod = (column: SQL, p: ReportPeriod): SQL =>
  sql`${column} >= ${periodStart(p)} AND ${column} < ${periodEnd(p)}`;

/** One bucket of a report: its name (first day of the day/week/month) and its days, end exclusive. */
export type BucketDays = { bucket: string; from: string; until: string };

const isoDay = (date: Date) => date.toISOString().slice(0, 10);
const utcDay = (day: string) => new Date(`${day}T00:00:00Z`);

/**
 * The buckets of a period as calendar days (no time zone needed: a day is a day), each cut to the
 * period: without `by`, one bucket named by the first day; weeks start on Monday (ISO), as
 * PostgreSQL's date_trunc('week') does.
 */
export function bucketDaysOf(p: ReportPeriod, by: Granularity | undefined): BucketDays[] {
  const end = isoDay(new Date(utcDay(p.to).getTime() + 86_400_000));
  if (!by) return [{ bucket: p.from, from: p.from, until: end }];
  const buckets: BucketDays[] = [];
  let start = utcDay(p.from);
  if (by === 'week') start = new Date(start.getTime() - ((start.getUTCDay() + 6) % 7) * 86_400_000);
  if (by === 'month') start = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), 1));
  while (isoDay(start) < end) {
    const next =
      by === 'day'
        ? new Date(start.getTime() + 86_400_000)
        : by === 'week'
          ? new Date(start.getTime() + 7 * 86_400_000)
          : new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
    const bucket = isoDay(start);
    buckets.push({
      bucket,
      from: bucket < p.from ? p.from : bucket,
      until: isoDay(next) > end ? end : isoDay(next),
    });
    start = next;
  }
  return buckets;
}

/**
 * Buckets as rows (bucket date, starts, ends: the instants in the time zone; from_day, until_day),
 * to join events on `starts <= at < ends`. Against a per-row date_trunc this computes each
 * boundary once (inside the list, so the planner folds them into constants instead of converting
 * them again for every lead it compares), and the planner knows how many buckets there are, so it
 * hashes (key, bucket) groups instead of sorting a year of leads.
 */
export function bucketRows(timeZone: string, buckets: BucketDays[]): SQL {
  const instant = (day: string) => sql`(${day}::date::timestamp AT TIME ZONE ${timeZone})`;
  const rows = buckets.map(
    (b) =>
      sql`(${b.bucket}::date, ${instant(b.from)}, ${instant(b.until)}, ${b.from}::date, ${b.until}::date)`,
  );
  return sql`SELECT * FROM (VALUES ${sql.join(rows, sql`, `)}) AS v(bucket, starts, ends, from_day, until_day)`;
}

/**
 * Runs a report's statement with settings fit for it, local to its transaction: JIT compilation
 * off (a report plan looks expensive to the planner, and compiling it costs seconds where running
 * it costs milliseconds) and memory enough to sort a year of leads for percentiles without
 * temporary files.
 */
export async function reportRows<T>(ex: Executor, query: SQL): Promise<T[]> {
  return ex.transaction(async (tx) => {
    await tx.execute(sql`SELECT set_config('jit', 'off', true), set_config('work_mem', '128MB', true)`);
    return queryRows<T>(tx, query);
  });
}

/**
 * Whether a lead (table alias `alias`) reached MQL / SQL, now or at any time before (a lead
 * returned to marketing still passed MQL), or was ever converted. leads.peak_stage_rank and
 * leads.reached_converted are kept by a trigger on every write (migration 0006), so reports read
 * them from the cohort's own rows instead of searching each lead's timeline.
 */
export const reachedMql = (alias: string): SQL => sql.raw(`(${alias}.peak_stage_rank >= ${MQL_RANK})`);
export const reachedSql = (alias: string): SQL => sql.raw(`(${alias}.peak_stage_rank >= ${SQL_RANK})`);
export const everConverted = (alias: string): SQL => sql.raw(`${alias}.reached_converted`);

/** Ranks of lifecycle stages (positions in 'interest','iql','eql','mql','sal','sql','customer'). */
export const MQL_RANK = 4;
export const SQL_RANK = 6;

/** Leads as PRODUCT.md §3 counts them: not spam, not junk, not an interest, not merged into another card. */
export const countedLead = (alias: string): SQL =>
  sql.raw(
    `(${alias}.kind = 'lead' AND NOT ${alias}.spam AND ${alias}.status <> 'junk' AND ${alias}.merged_into_id IS NULL)`,
  );

/** Refusal reasons that say the lead never was a target lead. */
export const NOT_TARGET_REASONS = sql`ARRAY['not_target','spam','duplicate']::text[]`;
