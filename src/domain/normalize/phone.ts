import type { CountryCode } from 'libphonenumber-js/max';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { cleanText } from './text.ts';

export type PhoneType = 'mobile' | 'fixed_line' | 'fixed_line_or_mobile' | 'toll_free' | 'voip' | 'other';

export type NormalizedPhone = {
  ok: true;
  /** E.164, without the extension. */
  e164: string;
  extension?: string;
  type: PhoneType;
  country?: string;
};
export type PhoneProblem = { ok: false; code: 'invalid_phone'; message: string };

const TYPES: Record<string, PhoneType> = {
  MOBILE: 'mobile',
  FIXED_LINE: 'fixed_line',
  FIXED_LINE_OR_MOBILE: 'fixed_line_or_mobile',
  TOLL_FREE: 'toll_free',
  VOIP: 'voip',
};

// Russian forms write extensions as "доб." (добавочный); libphonenumber knows ext/x/#.
const RUSSIAN_EXTENSION = /\s*(?:доб\.?|добавочный)\s*/iu;

/**
 * Parses a phone as people type it (`8 (916) 123-45-67`, `+7 495 123 45 67 доб. 12`) into E.164,
 * using `defaultRegion` for numbers written without a country code.
 */
export function normalizePhone(input: unknown, defaultRegion: string): NormalizedPhone | PhoneProblem {
  const text = cleanText(input);
  if (!text) return { ok: false, code: 'invalid_phone', message: 'is empty' };
  if (text.length > 64) return { ok: false, code: 'invalid_phone', message: 'is longer than 64 characters' };
  if (!/\d/.test(text)) return { ok: false, code: 'invalid_phone', message: 'has no digits' };
  const parsed = parsePhoneNumberFromString(
    text.replace(RUSSIAN_EXTENSION, ' ext. '),
    defaultRegion as CountryCode,
  );
  if (!parsed?.isValid()) {
    return { ok: false, code: 'invalid_phone', message: 'is not a valid phone number' };
  }
  const type = TYPES[parsed.getType() ?? ''] ?? 'other';
  return {
    ok: true,
    e164: parsed.number,
    ...(parsed.ext ? { extension: parsed.ext } : {}),
    type,
    ...(parsed.country ? { country: parsed.country } : {}),
  };
}
