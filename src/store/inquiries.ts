import { asc, desc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Executor } from './db.ts';
import { inquiries } from './schema.ts';
import { insertJsonRows, queryRows } from './sql.ts';

export type InquiryRow = typeof inquiries.$inferSelect;
export type NewInquiryRow = typeof inquiries.$inferInsert;

export async function insertInquiries(ex: Executor, rows: NewInquiryRow[]): Promise<void> {
  await insertJsonRows(ex, inquiries, rows);
}

/** Earlier inquiries carrying any of these idempotency or external keys. */
export async function findInquiriesByKeys(
  ex: Executor,
  keys: { idempotencyKeys: string[]; externalKeys: string[] },
): Promise<InquiryRow[]> {
  const conditions = [
    keys.idempotencyKeys.length > 0 ? inArray(inquiries.idempotencyKey, keys.idempotencyKeys) : undefined,
    keys.externalKeys.length > 0 ? inArray(inquiries.externalKey, keys.externalKeys) : undefined,
  ].filter((c) => c !== undefined);
  if (conditions.length === 0) return [];
  return ex
    .select()
    .from(inquiries)
    .where(or(...conditions));
}

/** Inquiries received since `since` per IP address, for flood detection. */
export async function countRecentInquiriesByIp(
  ex: Executor,
  ips: string[],
  since: Date,
): Promise<Map<string, number>> {
  if (ips.length === 0) return new Map();
  const rows = await queryRows<{ ip: string; n: number }>(
    ex,
    sql`SELECT ip, count(*)::int AS n FROM inquiries
        WHERE ip = ANY(${sql.param(ips)}::text[]) AND received_at > ${since.toISOString()}::timestamptz
        GROUP BY ip`,
  );
  return new Map(rows.map((r) => [r.ip, Number(r.n)]));
}

/** Inquiries received since `since` per email and per phone, keyed `e:<email>` / `p:<phone>`. */
export async function countRecentInquiriesByContact(
  ex: Executor,
  contacts: { emails: string[]; phones: string[] },
  since: Date,
): Promise<Map<string, number>> {
  if (contacts.emails.length + contacts.phones.length === 0) return new Map();
  const after = since.toISOString();
  const rows = await queryRows<{ key: string; n: number }>(
    ex,
    sql`SELECT 'e:' || email AS key, count(*)::int AS n FROM inquiries
        WHERE email = ANY(${sql.param(contacts.emails)}::text[]) AND received_at > ${after}::timestamptz GROUP BY email
        UNION ALL
        SELECT 'p:' || phone, count(*)::int FROM inquiries
        WHERE phone = ANY(${sql.param(contacts.phones)}::text[]) AND received_at > ${after}::timestamptz GROUP BY phone`,
  );
  return new Map(rows.map((r) => [r.key, Number(r.n)]));
}

export async function listInquiriesOfLead(ex: Executor, leadId: string): Promise<InquiryRow[]> {
  return ex.select().from(inquiries).where(eq(inquiries.leadId, leadId)).orderBy(asc(inquiries.receivedAt));
}

export async function findInquiryById(ex: Executor, id: string): Promise<InquiryRow | undefined> {
  const [row] = await ex.select().from(inquiries).where(eq(inquiries.id, id));
  return row;
}

export async function moveInquiriesToLead(
  ex: Executor,
  fromLeadId: string,
  toLeadId: string,
): Promise<number> {
  const moved = await ex
    .update(inquiries)
    .set({ leadId: toLeadId })
    .where(eq(inquiries.leadId, fromLeadId))
    .returning({ id: inquiries.id });
  return moved.length;
}

export async function markInquiryReprocessed(ex: Executor, id: string, newInquiryId: string): Promise<void> {
  await ex.update(inquiries).set({ reprocessedAs: newInquiryId }).where(eq(inquiries.id, id));
}

export async function listInquiriesPage(
  ex: Executor,
  filter: { outcome?: string },
  page: { limit: number; offset: number },
): Promise<InquiryRow[]> {
  return ex
    .select()
    .from(inquiries)
    .where(filter.outcome ? eq(inquiries.outcome, filter.outcome) : undefined)
    .orderBy(desc(inquiries.receivedAt), desc(inquiries.id))
    .limit(page.limit)
    .offset(page.offset);
}
