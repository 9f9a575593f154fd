import { randomUUID } from 'node:crypto';
import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../db.ts';
import { queryRows } from '../sql.ts';
import { closedBucket, FOLLOWS_LEAD, takeSnapshot, unseenChangeTouches } from './cache.ts';
import {
  type EconomicsGrouping,
  inquiryCellsOver,
  keysOf,
  LEAD_CELL_COLUMNS,
  leadCellsOver,
  NO_ID,
} from './cells.ts';
import { reportRows } from './period.ts';

// Rollups of the economics report (report_rollups, report_rollup_cells in schemaEconomics.ts):
// the report's cells counted per span of calendar days in a time zone, each day and each month,
// and kept, so that a report of any period merges kept months and days (a few thousand cells for
// a year of 200 campaigns) instead of counting every lead and inquiry again. A scheduler job keeps
// them for the configured time zone.
//
// A span is used while no change its snapshot did not see touches its instants (the rule of the
// report cache, see cache.ts), and kept only once it ended an hour ago (later writes to it are
// always logged). Rollups keep no traffic (daily stats are read as they are) and no names, so
// changes of scope 'traffic' never touch them, nor do 'catalog' ones except for forms and owners,
// whose cells keep the campaigns' currencies.

/** A span of calendar days, end exclusive. */
export type Span = { from: string; until: string };

/**
 * Whether a kept span (alias `alias`) is stale. Rollups keep no traffic and no names: only changes
 * to leads and inquiries touch them, and catalog changes those of forms and owners (currencies).
 */
export const staleRollup = (alias: string): SQL =>
  unseenChangeTouches(
    alias,
    sql`(ch.scope = 'all' OR (ch.scope IN ('follows_lead', 'catalog') AND ${sql.raw(alias)}.grouping = ANY(${FOLLOWS_LEAD})))`,
  );

/**
 * Spans of a grouping and time zone to roll up, the latest first: every closed day and month
 * from the first lead or inquiry on that has no kept rollup or a stale one.
 */
export async function spansToRollUp(
  ex: Executor,
  grouping: EconomicsGrouping,
  timeZone: string,
  limit: number,
): Promise<Span[]> {
  const rows = await queryRows<Span>(
    ex,
    sql`WITH first AS (
      SELECT (least((SELECT min(created_at) FROM leads), (SELECT min(received_at) FROM inquiries))
        AT TIME ZONE ${timeZone})::date AS day,
        (now() AT TIME ZONE ${timeZone})::date AS today
    ),
    spans AS (
      SELECT g::date AS from_day, g::date + 1 AS until_day
      FROM first, generate_series(first.day::timestamp, first.today::timestamp, interval '1 day') AS g
      UNION ALL
      SELECT g::date, (g + interval '1 month')::date
      FROM first, generate_series(date_trunc('month', first.day::timestamp), first.today::timestamp, interval '1 month') AS g
    )
    SELECT s.from_day::text AS "from", s.until_day::text AS "until" FROM spans s
    WHERE ${closedBucket(timeZone, sql`s.until_day`)}
      AND NOT EXISTS (
        SELECT 1 FROM report_rollups h
        WHERE h.grouping = ${grouping} AND h.time_zone = ${timeZone} AND h.from_day = s.from_day
          AND h.until_day = s.until_day AND NOT ${staleRollup('h')}
      )
    ORDER BY s.until_day DESC, s.from_day LIMIT ${limit}`,
  );
  return rows.map((row) => ({ from: row.from, until: row.until }));
}

/**
 * Counts the cells of some spans and keeps them with the snapshot taken first, replacing what was
 * kept for those spans; spans not closed are skipped. Safe beside another run: the span keeps the
 * cells of the computation from the later snapshot, and readers join cells to their span's
 * computation, so cells of the other are ignored until deleted. Returns the spans kept.
 */
