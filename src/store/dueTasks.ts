import { and, asc, eq, gt, inArray, isNull, lte, type SQL } from 'drizzle-orm';
import type { Executor } from './db.ts';
import { leads } from './schema.ts';
import { tasks, teams, users } from './schemaWorkflow.ts';

// Queries of the scheduler's task jobs. Each selects open tasks that are due and not yet marked,
// locked with SKIP LOCKED: two server processes share the work instead of doubling it, and a
// restart catches up on everything that came due meanwhile.

export type DueTask = {
  id: string;
  leadId: string | null;
  title: string;
  type: string;
  dueAt: Date;
  assigneeId: string | null;
  assigneeName: string | null;
  leadName: string | null;
  leadTeamId: string | null;
};

async function lockOpenTasks(ex: Executor, where: SQL | undefined, limit: number): Promise<DueTask[]> {
  return ex
    .select({
      id: tasks.id,
      leadId: tasks.leadId,
      title: tasks.title,
      type: tasks.type,
      dueAt: tasks.dueAt,
      assigneeId: tasks.assigneeId,
      assigneeName: users.name,
      leadName: leads.fullName,
      leadTeamId: leads.teamId,
    })
    .from(tasks)
    .leftJoin(leads, eq(leads.id, tasks.leadId))
    .leftJoin(users, eq(users.id, tasks.assigneeId))
    .where(and(eq(tasks.status, 'open'), where))
    .orderBy(asc(tasks.dueAt), asc(tasks.id))
    .limit(limit)
    .for('update', { of: tasks, skipLocked: true });
}

/** Open tasks due within the reminder lead time (and not yet past due) with no reminder sent. */
export function lockTasksToRemind(ex: Executor, input: { now: Date; remindFrom: Date; limit: number }) {
  return lockOpenTasks(
    ex,
    and(isNull(tasks.remindedAt), lte(tasks.dueAt, input.remindFrom), gt(tasks.dueAt, input.now)),
    input.limit,
  );
}

/** Open tasks past due that are not yet marked overdue. */
export function lockTasksGoneOverdue(ex: Executor, input: { now: Date; limit: number }) {
  return lockOpenTasks(ex, and(isNull(tasks.overdueAt), lte(tasks.dueAt, input.now)), input.limit);
}

/** Open first-response tasks past due that have not been escalated yet. */
export function lockFirstResponsesToEscalate(ex: Executor, input: { now: Date; limit: number }) {
  return lockOpenTasks(
    ex,
    and(eq(tasks.firstResponse, true), isNull(tasks.escalatedAt), lte(tasks.dueAt, input.now)),
    input.limit,
  );
}

export type TaskMark = 'remindedAt' | 'overdueAt' | 'escalatedAt';

export async function markTasks(ex: Executor, ids: string[], mark: TaskMark, at: Date): Promise<void> {
  if (ids.length === 0) return;
  await ex
    .update(tasks)
    .set({ [mark]: at })
    .where(inArray(tasks.id, ids));
}

/**
 * Who answers for a lead's missed first response: the active head of the lead's team, or, when
 * the lead has no team or the team no active head, every active user with role head.
 */
export async function findSalesHeadIds(ex: Executor, teamId: string | null): Promise<string[]> {
  if (teamId) {
    const [team] = await ex
      .select({ headId: teams.headId })
      .from(teams)
      .innerJoin(users, and(eq(users.id, teams.headId), eq(users.active, true)))
      .where(eq(teams.id, teamId));
    if (team?.headId) return [team.headId];
  }
  const heads = await ex
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, 'head'), eq(users.active, true)))
    .orderBy(asc(users.id));
  return heads.map((h) => h.id);
}
