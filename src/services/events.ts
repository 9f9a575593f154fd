import { v7 as uuidv7 } from 'uuid';
import { normalizeEmail } from '../domain/normalize/email.ts';
import { normalizePhone } from '../domain/normalize/phone.ts';
import { cleanText, storableJson } from '../domain/normalize/text.ts';
import type { EventInput } from '../schemas/event.ts';
import type { Database } from '../store/db.ts';
import {
  findLeadsByIdentity,
  insertEngagementEvents,
  type LeadIdentity,
  linkUnmatchedEvents,
  type NewEngagementEventRow,
} from '../store/events.ts';
import { rescoreLeads } from './scoring.ts';

type PreparedEvent = NewEngagementEventRow & { id: string };

/** Contacts are stored normalized when they parse (so they match lead cards), verbatim otherwise. */
function prepare(input: EventInput, at: Date, defaultRegion: string): PreparedEvent {
  const email = input.email ? normalizeEmail(input.email) : undefined;
  const phone = input.phone ? normalizePhone(input.phone, defaultRegion) : undefined;
  return {
    id: uuidv7(),
    leadId: null,
    type: input.type,
    url: cleanText(input.url) ?? null,
    email: email ? (email.ok ? email.email : (cleanText(input.email) ?? null)) : null,
    phone: phone ? (phone.ok ? phone.e164 : (cleanText(input.phone) ?? null)) : null,
    visitorId: cleanText(input.visitorId) ?? null,
    occurredAt: input.occurredAt ? new Date(input.occurredAt) : at,
    data: (storableJson(input.data ?? {}) ?? {}) as Record<string, unknown>,
    createdAt: at,
  };
}

/** The lead an event belongs to: by email first, then phone, then visitor id; the newest card wins. */
function leadOf(event: PreparedEvent, candidates: LeadIdentity[]): LeadIdentity | undefined {
  const { email, phone, visitorId } = event;
  return (
    (email ? candidates.find((l) => l.emails.includes(email)) : undefined) ??
    (phone ? candidates.find((l) => l.phones.includes(phone)) : undefined) ??
    (visitorId ? candidates.find((l) => l.visitorId === visitorId) : undefined)
  );
}

/**
 * Stores engagement events (matched or not: nothing received is lost), links each to its lead,
 * attaches earlier anonymous events of the same visitor to that lead, and rescores the leads touched.
 */
export async function ingestEvents(
  database: Database,
  input: { events: EventInput[]; at: Date; defaultRegion: string },
): Promise<{ accepted: number; events: Array<{ id: string; leadId: string | null }> }> {
  const prepared = input.events.map((e) => prepare(e, input.at, input.defaultRegion));
  const distinct = (values: Array<string | null | undefined>) => [
    ...new Set(values.filter((v): v is string => Boolean(v))),
  ];
  return database.db.transaction(async (tx) => {
    const candidates = await findLeadsByIdentity(tx, {
      emails: distinct(prepared.map((e) => e.email)),
      phones: distinct(prepared.map((e) => e.phone)),
      visitorIds: distinct(prepared.map((e) => e.visitorId)),
    });
    const visitorsOfLead = new Map<string, Set<string>>();
    for (const event of prepared) {
      const lead = leadOf(event, candidates);
      if (!lead) continue;
      event.leadId = lead.id;
      const visitors = visitorsOfLead.get(lead.id) ?? new Set<string>();
      if (event.visitorId) visitors.add(event.visitorId);
      visitorsOfLead.set(lead.id, visitors);
    }
    await insertEngagementEvents(tx, prepared);
    // A visitor who browsed anonymously and then identified themself: their earlier events count too.
    for (const [leadId, visitors] of visitorsOfLead) {
      if (visitors.size > 0)
        await linkUnmatchedEvents(tx, { leadId, emails: [], phones: [], visitorIds: [...visitors] });
    }
    await rescoreLeads(tx, [...visitorsOfLead.keys()], input.at);
    return {
      accepted: prepared.length,
      events: prepared.map((e) => ({ id: e.id, leadId: e.leadId ?? null })),
    };
  });
}
