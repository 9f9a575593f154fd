import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../db.ts';
import { queryRows } from '../sql.ts';
import type { BucketDays } from './period.ts';

// The report cache: finished rows of closed buckets (see report_cache in schemaEconomics.ts).
//
// An entry is valid while no change its snapshot did not see touches its instants. A change is
// logged by triggers with its transaction id (migration 0007); an entry records the snapshot taken
// before it was computed (every statement of the computation ran later, so it saw at least what
// that snapshot sees), and a transaction the snapshot does not see (running then, or begun
// later) may have written something the rows miss. So the check errs only towards recomputing.
// Visibility, not "txid at or above xmin": xids are shared by every database of the server, and
// one long transaction anywhere would otherwise make every entry look stale.
// Only buckets that ended an hour ago are kept: later writes to them are always logged (the
// triggers skip only ranges that start within the last minutes, i.e. new captures).

/** Which report an entry belongs to: its grouping, time zone and filter (canonical JSON). */
export type ReportCacheKey = { grouping: string; timeZone: string; filter: string };

/** Groupings whose inquiries take the form and owner of their card (logged as 'follows_lead'). */
export const FOLLOWS_LEAD = sql`ARRAY['form','owner']::text[]`;

/**
 * Whether a change of a scope `scopes` accepts (change alias `ch`), which the snapshot of the kept
 * row `alias` (snapshot, snapshot_xmin, starts_at, ends_at) did not see, touches its instants: the
 * validity rule of the report cache and of the rollups (rollups.ts).
 */
export const unseenChangeTouches = (alias: string, scopes: SQL): SQL => {
  const k = sql.raw(alias);
  return sql`EXISTS (
    SELECT 1 FROM report_changes ch
    WHERE ch.txid >= ${k}.snapshot_xmin AND ch.from_at < ${k}.ends_at AND ch.to_at >= ${k}.starts_at
      AND ${scopes}
      AND NOT pg_visible_in_snapshot(ch.txid::text::xid8, ${k}.snapshot::pg_snapshot)
  )`;
};

/** Whether a kept entry (alias `c`) is stale: a finished row shows every kind of change. */
const staleEntry = unseenChangeTouches(
  'c',
  sql`(ch.scope <> 'follows_lead' OR c.grouping = ANY(${FOLLOWS_LEAD}))`,
);

/** What the cache holds for one bucket: whether it is closed, and its rows if kept and valid. */
export type CachedBucket<T> = { closed: boolean; rows: T[] | null };

/**
 * For each bucket, in order: whether it ended an hour ago (only those are kept), and its kept rows
 * while no change its snapshot did not see touches its instants.
 */
export async function cachedBuckets<T>(
  ex: Executor,
  key: ReportCacheKey,
  buckets: BucketDays[],
): Promise<CachedBucket<T>[]> {
  if (buckets.length === 0) return [];
  const values = sql.join(
    buckets.map((b, i) => sql`(${i}::int, ${b.from}::date, ${b.until}::date)`),
    sql`, `,
  );
  const keyMatches = sql`c.grouping = ${key.grouping} AND c.time_zone = ${key.timeZone} AND c.filter = ${key.filter}`;
  // Asking for a bucket, kept or not, marks its entry as read (at most once an hour: a write).
  const rows = await queryRows<{ closed: boolean; rows: T[] | string | null }>(
    ex,
    sql`WITH asked AS (SELECT * FROM (VALUES ${values}) AS b(n, from_day, until_day)),
    read AS (
      UPDATE report_cache c SET read_at = now() FROM asked b
      WHERE c.from_day = b.from_day AND c.until_day = b.until_day AND ${keyMatches}
        AND c.read_at < now() - interval '1 hour'
    )
    SELECT ${closedBucket(key.timeZone, sql`b.until_day`)} AS closed, c.rows
    FROM asked b
      LEFT JOIN report_cache c ON c.from_day = b.from_day AND c.until_day = b.until_day AND ${keyMatches}
        AND NOT ${staleEntry}
    ORDER BY b.n`,
  );
  return rows.map((row) => ({
    closed: row.closed,
    rows:
      row.rows === null ? null : ((typeof row.rows === 'string' ? JSON.parse(row.rows) : row.rows) as T[]),
  }));
}

/**
 * Whether a bucket ending at midnight of `untilDay` in the time zone ended an hour ago: only such
 * buckets (and rollup spans) are kept, as later writes to them are always logged.
 */
export const closedBucket = (timeZone: string, untilDay: SQL) =>
  sql`((${untilDay}::timestamp AT TIME ZONE ${timeZone}) <= now() - interval '1 hour')`;

/** A snapshot taken now (as text), its xmin, and when it was taken. */
export type ReportSnapshot = { snapshot: string; xmin: number; takenAt: string };

/**
 * A snapshot taken now: to be read before computing what will be cached, so that every
 * transaction whose writes the computation might miss is one it does not see.
 */
