import { and, desc, eq, lt, or, sql } from 'drizzle-orm';
import type { Executor } from './db.ts';
import type { Cursor } from './leads.ts';
import { companies } from './schema.ts';

export type CompanyRow = typeof companies.$inferSelect;
export type NewCompanyRow = typeof companies.$inferInsert;

export async function insertCompany(ex: Executor, row: NewCompanyRow): Promise<CompanyRow> {
  const [created] = await ex.insert(companies).values(row).returning();
  if (!created) throw new Error('company insert returned nothing');
  return created;
}

export async function findCompanyById(ex: Executor, id: string): Promise<CompanyRow | undefined> {
  const [row] = await ex.select().from(companies).where(eq(companies.id, id));
  return row;
}

export async function lockCompanyById(ex: Executor, id: string): Promise<CompanyRow | undefined> {
  const [row] = await ex.select().from(companies).where(eq(companies.id, id)).for('update');
  return row;
}

export async function updateCompany(
  ex: Executor,
  id: string,
  changes: Partial<NewCompanyRow>,
): Promise<CompanyRow | undefined> {
  const [row] = await ex.update(companies).set(changes).where(eq(companies.id, id)).returning();
  return row;
}

/** Newest first, keyset-paginated like the lead list; `search` goes through the trigram index. */
export async function listCompaniesPage(
  ex: Executor,
  filter: { search?: string },
  page: { limit: number; after?: Cursor },
): Promise<{ rows: CompanyRow[]; next?: Cursor }> {
  const rows = await ex
    .select()
    .from(companies)
    .where(
      and(
        filter.search
          ? sql`${companies.searchText} LIKE ${`%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`
          : undefined,
        page.after
          ? or(
              lt(companies.createdAt, page.after.createdAt),
              and(eq(companies.createdAt, page.after.createdAt), lt(companies.id, page.after.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(companies.createdAt), desc(companies.id))
    .limit(page.limit + 1);
  const hasMore = rows.length > page.limit;
  const pageRows = hasMore ? rows.slice(0, page.limit) : rows;
  const last = pageRows[pageRows.length - 1];
  return { rows: pageRows, ...(hasMore && last ? { next: { createdAt: last.createdAt, id: last.id } } : {}) };
}
