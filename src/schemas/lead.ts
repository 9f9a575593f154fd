import { z } from 'zod';
import { SPAM_SIGNAL_CODES } from '../domain/types.ts';
import {
  AddressSchema,
  ConsentSchema,
  IdSchema,
  ProblemItemSchema,
  TimestampSchema,
  text,
} from './common.ts';

export const LEAD_KINDS = ['lead', 'interest'] as const;

export const AttributionSchema = z
  .object({
    utm_source: z.string(),
    utm_medium: z.string(),
    utm_campaign: z.string(),
    utm_content: z.string(),
    utm_term: z.string(),
    referrer: z.string(),
    landingPage: z.string(),
    promoCode: z.string(),
    formId: z.string(),
    partnerKey: z.string(),
    trackingPhone: z.string(),
    visitorId: z.string(),
    clickIds: z.record(z.string(), z.string()),
    resolvedBy: z.object({ kind: z.string(), value: z.string() }),
  })
  .partial();

export const SpamSignalSchema = z.object({ code: z.enum(SPAM_SIGNAL_CODES), detail: z.string() });

/** A lead as the API shows it. */
export const LeadSchema = z.object({
  id: IdSchema,
  kind: z.enum(LEAD_KINDS),
  status: z.string(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  middleName: z.string().nullable(),
  fullName: z.string(),
  emails: z.array(z.string()),
  phones: z.array(z.string()),
  company: z.string().nullable(),
  position: z.string().nullable(),
  interest: z.string().nullable(),
  address: AddressSchema.nullable(),
  custom: z.record(z.string(), z.unknown()),
  valid: z.boolean(),
  problems: z.array(ProblemItemSchema),
  spam: z.boolean(),
  spamSignals: z.array(SpamSignalSchema),
  channelId: IdSchema.nullable(),
  campaignId: IdSchema.nullable(),
  attribution: AttributionSchema,
  consent: ConsentSchema.nullable(),
  ownerId: IdSchema.nullable(),
  teamId: IdSchema.nullable(),
  assignedAt: TimestampSchema.nullable(),
  firstResponseAt: TimestampSchema.nullable(),
  statusReason: z.string().nullable(),
  temperature: z.enum(['hot', 'warm', 'cold']).nullable(),
  lifecycleStage: z.string(),
  bant: z.record(z.string(), z.unknown()),
  icpFit: z.string().nullable(),
  score: z.number().int(),
  scoreBreakdown: z.array(z.record(z.string(), z.unknown())),
  language: z.string().nullable(),
  region: z.string().nullable(),
  visitorId: z.string().nullable(),
  convertedAt: TimestampSchema.nullable(),
  contactId: IdSchema.nullable(),
  companyId: IdSchema.nullable(),
  dealId: IdSchema.nullable(),
  refusedAt: TimestampSchema.nullable(),
  revisitAt: TimestampSchema.nullable(),
  mergedIntoId: IdSchema.nullable(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type Lead = z.infer<typeof LeadSchema>;

/** Fields a person may correct by hand. Contacts replace the whole list. */
export const LeadPatchSchema = z
  .object({
    firstName: text(100).nullable(),
    lastName: text(100).nullable(),
    middleName: text(100).nullable(),
    emails: z.array(text(254)).max(10),
    phones: z.array(text(64)).max(10),
    company: text(300).nullable(),
    position: text(200).nullable(),
    interest: text(10_000).nullable(),
    address: AddressSchema.nullable(),
    custom: z.record(z.string().max(100), z.unknown()),
    // Status changes go through POST /api/leads/{id}/status (reasons, refusal, conversion rules).
    spam: z.boolean(),
    channelId: IdSchema.nullable(),
    campaignId: IdSchema.nullable(),
    consent: ConsentSchema.nullable(),
    ownerId: IdSchema.nullable(),
  })
  .partial()
  .strict();
export type LeadPatch = z.infer<typeof LeadPatchSchema>;

const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

export const LeadListQuerySchema = z.object({
  status: text(64).optional(),
  kind: z.enum(LEAD_KINDS).optional(),
  channelId: IdSchema.optional(),
  campaignId: IdSchema.optional(),
  ownerId: z
    .union([IdSchema, z.literal('none')])
    .optional()
    .describe('Leads of this owner; "none" for the unassigned pool'),
  spam: booleanQuery.optional(),
  createdFrom: TimestampSchema.optional(),
  createdTo: TimestampSchema.optional(),
  q: text(200).optional().describe('Search in name, email, phone and company'),
  includeMerged: booleanQuery.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type LeadListQuery = z.infer<typeof LeadListQuerySchema>;

export const InquirySchema = z.object({
  id: IdSchema,
  receivedAt: TimestampSchema,
  outcome: z.enum(['created', 'attached', 'rejected', 'failed']),
  leadId: IdSchema.nullable(),
  contactId: IdSchema.nullable(),
  channelId: IdSchema.nullable(),
  campaignId: IdSchema.nullable(),
  problems: z.array(ProblemItemSchema),
  spamSignals: z.array(SpamSignalSchema),
  error: z.string().nullable(),
  externalId: z.string().nullable(),
  contentType: z.string().nullable(),
  rawBody: z.string().nullable().describe('The body exactly as received'),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
});
export type Inquiry = z.infer<typeof InquirySchema>;

export const TimelineEventSchema = z.object({
  id: IdSchema,
  at: TimestampSchema,
  actor: z.string(),
  type: z.string(),
  data: z.record(z.string(), z.unknown()),
});
export type TimelineEvent = z.infer<typeof TimelineEventSchema>;

export const LeadDetailSchema = LeadSchema.extend({
  inquiries: z.array(InquirySchema),
  timeline: z.array(TimelineEventSchema),
});

export const CardRefSchema = z.object({ type: z.enum(['lead', 'contact']), id: IdSchema });

/** The answer to a capture: what happened to the inquiry. */
export const CaptureResultSchema = z.object({
  outcome: z.enum(['created', 'attached', 'replayed', 'failed']),
  /** For a replay: what the original request produced. */
  originalOutcome: z.enum(['created', 'attached']).optional(),
  inquiryId: IdSchema,
  attachedTo: CardRefSchema.optional(),
  lead: LeadSchema.optional(),
  duplicateReviews: z.number().int().optional().describe('Uncertain duplicates queued for review'),
});

export const DuplicateReviewSchema = z.object({
  id: IdSchema,
  status: z.enum(['open', 'merged', 'dismissed']),
  score: z.number(),
  breakdown: z.record(z.string(), z.number()),
  createdAt: TimestampSchema,
  lead: LeadSchema,
  candidate: z.object({
    type: z.enum(['lead', 'contact']),
    id: IdSchema,
    fullName: z.string(),
    emails: z.array(z.string()),
    phones: z.array(z.string()),
    company: z.string().nullable(),
  }),
});

export const MergeBodySchema = z
  .object({
    sourceId: IdSchema.describe('The lead merged into this one; it is kept as a pointer to this one'),
    prefer: z
      .partialRecord(
        z.enum(['firstName', 'lastName', 'middleName', 'company', 'position', 'interest', 'address']),
        z.enum(['target', 'source']),
      )
      .optional()
      .describe('Whose value wins for each field; by default the target keeps its own and fills gaps'),
  })
  .strict();
