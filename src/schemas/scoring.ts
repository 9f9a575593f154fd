import { z } from 'zod';
import { CONDITION_OPS } from '../domain/conditions.ts';
import { SCORED_STAGES, type ScoringSettings } from '../domain/scoring.ts';
import { IdSchema, TimestampSchema, text } from './common.ts';

export const ConditionSchema = z
  .object({
    field: z
      .string()
      .regex(/^[A-Za-z_][\w]*(\.[\w-]+)*$/, 'a field path such as position or custom.segment')
      .max(200),
    op: z.enum(CONDITION_OPS),
    value: z.unknown().optional(),
  })
  .strict();

/** Event types are open-ended (a website may send its own); these are the usual ones. */
export const EventTypeSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,49}$/, 'snake_case, e.g. page_view, download, webinar, email_click')
  .meta({ examples: ['page_view', 'download', 'webinar', 'email_open', 'email_click', 'form_submit'] });

export const ScoringRuleSchema = z.object({
  id: IdSchema,
  kind: z.enum(['fit', 'engagement']),
  name: z.string(),
  conditions: z.array(ConditionSchema),
  eventType: z.string().nullable(),
  urlPattern: z.string().nullable(),
  points: z.number().int(),
  decayDays: z.number().int().nullable(),
  active: z.boolean(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type ScoringRuleDto = z.infer<typeof ScoringRuleSchema>;

const ruleFields = {
  name: text(200).trim().min(1, 'required'),
  points: z.number().int().min(-1000).max(1000),
  active: z.boolean().optional(),
};

/** Fit rules: conditions on the lead's fields, all of which must hold. */
export const FitRuleCreateSchema = z
  .object({ kind: z.literal('fit'), ...ruleFields, conditions: z.array(ConditionSchema).max(20) })
  .strict();
/** Engagement rules: events of a type (and URL pattern), each worth points that halve every decayDays. */
export const EngagementRuleCreateSchema = z
  .object({
    kind: z.literal('engagement'),
    ...ruleFields,
    eventType: EventTypeSchema,
    urlPattern: text(500).trim().min(1).nullable().optional(),
    decayDays: z.number().int().min(1).max(3650).nullable().optional(),
  })
  .strict();
export const ScoringRuleCreateSchema = z.discriminatedUnion('kind', [
  FitRuleCreateSchema,
  EngagementRuleCreateSchema,
]);
export type ScoringRuleCreate = z.infer<typeof ScoringRuleCreateSchema>;

/** A change to a rule; the kind stays. Fields of the other kind are refused by the service. */
export const ScoringRulePatchSchema = z
  .object({
    ...ruleFields,
    conditions: z.array(ConditionSchema).max(20),
    eventType: EventTypeSchema,
    urlPattern: text(500).trim().min(1).nullable(),
    decayDays: z.number().int().min(1).max(3650).nullable(),
  })
  .partial()
  .strict();
export type ScoringRulePatch = z.infer<typeof ScoringRulePatchSchema>;

export const ScoringSettingsSchema = z.object({
  thresholds: z
    .array(z.object({ minScore: z.number().int(), stage: z.enum(SCORED_STAGES) }).strict())
    .max(10),
}) satisfies z.ZodType<ScoringSettings>;

export const BreakdownEntrySchema = z.object({
  ruleId: z.string(),
  name: z.string(),
  kind: z.enum(['fit', 'engagement']),
  points: z.number(),
  detail: z.string(),
});

export const LeadScoreSchema = z.object({
  score: z.number().int(),
  breakdown: z.array(BreakdownEntrySchema),
  computedAt: TimestampSchema,
});

export const RecomputeResultSchema = z.object({ leads: z.number().int(), promoted: z.number().int() });
