import { and, desc, eq, gte, inArray, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import type { LeadScope } from '../domain/permissions.ts';
import type { Executor } from './db.ts';
import { leads } from './schema.ts';
import { insertJsonRows } from './sql.ts';

export type LeadRow = typeof leads.$inferSelect;
export type NewLeadRow = typeof leads.$inferInsert;

export async function insertLeads(ex: Executor, rows: NewLeadRow[]): Promise<void> {
  await insertJsonRows(ex, leads, rows);
}

export async function findLeadById(ex: Executor, id: string): Promise<LeadRow | undefined> {
  const [row] = await ex.select().from(leads).where(eq(leads.id, id));
  return row;
}

/** Locks the lead row for the rest of the transaction (merges, edits racing each other). */
export async function lockLeadById(ex: Executor, id: string): Promise<LeadRow | undefined> {
  const [row] = await ex.select().from(leads).where(eq(leads.id, id)).for('update');
  return row;
}

export async function findLeadsByIds(ex: Executor, ids: string[]): Promise<LeadRow[]> {
  if (ids.length === 0) return [];
  return ex.select().from(leads).where(inArray(leads.id, ids));
}

export async function updateLead(
  ex: Executor,
  id: string,
  changes: Partial<NewLeadRow>,
): Promise<LeadRow | undefined> {
  const [row] = await ex.update(leads).set(changes).where(eq(leads.id, id)).returning();
  return row;
}

/** Adds emails and phones a card did not have yet, keeping the existing order. */
export async function addLeadContacts(
  ex: Executor,
  id: string,
  added: { emails: string[]; phones: string[]; searchText: string },
  at: Date,
): Promise<void> {
  await ex.execute(sql`
    UPDATE leads SET
      emails = emails || ARRAY(SELECT unnest(${sql.param(added.emails)}::text[]) EXCEPT SELECT unnest(emails)),
      phones = phones || ARRAY(SELECT unnest(${sql.param(added.phones)}::text[]) EXCEPT SELECT unnest(phones)),
      search_text = search_text || ' ' || ${added.searchText},
      updated_at = ${at.toISOString()}::timestamptz
    WHERE id = ${id}`);
}

export type LeadFilter = {
  status?: string;
  kind?: 'lead' | 'interest';
  channelId?: string;
  campaignId?: string;
  /** An owner's leads, or 'none' for the unassigned pool. */
  ownerId?: string;
  spam?: boolean;
  createdFrom?: Date;
  createdTo?: Date;
  search?: string;
  includeMerged?: boolean;
  /** Which leads the caller may see (leadScopeOf); absent means all. */
  scope?: LeadScope;
};

export type Cursor = { createdAt: Date; id: string };

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(`${cursor.createdAt.toISOString()}|${cursor.id}`).toString('base64url');
}

export function decodeCursor(value: string): Cursor | undefined {
  const [at, id] = Buffer.from(value, 'base64url').toString().split('|');
  const createdAt = new Date(at ?? '');
  if (!id || Number.isNaN(createdAt.getTime()) || !/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  return { createdAt, id };
}

/** The visibility rule as SQL: all leads, or the caller's own plus the unassigned pool. */
export function scopeCondition(scope: LeadScope): SQL | undefined {
  if (scope.kind === 'all') return undefined;
  if (scope.kind === 'none') return sql`false`;
  return or(isNull(leads.ownerId), eq(leads.ownerId, scope.userId));
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Newest first, keyset-paginated on (created_at, id) so pages stay stable while leads arrive. */
export async function listLeadsPage(
  ex: Executor,
  filter: LeadFilter,
  page: { limit: number; after?: Cursor },
): Promise<{ rows: LeadRow[]; next?: Cursor }> {
  const conditions: (SQL | undefined)[] = [
    filter.includeMerged ? undefined : isNull(leads.mergedIntoId),
    filter.scope ? scopeCondition(filter.scope) : undefined,
    filter.status ? eq(leads.status, filter.status) : undefined,
    filter.kind ? eq(leads.kind, filter.kind) : undefined,
    filter.channelId ? eq(leads.channelId, filter.channelId) : undefined,
    filter.campaignId ? eq(leads.campaignId, filter.campaignId) : undefined,
    filter.ownerId === 'none' ? isNull(leads.ownerId) : undefined,
    filter.ownerId && filter.ownerId !== 'none' ? eq(leads.ownerId, filter.ownerId) : undefined,
    filter.spam === undefined ? undefined : eq(leads.spam, filter.spam),
    filter.createdFrom ? gte(leads.createdAt, filter.createdFrom) : undefined,
    filter.createdTo ? lt(leads.createdAt, filter.createdTo) : undefined,
    filter.search ? sql`${leads.searchText} LIKE ${`%${escapeLike(filter.search)}%`}` : undefined,
    page.after
      ? or(
          lt(leads.createdAt, page.after.createdAt),
          and(eq(leads.createdAt, page.after.createdAt), lt(leads.id, page.after.id)),
        )
      : undefined,
  ];
  const rows = await ex
    .select()
    .from(leads)
    .where(and(...conditions))
    .orderBy(desc(leads.createdAt), desc(leads.id))
    .limit(page.limit + 1);
  const hasMore = rows.length > page.limit;
  const pageRows = hasMore ? rows.slice(0, page.limit) : rows;
  const last = pageRows[pageRows.length - 1];
  return { rows: pageRows, ...(hasMore && last ? { next: { createdAt: last.createdAt, id: last.id } } : {}) };
}
