import { z } from 'zod';
import { IdSchema, TimestampSchema, text } from './common.ts';

export const DEAL_STATUSES = ['open', 'won', 'lost'] as const;
export type DealStatus = (typeof DEAL_STATUSES)[number];

/** The pipeline when the 'deal_stages' setting is absent. The last stages of a sale live on deals. */
export const DEFAULT_DEAL_STAGES = ['new', 'proposal', 'negotiation', 'contract', 'payment'] as const;

/** Money travels as a decimal string ("12000.00"): JSON numbers are binary floats. */
export const MoneySchema = z
  .string()
  .regex(/^\d{1,14}(\.\d{1,2})?$/, 'must be a decimal string with at most 2 decimals, e.g. "12000.00"');
export const CurrencySchema = z
  .string()
  .regex(/^[A-Z]{3}$/, 'must be a three-letter ISO 4217 code, e.g. RUB');

export const DealSchema = z.object({
  id: IdSchema,
  title: z.string(),
  leadId: IdSchema.nullable(),
  contactId: IdSchema.nullable(),
  companyId: IdSchema.nullable(),
  amount: z.string().describe('Exact decimal, e.g. "12000.00"'),
  currency: z.string(),
  stage: z.string(),
  status: z.enum(DEAL_STATUSES),
  lostReason: z.string().nullable(),
  ownerId: IdSchema.nullable(),
  closedAt: TimestampSchema.nullable().describe('When the deal was won or lost'),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type Deal = z.infer<typeof DealSchema>;

/** A deal opened by a conversion; everything defaults from the lead and the settings. */
export const DealNewSchema = z
  .object({
    title: text(300).optional(),
    amount: MoneySchema.default('0'),
    currency: CurrencySchema.optional(),
    stage: text(64).optional().describe("One of the 'deal_stages' setting; the first by default"),
    status: z.enum(['open', 'won']).default('open'),
    ownerId: IdSchema.optional().describe("The lead's owner by default"),
  })
  .strict();
export type DealNew = z.infer<typeof DealNewSchema>;

export const DealPatchSchema = z
  .object({
    title: text(300),
    amount: MoneySchema,
    currency: CurrencySchema,
    stage: text(64),
    status: z.enum(DEAL_STATUSES).describe('won or lost closes the deal (closed_at); open reopens it'),
    lostReason: text(500).nullable(),
    ownerId: IdSchema.nullable(),
  })
  .partial()
  .strict();
export type DealPatch = z.infer<typeof DealPatchSchema>;

export const DealListQuerySchema = z.object({
  status: z.enum(DEAL_STATUSES).optional(),
  ownerId: IdSchema.optional(),
  leadId: IdSchema.optional(),
  createdFrom: TimestampSchema.optional(),
  createdTo: TimestampSchema.optional(),
  closedFrom: TimestampSchema.optional().describe('Closed (won or lost) at or after'),
  closedTo: TimestampSchema.optional().describe('Closed before'),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type DealListQuery = z.infer<typeof DealListQuerySchema>;
