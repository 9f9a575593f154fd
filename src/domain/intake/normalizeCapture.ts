import {
  CAPTURE_ATTRIBUTION_FIELDS,
  type CaptureInput,
  CLICK_ID_FIELDS,
  isTruthyFlag,
} from '../../schemas/capture.ts';
import { normalizeEmail } from '../normalize/email.ts';
import { normalizePersonName } from '../normalize/name.ts';
import { type NormalizedPhone, normalizePhone } from '../normalize/phone.ts';
import { cleanMultilineText, cleanText } from '../normalize/text.ts';
import type { Address, Attribution, Consent, LeadProblem, NormalizedPerson } from '../types.ts';

export type NormalizedCapture = {
  person: NormalizedPerson;
  fullName: string;
  phoneDetails: NormalizedPhone[];
  emailDisposable: boolean;
  interest?: string;
  channelCode?: string;
  attribution: Attribution;
  consent?: Consent;
  externalId?: string;
  honeypot?: string;
  formShownAt?: Date;
};

export type CaptureContext = { defaultRegion: string; receivedAt: Date; ip?: string };

const KNOWN_FIELDS = new Set<string>([
  'name',
  'firstName',
  'lastName',
  'middleName',
  'email',
  'phone',
  'company',
  'position',
  'interest',
  'address',
  'channel',
  'consent',
  'consentText',
  'consentVersion',
  'externalId',
  'honeypot',
  'formShownAt',
  'custom',
  ...CAPTURE_ATTRIBUTION_FIELDS,
  ...CLICK_ID_FIELDS,
]);

const asList = (value: string | string[] | undefined): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

function fieldName(base: string, index: number, count: number): string {
  return count > 1 ? `${base}[${index}]` : base;
}

function normalizeAddress(address: CaptureInput['address']): Address | undefined {
  if (!address) return undefined;
  const cleaned: Address = {};
  for (const [key, value] of Object.entries(address)) {
    const text = cleanText(value);
    if (text) cleaned[key as keyof Address] = text;
  }
  return Object.keys(cleaned).length > 0 ? cleaned : undefined;
}

