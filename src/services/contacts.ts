import { v7 as uuidv7 } from 'uuid';
import { blockingKeysOf, type MatcherConfig, matchFieldsOf } from '../domain/dedup/index.ts';
import { searchTextOf } from '../domain/intake/searchText.ts';
import { normalizeEmail } from '../domain/normalize/email.ts';
import { normalizePersonName } from '../domain/normalize/name.ts';
import { normalizePhone } from '../domain/normalize/phone.ts';
import { cleanText, storableJson } from '../domain/normalize/text.ts';
import type { LeadProblem } from '../domain/types.ts';
import type { ContactCreate } from '../schemas/contact.ts';
import { type ContactRow, insertContact } from '../store/contacts.ts';
import type { Database } from '../store/db.ts';
import { insertMatchProfiles } from '../store/matching.ts';
import { insertTimelineEvents } from '../store/timeline.ts';
import { InvalidLeadChange } from './leads.ts';

/** Creates a contact card and indexes it, so inquiries from this person attach to it. */
export async function createContact(
  database: Database,
  input: { data: ContactCreate; actor: string; at: Date; defaultRegion: string; matcher: MatcherConfig },
): Promise<ContactRow> {
  const { data } = input;
  const problems: LeadProblem[] = [];
  const emails = data.emails.flatMap((raw, index) => {
    const result = normalizeEmail(raw);
    if (result.ok) return [result.email];
    problems.push({ field: `emails.${index}`, code: result.code, message: result.message });
    return [];
  });
  const phones = data.phones.flatMap((raw, index) => {
    const result = normalizePhone(raw, input.defaultRegion);
    if (result.ok) return [result.e164];
    problems.push({ field: `phones.${index}`, code: result.code, message: result.message });
    return [];
  });
  const name = normalizePersonName(data);
  if (!name.fullName) problems.push({ field: 'name', code: 'required', message: 'a contact needs a name' });
  if (problems.length > 0) throw new InvalidLeadChange(problems);

  const companyName = cleanText(data.companyName);
  const position = cleanText(data.position);
  const id = uuidv7();
  return database.db.transaction(async (tx) => {
    const contact = await insertContact(tx, {
      id,
      firstName: name.firstName ?? null,
      lastName: name.lastName ?? null,
      middleName: name.middleName ?? null,
      fullName: name.fullName,
      emails: [...new Set(emails)],
      phones: [...new Set(phones)],
      companyName: companyName ?? null,
      position: position ?? null,
      address: data.address ?? null,
      custom: storableJson(data.custom) as Record<string, unknown>,
      ownerId: data.ownerId ?? null,
      searchText: searchTextOf({ fullName: name.fullName, emails, phones, company: companyName ?? null }),
      createdAt: input.at,
      updatedAt: input.at,
    });
    const fields = matchFieldsOf({
      ...(name.firstName ? { firstName: name.firstName } : {}),
      ...(name.lastName ? { lastName: name.lastName } : {}),
      ...(name.middleName ? { middleName: name.middleName } : {}),
      emails: contact.emails,
      phones: contact.phones,
      ...(companyName ? { company: companyName } : {}),
      ...(data.address ? { address: data.address } : {}),
      custom: contact.custom,
    });
    await insertMatchProfiles(tx, [
      { id, card: { type: 'contact', id }, fields, keys: blockingKeysOf(fields, input.matcher) },
    ]);
    await insertTimelineEvents(tx, [
      { contactId: id, at: input.at, actor: input.actor, type: 'created', data: {} },
    ]);
    return contact;
  });
}
