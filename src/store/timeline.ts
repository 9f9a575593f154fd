import { and, asc, desc, eq } from 'drizzle-orm';
import type { Executor } from './db.ts';
import { timelineEvents } from './schema.ts';
import { insertJsonRows } from './sql.ts';

export type TimelineRow = typeof timelineEvents.$inferSelect;
export type NewTimelineRow = typeof timelineEvents.$inferInsert;

export async function insertTimelineEvents(ex: Executor, rows: NewTimelineRow[]): Promise<void> {
  await insertJsonRows(ex, timelineEvents, rows);
}

export async function listTimelineOfLead(ex: Executor, leadId: string): Promise<TimelineRow[]> {
  return ex
    .select()
    .from(timelineEvents)
    .where(eq(timelineEvents.leadId, leadId))
    .orderBy(asc(timelineEvents.at), asc(timelineEvents.id));
}

export async function moveTimelineToLead(ex: Executor, fromLeadId: string, toLeadId: string): Promise<void> {
  await ex.update(timelineEvents).set({ leadId: toLeadId }).where(eq(timelineEvents.leadId, fromLeadId));
}

/** The latest event of a type on a lead's timeline (e.g. 'converted', 'refused'). */
export async function findLatestTimelineEvent(
  ex: Executor,
  leadId: string,
  type: string,
): Promise<{ data: Record<string, unknown> } | undefined> {
  const [row] = await ex
    .select({ data: timelineEvents.data })
    .from(timelineEvents)
    .where(and(eq(timelineEvents.leadId, leadId), eq(timelineEvents.type, type)))
    .orderBy(desc(timelineEvents.at))
    .limit(1);
  return row;
}
