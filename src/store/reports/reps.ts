import { sql } from 'drizzle-orm';
import type { Executor } from '../db.ts';
import { instantInPeriod, type ReportPeriod, reportRows } from './period.ts';

// Rep performance per owner, in one SQL statement. A lead is "received" by its current owner when
// it was assigned in the period (or, never assigned by routing, created in the period with that
// owner); spam and merged cards are left out.

export type RepRow = {
  userId: string;
  name: string;
  role: string;
  received: number;
  worked: number;
  converted: number;
  firstResponseMedianMinutes: number | null;
  leadTimeMedianHours: number | null;
  overdueTasks: number;
};

export async function repPerformance(
  ex: Executor,
  filter: { period: ReportPeriod; now: Date; userId?: string },
): Promise<RepRow[]> {
  const onlyUser = filter.userId ? sql`AND u.id = ${filter.userId}` : sql``;
  const rows = await reportRows<RepRow>(
    ex,
    sql`WITH
  received AS MATERIALIZED (
    SELECT l.id, l.owner_id, l.created_at, l.first_response_at, l.converted_at
    FROM leads l
    WHERE l.owner_id IS NOT NULL AND NOT l.spam AND l.merged_into_id IS NULL
      AND ${instantInPeriod(sql`coalesce(l.assigned_at, l.created_at)`, filter.period)}
  ),
  worked AS (
    SELECT DISTINCT t.lead_id FROM tasks t
    WHERE t.status = 'done' AND t.lead_id IN (SELECT id FROM received)
  ),
  per_owner AS (
    SELECT r.owner_id, count(*)::int AS received, count(w.lead_id)::int AS worked,
      count(*) FILTER (WHERE r.converted_at IS NOT NULL)::int AS converted,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM r.first_response_at - r.created_at) / 60)
        AS first_response,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM r.converted_at - r.created_at) / 3600)
        AS lead_time
    FROM received r LEFT JOIN worked w ON w.lead_id = r.id
    GROUP BY r.owner_id
  ),
  overdue AS (
    SELECT t.assignee_id, count(*)::int AS tasks FROM tasks t
    WHERE t.status = 'open' AND t.due_at < ${filter.now.toISOString()}::timestamptz AND t.assignee_id IS NOT NULL
    GROUP BY t.assignee_id
  )
  SELECT u.id::text AS "userId", u.name, u.role,
    coalesce(p.received, 0) AS received, coalesce(p.worked, 0) AS worked, coalesce(p.converted, 0) AS converted,
    p.first_response AS "firstResponseMedianMinutes", p.lead_time AS "leadTimeMedianHours",
    coalesce(o.tasks, 0) AS "overdueTasks"
  FROM users u
    LEFT JOIN per_owner p ON p.owner_id = u.id
    LEFT JOIN overdue o ON o.assignee_id = u.id
  WHERE ((u.role = 'rep' AND u.active) OR p.owner_id IS NOT NULL OR o.assignee_id IS NOT NULL) ${onlyUser}
  ORDER BY u.name, u.id`,
  );
  return rows.map((row) => ({
    ...row,
    received: Number(row.received),
    worked: Number(row.worked),
    converted: Number(row.converted),
    overdueTasks: Number(row.overdueTasks),
    firstResponseMedianMinutes:
      row.firstResponseMedianMinutes === null ? null : Number(row.firstResponseMedianMinutes),
    leadTimeMedianHours: row.leadTimeMedianHours === null ? null : Number(row.leadTimeMedianHours),
  }));
}
