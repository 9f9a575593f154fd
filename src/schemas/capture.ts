import { z } from 'zod';
import { AddressSchema, text } from './common.ts';

// What any channel may send to the intake pipeline. Plain HTML forms send strings only, so flags and
// times also accept their string forms. Fields not listed here are kept in `custom`, never dropped.

const flag = z.union([z.boolean(), z.enum(['on', 'true', '1', 'yes', 'false', '0', 'no', 'off'])]);
const stringList = (max: number) => z.union([text(max), z.array(text(max)).max(10, 'at most 10 values')]);

export const CAPTURE_ATTRIBUTION_FIELDS = [
  'utm_source',
  'utm_medium',
  'utm_campaign',
  'utm_content',
  'utm_term',
  'referrer',
  'landingPage',
  'promoCode',
  'formId',
  'partnerKey',
  'trackingPhone',
  'visitorId',
] as const;

export const CLICK_ID_FIELDS = ['gclid', 'yclid', 'fbclid', 'msclkid', 'ttclid', 'vkclid'] as const;

export const CaptureInputSchema = z
  .object({
    name: text(300).optional().describe('Full name; split into parts by leadflow'),
    firstName: text(100).optional(),
    lastName: text(100).optional(),
    middleName: text(100).optional(),
    email: stringList(254).optional().describe('One email or a list'),
    phone: stringList(64).optional().describe('One phone or a list, any common format'),
    company: text(300).optional(),
    position: text(200).optional(),
    interest: text(10_000).optional().describe('Free text: what the person asked for'),
    address: AddressSchema.optional(),
    channel: text(64).optional().describe('Channel code, when the sender knows it'),
    utm_source: text(500).optional(),
    utm_medium: text(500).optional(),
    utm_campaign: text(500).optional(),
    utm_content: text(500).optional(),
    utm_term: text(500).optional(),
    referrer: text(2000).optional(),
    landingPage: text(2000).optional(),
    promoCode: text(100).optional(),
    formId: text(100).optional(),
    partnerKey: text(200).optional(),
    trackingPhone: text(64).optional().describe('The campaign phone number the person called'),
    visitorId: text(200).optional(),
    consent: z
      .union([flag, z.object({ given: flag, text: text(5000).optional(), version: text(100).optional() })])
      .optional(),
    consentText: text(5000).optional(),
    consentVersion: text(100).optional(),
    externalId: text(200).optional().describe('The sender’s own id: a repeat with the same id is a retry'),
    honeypot: text(1000).optional().describe('Hidden form field; people leave it empty'),
    formShownAt: z
      .union([z.number(), text(40)])
      .optional()
      .describe('When the form was shown (epoch ms or ISO time)'),
    custom: z.record(z.string().max(100), z.unknown()).optional(),
  })
  .catchall(z.unknown());

export type CaptureInput = z.infer<typeof CaptureInputSchema>;

export function isTruthyFlag(value: unknown): boolean {
  return value === true || (typeof value === 'string' && ['on', 'true', '1', 'yes'].includes(value));
}
