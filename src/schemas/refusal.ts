import { z } from 'zod';
import { IdSchema, TimestampSchema, text } from './common.ts';
import { LeadSchema } from './lead.ts';

export const RefuseBodySchema = z
  .object({
    reason: text(64).describe("A refusal reason key from the 'statuses' settings (reasons.refused)"),
    note: text(2000).optional(),
    revisitAt: TimestampSchema.optional().describe(
      'When the lead comes back to a rep (must be in the future)',
    ),
    farewell: z
      .object({
        send: z.boolean(),
        language: z.enum(['en', 'ru']).optional().describe("The lead's language by default"),
      })
      .strict()
      .optional()
      .describe('A farewell email with a link to a short questionnaire'),
  })
  .strict();
export type RefuseBody = z.infer<typeof RefuseBodySchema>;

export const FarewellOutcomeSchema = z.object({
  queued: z.boolean(),
  to: z.string().optional(),
  language: z.enum(['en', 'ru']).optional(),
  skipped: z
    .enum(['no_email', 'consent_withdrawn', 'already_sent'])
    .optional()
    .describe('Why no email was queued'),
});
export type FarewellOutcome = z.infer<typeof FarewellOutcomeSchema>;

export const RefuseResultSchema = z.object({
  lead: LeadSchema,
  canceledTaskIds: z.array(IdSchema),
  farewell: FarewellOutcomeSchema.nullable(),
});

export const ReopenBodySchema = z.object({ reason: text(500).optional() }).strict();

export const ReopenResultSchema = z.object({
  lead: LeadSchema,
  taskId: IdSchema.describe('The "call back" task'),
});

export const QuestionnaireAnswerSchema = z
  .object({
    answer: text(5000).min(1, 'must not be empty'),
  })
  .strict();
