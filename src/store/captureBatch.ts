import { type SQL, sql } from 'drizzle-orm';
import type { Condition } from '../domain/conditions.ts';
import type { AttributionKind, CardRef, LeadProblem, MatchFields } from '../domain/types.ts';
import type { Tx } from './db.ts';
import type { NewDuplicateReviewRow } from './duplicates.ts';
import type { NewInquiryRow } from './inquiries.ts';
import type { NewLeadRow } from './leads.ts';
import type { CandidateProfile, NewMatchProfile } from './matching.ts';
import { candidateProfilesQuery, toCandidateProfile } from './matching.ts';
import type { NewNotificationRow } from './notifications.ts';
import {
  duplicateReviews,
  inquiries,
  leads,
  matchKeys,
  matchProfiles,
  notifications,
  timelineEvents,
} from './schema.ts';
import { engagementEvents, tasks } from './schemaWorkflow.ts';
import { jsonInsertQuery, queryRows } from './sql.ts';
import type { NewTaskRow } from './tasks.ts';
import type { NewTimelineRow } from './timeline.ts';

// The capture pipeline's database work for a whole batch: take the contact locks and read
// everything the decisions need (sent together, in one round trip), then write everything they
// produced in one statement. Few round trips is what lets one transaction carry hundreds of inquiries.

/**
 * Transaction-scoped locks on the emails and phones of a batch, taken in one global order, so two
 * servers capturing the same new person at once cannot both create a lead for it. A separate
 * statement: the reads that follow must take their snapshot after the locks are held.
 */
export async function lockContactKeys(tx: Tx, keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  await tx.execute(sql`
    SELECT count(pg_advisory_xact_lock(h)) FROM (
      SELECT DISTINCT hashtextextended(k, 0) AS h FROM unnest(${sql.param(keys)}::text[]) AS k ORDER BY 1
    ) AS ordered`);
}

export type EarlierInquiry = {
  id: string;
  idempotencyKey: string | null;
  externalKey: string | null;
  outcome: string;
  leadId: string | null;
  contactId: string | null;
  problems: LeadProblem[];
  payloadHash: string | null;
};

export type KnownTrackingIdentifier = {
  kind: AttributionKind;
  value: string;
  channelId: string | null;
  campaignId: string | null;
  campaignChannelId: string | null;
  /** The buyer's filters of the campaign ({field, op, value}); a new lead failing one is invalid. */
  campaignLeadFilters: Condition[];
};

export type CaptureContext = {
  earlier: EarlierInquiry[];
  recentByIp: Map<string, number>;
  /** Keyed `e:<email>` and `p:<phone>`. */
  recentByContact: Map<string, number>;
  known: KnownTrackingIdentifier[];
  channelIdByCode: Map<string, string>;
  candidates: CandidateProfile[];
};

export type CaptureContextQuery = {
  idempotencyKeys: string[];
  externalKeys: string[];
  ips: string[];
  emails: string[];
  phones: string[];
  since: Date;
  tracking: { kind: string; value: string }[];
  channelCodes: string[];
  lookups: { lookup: number; keys: string[] }[];
  maxCandidates: number;
  weakKeyPrefixes: string[];
};

const jsonList = (query: SQL) =>
  sql`(SELECT coalesce(jsonb_agg(to_jsonb(x)), '[]'::jsonb) FROM (${query}) AS x)`;
const textArray = (values: string[]) => sql`${sql.param(values)}::text[]`;

type CaptureContextRow = {
  earlier: {
    id: string;
    idempotency_key: string | null;
    external_key: string | null;
    outcome: string;
    lead_id: string | null;
    contact_id: string | null;
    problems: LeadProblem[];
    payload_hash: string | null;
  }[];
  ips: { key: string; n: number }[];
  contacts: { key: string; n: number }[];
  known: {
    kind: AttributionKind;
    value: string;
    channel_id: string | null;
    campaign_id: string | null;
    campaign_channel_id: string | null;
    campaign_lead_filters: Condition[] | null;
  }[];
  channels: { id: string; code: string }[];
  candidates: Parameters<typeof toCandidateProfile>[0][];
};