export async function takeSnapshot(ex: Executor): Promise<ReportSnapshot> {
  const [row] = await queryRows<{ snapshot: string; xmin: string; takenAt: string }>(
    ex,
    sql`SELECT pg_current_snapshot()::text AS snapshot, pg_snapshot_xmin(pg_current_snapshot())::text AS xmin,
      clock_timestamp()::text AS "takenAt"`,
  );
  if (!row) throw new Error('no snapshot');
  return { snapshot: row.snapshot, xmin: Number(row.xmin), takenAt: row.takenAt };
}

/**
 * Keeps the rows of buckets; those not yet closed (see cachedBuckets) are left out, and so is
 * everything computed from a snapshot older than an hour (pruning may have dropped changes it
 * did not see; see pruneReportCache).
 */
export async function cacheClosedBuckets<T>(
  ex: Executor,
  key: ReportCacheKey,
  entries: Array<{ bucket: BucketDays; rows: T[] }>,
  taken: ReportSnapshot,
): Promise<void> {
  if (entries.length === 0) return;
  const values = sql.join(
    entries.map(
      (e) => sql`(${e.bucket.from}::date, ${e.bucket.until}::date, ${JSON.stringify(e.rows)}::jsonb)`,
    ),
    sql`, `,
  );
  await ex.execute(sql`INSERT INTO report_cache AS c
      (grouping, time_zone, filter, from_day, until_day, starts_at, ends_at, snapshot, snapshot_xmin, rows)
    SELECT ${key.grouping}, ${key.timeZone}, ${key.filter}, v.from_day, v.until_day,
      v.from_day::timestamp AT TIME ZONE ${key.timeZone}, v.until_day::timestamp AT TIME ZONE ${key.timeZone},
      ${taken.snapshot}, ${taken.xmin}, v.rows
    FROM (VALUES ${values}) AS v(from_day, until_day, rows)
    WHERE ${closedBucket(key.timeZone, sql`v.until_day`)} AND ${taken.takenAt}::timestamptz > now() - interval '1 hour'
    ON CONFLICT (grouping, time_zone, filter, from_day, until_day) DO UPDATE
      SET snapshot = excluded.snapshot, snapshot_xmin = excluded.snapshot_xmin, rows = excluded.rows,
        computed_at = now()
      WHERE c.snapshot_xmin <= excluded.snapshot_xmin`);
}

/** A kept bucket a change made stale: its report's key and its days. */
export type StaleEntry = { key: ReportCacheKey; bucket: BucketDays };

/**
 * Kept buckets that a change made stale and that a report asked for within `readWithinDays`, the
 * most lately read first: what the background warm-up recomputes.
 */
export async function staleEntries(
  ex: Executor,
  options: { readWithinDays: number; limit: number },
): Promise<StaleEntry[]> {
  const rows = await queryRows<{
    grouping: string;
    timeZone: string;
    filter: string;
    from: string;
    until: string;
  }>(
    ex,
    sql`SELECT c.grouping, c.time_zone AS "timeZone", c.filter, c.from_day::text AS "from", c.until_day::text AS "until"
    FROM report_cache c
    WHERE c.read_at > now() - make_interval(days => ${options.readWithinDays}) AND ${staleEntry}
    ORDER BY c.read_at DESC, c.from_day DESC LIMIT ${options.limit}`,
  );
  return rows.map((r) => ({
    key: { grouping: r.grouping, timeZone: r.timeZone, filter: r.filter },
    bucket: { bucket: r.from, from: r.from, until: r.until },
  }));
}

/**
 * Forgets entries no report asked for in `maxAgeDays` and the changes no entry needs: those every
 * kept snapshot and the current one see (below their xmins), logged more than a day ago. The day
 * covers a report being computed meanwhile from an older snapshot, which is kept only if taken
 * within the hour: a change it did not see but the current snapshot does came from a transaction
 * that ran past it, so under a day old unless that transaction ran for most of a day.
 * Run by the scheduler; returns what it removed.
 */
export async function pruneReportCache(
  ex: Executor,
  maxAgeDays = 30,
): Promise<{ entries: number; changes: number }> {
  return ex.transaction(async (tx) => {
    const entries = await queryRows<{ n: number }>(
      tx,
      sql`WITH gone AS (
        DELETE FROM report_cache WHERE read_at < now() - make_interval(days => ${maxAgeDays}) RETURNING 1
      ) SELECT count(*)::int AS n FROM gone`,
    );
    const changes = await queryRows<{ n: number }>(
      tx,
      sql`WITH gone AS (
        DELETE FROM report_changes
        WHERE txid < least(
          (SELECT min(snapshot_xmin) FROM report_cache),
          (SELECT min(snapshot_xmin) FROM report_rollups),
          pg_snapshot_xmin(pg_current_snapshot())::text::bigint
        ) AND logged_at < now() - interval '1 day'
        RETURNING 1
      ) SELECT count(*)::int AS n FROM gone`,
    );
    return { entries: entries[0]?.n ?? 0, changes: changes[0]?.n ?? 0 };
  });
}
