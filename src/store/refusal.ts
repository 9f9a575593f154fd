import { and, asc, eq, lte } from 'drizzle-orm';
import type { Executor } from './db.ts';
import type { LeadRow } from './leads.ts';
import { leads } from './schema.ts';
import { tasks, users } from './schemaWorkflow.ts';

/** A refused lead is not worked any more: its open tasks are canceled (kept, with why). */
export async function cancelOpenLeadTasks(
  ex: Executor,
  leadId: string,
  done: { result: string; at: Date; by: string },
): Promise<string[]> {
  const rows = await ex
    .update(tasks)
    .set({
      status: 'canceled',
      result: done.result,
      completedAt: done.at,
      completedBy: done.by,
      updatedAt: done.at,
    })
    .where(and(eq(tasks.leadId, leadId), eq(tasks.status, 'open')))
    .returning({ id: tasks.id });
  return rows.map((r) => r.id);
}

/** Refused leads whose revisit date has come, locked; rows another process holds are skipped. */
export async function lockLeadsDueForRevisit(ex: Executor, at: Date, limit: number): Promise<LeadRow[]> {
  return ex
    .select()
    .from(leads)
    .where(and(eq(leads.status, 'refused'), lte(leads.revisitAt, at)))
    .orderBy(asc(leads.revisitAt), asc(leads.id))
    .limit(limit)
    .for('update', { skipLocked: true });
}

export async function isActiveUser(ex: Executor, id: string): Promise<boolean> {
  const [row] = await ex.select({ active: users.active }).from(users).where(eq(users.id, id));
  return row?.active === true;
}
