import { z } from 'zod';
import { TrackingIdentifierSchema } from './channel.ts';
import { IdSchema, TimestampSchema, text } from './common.ts';
import { ConditionSchema } from './scoring.ts';

export const PRICING_MODELS = ['cpc', 'cpm', 'cpl', 'cpa', 'fixed', 'free'] as const;

const money = z
  .union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/, 'must be a decimal number')])
  .transform((v) => String(v));
const isoDate = z.iso.date();

export const CampaignSchema = z.object({
  id: IdSchema,
  channelId: IdSchema,
  name: z.string(),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  pricingModel: z.enum(PRICING_MODELS),
  price: z
    .string()
    .nullable()
    .describe('Price per click, thousand impressions, lead or action (decimal string)'),
  budget: z.string().nullable(),
  currency: z.string(),
  averageMargin: z
    .string()
    .nullable()
    .describe('Average margin per customer, for the affordable CPL (decimal string)'),
  leadFilters: z
    .array(ConditionSchema)
    .describe('Buyer filters of bought leads: a delivered lead failing one is stored invalid, not paid for'),
  active: z.boolean(),
  tracking: z.array(TrackingIdentifierSchema),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type Campaign = z.infer<typeof CampaignSchema>;

export const CampaignCreateSchema = z
  .object({
    channelId: IdSchema,
    name: text(300).min(1, 'must not be empty'),
    startsOn: isoDate.nullable().optional(),
    endsOn: isoDate.nullable().optional(),
    pricingModel: z.enum(PRICING_MODELS).optional(),
    price: money.nullable().optional(),
    budget: money.nullable().optional(),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'a three-letter ISO 4217 code')
      .optional(),
    averageMargin: money.nullable().optional(),
    leadFilters: z.array(ConditionSchema).max(20).optional(),
    active: z.boolean().optional(),
    tracking: z.array(TrackingIdentifierSchema).max(200).optional(),
  })
  .strict();
export const CampaignPatchSchema = CampaignCreateSchema.partial().strict();

export const CampaignListQuerySchema = z.object({ channelId: IdSchema.optional() });
