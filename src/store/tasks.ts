import { and, asc, desc, eq, gte, inArray, isNull, lt, ne, or, type SQL, sql } from 'drizzle-orm';
import type { LeadScope } from '../domain/permissions.ts';
import type { Executor } from './db.ts';
import { leads } from './schema.ts';
import { tasks } from './schemaWorkflow.ts';
import { queryRows } from './sql.ts';

export type TaskRow = typeof tasks.$inferSelect;
export type NewTaskRow = typeof tasks.$inferInsert;
type LeadRow = typeof leads.$inferSelect;

/** Statuses in which a lead is no longer worked. */
export const CLOSED_LEAD_STATUSES = ['converted', 'refused', 'junk'];

export async function insertTask(ex: Executor, row: NewTaskRow): Promise<TaskRow> {
  const [inserted] = await ex.insert(tasks).values(row).returning();
  if (!inserted) throw new Error('task insert returned nothing');
  return inserted;
}

export async function findTaskById(ex: Executor, id: string): Promise<TaskRow | undefined> {
  const [row] = await ex.select().from(tasks).where(eq(tasks.id, id));
  return row;
}

export async function lockTaskById(ex: Executor, id: string): Promise<TaskRow | undefined> {
  const [row] = await ex.select().from(tasks).where(eq(tasks.id, id)).for('update');
  return row;
}

export async function updateTask(
  ex: Executor,
  id: string,
  changes: Partial<NewTaskRow>,
): Promise<TaskRow | undefined> {
  const [row] = await ex.update(tasks).set(changes).where(eq(tasks.id, id)).returning();
  return row;
}

/** Open work tasks of a lead held by `from` (or nobody) pass to `to`; "assign an owner" tasks stay. */
export async function moveOpenLeadTasks(
  ex: Executor,
  leadId: string,
  from: string | null,
  to: string | null,
  at: Date,
): Promise<string[]> {
  const rows = await ex
    .update(tasks)
    .set({ assigneeId: to, updatedAt: at })
    .where(
      and(
        eq(tasks.leadId, leadId),
        eq(tasks.status, 'open'),
        ne(tasks.type, 'assign_owner'),
        from === null ? isNull(tasks.assigneeId) : or(eq(tasks.assigneeId, from), isNull(tasks.assigneeId)),
      ),
    )
    .returning({ id: tasks.id });
  return rows.map((r) => r.id);
}

/** Once a lead has an owner, its "assign an owner" tasks are done. */
export async function closeAssignOwnerTasks(
  ex: Executor,
  leadId: string,
  done: { result: string; at: Date; by: string },
): Promise<string[]> {
  const rows = await ex
    .update(tasks)
    .set({
      status: 'done',
      result: done.result,
      completedAt: done.at,
      completedBy: done.by,
      updatedAt: done.at,
    })
    .where(and(eq(tasks.leadId, leadId), eq(tasks.status, 'open'), eq(tasks.type, 'assign_owner')))
    .returning({ id: tasks.id });
  return rows.map((r) => r.id);
}

export async function findOpenFirstResponseTask(ex: Executor, leadId: string): Promise<TaskRow | undefined> {
  const [row] = await ex
    .select()
    .from(tasks)
    .where(and(eq(tasks.leadId, leadId), eq(tasks.status, 'open'), eq(tasks.firstResponse, true)))
    .limit(1);
  return row;
}

export type TaskFilter = {
  status?: 'open';
  assigneeId?: string;
  leadId?: string;
  dueBefore?: Date;
  dueFrom?: Date;
  /** A rep's reach: tasks assigned to them or on leads they own. */
  reachOf?: string;
};

/**
 * Tasks soonest due first, a page of `limit` after `after` (the due time and id of the previous
 * page's last task: keyset paging, stable while tasks are added), and the next page's start.
 */
export async function listTasks(
  ex: Executor,
  filter: TaskFilter,
  page: { limit: number; after?: { dueAt: Date; id: string } },
): Promise<{ rows: TaskRow[]; next?: { dueAt: Date; id: string } }> {
  const { after } = page;
  const conditions: (SQL | undefined)[] = [
    after
      ? sql`(${tasks.dueAt}, ${tasks.id}) > (${after.dueAt.toISOString()}::timestamptz, ${after.id}::uuid)`
      : undefined,
    filter.status ? eq(tasks.status, filter.status) : undefined,
    filter.assigneeId ? eq(tasks.assigneeId, filter.assigneeId) : undefined,
    filter.leadId ? eq(tasks.leadId, filter.leadId) : undefined,
    filter.dueBefore ? lt(tasks.dueAt, filter.dueBefore) : undefined,
    filter.dueFrom ? gte(tasks.dueAt, filter.dueFrom) : undefined,
    filter.reachOf
      ? or(
          eq(tasks.assigneeId, filter.reachOf),
          inArray(
            tasks.leadId,
            ex.select({ id: leads.id }).from(leads).where(eq(leads.ownerId, filter.reachOf)),
          ),
        )
      : undefined,
  ];
  const rows = await ex
    .select()
    .from(tasks)
    .where(and(...conditions))
    .orderBy(asc(tasks.dueAt), asc(tasks.id))
    .limit(page.limit + 1);
  const pageRows = rows.slice(0, page.limit);
  const last = pageRows[pageRows.length - 1];
  return {
    rows: pageRows,
    ...(rows.length > page.limit && last ? { next: { dueAt: last.dueAt, id: last.id } } : {}),
  };
}

