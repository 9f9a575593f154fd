import { and, desc, eq, gte, isNull, lt, or, type SQL } from 'drizzle-orm';
import type { Executor } from './db.ts';
import type { Cursor } from './leads.ts';
import { settings } from './schema.ts';
import { deals } from './schemaWorkflow.ts';

export type DealRow = typeof deals.$inferSelect;
export type NewDealRow = typeof deals.$inferInsert;

export async function insertDeal(ex: Executor, row: NewDealRow): Promise<DealRow> {
  const [created] = await ex.insert(deals).values(row).returning();
  if (!created) throw new Error('deal insert returned nothing');
  return created;
}

export async function findDealById(
  ex: Executor,
  id: string,
  options: { lock?: boolean } = {},
): Promise<DealRow | undefined> {
  const query = ex.select().from(deals).where(eq(deals.id, id));
  const [row] = options.lock ? await query.for('update') : await query;
  return row;
}

export async function updateDeal(
  ex: Executor,
  id: string,
  changes: Partial<NewDealRow>,
): Promise<DealRow | undefined> {
  const [row] = await ex.update(deals).set(changes).where(eq(deals.id, id)).returning();
  return row;
}

/** The raw 'deal_stages' setting, if any (the service validates its shape). */
export async function findDealStagesSetting(ex: Executor): Promise<unknown> {
  const [row] = await ex
    .select({ value: settings.value })
    .from(settings)
    .where(eq(settings.key, 'deal_stages'));
  return row?.value;
}

export type DealFilter = {
  status?: 'open' | 'won' | 'lost';
  ownerId?: string;
  leadId?: string;
  createdFrom?: Date;
  createdTo?: Date;
  closedFrom?: Date;
  closedTo?: Date;
  /** A rep sees their own deals and unowned ones. */
  visibleTo?: string;
};

/** Newest first, keyset-paginated on (created_at, id). */
export async function listDealsPage(
  ex: Executor,
  filter: DealFilter,
  page: { limit: number; after?: Cursor },
): Promise<{ rows: DealRow[]; next?: Cursor }> {
  const conditions: (SQL | undefined)[] = [
    filter.status ? eq(deals.status, filter.status) : undefined,
    filter.ownerId ? eq(deals.ownerId, filter.ownerId) : undefined,
    filter.leadId ? eq(deals.leadId, filter.leadId) : undefined,
    filter.createdFrom ? gte(deals.createdAt, filter.createdFrom) : undefined,
    filter.createdTo ? lt(deals.createdAt, filter.createdTo) : undefined,
    filter.closedFrom ? gte(deals.closedAt, filter.closedFrom) : undefined,
    filter.closedTo ? lt(deals.closedAt, filter.closedTo) : undefined,
    filter.visibleTo ? or(eq(deals.ownerId, filter.visibleTo), isNull(deals.ownerId)) : undefined,
    page.after
      ? or(
          lt(deals.createdAt, page.after.createdAt),
          and(eq(deals.createdAt, page.after.createdAt), lt(deals.id, page.after.id)),
        )
      : undefined,
  ];
  const rows = await ex
    .select()
    .from(deals)
    .where(and(...conditions))
    .orderBy(desc(deals.createdAt), desc(deals.id))
    .limit(page.limit + 1);
  const hasMore = rows.length > page.limit;
  const pageRows = hasMore ? rows.slice(0, page.limit) : rows;
  const last = pageRows[pageRows.length - 1];
  return { rows: pageRows, ...(hasMore && last ? { next: { createdAt: last.createdAt, id: last.id } } : {}) };
}
