import { v7 as uuidv7 } from 'uuid';
import { blockingKeysOf, type MatcherConfig, matchFieldsOf } from '../domain/dedup/index.ts';
import { searchTextOf } from '../domain/intake/searchText.ts';
import { normalizeEmail } from '../domain/normalize/email.ts';
import { normalizePersonName } from '../domain/normalize/name.ts';
import { normalizePhone } from '../domain/normalize/phone.ts';
import { cleanText, storableJson } from '../domain/normalize/text.ts';
import type { Address, Consent, LeadProblem } from '../domain/types.ts';
import type { ContactCreate, ContactPatch } from '../schemas/contact.ts';
import { findCompanyById } from '../store/companies.ts';
import { type ContactRow, findContactById, insertContact, updateContact } from '../store/contacts.ts';
import type { Database, Executor } from '../store/db.ts';
import { insertMatchProfiles, replaceOwnProfile } from '../store/matching.ts';
import { insertTimelineEvents } from '../store/timeline.ts';
import { InvalidLeadChange } from './leads.ts';

export class ContactNotFound extends Error {}

/** A contact's card data, normalized and checked, ready to insert. */
export type PreparedContact = {
  firstName: string | null;
  lastName: string | null;
  middleName: string | null;
  fullName: string;
  emails: string[];
  phones: string[];
  companyId: string | null;
  companyName: string | null;
  position: string | null;
  address: Address | null;
  custom: Record<string, unknown>;
  consent: Consent | null;
  ownerId: string | null;
};

function normalizeEmails(raw: string[], prefix: string, problems: LeadProblem[]): string[] {
  const emails = raw.flatMap((value, index) => {
    const result = normalizeEmail(value);
    if (result.ok) return [result.email];
    problems.push({ field: `${prefix}emails.${index}`, code: result.code, message: result.message });
    return [];
  });
  return [...new Set(emails)];
}

function normalizePhones(raw: string[], region: string, prefix: string, problems: LeadProblem[]): string[] {
  const phones = raw.flatMap((value, index) => {
    const result = normalizePhone(value, region);
    if (result.ok) return [result.e164];
    problems.push({ field: `${prefix}phones.${index}`, code: result.code, message: result.message });
    return [];
  });
  return [...new Set(phones)];
}

/**
 * Normalizes what a person (or a converted lead) says about a contact; problems name the field under
 * `prefix` (`contact.create.` in a conversion). Any problem throws InvalidLeadChange.
 */
export async function prepareContact(
  ex: Executor,
  data: ContactCreate,
  options: { defaultRegion: string; prefix?: string },
): Promise<PreparedContact> {
  const prefix = options.prefix ?? '';
  const problems: LeadProblem[] = [];
  const emails = normalizeEmails(data.emails, prefix, problems);
  const phones = normalizePhones(data.phones, options.defaultRegion, prefix, problems);
  const name = normalizePersonName(data);
  if (!name.fullName)
    problems.push({ field: `${prefix}name`, code: 'required', message: 'a contact needs a name' });
  const company = data.companyId ? await findCompanyById(ex, data.companyId) : undefined;
  if (data.companyId && !company)
    problems.push({ field: `${prefix}companyId`, code: 'unknown_company', message: 'no such company' });
  if (problems.length > 0) throw new InvalidLeadChange(problems);
  return {
    firstName: name.firstName ?? null,
    lastName: name.lastName ?? null,
    middleName: name.middleName ?? null,
    fullName: name.fullName,
    emails,
    phones,
    companyId: company?.id ?? null,
    companyName: cleanText(data.companyName) ?? company?.name ?? null,
    position: cleanText(data.position) ?? null,
    address: data.address ?? null,
    custom: storableJson(data.custom) as Record<string, unknown>,
    consent: data.consent ?? null,
    ownerId: data.ownerId ?? null,
  };
}

function searchTextOfContact(c: Pick<PreparedContact, 'fullName' | 'emails' | 'phones' | 'companyName'>) {
  return searchTextOf({ fullName: c.fullName, emails: c.emails, phones: c.phones, company: c.companyName });
}

