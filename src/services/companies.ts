import { v7 as uuidv7 } from 'uuid';
import { searchTextOf } from '../domain/intake/searchText.ts';
import { normalizeEmail } from '../domain/normalize/email.ts';
import { normalizePhone } from '../domain/normalize/phone.ts';
import { cleanText } from '../domain/normalize/text.ts';
import { cleanRegistryCode, registryCodeProblems } from '../domain/registryCodes.ts';
import type { LeadProblem } from '../domain/types.ts';
import type { CompanyCreate, CompanyPatch } from '../schemas/company.ts';
import {
  type CompanyRow,
  insertCompany,
  lockCompanyById,
  type NewCompanyRow,
  updateCompany,
} from '../store/companies.ts';
import { userExists } from '../store/conversion.ts';
import type { Database, Executor } from '../store/db.ts';
import { InvalidLeadChange } from './leads.ts';

export class CompanyNotFound extends Error {}

/** The card columns a person controls, normalized; `undefined` means "not given". */
type CompanyFields = Partial<
  Pick<
    NewCompanyRow,
    | 'name'
    | 'taxId'
    | 'kpp'
    | 'okpo'
    | 'registrationNumber'
    | 'legalAddress'
    | 'postalAddress'
    | 'address'
    | 'emails'
    | 'phones'
    | 'website'
    | 'ownerId'
  >
>;

type CompanyInput = Partial<{
  [K in keyof CompanyPatch]: CompanyPatch[K] | CompanyCreate[K & keyof CompanyCreate];
}>;

const code = (value: string | null | undefined) =>
  value === undefined ? undefined : value === null ? null : cleanRegistryCode(value) || null;

/**
 * Normalizes and checks what a person typed for a company: name, registry codes (with their check
 * digits), emails and phones. Problems name the field under `prefix` (`company.create.` in a
 * conversion); any problem throws InvalidLeadChange.
 */
export async function prepareCompanyFields(
  ex: Executor,
  data: CompanyInput,
  options: { defaultRegion: string; prefix?: string; requireName: boolean },
): Promise<CompanyFields> {
  const prefix = options.prefix ?? '';
  const problems: LeadProblem[] = [];
  const name = data.name === undefined ? undefined : cleanText(data.name);
  if ((options.requireName || data.name !== undefined) && !name)
    problems.push({ field: `${prefix}name`, code: 'required', message: 'a company needs a name' });
  const codes = {
    taxId: code(data.taxId),
    kpp: code(data.kpp),
    okpo: code(data.okpo),
    registrationNumber: code(data.registrationNumber),
  };
  problems.push(...registryCodeProblems(codes, prefix));
  const emails = data.emails?.flatMap((raw, index) => {
    const result = normalizeEmail(raw);
    if (result.ok) return [result.email];
    problems.push({ field: `${prefix}emails.${index}`, code: result.code, message: result.message });
    return [];
  });
  const phones = data.phones?.flatMap((raw, index) => {
    const result = normalizePhone(raw, options.defaultRegion);
    if (result.ok) return [result.e164];
    problems.push({ field: `${prefix}phones.${index}`, code: result.code, message: result.message });
    return [];
  });
  if (data.ownerId && !(await userExists(ex, data.ownerId)))
    problems.push({ field: `${prefix}ownerId`, code: 'unknown_user', message: 'no such user' });
  if (problems.length > 0) throw new InvalidLeadChange(problems);
  return {
    ...(name ? { name } : {}),
    ...Object.fromEntries(Object.entries(codes).filter(([, v]) => v !== undefined)),
    ...(data.legalAddress !== undefined ? { legalAddress: data.legalAddress } : {}),
    ...(data.postalAddress !== undefined ? { postalAddress: data.postalAddress } : {}),
    ...(data.address !== undefined ? { address: data.address } : {}),
    ...(emails ? { emails: [...new Set(emails)] } : {}),
    ...(phones ? { phones: [...new Set(phones)] } : {}),
    ...(data.website !== undefined ? { website: cleanText(data.website) ?? null } : {}),
    ...(data.ownerId !== undefined ? { ownerId: data.ownerId } : {}),
  };
}

/** Name, tax id, emails and phones: what the trigram search (and the conversion suggestions) find. */
function companySearchText(row: { name: string; taxId?: string | null; emails: string[]; phones: string[] }) {
  return [searchTextOf({ fullName: row.name, emails: row.emails, phones: row.phones }), row.taxId ?? '']
    .join(' ')
    .trim();
}

/** Inserts a prepared company card inside the caller's transaction. */
export async function insertCompanyCard(
  ex: Executor,
  input: { fields: CompanyFields & { name: string }; sourceLeadId?: string; at: Date },
): Promise<CompanyRow> {
  const emails = input.fields.emails ?? [];
  const phones = input.fields.phones ?? [];
  return insertCompany(ex, {
    ...input.fields,
    id: uuidv7(),
    emails,
    phones,
    sourceLeadId: input.sourceLeadId ?? null,
    searchText: companySearchText({ name: input.fields.name, taxId: input.fields.taxId, emails, phones }),
    createdAt: input.at,
    updatedAt: input.at,
  });
}

export async function createCompany(
  database: Database,
  input: { data: CompanyCreate; defaultOwnerId: string | null; at: Date; defaultRegion: string },
): Promise<CompanyRow> {
  return database.db.transaction(async (tx) => {
    const fields = await prepareCompanyFields(tx, input.data, {
      defaultRegion: input.defaultRegion,
      requireName: true,
    });
    return insertCompanyCard(tx, {
      fields: { ownerId: input.defaultOwnerId, ...fields, name: fields.name ?? '' },
      at: input.at,
    });
  });
}

export async function updateCompanyFields(
  database: Database,
  input: { id: string; patch: CompanyPatch; at: Date; defaultRegion: string },
): Promise<CompanyRow> {
  return database.db.transaction(async (tx) => {
    const current = await lockCompanyById(tx, input.id);
    if (!current) throw new CompanyNotFound(input.id);
    const fields = await prepareCompanyFields(tx, input.patch, {
      defaultRegion: input.defaultRegion,
      requireName: false,
    });
    const next = { ...current, ...fields };
    const saved = await updateCompany(tx, input.id, {
      ...fields,
      searchText: companySearchText(next),
      updatedAt: input.at,
    });
    return saved as CompanyRow;
  });
}
