import { and, asc, eq, gt, inArray, isNull } from 'drizzle-orm';
import type { Executor } from './db.ts';
import { leads } from './schema.ts';
import { scoringRules } from './schemaWorkflow.ts';

export type ScoringRuleRow = typeof scoringRules.$inferSelect;
export type NewScoringRuleRow = typeof scoringRules.$inferInsert;

export async function listScoringRules(ex: Executor, options: { activeOnly?: boolean } = {}) {
  return ex
    .select()
    .from(scoringRules)
    .where(options.activeOnly ? eq(scoringRules.active, true) : undefined)
    .orderBy(asc(scoringRules.createdAt), asc(scoringRules.id));
}

export async function findScoringRuleById(ex: Executor, id: string): Promise<ScoringRuleRow | undefined> {
  const [row] = await ex.select().from(scoringRules).where(eq(scoringRules.id, id));
  return row;
}

export async function insertScoringRule(ex: Executor, row: NewScoringRuleRow): Promise<ScoringRuleRow> {
  const [saved] = await ex.insert(scoringRules).values(row).returning();
  if (!saved) throw new Error('scoring rule insert returned nothing');
  return saved;
}

export async function updateScoringRule(
  ex: Executor,
  id: string,
  changes: Partial<NewScoringRuleRow>,
): Promise<ScoringRuleRow | undefined> {
  const [row] = await ex.update(scoringRules).set(changes).where(eq(scoringRules.id, id)).returning();
  return row;
}

export async function deleteScoringRule(ex: Executor, id: string): Promise<boolean> {
  const rows = await ex
    .delete(scoringRules)
    .where(eq(scoringRules.id, id))
    .returning({ id: scoringRules.id });
  return rows.length > 0;
}

/** Ids of live (not merged) leads after `afterId`, in id order: the pages of a full rescore. */
export async function listLiveLeadIdsAfter(
  ex: Executor,
  afterId: string | null,
  limit: number,
): Promise<string[]> {
  const rows = await ex
    .select({ id: leads.id })
    .from(leads)
    .where(and(isNull(leads.mergedIntoId), afterId ? gt(leads.id, afterId) : undefined))
    .orderBy(asc(leads.id))
    .limit(limit);
  return rows.map((r) => r.id);
}

/** Locks a batch of leads in id order (so two batches cannot deadlock) for rescoring. */
export async function lockLeadsByIds(ex: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return ex.select().from(leads).where(inArray(leads.id, ids)).orderBy(asc(leads.id)).for('update');
}