/**
 * How many inquiries each value (an ip, email or phone) sent since a time: one probe of the
 * (value, received_at) index per value. Written per value because, over a plain IN list, the
 * planner trusts statistics that predate the newest rows and walks the received_at index instead,
 * reading every inquiry of the flood window for every batch.
 */
function recentCounts(column: 'ip' | 'email' | 'phone', values: string[], prefix: SQL, since: string): SQL {
  return sql`SELECT ${prefix} || v.value AS key, n.n FROM unnest(${textArray(values)}) AS v(value)
    CROSS JOIN LATERAL (
      SELECT count(*)::int AS n FROM inquiries i
      WHERE i.${sql.raw(column)} = v.value AND i.received_at > ${since}::timestamptz
    ) n WHERE n.n > 0`;
}

/** The statement behind loadCaptureContext (exported for EXPLAIN in benchmarks). */
export function captureContextQuery(q: CaptureContextQuery): SQL {
  const since = q.since.toISOString();
  return sql`SELECT
      ${jsonList(sql`SELECT id, idempotency_key, external_key, outcome, lead_id, contact_id, problems, payload_hash
        FROM inquiries WHERE idempotency_key = ANY(${textArray(q.idempotencyKeys)})
        UNION SELECT id, idempotency_key, external_key, outcome, lead_id, contact_id, problems, payload_hash
        FROM inquiries WHERE external_key = ANY(${textArray(q.externalKeys)})`)} AS earlier,
      ${jsonList(recentCounts('ip', q.ips, sql`''`, since))} AS ips,
      ${jsonList(sql`${recentCounts('email', q.emails, sql`'e:'`, since)}
        UNION ALL ${recentCounts('phone', q.phones, sql`'p:'`, since)}`)} AS contacts,
      ${jsonList(sql`SELECT t.kind, t.value, t.channel_id, t.campaign_id, c.channel_id AS campaign_channel_id,
          c.lead_filters AS campaign_lead_filters
        FROM tracking_identifiers t LEFT JOIN campaigns c ON c.id = t.campaign_id
        WHERE (t.kind, t.value) IN (SELECT * FROM unnest(${textArray(q.tracking.map((t) => t.kind))},
                                                         ${textArray(q.tracking.map((t) => t.value))}))`)} AS known,
      ${jsonList(sql`SELECT id, code FROM channels WHERE code = ANY(${textArray(q.channelCodes)})`)} AS channels,
      ${jsonList(candidateProfilesQuery(q.lookups, q.maxCandidates, q.weakKeyPrefixes))} AS candidates`;
}

/** Everything the batch's decisions need, in one statement (one row of JSON columns). */
export async function loadCaptureContext(tx: Tx, q: CaptureContextQuery): Promise<CaptureContext> {
  const [row] = await queryRows<CaptureContextRow>(tx, captureContextQuery(q));
  if (!row) throw new Error('capture context query returned no row');
  return {
    earlier: row.earlier.map((e) => ({
      id: e.id,
      idempotencyKey: e.idempotency_key,
      externalKey: e.external_key,
      outcome: e.outcome,
      leadId: e.lead_id,
      contactId: e.contact_id,
      problems: e.problems,
      payloadHash: e.payload_hash,
    })),
    recentByIp: new Map(row.ips.map((r) => [r.key, Number(r.n)])),
    recentByContact: new Map(row.contacts.map((r) => [r.key, Number(r.n)])),
    known: row.known.map((k) => ({
      kind: k.kind,
      value: k.value,
      channelId: k.channel_id,
      campaignId: k.campaign_id,
      campaignChannelId: k.campaign_channel_id,
      campaignLeadFilters: k.campaign_lead_filters ?? [],
    })),
    channelIdByCode: new Map(row.channels.map((c) => [c.code, c.id])),
    candidates: row.candidates.map(toCandidateProfile),
  };
}

/** New emails and phones a known card learned from a repeat inquiry. */
export type CardContactsUpdate = {
  card: CardRef;
  emails: string[];
  phones: string[];
  searchText: string;
  at: Date;
};

