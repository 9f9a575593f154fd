import type { LeadProblem } from './types.ts';

// Russian registry codes of a company card: INN (tax id), KPP, OKPO and OGRN / OGRNIP. Each has a
// fixed length and (except KPP) a check digit, so typos are caught before they reach a contract.

const digitsOf = (value: string): number[] => [...value].map(Number);

/** Weighted sum mod 11 mod 10: the INN check digit. */
function innCheckDigit(digits: number[], weights: number[]): number {
  const sum = weights.reduce((total, weight, i) => total + weight * (digits[i] ?? 0), 0);
  return (sum % 11) % 10;
}

/** INN: 10 digits for an organization, 12 for a person or sole proprietor, with check digits. */
export function isValidInn(value: string): boolean {
  if (/^\d{10}$/.test(value)) {
    const d = digitsOf(value);
    return innCheckDigit(d, [2, 4, 10, 3, 5, 9, 4, 6, 8]) === d[9];
  }
  if (/^\d{12}$/.test(value)) {
    const d = digitsOf(value);
    return (
      innCheckDigit(d, [7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) === d[10] &&
      innCheckDigit(d, [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) === d[11]
    );
  }
  return false;
}

/** KPP: 9 characters, four digits (tax office), two digits or capital letters (reason), three digits. */
export function isValidKpp(value: string): boolean {
  return /^\d{4}[\dA-Z]{2}\d{3}$/.test(value);
}

/** OKPO: 8 digits (organizations) or 10 (sole proprietors); the last is a check digit. */
export function isValidOkpo(value: string): boolean {
  if (!/^(\d{8}|\d{10})$/.test(value)) return false;
  const d = digitsOf(value);
  const body = d.slice(0, -1);
  // Weights 1, 2, 3 …; when the remainder is 10 the weights shift by two and, if it is 10 again, it is 0.
  const remainder = (shift: number) =>
    body.reduce((sum, digit, i) => sum + digit * (((i + shift) % 10) + 1), 0) % 11;
  let check = remainder(0);
  if (check === 10) check = remainder(2) % 10;
  return check === d[d.length - 1];
}

/** OGRN (13 digits, organizations) or OGRNIP (15 digits, sole proprietors), with their check digit. */
export function isValidOgrn(value: string): boolean {
  if (/^\d{13}$/.test(value)) {
    return Number((BigInt(value.slice(0, 12)) % 11n) % 10n) === Number(value[12]);
  }
  if (/^\d{15}$/.test(value)) {
    return Number((BigInt(value.slice(0, 14)) % 13n) % 10n) === Number(value[14]);
  }
  return false;
}

export type RegistryCodes = {
  taxId?: string | null | undefined;
  kpp?: string | null | undefined;
  okpo?: string | null | undefined;
  registrationNumber?: string | null | undefined;
};

/** Spaces and dashes people type between digit groups are dropped; letters are upper-cased. */
export function cleanRegistryCode(value: string): string {
  return value.replace(/[\s-]/g, '').toUpperCase();
}

/** Problems with the codes given (absent ones are fine), each naming its field under `prefix`. */
export function registryCodeProblems(codes: RegistryCodes, prefix = ''): LeadProblem[] {
  const checks: Array<[keyof RegistryCodes, (v: string) => boolean, string]> = [
    ['taxId', isValidInn, 'an INN has 10 or 12 digits and a valid check digit'],
    ['kpp', isValidKpp, 'a KPP has 9 characters: 4 digits, 2 digits or capital letters, 3 digits'],
    ['okpo', isValidOkpo, 'an OKPO has 8 or 10 digits and a valid check digit'],
    ['registrationNumber', isValidOgrn, 'an OGRN has 13 digits (OGRNIP 15) and a valid check digit'],
  ];
  return checks.flatMap(([field, valid, message]) => {
    const value = codes[field];
    if (value === null || value === undefined || valid(value)) return [];
    return [{ field: `${prefix}${field}`, code: 'invalid_registry_code', message }];
  });
}
