import { eq, sql } from 'drizzle-orm';
import type { Executor } from './db.ts';
import { companies, contacts } from './schema.ts';
import { users } from './schemaWorkflow.ts';
import { queryRows } from './sql.ts';

export async function userExists(ex: Executor, id: string): Promise<boolean> {
  const [row] = await ex.select({ id: users.id }).from(users).where(eq(users.id, id));
  return row !== undefined;
}

const likeAny = (column: string, needles: string[]) =>
  sql.join(
    needles.map((n) => sql`${sql.raw(column)} LIKE ${`%${n.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`),
    sql` OR `,
  );

export type ContactSuggestionRow = {
  id: string;
  full_name: string;
  emails: string[];
  phones: string[];
  company_name: string | null;
  company_id: string | null;
  owner_id: string | null;
};

/**
 * Contacts sharing an email or phone with the lead, or named like its company. The trigram index
 * on search_text narrows the rows (emails and phone digits are in it); the array tests confirm.
 */
export async function findContactSuggestions(
  ex: Executor,
  lead: { emails: string[]; phones: string[]; company: string | null },
  limit = 20,
): Promise<ContactSuggestionRow[]> {
  const phoneDigits = lead.phones.map((p) => p.replace(/\D/g, ''));
  const needles = [...lead.emails, ...phoneDigits, ...(lead.company ? [lead.company.toLowerCase()] : [])];
  if (needles.length === 0) return [];
  return queryRows<ContactSuggestionRow>(
    ex,
    sql`SELECT id, full_name, emails, phones, company_name, company_id, owner_id FROM ${contacts}
        WHERE ${likeAny('search_text', needles)}
        ORDER BY created_at DESC LIMIT ${limit}`,
  );
}

export type CompanySuggestionRow = {
  id: string;
  name: string;
  tax_id: string | null;
  emails: string[];
  phones: string[];
  owner_id: string | null;
};

/** Companies sharing a name, tax id, email or phone with the lead, found through search_text. */
export async function findCompanySuggestions(
  ex: Executor,
  lead: { emails: string[]; phones: string[]; company: string | null; taxId: string | null },
  limit = 20,
): Promise<CompanySuggestionRow[]> {
  const phoneDigits = lead.phones.map((p) => p.replace(/\D/g, ''));
  const needles = [
    ...lead.emails,
    ...phoneDigits,
    ...(lead.company ? [lead.company.toLowerCase()] : []),
    ...(lead.taxId ? [lead.taxId] : []),
  ];
  if (needles.length === 0) return [];
  return queryRows<CompanySuggestionRow>(
    ex,
    sql`SELECT id, name, tax_id, emails, phones, owner_id FROM ${companies}
        WHERE ${likeAny('search_text', needles)}
        ORDER BY created_at DESC LIMIT ${limit}`,
  );
}
