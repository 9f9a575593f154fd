import { z } from 'zod';
import { isRuleField } from '../domain/assignment.ts';
import { CONDITION_OPS } from '../domain/conditions.ts';
import { isValidTimeZone, minutesOfClock } from '../domain/workingHours.ts';
import { IdSchema, TimestampSchema, text } from './common.ts';

export const ROUTING_MODES = ['pool', 'rules', 'manual'] as const;
export type RoutingMode = (typeof ROUTING_MODES)[number];

const clock = z.string().refine((v) => minutesOfClock(v) !== undefined, 'must be HH:MM (00:00–24:00)');
const span = z
  .tuple([clock, clock])
  .refine(
    ([from, to]) => (minutesOfClock(from) ?? 0) < (minutesOfClock(to) ?? 0),
    'must end after it starts',
  );

export const WeeklyHoursSchema = z
  .partialRecord(z.enum(['1', '2', '3', '4', '5', '6', '7']), z.array(span).max(6))
  .describe('ISO weekday ("1" = Monday … "7" = Sunday) to [["09:00", "18:00"]] spans');

export const WorkScheduleSchema = z.object({
  timeZone: z.string().refine(isValidTimeZone, 'must be an IANA time zone such as Europe/Moscow'),
  hours: WeeklyHoursSchema,
  holidays: z.array(z.iso.date()).max(400).default([]).describe('Days off, YYYY-MM-DD in the time zone'),
});

const slaMinutes = z
  .number()
  .int()
  .min(1)
  .max(60 * 24 * 30);

/** Routing settings (the `routing` row of the settings table). */
export const RoutingSettingsSchema = z
  .object({
    defaultMode: z
      .enum(ROUTING_MODES)
      .describe('How new leads are distributed unless a channel says otherwise'),
    channelModes: z.record(IdSchema, z.enum(ROUTING_MODES)).describe('Mode per channel id'),
    rulesFallback: z
      .enum(['pool', 'manual'])
      .describe('Where a lead goes in "rules" mode when no rule matches or the target is unavailable'),
    slaMinutes: slaMinutes.describe('First-response deadline in working minutes'),
    channelSlaMinutes: z.record(IdSchema, slaMinutes).describe('First-response deadline per channel id'),
    autoReassignOnMissedSla: z
      .boolean()
      .describe('Reassign a lead whose owner missed the first-response deadline (run by the scheduler)'),
    escalateOnMissedSla: z
      .boolean()
      .default(true)
      .describe(
        'Tell the sales head (of the lead team, else every head) when a first-response deadline is missed',
      ),
    schedule: WorkScheduleSchema.describe('Working hours for leads without a team'),
  })
  .strict();
export type RoutingSettings = z.infer<typeof RoutingSettingsSchema>;

export const ConditionSchema = z
  .object({
    field: z
      .string()
      .refine(
        isRuleField,
        'must be a lead attribute (interest, region, language, channelId, campaignId, score, kind, company, position, temperature), custom.<key>, attribution.<tag> or address.<part>',
      ),
    op: z.enum(CONDITION_OPS),
    value: z.unknown().optional(),
  })
  .strict();

export const TargetSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('user'), userId: IdSchema }).strict(),
  z.object({ type: z.literal('team'), teamId: IdSchema }).strict(),
  z.object({ type: z.literal('pool') }).strict(),
  z.object({ type: z.literal('manual') }).strict(),
]);

export const AssignmentRuleSchema = z.object({
  id: IdSchema,
  name: z.string(),
  position: z.number().int(),
  channelId: IdSchema.nullable().describe('null: any channel'),
  conditions: z.array(ConditionSchema),
  target: TargetSchema,
  active: z.boolean(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type AssignmentRule = z.infer<typeof AssignmentRuleSchema>;

export const AssignmentRuleCreateSchema = z
  .object({
    name: text(200).min(1),
    position: z.number().int().min(0).max(1_000_000).default(0),
    channelId: IdSchema.nullable().default(null),
    conditions: z.array(ConditionSchema).max(50).default([]),
    target: TargetSchema,
    active: z.boolean().default(true),
  })
  .strict();
export type AssignmentRuleCreate = z.infer<typeof AssignmentRuleCreateSchema>;

export const AssignmentRulePatchSchema = z
  .object({
    name: text(200).min(1),
    position: z.number().int().min(0).max(1_000_000),
    channelId: IdSchema.nullable(),
    conditions: z.array(ConditionSchema).max(50),
    target: TargetSchema,
    active: z.boolean(),
  })
  .partial()
  .strict();
export type AssignmentRulePatch = z.infer<typeof AssignmentRulePatchSchema>;

export const ClaimResultSchema = z.object({
  leadId: IdSchema,
  ownerId: IdSchema,
  assignedAt: TimestampSchema,
});

export const AssignBodySchema = z
  .object({
    ownerId: IdSchema.nullable().describe('The new owner; null returns the lead to the pool'),
    reason: text(500).optional(),
  })
  .strict();

export const AssignResultSchema = z.object({
  leadId: IdSchema,
  ownerId: IdSchema.nullable(),
  previousOwnerId: IdSchema.nullable(),
  assignedAt: TimestampSchema.nullable(),
});