export async function rollUpSpans(
  ex: Executor,
  grouping: EconomicsGrouping,
  timeZone: string,
  spans: Span[],
): Promise<number> {
  if (spans.length === 0) return 0;
  const taken = await takeSnapshot(ex);
  const computation = randomUUID();
  const values = sql.join(
    spans.map((span, n) => sql`(${n}::int, ${span.from}::date, ${span.until}::date)`),
    sql`, `,
  );
  // Cells are counted per span number (a day and a month may start on the same day).
  const [row] = await reportRows<{ kept: number }>(
    ex,
    sql`WITH ranges AS (
      SELECT v.n AS bucket, v.from_day, v.until_day, v.from_day::timestamp AT TIME ZONE ${timeZone} AS starts,
        v.until_day::timestamp AT TIME ZONE ${timeZone} AS ends
      FROM (VALUES ${values}) AS v(n, from_day, until_day)
    ),
    lead_cells AS (${leadCellsOver(grouping, sql`ranges`, sql``)}),
    inquiry_cells AS (${inquiryCellsOver(grouping, sql`ranges`, sql``, true)}),
    kept AS (
      INSERT INTO report_rollups AS h
        (grouping, time_zone, from_day, until_day, starts_at, ends_at, snapshot, snapshot_xmin, computation)
      SELECT ${grouping}, ${timeZone}, r.from_day, r.until_day, r.starts, r.ends, ${taken.snapshot}, ${taken.xmin},
        ${computation}::uuid
      FROM ranges r
      WHERE ${closedBucket(timeZone, sql`r.until_day`)} AND ${taken.takenAt}::timestamptz > now() - interval '1 hour'
      ON CONFLICT (grouping, time_zone, from_day, until_day) DO UPDATE
        SET starts_at = excluded.starts_at, ends_at = excluded.ends_at, snapshot = excluded.snapshot,
          snapshot_xmin = excluded.snapshot_xmin, computation = excluded.computation, computed_at = now(),
          checked_at = now()
        WHERE h.snapshot_xmin <= excluded.snapshot_xmin
      RETURNING h.from_day, h.until_day
    ),
    kept_ranges AS (SELECT r.* FROM ranges r JOIN kept k ON k.from_day = r.from_day AND k.until_day = r.until_day),
    cells AS (
      INSERT INTO report_rollup_cells
        (grouping, time_zone, from_day, until_day, computation, ${LEAD_CELL_COLUMNS}, inquiries)
      SELECT ${grouping}, ${timeZone}, r.from_day, r.until_day, ${computation}::uuid,
        coalesce(l.key, q.key)::text, coalesce(l.campaign_id, q.campaign_id),
        coalesce(l.leads, 0), coalesce(l.valid_leads, 0), coalesce(l.target_leads, 0), coalesce(l.mql, 0),
        coalesce(l.sql_count, 0), l.lead_currency_min, l.lead_currency_max, coalesce(l.customers, 0), l.revenue,
        l.deal_currency_min, l.deal_currency_max, l.lead_times, l.response_times, coalesce(q.inquiries, 0)
      FROM lead_cells l FULL JOIN inquiry_cells q ON q.bucket = l.bucket AND q.key = l.key
          AND coalesce(q.campaign_id, ${NO_ID}) = coalesce(l.campaign_id, ${NO_ID})
        JOIN kept_ranges r ON r.bucket = coalesce(l.bucket, q.bucket)
    ),
    -- The cells of the spans' former computations.
    replaced AS (
      DELETE FROM report_rollup_cells d USING report_rollups h, kept k
      WHERE d.grouping = ${grouping} AND d.time_zone = ${timeZone} AND h.grouping = d.grouping
        AND h.time_zone = d.time_zone AND h.from_day = k.from_day AND h.until_day = k.until_day
        AND d.from_day = k.from_day AND d.until_day = k.until_day AND d.computation = h.computation
    )
    SELECT count(*)::int AS kept FROM kept`,
  );
  return row?.kept ?? 0;
}

/**
 * Moves the snapshot of kept spans no change touched forward to one taken now (checked at most
 * hourly): their rollups are as valid under it, and older changes can then be pruned. Safe: a
 * change the old snapshot did not see is either logged and visible here (the span is stale and
 * keeps its snapshot) or made by a transaction the new snapshot does not see either.
 */
export async function recheckRollups(ex: Executor): Promise<number> {
  const taken = await takeSnapshot(ex);
  const rows = await queryRows<{ n: number }>(
    ex,
    sql`WITH moved AS (
      UPDATE report_rollups h SET snapshot = ${taken.snapshot}, snapshot_xmin = ${taken.xmin}, checked_at = now()
      WHERE h.checked_at < now() - interval '1 hour' AND h.snapshot_xmin < ${taken.xmin} AND NOT ${staleRollup('h')}
      RETURNING 1
    ) SELECT count(*)::int AS n FROM moved`,
  );
  return rows[0]?.n ?? 0;
}

