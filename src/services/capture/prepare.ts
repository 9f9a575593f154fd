import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { blockingKeysOf, type MatcherConfig, matchFieldsOf } from '../../domain/dedup/index.ts';
import { type TrackingLookup, trackingLookupsOf } from '../../domain/intake/attribution.ts';
import { classifyLead, type LeadClassification } from '../../domain/intake/classifyLead.ts';
import { type NormalizedCapture, normalizeCapture } from '../../domain/intake/normalizeCapture.ts';
import type { LeadProblem, MatchFields } from '../../domain/types.ts';
import { CaptureInputSchema } from '../../schemas/capture.ts';
import type { CaptureRequest } from './types.ts';

/** An inquiry after all the work that needs no database: parsed, validated, normalized, keyed. */
export type PreparedCapture = {
  request: CaptureRequest;
  idempotencyKey?: string;
  externalKey?: string;
  externalId?: string;
  payloadHash: string;
  /** Lock keys for every email (`e:`) and phone (`p:`) of the person. */
  contactKeys: string[];
  /** The person's first email and phone, stored on the inquiry for flood detection. */
  email?: string;
  phone?: string;
} & (
  | { valid: false; problems: LeadProblem[] }
  | {
      valid: true;
      capture: NormalizedCapture;
      classification: LeadClassification;
      matchFields: MatchFields;
      matchKeys: string[];
      trackingLookups: TrackingLookup[];
      channelCode?: string;
    }
);

export type PrepareOptions = { defaultRegion: string; matcher: MatcherConfig };

export function problemsFromZod(error: z.ZodError): LeadProblem[] {
  return error.issues.map((issue) => ({
    field: issue.path.length > 0 ? issue.path.map(String).join('.') : 'body',
    code: issue.code,
    message: issue.message,
  }));
}

function hashOf(raw: string | null): string {
  return createHash('sha256')
    .update(raw ?? '')
    .digest('base64url');
}

/** The key that makes a partner's re-delivery a retry: its external id within its own source. */
function externalKeyOf(body: Record<string, unknown>, request: CaptureRequest, externalId: string): string {
  const source =
    (typeof body.partnerKey === 'string' && `partner:${body.partnerKey}`) ||
    (typeof body.formId === 'string' && `form:${body.formId}`) ||
    request.actor;
  return `${source}|${externalId}`;
}

export function prepareCapture(request: CaptureRequest, options: PrepareOptions): PreparedCapture {
  const base = {
    request,
    payloadHash: hashOf(request.rawBody),
    ...(request.idempotencyKey ? { idempotencyKey: request.idempotencyKey } : {}),
  };
  if (
    request.parseError !== undefined ||
    typeof request.body !== 'object' ||
    request.body === null ||
    Array.isArray(request.body)
  ) {
    const message = request.parseError ?? 'the body must be an object of fields';
    return {
      ...base,
      contactKeys: [],
      valid: false,
      problems: [{ field: 'body', code: 'malformed_body', message }],
    };
  }
  const body = request.body as Record<string, unknown>;
  const rawExternalId = typeof body.externalId === 'string' ? body.externalId.trim() : '';
  const withExternal = rawExternalId
    ? { ...base, externalId: rawExternalId, externalKey: externalKeyOf(body, request, rawExternalId) }
    : base;

  const parsed = CaptureInputSchema.safeParse(body);
  if (!parsed.success) {
    return { ...withExternal, contactKeys: [], valid: false, problems: problemsFromZod(parsed.error) };
  }
  const normalized = normalizeCapture(parsed.data, {
    defaultRegion: options.defaultRegion,
    receivedAt: request.receivedAt,
    ...(request.ip ? { ip: request.ip } : {}),
  });
  if (!normalized.ok)
    return { ...withExternal, contactKeys: [], valid: false, problems: normalized.problems };

  const capture = normalized.capture;
  const matchFields = matchFieldsOf(capture.person);
  const channelCode = capture.channelCode ?? request.channelHint;
  return {
    ...withExternal,
    contactKeys: [
      ...capture.person.emails.map((e) => `e:${e}`),
      ...capture.person.phones.map((p) => `p:${p}`),
    ],
    ...(capture.person.emails[0] ? { email: capture.person.emails[0] } : {}),
    ...(capture.person.phones[0] ? { phone: capture.person.phones[0] } : {}),
    valid: true,
    capture,
    classification: classifyLead(capture.person, capture.phoneDetails),
    matchFields,
    matchKeys: blockingKeysOf(matchFields, options.matcher),
    trackingLookups: trackingLookupsOf(capture.attribution),
    ...(channelCode ? { channelCode } : {}),
  };
}
