import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from './db.ts';
import { queryRows } from './sql.ts';

// The statements behind erasing a person (services/privacy.ts): find every card that holds their
// email or phone, and take their personal data out of each table that keeps some.

export type PersonCards = { leadIds: string[]; contactIds: string[] };

/** Leads and contacts holding any of the emails or phones (merged leads too). */
export async function findCardsOfPerson(
  ex: Executor,
  person: { emails: string[]; phones: string[] },
): Promise<PersonCards> {
  const emails = sql`${sql.param(person.emails)}::text[]`;
  const phones = sql`${sql.param(person.phones)}::text[]`;
  const holding = (table: 'leads' | 'contacts') => sql`
    SELECT id FROM ${sql.raw(table)}
    WHERE emails && ${emails} OR phones && ${phones}`;
  const [leads, contacts] = await Promise.all([
    queryRows<{ id: string }>(ex, holding('leads')),
    queryRows<{ id: string }>(ex, holding('contacts')),
  ]);
  return { leadIds: leads.map((r) => r.id), contactIds: contacts.map((r) => r.id) };
}

/** JSON rows of (id, scrubbed value) applied to one column of a table. */
export async function replaceJsonColumn(
  ex: Executor,
  table: 'timeline_events' | 'notifications' | 'engagement_events' | 'duplicate_reviews',
  column: 'data' | 'breakdown',
  rows: { id: string; value: unknown }[],
): Promise<void> {
  if (rows.length === 0) return;
  await ex.execute(sql`
    UPDATE ${sql.raw(table)} AS t SET ${sql.raw(column)} = r.value
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(id uuid, value jsonb)
    WHERE t.id = r.id`);
}

/** Rows of a table about the cards, with one JSON column, for scrubbing in code. */
export async function jsonColumnOf(
  ex: Executor,
  table: 'timeline_events' | 'notifications' | 'engagement_events',
  column: 'data',
  cards: PersonCards,
): Promise<{ id: string; value: unknown }[]> {
  const contactColumn =
    table === 'engagement_events' ? sql`false` : sql`contact_id = ANY(${cardIds(cards.contactIds)})`;
  return queryRows<{ id: string; value: unknown }>(
    ex,
    sql`SELECT id, ${sql.raw(column)} AS value FROM ${sql.raw(table)}
        WHERE lead_id = ANY(${cardIds(cards.leadIds)}) OR ${contactColumn}`,
  );
}

export async function reviewBreakdownsOf(
  ex: Executor,
  cards: PersonCards,
): Promise<{ id: string; value: unknown }[]> {
  return queryRows<{ id: string; value: unknown }>(
    ex,
    sql`SELECT id, breakdown AS value FROM duplicate_reviews
        WHERE lead_id = ANY(${cardIds(cards.leadIds)}) OR candidate_lead_id = ANY(${cardIds(cards.leadIds)})
           OR candidate_contact_id = ANY(${cardIds(cards.contactIds)})`,
  );
}

const cardIds = (ids: string[]): SQL => sql`${sql.param(ids)}::uuid[]`;

/**
 * The cards' own columns and every row that copies their contacts: names, contacts, company and
 * free text go; ids, statuses, channel, campaign, dates, scores and money stay, so the reports
 * count the same. Match profiles go whole: a forgotten person who comes back is someone new.
 */
export async function eraseCardColumns(
  ex: Executor,
  cards: PersonCards,
  at: Date,
  /** The neutral title of a task of each type: typed titles may name the person. */
  taskTitles: Record<string, string>,
): Promise<void> {
  const leads = cardIds(cards.leadIds);
  const contacts = cardIds(cards.contactIds);
  const when = at.toISOString();
  await ex.execute(sql`
    WITH erased_leads AS (
      UPDATE leads SET first_name = NULL, last_name = NULL, middle_name = NULL, full_name = '',
        emails = '{}', phones = '{}', company = NULL, position = NULL, interest = NULL, address = NULL,
        custom = '{}',
        attribution = attribution - 'ip' - 'userAgent' - 'visitorId' - 'landingPage' - 'referrer' - 'clickIds',
        consent = CASE WHEN consent IS NULL THEN NULL ELSE consent - 'ip' - 'source' END,
        bant = '{}', visitor_id = NULL, search_text = '', updated_at = ${when}::timestamptz
      WHERE id = ANY(${leads}) RETURNING id
    ), erased_contacts AS (
      UPDATE contacts SET first_name = NULL, last_name = NULL, middle_name = NULL, full_name = '',
        emails = '{}', phones = '{}', company_name = NULL, position = NULL, address = NULL, custom = '{}',
        consent = CASE WHEN consent IS NULL THEN NULL ELSE consent - 'ip' - 'source' END,
        search_text = '', updated_at = ${when}::timestamptz
      WHERE id = ANY(${contacts}) RETURNING id
    ), inquiries_kept AS (
      UPDATE inquiries SET raw_body = NULL, email = NULL, phone = NULL, ip = NULL, user_agent = NULL,
        external_id = NULL, external_key = NULL, error = NULL
      WHERE lead_id = ANY(${leads}) OR contact_id = ANY(${contacts}) RETURNING id
    ), profiles_gone AS (
      DELETE FROM match_profiles WHERE lead_id = ANY(${leads}) OR contact_id = ANY(${contacts}) RETURNING id
    ), events_kept AS (
      UPDATE engagement_events SET url = NULL, email = NULL, phone = NULL, visitor_id = NULL
      WHERE lead_id = ANY(${leads}) RETURNING id
    ), tasks_kept AS (
      -- Titles and notes are typed text and may name the person (in any case form): each task
      -- keeps only its type's neutral title.
      UPDATE tasks t SET note = NULL, result = NULL,
        title = coalesce(${JSON.stringify(taskTitles)}::jsonb ->> t.type, t.title)
      WHERE t.lead_id = ANY(${leads}) OR t.contact_id = ANY(${contacts}) RETURNING t.id
    ), deals_kept AS (
      -- A deal named after the person (the default title) is renamed; amounts and stages stay.
      UPDATE deals d SET title = 'Deal'
      FROM (SELECT id, full_name, company AS company_name FROM leads WHERE id = ANY(${leads})
            UNION ALL SELECT id, full_name, company_name FROM contacts WHERE id = ANY(${contacts})) c
      WHERE (d.lead_id = c.id OR d.contact_id = c.id) AND d.title IN (c.full_name, c.company_name) RETURNING d.id
    ), reviews_closed AS (
      -- Nothing is left to compare: a pending pair with an erased card is dismissed.
      UPDATE duplicate_reviews SET status = 'dismissed', resolved_at = ${when}::timestamptz, resolved_by = 'system:erasure'
      WHERE status = 'open' AND (lead_id = ANY(${leads}) OR candidate_lead_id = ANY(${leads})
        OR candidate_contact_id = ANY(${contacts})) RETURNING id
    ), emails_gone AS (
      DELETE FROM email_outbox WHERE dedup_key IN (
        SELECT 'farewell:' || id FROM unnest(${leads}) AS id
        UNION ALL SELECT 'notification:' || n.id FROM notifications n
          WHERE n.lead_id = ANY(${leads}) OR n.contact_id = ANY(${contacts})
      ) RETURNING id
    )
    SELECT 1`);
}
