import { normalizeEmail } from '../domain/normalize/email.ts';
import { normalizePhone } from '../domain/normalize/phone.ts';
import { scrubPersonalData } from '../domain/privacy/scrub.ts';
import type { LeadProblem } from '../domain/types.ts';
import type { Database } from '../store/db.ts';
import {
  eraseCardColumns,
  findCardsOfPerson,
  jsonColumnOf,
  type PersonCards,
  replaceJsonColumn,
  reviewBreakdownsOf,
} from '../store/privacy.ts';
import { insertTimelineEvents } from '../store/timeline.ts';
import { InvalidLeadChange } from './leads.ts';
import { DEFAULT_TASK_TITLES } from './tasks.ts';

export type ErasureRequest = {
  emails?: string[];
  phones?: string[];
  leadIds?: string[];
  contactIds?: string[];
};
export type ErasureResult = PersonCards;

/** The person's emails and phones as cards store them; a bad one is a problem naming the field. */
function contactsOf(request: ErasureRequest, defaultRegion: string) {
  const problems: LeadProblem[] = [];
  const emails: string[] = [];
  const phones: string[] = [];
  for (const [index, given] of (request.emails ?? []).entries()) {
    const email = normalizeEmail(given);
    if (email.ok) emails.push(email.email);
    else problems.push({ field: `emails.${index}`, code: email.code, message: email.message });
  }
  for (const [index, given] of (request.phones ?? []).entries()) {
    const phone = normalizePhone(given, defaultRegion);
    if (phone.ok) phones.push(phone.e164);
    else problems.push({ field: `phones.${index}`, code: phone.code, message: phone.message });
  }
  if (problems.length > 0) throw new InvalidLeadChange(problems);
  return { emails, phones };
}

/**
 * A person asked to be forgotten (152-FZ, GDPR): every lead and contact holding their email or
 * phone, and the named cards, lose their personal data in one transaction. What the reports count
 * stays (the card, its channel, campaign, status, dates, score, money), so totals do not move.
 * Each card's timeline records the erasure, without saying whose it was.
 */
export async function erasePerson(
  database: Database,
  request: ErasureRequest,
  options: { actor: string; at: Date; defaultRegion: string },
): Promise<ErasureResult> {
  const person = contactsOf(request, options.defaultRegion);
  return database.db.transaction(async (tx) => {
    const found =
      person.emails.length + person.phones.length > 0
        ? await findCardsOfPerson(tx, person)
        : { leadIds: [], contactIds: [] };
    const cards: PersonCards = {
      leadIds: [...new Set([...found.leadIds, ...(request.leadIds ?? [])])],
      contactIds: [...new Set([...found.contactIds, ...(request.contactIds ?? [])])],
    };
    if (cards.leadIds.length + cards.contactIds.length === 0) return cards;

    for (const table of ['timeline_events', 'notifications', 'engagement_events'] as const) {
      const rows = await jsonColumnOf(tx, table, 'data', cards);
      await replaceJsonColumn(
        tx,
        table,
        'data',
        rows.map((row) => ({ id: row.id, value: scrubPersonalData(row.value) ?? {} })),
      );
    }
    const reviews = await reviewBreakdownsOf(tx, cards);
    await replaceJsonColumn(
      tx,
      'duplicate_reviews',
      'breakdown',
      reviews.map((row) => ({ id: row.id, value: scrubPersonalData(row.value) ?? {} })),
    );
    await eraseCardColumns(tx, cards, options.at, {
      ...DEFAULT_TASK_TITLES,
      assign_owner: 'Assign an owner: —',
    });
    await insertTimelineEvents(tx, [
      ...cards.leadIds.map((leadId) => ({
        leadId,
        at: options.at,
        actor: options.actor,
        type: 'personal_data_erased',
        data: {},
      })),
      ...cards.contactIds.map((contactId) => ({
        contactId,
        at: options.at,
        actor: options.actor,
        type: 'personal_data_erased',
        data: {},
      })),
    ]);
    return cards;
  });
}
