import { z } from 'zod';
import type { StatusSettings } from '../domain/statuses.ts';
import { text } from './common.ts';

const KeySchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, 'must be snake_case: lower-case letters, digits and _');
const LabelsSchema = z.object({ en: text(100).min(1), ru: text(100).min(1) });

export const StatusDefinitionSchema = z.object({
  key: KeySchema,
  labels: LabelsSchema,
  order: z.number().int(),
  terminal: z.boolean().optional(),
  requiresReason: z.boolean().optional(),
});

export const ReasonDefinitionSchema = z.object({ key: KeySchema, labels: LabelsSchema });

/** The lead statuses and reasons (settings key 'statuses'). */
export const StatusSettingsSchema = z.object({
  statuses: z.array(StatusDefinitionSchema).min(1).max(50),
  reasons: z.record(KeySchema, z.array(ReasonDefinitionSchema).max(50)),
}) satisfies z.ZodType<StatusSettings>;

export const StatusChangeSchema = z
  .object({
    status: KeySchema,
    reason: text(500).optional(),
  })
  .strict();
export type StatusChange = z.infer<typeof StatusChangeSchema>;
