import { z } from 'zod';
import { LIFECYCLE_STAGES } from '../domain/scoring.ts';
import { text } from './common.ts';

export const TEMPERATURES = ['hot', 'warm', 'cold'] as const;
export const ICP_FITS = ['good', 'partial', 'poor'] as const;
export const BANT_KEYS = ['budget', 'authority', 'need', 'timeframe'] as const;

/** One BANT criterion: what is known (an amount, a name, a date, in words) and a note on it. */
export const BantItemSchema = z
  .object({ value: text(500).nullable(), note: text(2000).nullable().optional() })
  .strict();
export const BantSchema = z
  .object({
    budget: BantItemSchema.nullable(),
    authority: BantItemSchema.nullable(),
    need: BantItemSchema.nullable(),
    timeframe: BantItemSchema.nullable(),
  })
  .partial()
  .strict();
export type Bant = z.infer<typeof BantSchema>;

/** Qualification changes by hand; absent fields stay, null clears. */
export const QualificationPatchSchema = z
  .object({
    temperature: z.enum(TEMPERATURES).nullable(),
    lifecycleStage: z.enum(LIFECYCLE_STAGES),
    /** Why the stage changed; kept on the lifecycle_changed timeline event. */
    reason: text(500),
    bant: BantSchema,
    icpFit: z.enum(ICP_FITS).nullable(),
  })
  .partial()
  .strict();
export type QualificationPatch = z.infer<typeof QualificationPatchSchema>;

export const ReturnToMarketingSchema = z.object({ reason: text(500).trim().min(1, 'required') }).strict();