/** The contact's own match profile: inquiries from this person find the card through it. */
async function indexContact(ex: Executor, contact: ContactRow, matcher: MatcherConfig, fresh: boolean) {
  const fields = matchFieldsOf({
    ...(contact.firstName ? { firstName: contact.firstName } : {}),
    ...(contact.lastName ? { lastName: contact.lastName } : {}),
    ...(contact.middleName ? { middleName: contact.middleName } : {}),
    emails: contact.emails,
    phones: contact.phones,
    ...(contact.companyName ? { company: contact.companyName } : {}),
    ...(contact.address ? { address: contact.address } : {}),
    custom: contact.custom,
  });
  const profile = {
    id: contact.id,
    card: { type: 'contact' as const, id: contact.id },
    fields,
    keys: blockingKeysOf(fields, matcher),
  };
  if (fresh) await insertMatchProfiles(ex, [profile]);
  else await replaceOwnProfile(ex, profile);
}

/** Inserts a prepared contact and indexes it, inside the caller's transaction. */
export async function insertContactCard(
  ex: Executor,
  input: {
    contact: PreparedContact;
    sourceLeadId?: string;
    actor: string;
    at: Date;
    matcher: MatcherConfig;
  },
): Promise<ContactRow> {
  const id = uuidv7();
  const contact = await insertContact(ex, {
    ...input.contact,
    id,
    sourceLeadId: input.sourceLeadId ?? null,
    searchText: searchTextOfContact(input.contact),
    createdAt: input.at,
    updatedAt: input.at,
  });
  await indexContact(ex, contact, input.matcher, true);
  await insertTimelineEvents(ex, [
    {
      contactId: id,
      at: input.at,
      actor: input.actor,
      type: 'created',
      data: input.sourceLeadId ? { fromLeadId: input.sourceLeadId } : {},
    },
  ]);
  return contact;
}

/** Creates a contact card and indexes it, so inquiries from this person attach to it. */
export async function createContact(
  database: Database,
  input: { data: ContactCreate; actor: string; at: Date; defaultRegion: string; matcher: MatcherConfig },
): Promise<ContactRow> {
  return database.db.transaction(async (tx) => {
    const contact = await prepareContact(tx, input.data, { defaultRegion: input.defaultRegion });
    return insertContactCard(tx, { contact, actor: input.actor, at: input.at, matcher: input.matcher });
  });
}

/** Applies a hand edit to a contact card, re-indexes it and records the changes on its timeline. */
export async function updateContactFields(
  database: Database,
  input: {
    id: string;
    patch: ContactPatch;
    actor: string;
    at: Date;
    defaultRegion: string;
    matcher: MatcherConfig;
  },
): Promise<ContactRow> {
  return database.db.transaction(async (tx) => {
    const current = await findContactById(tx, input.id, { lock: true });
    if (!current) throw new ContactNotFound(input.id);
    const { patch } = input;
    const pick = <K extends keyof ContactPatch & keyof ContactRow>(key: K) =>
      patch[key] === undefined ? current[key] : patch[key];
    const prepared = await prepareContact(
      tx,
      {
        firstName: pick('firstName') ?? undefined,
        lastName: pick('lastName') ?? undefined,
        middleName: pick('middleName') ?? undefined,
        emails: pick('emails') as string[],
        phones: pick('phones') as string[],
        ...(pick('companyId') ? { companyId: pick('companyId') as string } : {}),
        ...(pick('companyName') ? { companyName: pick('companyName') as string } : {}),
        ...(pick('position') ? { position: pick('position') as string } : {}),
        ...(pick('address') ? { address: pick('address') as Address } : {}),
        custom: pick('custom') as Record<string, unknown>,
        ...(pick('consent') ? { consent: pick('consent') as Consent } : {}),
        ...(pick('ownerId') ? { ownerId: pick('ownerId') as string } : {}),
      },
      { defaultRegion: input.defaultRegion },
    );
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const key of Object.keys(prepared) as (keyof PreparedContact)[]) {
      if (JSON.stringify(current[key]) !== JSON.stringify(prepared[key]))
        changes[key] = { from: current[key], to: prepared[key] };
    }
    if (Object.keys(changes).length === 0) return current;
    const saved = await updateContact(tx, input.id, {
      ...prepared,
      searchText: searchTextOfContact(prepared),
      updatedAt: input.at,
    });
    if (!saved) throw new ContactNotFound(input.id);
    await indexContact(tx, saved, input.matcher, false);
    await insertTimelineEvents(tx, [
      { contactId: input.id, at: input.at, actor: input.actor, type: 'updated', data: { changes } },
    ]);
    return saved;
  });
}
