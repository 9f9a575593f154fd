import { z } from 'zod';
import { IdSchema } from './common.ts';

/** "a,b,c" in a query string: any of these values. */
const anyOf = (what: string) =>
  z
    .string()
    .max(1000)
    .transform((value) =>
      value
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean),
    )
    .optional()
    .describe(`${what}; several values separated by commas match any of them`);

export const SEGMENT_CONSENT = ['given', 'withdrawn', 'unknown', 'any'] as const;

export const SegmentQuerySchema = z.object({
  consent: z
    .enum(SEGMENT_CONSENT)
    .default('any')
    .describe('given: consent.given is true; withdrawn: false; unknown: no consent recorded'),
  status: anyOf('Lead status'),
  reason: anyOf('Status reason (refusal reason)'),
  lifecycle: anyOf('Lifecycle stage'),
  temperature: anyOf('hot, warm or cold'),
  channelId: IdSchema.optional(),
  campaignId: IdSchema.optional(),
  includeSpam: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .default(false),
  format: z.enum(['json', 'csv']).default('json'),
});
export type SegmentQuery = z.infer<typeof SegmentQuerySchema>;

export const SegmentLeadSchema = z.object({
  id: IdSchema,
  name: z.string(),
  emails: z.array(z.string()),
  phones: z.array(z.string()),
  company: z.string().nullable(),
  status: z.string(),
  reason: z.string().nullable(),
  lifecycle: z.string(),
  temperature: z.string().nullable(),
  consent: z.enum(['given', 'withdrawn', 'unknown']),
});
export type SegmentLead = z.infer<typeof SegmentLeadSchema>;

export const SegmentResultSchema = z.object({ items: z.array(SegmentLeadSchema), count: z.number().int() });
export type SegmentResult = z.infer<typeof SegmentResultSchema>;