function parseShownAt(value: CaptureInput['formShownAt']): Date | undefined {
  if (value === undefined || value === '') return undefined;
  const numeric = typeof value === 'number' ? value : /^\d+$/.test(value) ? Number(value) : Number.NaN;
  const date = Number.isFinite(numeric) ? new Date(numeric) : new Date(String(value));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function normalizeConsent(input: CaptureInput, ctx: CaptureContext): Consent | undefined {
  const raw = input.consent;
  if (raw === undefined && !input.consentText) return undefined;
  const given = typeof raw === 'object' && raw !== null ? isTruthyFlag(raw.given) : isTruthyFlag(raw);
  const objectText = typeof raw === 'object' && raw !== null ? raw.text : undefined;
  const objectVersion = typeof raw === 'object' && raw !== null ? raw.version : undefined;
  const consentText = cleanMultilineText(objectText ?? input.consentText);
  const version = cleanText(objectVersion ?? input.consentVersion);
  return {
    given,
    ...(consentText ? { text: consentText } : {}),
    ...(version ? { version } : {}),
    at: ctx.receivedAt.toISOString(),
    ...(input.formId
      ? { source: `form:${input.formId}` }
      : input.landingPage
        ? { source: input.landingPage }
        : {}),
    ...(ctx.ip ? { ip: ctx.ip } : {}),
  };
}

function collectAttribution(input: CaptureInput): Attribution {
  const attribution: Attribution = {};
  for (const field of CAPTURE_ATTRIBUTION_FIELDS) {
    const value = cleanText(input[field]);
    if (value) attribution[field] = value;
  }
  const clickIds: Record<string, string> = {};
  for (const field of CLICK_ID_FIELDS) {
    const value = cleanText(input[field]);
    if (value) clickIds[field] = value;
  }
  if (Object.keys(clickIds).length > 0) attribution.clickIds = clickIds;
  return attribution;
}

/** Everything the sender included that leadflow has no column for: kept, not dropped. */
function collectCustom(input: CaptureInput): Record<string, unknown> {
  const custom: Record<string, unknown> = { ...(input.custom ?? {}) };
  for (const [key, value] of Object.entries(input)) {
    if (!KNOWN_FIELDS.has(key) && value !== undefined && value !== '') custom[key] = value;
  }
  return custom;
}

/**
 * Cleans one inquiry into a person and its source. Returns the problems instead when a value the
 * sender gave cannot be used (a malformed email or phone), naming each field.
 */
export function normalizeCapture(
  input: CaptureInput,
  ctx: CaptureContext,
): { ok: true; capture: NormalizedCapture } | { ok: false; problems: LeadProblem[] } {
  const problems: LeadProblem[] = [];
  const name = normalizePersonName(input);

  const emails: string[] = [];
  let emailDisposable = false;
  const rawEmails = asList(input.email).filter((e) => cleanText(e));
  rawEmails.forEach((raw, index) => {
    const result = normalizeEmail(raw);
    if (!result.ok) {
      problems.push({
        field: fieldName('email', index, rawEmails.length),
        code: result.code,
        message: result.message,
      });
    } else if (!emails.includes(result.email)) {
      emails.push(result.email);
      emailDisposable ||= result.disposable;
    }
  });

  const phoneDetails: NormalizedPhone[] = [];
  const rawPhones = asList(input.phone).filter((p) => cleanText(p));
  rawPhones.forEach((raw, index) => {
    const result = normalizePhone(raw, ctx.defaultRegion);
    if (!result.ok) {
      problems.push({
        field: fieldName('phone', index, rawPhones.length),
        code: result.code,
        message: result.message,
      });
    } else if (!phoneDetails.some((p) => p.e164 === result.e164)) {
      phoneDetails.push(result);
    }
  });

  let trackingPhone: string | undefined;
  if (cleanText(input.trackingPhone)) {
    const result = normalizePhone(input.trackingPhone, ctx.defaultRegion);
    if (result.ok) trackingPhone = result.e164;
    else problems.push({ field: 'trackingPhone', code: result.code, message: result.message });
  }

  const company = cleanText(input.company);
  const address = normalizeAddress(input.address);
  if (
    !name.fullName &&
    emails.length === 0 &&
    phoneDetails.length === 0 &&
    !company &&
    problems.length === 0
  ) {
    problems.push({
      field: 'name',
      code: 'required',
      message: 'a name with a phone or an email is required (or at least a company)',
    });
  } else if (
    name.fullName &&
    emails.length === 0 &&
    phoneDetails.length === 0 &&
    !company &&
    !address &&
    problems.length === 0
  ) {
    problems.push({ field: 'phone', code: 'required', message: 'a phone or an email is required' });
  }
  if (problems.length > 0) return { ok: false, problems };

  const attribution = collectAttribution(input);
  if (trackingPhone) attribution.trackingPhone = trackingPhone;
  const interest = cleanMultilineText(input.interest);
  const channelCode = cleanText(input.channel)?.toLowerCase();
  const consent = normalizeConsent(input, ctx);
  const externalId = cleanText(input.externalId);
  const honeypot = cleanText(input.honeypot);
  const formShownAt = parseShownAt(input.formShownAt);
  const position = cleanText(input.position);

  return {
    ok: true,
    capture: {
      person: {
        ...(name.firstName ? { firstName: name.firstName } : {}),
        ...(name.lastName ? { lastName: name.lastName } : {}),
        ...(name.middleName ? { middleName: name.middleName } : {}),
        emails,
        phones: phoneDetails.map((p) => p.e164),
        ...(company ? { company } : {}),
        ...(position ? { position } : {}),
        ...(address ? { address } : {}),
        custom: collectCustom(input),
      },
      fullName: name.fullName,
      phoneDetails,
      emailDisposable,
      attribution,
      ...(interest ? { interest } : {}),
      ...(channelCode ? { channelCode } : {}),
      ...(consent ? { consent } : {}),
      ...(externalId ? { externalId } : {}),
      ...(honeypot ? { honeypot } : {}),
      ...(formShownAt ? { formShownAt } : {}),
    },
  };
}