/**
 * The report's view of kept rollups for some buckets (CTE `buckets`: bucket, from_day,
 * until_day), as CTE definitions: `kept_spans` (valid kept spans inside a bucket: its months, and
 * the days no chosen month covers) and `ranges` (the runs of the other days per bucket, as
 * instants, for the report to count).
 */
export function keptSpansOf(grouping: EconomicsGrouping, timeZone: string): SQL {
  const kept = (spanDays: SQL) => sql`SELECT b.bucket, h.from_day, h.until_day, h.computation
    FROM buckets b JOIN report_rollups h ON h.grouping = ${grouping} AND h.time_zone = ${timeZone}
      AND h.from_day >= b.from_day AND h.until_day <= b.until_day AND ${spanDays}
    WHERE NOT ${staleRollup('h')}`;
  return sql`kept_months AS MATERIALIZED (${kept(sql`h.until_day - h.from_day > 1`)}),
  kept_spans AS MATERIALIZED (
    SELECT * FROM kept_months
    UNION ALL
    SELECT * FROM (${kept(sql`h.until_day = h.from_day + 1`)}) d
    WHERE NOT EXISTS (SELECT 1 FROM kept_months m WHERE d.from_day >= m.from_day AND d.from_day < m.until_day)
  ),
  ranges AS MATERIALIZED (
    SELECT r.bucket, r.from_day::timestamp AT TIME ZONE ${timeZone} AS starts,
      r.until_day::timestamp AT TIME ZONE ${timeZone} AS ends
    FROM (
      SELECT x.bucket, min(x.day) AS from_day, max(x.day) + 1 AS until_day
      FROM (
        SELECT b.bucket, d.day, d.day - (row_number() OVER (PARTITION BY b.bucket ORDER BY d.day))::int AS run
        FROM buckets b CROSS JOIN LATERAL (
          SELECT g::date AS day FROM generate_series(b.from_day::timestamp, (b.until_day - 1)::timestamp, interval '1 day') AS g
        ) d
        WHERE NOT EXISTS (SELECT 1 FROM kept_spans k WHERE d.day >= k.from_day AND d.day < k.until_day)
      ) x
      GROUP BY x.bucket, x.run
    ) r
  )`;
}

/**
 * Some columns of the kept spans' cells, per bucket (a subquery over `kept_spans`, keys in their
 * own type), read span by span from the index, as few columns as each use needs.
 */
export function keptCellsOf(grouping: EconomicsGrouping, timeZone: string, columns: string[]): SQL {
  const keys = keysOf(grouping);
  const selected = sql.join(
    columns.map((column) =>
      column === 'key' ? sql`${keys.fromText(sql`d.key`)} AS key` : sql.raw(`d.${column}`),
    ),
    sql`, `,
  );
  // OFFSET 0 keeps the lateral subquery from being flattened into a join the planner might hash.
  return sql`(SELECT k.bucket, c.* FROM kept_spans k CROSS JOIN LATERAL (
    SELECT ${selected} FROM report_rollup_cells d
    WHERE d.grouping = ${grouping} AND d.time_zone = ${timeZone} AND d.from_day = k.from_day
      AND d.until_day = k.until_day AND d.computation = k.computation
    OFFSET 0
  ) c)`;
}

/**
 * Forgets the rollups of time zones other than `timeZone` (the configured one changed) and cells
 * no span points to (left by a run that lost to a concurrent one). Returns the rows removed.
 */
export async function pruneRollups(ex: Executor, timeZone: string): Promise<number> {
  const rows = await queryRows<{ n: number }>(
    ex,
    sql`WITH spans AS (
      DELETE FROM report_rollups WHERE time_zone <> ${timeZone} RETURNING 1
    ),
    cells AS (
      DELETE FROM report_rollup_cells d
      WHERE d.time_zone <> ${timeZone} OR NOT EXISTS (
        SELECT 1 FROM report_rollups h
        WHERE h.grouping = d.grouping AND h.time_zone = d.time_zone AND h.from_day = d.from_day
          AND h.until_day = d.until_day AND h.computation = d.computation
      )
      RETURNING 1
    ) SELECT ((SELECT count(*) FROM spans) + (SELECT count(*) FROM cells))::int AS n`,
  );
  return rows[0]?.n ?? 0;
}
