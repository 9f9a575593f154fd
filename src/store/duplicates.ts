import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Executor } from './db.ts';
import { duplicateReviews } from './schema.ts';
import { insertJsonRows } from './sql.ts';

export type DuplicateReviewRow = typeof duplicateReviews.$inferSelect;
export type NewDuplicateReviewRow = typeof duplicateReviews.$inferInsert;

export async function insertDuplicateReviews(ex: Executor, rows: NewDuplicateReviewRow[]): Promise<void> {
  await insertJsonRows(ex, duplicateReviews, rows);
}

export async function listOpenDuplicateReviews(
  ex: Executor,
  page: { limit: number; offset: number },
): Promise<DuplicateReviewRow[]> {
  return ex
    .select()
    .from(duplicateReviews)
    .where(eq(duplicateReviews.status, 'open'))
    .orderBy(asc(duplicateReviews.createdAt), asc(duplicateReviews.id))
    .limit(page.limit)
    .offset(page.offset);
}

/**
 * The open reviews that involve one lead, on either side of the pair, oldest first.
 */
export async function listOpenReviewsOfLead(
  ex: Executor,
  leadId: string,
  page: { limit: number; offset: number },
): Promise<DuplicateReviewRow[]> {
  return ex
    .select()
    .from(duplicateReviews)
    .where(
      and(
        eq(duplicateReviews.status, 'open'),
        or(eq(duplicateReviews.leadId, leadId), eq(duplicateReviews.candidateLeadId, leadId)),
      ),
    )
    .orderBy(asc(duplicateReviews.createdAt), asc(duplicateReviews.id))
    .limit(page.limit)
    .offset(page.offset);
}

export async function findDuplicateReviewById(
  ex: Executor,
  id: string,
): Promise<DuplicateReviewRow | undefined> {
  const [row] = await ex.select().from(duplicateReviews).where(eq(duplicateReviews.id, id));
  return row;
}

/** Closes every open review between two leads (either direction), e.g. after they were merged. */
export async function resolveReviewsBetween(
  ex: Executor,
  leadIds: [string, string],
  resolution: { status: 'merged' | 'dismissed'; at: Date; by: string },
): Promise<void> {
  const [a, b] = leadIds;
  await ex
    .update(duplicateReviews)
    .set({ status: resolution.status, resolvedAt: resolution.at, resolvedBy: resolution.by })
    .where(
      and(
        eq(duplicateReviews.status, 'open'),
        or(
          and(eq(duplicateReviews.leadId, a), eq(duplicateReviews.candidateLeadId, b)),
          and(eq(duplicateReviews.leadId, b), eq(duplicateReviews.candidateLeadId, a)),
        ),
      ),
    );
}

/** Points the remaining reviews of a merged lead at the lead it was merged into. */
export async function retargetReviews(ex: Executor, fromLeadId: string, toLeadId: string): Promise<void> {
  await ex.update(duplicateReviews).set({ leadId: toLeadId }).where(eq(duplicateReviews.leadId, fromLeadId));
  await ex
    .update(duplicateReviews)
    .set({ candidateLeadId: toLeadId })
    .where(eq(duplicateReviews.candidateLeadId, fromLeadId));
  // A review of the merged lead against itself means nothing any more.
  await ex.execute(
    sql`UPDATE duplicate_reviews SET status = 'merged' WHERE status = 'open' AND lead_id = candidate_lead_id`,
  );
}

export async function setReviewStatus(
  ex: Executor,
  ids: string[],
  resolution: { status: 'merged' | 'dismissed'; at: Date; by: string },
): Promise<void> {
  if (ids.length === 0) return;
  await ex
    .update(duplicateReviews)
    .set({ status: resolution.status, resolvedAt: resolution.at, resolvedBy: resolution.by })
    .where(inArray(duplicateReviews.id, ids));
}