export type CaptureWrites = {
  leads: NewLeadRow[];
  inquiries: NewInquiryRow[];
  timeline: NewTimelineRow[];
  profiles: NewMatchProfile[];
  reviews: NewDuplicateReviewRow[];
  notifications: NewNotificationRow[];
  cardContacts: CardContactsUpdate[];
  /** First tasks of the new leads (routing). */
  tasks: NewTaskRow[];
  /** Engagement events that arrived before their lead, now linked to it (scoring). */
  eventLinks: { eventId: string; leadId: string }[];
};

/** Nothing to write yet: a batch's plan fills it. */
export const emptyCaptureWrites = (): CaptureWrites => ({
  leads: [],
  inquiries: [],
  timeline: [],
  profiles: [],
  reviews: [],
  notifications: [],
  cardContacts: [],
  tasks: [],
  eventLinks: [],
});

function cardContactsUpdate(table: 'leads' | 'contacts', updates: CardContactsUpdate[]): SQL | undefined {
  if (updates.length === 0) return undefined;
  const json = JSON.stringify(
    updates.map((u) => ({
      id: u.card.id,
      emails: u.emails,
      phones: u.phones,
      search: u.searchText,
      at: u.at,
    })),
  );
  const target = sql.identifier(table);
  return sql`UPDATE ${target} AS t SET
      emails = t.emails || ARRAY(SELECT unnest(u.emails) EXCEPT SELECT unnest(t.emails)),
      phones = t.phones || ARRAY(SELECT unnest(u.phones) EXCEPT SELECT unnest(t.phones)),
      search_text = t.search_text || ' ' || u.search,
      updated_at = u.at
    FROM jsonb_to_recordset(${json}::jsonb) AS u(id uuid, emails text[], phones text[], search text, at timestamptz)
    WHERE t.id = u.id`;
}

function eventLinksUpdate(links: CaptureWrites['eventLinks']): SQL | undefined {
  if (links.length === 0) return undefined;
  const json = JSON.stringify(links.map((l) => ({ event_id: l.eventId, lead_id: l.leadId })));
  return sql`UPDATE ${engagementEvents} AS e SET lead_id = k.lead_id
    FROM jsonb_to_recordset(${json}::jsonb) AS k(event_id uuid, lead_id uuid)
    WHERE e.id = k.event_id AND e.lead_id IS NULL`;
}

/**
 * Writes a batch's results in one statement of data-modifying CTEs. Foreign keys between them hold:
 * they are checked when the statement ends, after every part has run.
 */
export async function writeCaptureBatch(tx: Tx, writes: CaptureWrites): Promise<void> {
  const parts = [
    jsonInsertQuery(leads, writes.leads),
    jsonInsertQuery(inquiries, writes.inquiries),
    jsonInsertQuery(timelineEvents, writes.timeline),
    jsonInsertQuery(
      matchProfiles,
      writes.profiles.map((p) => ({
        id: p.id,
        fields: p.fields as MatchFields,
        leadId: p.card.type === 'lead' ? p.card.id : null,
        contactId: p.card.type === 'contact' ? p.card.id : null,
      })),
    ),
    jsonInsertQuery(
      matchKeys,
      writes.profiles.flatMap((p) => [...new Set(p.keys)].map((key) => ({ key, profileId: p.id }))),
    ),
    // A pair already waiting for review is not filed again.
    jsonInsertQuery(duplicateReviews, writes.reviews, { skipConflicts: true }),
    jsonInsertQuery(notifications, writes.notifications),
    jsonInsertQuery(tasks, writes.tasks),
    eventLinksUpdate(writes.eventLinks),
    cardContactsUpdate(
      'leads',
      writes.cardContacts.filter((u) => u.card.type === 'lead'),
    ),
    cardContactsUpdate(
      'contacts',
      writes.cardContacts.filter((u) => u.card.type === 'contact'),
    ),
  ].filter((part): part is SQL => part !== undefined);
  if (parts.length === 0) return;
  const ctes = sql.join(
    parts.map((part, index) => sql`${sql.raw(`w${index}`)} AS (${part})`),
    sql`, `,
  );
  await tx.execute(sql`WITH ${ctes} SELECT 1`);
}
