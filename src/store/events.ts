import { and, asc, desc, eq, gt, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Executor } from './db.ts';
import { leads } from './schema.ts';
import { engagementEvents } from './schemaWorkflow.ts';
import { insertJsonRows } from './sql.ts';

export type EngagementEventRow = typeof engagementEvents.$inferSelect;
export type NewEngagementEventRow = typeof engagementEvents.$inferInsert;

export async function insertEngagementEvents(ex: Executor, rows: NewEngagementEventRow[]): Promise<void> {
  await insertJsonRows(ex, engagementEvents, rows);
}

export type LeadIdentity = { id: string; emails: string[]; phones: string[]; visitorId: string | null };

/**
 * Live leads known by any of these emails, phones or visitor ids, newest first. One query per batch,
 * through the GIN indexes on leads.emails/phones and the visitor id index.
 */
export async function findLeadsByIdentity(
  ex: Executor,
  keys: { emails: string[]; phones: string[]; visitorIds: string[] },
): Promise<LeadIdentity[]> {
  const clauses = [
    keys.emails.length ? sql`${leads.emails} && ${sql.param(keys.emails)}::text[]` : undefined,
    keys.phones.length ? sql`${leads.phones} && ${sql.param(keys.phones)}::text[]` : undefined,
    keys.visitorIds.length ? inArray(leads.visitorId, keys.visitorIds) : undefined,
  ].filter((c) => c !== undefined);
  if (clauses.length === 0) return [];
  return ex
    .select({ id: leads.id, emails: leads.emails, phones: leads.phones, visitorId: leads.visitorId })
    .from(leads)
    .where(and(isNull(leads.mergedIntoId), or(...clauses)))
    .orderBy(desc(leads.createdAt), desc(leads.id));
}

/** Attaches events nobody could match yet to a lead that now carries their email, phone or visitor id. */
export async function linkUnmatchedEvents(
  ex: Executor,
  identity: { leadId: string; emails: string[]; phones: string[]; visitorIds: string[] },
): Promise<number> {
  const clauses = [
    identity.emails.length ? inArray(engagementEvents.email, identity.emails) : undefined,
    identity.phones.length ? inArray(engagementEvents.phone, identity.phones) : undefined,
    identity.visitorIds.length ? inArray(engagementEvents.visitorId, identity.visitorIds) : undefined,
  ].filter((c) => c !== undefined);
  if (clauses.length === 0) return 0;
  const rows = await ex
    .update(engagementEvents)
    .set({ leadId: identity.leadId })
    .where(and(isNull(engagementEvents.leadId), or(...clauses)))
    .returning({ id: engagementEvents.id });
  return rows.length;
}

/**
 * Events nobody matched yet that carry one of these emails, phones or visitor ids (a new lead's own).
 * Arrays rather than IN lists: capture runs it for every batch, and one statement text is prepared
 * once per connection instead of once per combination of list lengths.
 */
export async function listUnmatchedEventsOf(
  ex: Executor,
  identity: { emails: string[]; phones: string[]; visitorIds: string[] },
): Promise<EngagementEventRow[]> {
  if (identity.emails.length + identity.phones.length + identity.visitorIds.length === 0) return [];
  const anyOf = (values: string[]) => sql`ANY(${sql.param(values)}::text[])`;
  return ex
    .select()
    .from(engagementEvents)
    .where(
      and(
        isNull(engagementEvents.leadId),
        sql`(${engagementEvents.email} = ${anyOf(identity.emails)}
          OR ${engagementEvents.phone} = ${anyOf(identity.phones)}
          OR ${engagementEvents.visitorId} = ${anyOf(identity.visitorIds)})`,
      ),
    )
    .orderBy(asc(engagementEvents.occurredAt), asc(engagementEvents.id));
}

export async function listEventsOfLeads(ex: Executor, leadIds: string[]): Promise<EngagementEventRow[]> {
  if (leadIds.length === 0) return [];
  return ex
    .select()
    .from(engagementEvents)
    .where(inArray(engagementEvents.leadId, leadIds))
    .orderBy(asc(engagementEvents.occurredAt), asc(engagementEvents.id));
}

export async function listEventsOfLead(
  ex: Executor,
  leadId: string,
  limit: number,
): Promise<EngagementEventRow[]> {
  return ex
    .select()
    .from(engagementEvents)
    .where(eq(engagementEvents.leadId, leadId))
    .orderBy(desc(engagementEvents.occurredAt), desc(engagementEvents.id))
    .limit(limit);
}

/** Ids of live leads that have engagement events, after `afterId` in id order: whose scores decay. */
export async function listLeadIdsWithEventsAfter(
  ex: Executor,
  afterId: string | null,
  limit: number,
): Promise<string[]> {
  const rows = await ex
    .selectDistinct({ id: engagementEvents.leadId })
    .from(engagementEvents)
    .innerJoin(leads, eq(leads.id, engagementEvents.leadId))
    .where(and(isNull(leads.mergedIntoId), afterId ? gt(engagementEvents.leadId, afterId) : undefined))
    .orderBy(asc(engagementEvents.leadId))
    .limit(limit);
  return rows.flatMap((r) => (r.id ? [r.id] : []));
}
