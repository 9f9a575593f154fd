import type { Address, MatchFields, NormalizedPerson } from '../types.ts';
import { foldToLatin } from './fold.ts';

// Longer values are garbage (a pasted letter in a name box): dropped, so they are neutral instead of
// matching other garbage or slowing the comparators down.
const MAX_NAME_LENGTH = 100;
const MAX_TEXT_LENGTH = 300;
const MAX_VALUES = 20;

// Legal forms say nothing about which company it is: ООО «Ромашка» and Romashka LLC are one company.
const LEGAL_FORMS = new Set([
  'ooo',
  'oao',
  'zao',
  'pao',
  'ao',
  'ip',
  'nko',
  'llc',
  'ltd',
  'inc',
  'corp',
  'co',
  'company',
  'gmbh',
  'ag',
  'plc',
  'llp',
  'sa',
  'srl',
  'bv',
]);

const ADDRESS_PARTS = ['line1', 'line2', 'streetNumber', 'city', 'postcode', 'region', 'country'] as const;

function folded(value: unknown, maxLength: number): string | undefined {
  if (typeof value !== 'string' && (typeof value !== 'number' || !Number.isFinite(value))) return undefined;
  const text = foldToLatin(String(value));
  return text && text.length <= maxLength ? text : undefined;
}

function companyOf(value: string | undefined): string | undefined {
  const text = folded(value, MAX_TEXT_LENGTH);
  const words = text?.split(' ').filter((word) => !LEGAL_FORMS.has(word));
  return words?.length ? words.join(' ') : undefined;
}

// Addresses that deliver to the same mailbox: +tags are dropped everywhere, dots only at Gmail.
function emailForMatching(email: string): string | undefined {
  const lower = email.trim().toLowerCase();
  const at = lower.lastIndexOf('@');
  if (at <= 0 || lower.length > 254) return undefined;
  const domain = lower.slice(at + 1).replace(/^googlemail\.com$/, 'gmail.com');
  let local = lower.slice(0, at).replace(/\+.*$/, '');
  if (domain === 'gmail.com') local = local.replaceAll('.', '');
  return local ? `${local}@${domain}` : undefined;
}

function phoneForMatching(phone: string): string | undefined {
  const digits = phone.replace(/\D/g, '');
  return digits.length >= 5 && digits.length <= 15 ? `+${digits}` : undefined;
}

function uniqueValues(values: Array<string | undefined>): string[] {
  return [...new Set(values.filter((value): value is string => Boolean(value)))].slice(0, MAX_VALUES);
}

function addressFields(address: Address | undefined, into: MatchFields): void {
  if (!address) return;
  for (const part of ADDRESS_PARTS) {
    const value = folded(address[part], MAX_TEXT_LENGTH);
    // Postcodes and house numbers are compared as codes: "101 000" is "101000".
    const compact = part === 'postcode' || part === 'streetNumber' ? value?.replaceAll(' ', '') : value;
    if (compact) into[`address.${part}`] = compact;
  }
}

function customFields(custom: Record<string, unknown>, into: MatchFields): void {
  for (const [name, value] of Object.entries(custom)) {
    if (Array.isArray(value)) {
      const values = uniqueValues(value.map((item) => folded(item, MAX_TEXT_LENGTH)));
      if (values.length) into[`custom.${name}`] = values;
      continue;
    }
    const text = folded(value, MAX_TEXT_LENGTH);
    if (text) into[`custom.${name}`] = text;
  }
}

/**
 * Flattens a normalized person into the fields the matcher compares: lower-case Latin (transliterated,
 * accents folded), emails and phones as lists. Missing or unusable values are simply absent.
 */
export function matchFieldsOf(person: NormalizedPerson): MatchFields {
  const fields: MatchFields = {};
  for (const part of ['firstName', 'lastName', 'middleName'] as const) {
    const value = folded(person[part], MAX_NAME_LENGTH);
    if (value) fields[part] = value;
  }
  const emails = uniqueValues((person.emails ?? []).map(emailForMatching));
  if (emails.length) fields.emails = emails;
  const phones = uniqueValues((person.phones ?? []).map(phoneForMatching));
  if (phones.length) fields.phones = phones;
  const company = companyOf(person.company);
  if (company) fields.company = company;
  addressFields(person.address, fields);
  customFields(person.custom ?? {}, fields);
  return fields;
}

/** The values of a field as a list (absent → empty). */
export function valuesOf(fields: MatchFields, field: string): readonly string[] {
  const value = fields[field];
  if (value === undefined) return [];
  return typeof value === 'string' ? [value] : value;
}
