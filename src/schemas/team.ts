import { z } from 'zod';
import { IdSchema, TimestampSchema, text } from './common.ts';
import { RoleSchema } from './user.ts';

export const WEEKDAYS = ['1', '2', '3', '4', '5', '6', '7'] as const;
export const ASSIGNMENT_METHODS = ['least_loaded', 'round_robin'] as const;

/** Whether the runtime's time zone database knows the IANA name (Europe/Moscow, Asia/Yekaterinburg…). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const TimeOfDaySchema = z
  .string()
  .regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'must be a time HH:MM between 00:00 and 24:00');
const SpanSchema = z
  .tuple([TimeOfDaySchema, TimeOfDaySchema])
  .refine(([from, to]) => from < to, 'must end after it starts');

/** ISO weekday (1 = Monday … 7 = Sunday) to working spans; a missing or empty day is a day off. */
export const WorkingHoursSchema = z
  .partialRecord(z.enum(WEEKDAYS), z.array(SpanSchema).max(12))
  .superRefine((hours, ctx) => {
    for (const [day, spans] of Object.entries(hours)) {
      const sorted = [...(spans ?? [])].sort((a, b) => a[0].localeCompare(b[0]));
      for (let i = 1; i < sorted.length; i++) {
        const previous = sorted[i - 1];
        const current = sorted[i];
        if (previous && current && current[0] < previous[1]) {
          ctx.addIssue({ code: 'custom', path: [day], message: 'spans must not overlap' });
          break;
        }
      }
    }
  });

export const DEFAULT_WORKING_HOURS = {
  '1': [['09:00', '18:00']],
  '2': [['09:00', '18:00']],
  '3': [['09:00', '18:00']],
  '4': [['09:00', '18:00']],
  '5': [['09:00', '18:00']],
  '6': [],
  '7': [],
} satisfies z.infer<typeof WorkingHoursSchema>;

const TimeZoneSchema = z
  .string()
  .max(100)
  .refine(isTimeZone, 'must be an IANA time zone such as Europe/Moscow');

const teamFields = {
  name: text(200).trim().min(1, 'must not be empty'),
  headId: IdSchema.nullable(),
  timeZone: TimeZoneSchema,
  workingHours: WorkingHoursSchema,
  /** Days off on top of the week, YYYY-MM-DD in the team's time zone. */
  holidays: z.array(z.iso.date('must be a date YYYY-MM-DD')).max(400),
  assignmentMethod: z.enum(ASSIGNMENT_METHODS),
  /** Route new leads to this team's members only inside working hours. */
  onlyWorkingHours: z.boolean(),
  /** The members (reps, and heads who also take leads); replaces the whole list on PATCH. */
  memberIds: z.array(IdSchema).max(500),
};

export const TeamCreateSchema = z.strictObject({
  name: teamFields.name,
  headId: teamFields.headId.default(null),
  timeZone: teamFields.timeZone.default('Europe/Moscow'),
  workingHours: teamFields.workingHours.default(DEFAULT_WORKING_HOURS),
  holidays: teamFields.holidays.default([]),
  assignmentMethod: teamFields.assignmentMethod.default('least_loaded'),
  onlyWorkingHours: teamFields.onlyWorkingHours.default(false),
  memberIds: teamFields.memberIds.default([]),
});
export type TeamCreate = z.infer<typeof TeamCreateSchema>;

export const TeamPatchSchema = z.strictObject(teamFields).partial();
export type TeamPatch = z.infer<typeof TeamPatchSchema>;

export const TeamMemberSchema = z.object({
  userId: IdSchema,
  name: z.string(),
  role: RoleSchema,
  active: z.boolean(),
});

export const TeamSchema = z.object({
  id: IdSchema,
  name: z.string(),
  headId: IdSchema.nullable(),
  timeZone: z.string(),
  workingHours: z.record(z.string(), z.array(z.tuple([z.string(), z.string()]))),
  holidays: z.array(z.string()),
  assignmentMethod: z.enum(ASSIGNMENT_METHODS),
  onlyWorkingHours: z.boolean(),
  members: z.array(TeamMemberSchema),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type Team = z.infer<typeof TeamSchema>;