const scopeCondition = (scope: LeadScope): SQL | undefined => {
  if (scope.kind === 'all') return undefined;
  if (scope.kind === 'none') return sql`false`;
  return or(isNull(leads.ownerId), eq(leads.ownerId, scope.userId));
};

/** Leads in work (owned, not closed, not merged, not spam) with no open task: nobody will act on them. */
export async function listLeadsWithoutNextStep(
  ex: Executor,
  options: { scope: LeadScope; ownerId?: string; limit: number },
): Promise<LeadRow[]> {
  return ex
    .select()
    .from(leads)
    .where(
      and(
        scopeCondition(options.scope),
        options.ownerId ? eq(leads.ownerId, options.ownerId) : sql`${leads.ownerId} IS NOT NULL`,
        isNull(leads.mergedIntoId),
        eq(leads.spam, false),
        sql`${leads.status} NOT IN ('converted', 'refused', 'junk')`,
        sql`NOT EXISTS (SELECT 1 FROM ${tasks} WHERE ${tasks.leadId} = ${leads.id} AND ${tasks.status} = 'open')`,
      ),
    )
    .orderBy(asc(leads.assignedAt), asc(leads.id))
    .limit(options.limit);
}

export type BoardFilter = { scope: LeadScope; includeSpam: boolean; ownerId?: string; teamId?: string };

function boardConditions(filter: BoardFilter): SQL | undefined {
  return and(
    scopeCondition(filter.scope),
    isNull(leads.mergedIntoId),
    filter.includeSpam ? undefined : eq(leads.spam, false),
    filter.ownerId ? eq(leads.ownerId, filter.ownerId) : undefined,
    filter.teamId ? eq(leads.teamId, filter.teamId) : undefined,
  );
}

export async function countLeadsByStatus(ex: Executor, filter: BoardFilter): Promise<Map<string, number>> {
  const rows = await ex
    .select({ status: leads.status, total: sql<number>`count(*)::int` })
    .from(leads)
    .where(boardConditions(filter))
    .groupBy(leads.status);
  return new Map(rows.map((r) => [r.status, Number(r.total)]));
}

export type BoardCardRow = LeadRow & {
  nextTask: { id: string; type: TaskRow['type']; title: string; dueAt: Date } | null;
};

/** The newest `perColumn` leads of each status, each with its earliest open task. */
export async function listBoardCards(
  ex: Executor,
  filter: BoardFilter,
  perColumn: number,
): Promise<BoardCardRow[]> {
  const ranked = ex
    .select({
      id: leads.id,
      rank: sql<number>`row_number() OVER (PARTITION BY ${leads.status} ORDER BY ${leads.createdAt} DESC, ${leads.id} DESC)`.as(
        'rank',
      ),
    })
    .from(leads)
    .where(boardConditions(filter))
    .as('ranked');
  const rows = await ex
    .select({ lead: leads })
    .from(leads)
    .innerJoin(ranked, eq(ranked.id, leads.id))
    .where(sql`${ranked.rank} <= ${perColumn}`)
    .orderBy(desc(leads.createdAt), desc(leads.id));
  const ids = rows.map((r) => r.lead.id);
  const next = new Map<string, BoardCardRow['nextTask']>();
  if (ids.length > 0) {
    const taskRows = await queryRows<{
      lead_id: string;
      id: string;
      type: TaskRow['type'];
      title: string;
      due_at: string | Date;
    }>(
      ex,
      sql`SELECT DISTINCT ON (${tasks.leadId}) ${tasks.leadId} AS lead_id, ${tasks.id} AS id, ${tasks.type} AS type,
                 ${tasks.title} AS title, ${tasks.dueAt} AS due_at
          FROM ${tasks} WHERE ${inArray(tasks.leadId, ids)} AND ${tasks.status} = 'open'
          ORDER BY ${tasks.leadId}, ${tasks.dueAt}, ${tasks.id}`,
    );
    for (const t of taskRows)
      next.set(t.lead_id, { id: t.id, type: t.type, title: t.title, dueAt: new Date(t.due_at) });
  }
  return rows.map((r) => ({ ...r.lead, nextTask: next.get(r.lead.id) ?? null }));
}

/**
 * Leads whose owner missed the first-response deadline: an open first-response task past due,
 * no response yet. Locked with SKIP LOCKED so parallel runs share the work.
 */
export async function lockLeadsWithMissedSla(
  ex: Executor,
  at: Date,
  limit: number,
): Promise<Array<{ lead: LeadRow; task: TaskRow }>> {
  return ex
    .select({ lead: leads, task: tasks })
    .from(tasks)
    .innerJoin(leads, eq(leads.id, tasks.leadId))
    .where(
      and(
        eq(tasks.status, 'open'),
        eq(tasks.firstResponse, true),
        lt(tasks.dueAt, at),
        sql`${leads.ownerId} IS NOT NULL`,
        isNull(leads.firstResponseAt),
        isNull(leads.mergedIntoId),
      ),
    )
    .orderBy(asc(tasks.dueAt))
    .limit(limit)
    .for('update', { of: [leads, tasks], skipLocked: true });
}
