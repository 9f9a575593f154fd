import { and, desc, eq, inArray, lt, or, sql } from 'drizzle-orm';
import type { Executor } from './db.ts';
import type { Cursor } from './leads.ts';
import { contacts } from './schema.ts';

export type ContactRow = typeof contacts.$inferSelect;
export type NewContactRow = typeof contacts.$inferInsert;

export async function insertContact(ex: Executor, row: NewContactRow): Promise<ContactRow> {
  const [created] = await ex.insert(contacts).values(row).returning();
  if (!created) throw new Error('contact insert returned nothing');
  return created;
}

export async function findContactById(
  ex: Executor,
  id: string,
  options: { lock?: boolean } = {},
): Promise<ContactRow | undefined> {
  const query = ex.select().from(contacts).where(eq(contacts.id, id));
  const [row] = options.lock ? await query.for('update') : await query;
  return row;
}

export async function updateContact(
  ex: Executor,
  id: string,
  changes: Partial<NewContactRow>,
): Promise<ContactRow | undefined> {
  const [row] = await ex.update(contacts).set(changes).where(eq(contacts.id, id)).returning();
  return row;
}

export async function findContactsByIds(ex: Executor, ids: string[]): Promise<ContactRow[]> {
  if (ids.length === 0) return [];
  return ex.select().from(contacts).where(inArray(contacts.id, ids));
}

export async function addContactContacts(
  ex: Executor,
  id: string,
  added: { emails: string[]; phones: string[]; searchText: string },
  at: Date,
): Promise<void> {
  await ex.execute(sql`
    UPDATE contacts SET
      emails = emails || ARRAY(SELECT unnest(${sql.param(added.emails)}::text[]) EXCEPT SELECT unnest(emails)),
      phones = phones || ARRAY(SELECT unnest(${sql.param(added.phones)}::text[]) EXCEPT SELECT unnest(phones)),
      search_text = search_text || ' ' || ${added.searchText},
      updated_at = ${at.toISOString()}::timestamptz
    WHERE id = ${id}`);
}

export async function listContactsPage(
  ex: Executor,
  filter: { search?: string },
  page: { limit: number; after?: Cursor },
): Promise<{ rows: ContactRow[]; next?: Cursor }> {
  const rows = await ex
    .select()
    .from(contacts)
    .where(
      and(
        filter.search
          ? sql`${contacts.searchText} LIKE ${`%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`
          : undefined,
        page.after
          ? or(
              lt(contacts.createdAt, page.after.createdAt),
              and(eq(contacts.createdAt, page.after.createdAt), lt(contacts.id, page.after.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(contacts.createdAt), desc(contacts.id))
    .limit(page.limit + 1);
  const hasMore = rows.length > page.limit;
  const pageRows = hasMore ? rows.slice(0, page.limit) : rows;
  const last = pageRows[pageRows.length - 1];
  return { rows: pageRows, ...(hasMore && last ? { next: { createdAt: last.createdAt, id: last.id } } : {}) };
}
