import { z } from 'zod';
import { IdSchema, TimestampSchema, text } from './common.ts';
import { LeadSchema } from './lead.ts';

export const TASK_TYPES = [
  'call',
  'email',
  'meeting',
  'send_offer',
  'send_materials',
  'other',
  'assign_owner',
] as const;
/** Types a person sets; assign_owner is made by routing only. */
export const WORK_TASK_TYPES = ['call', 'email', 'meeting', 'send_offer', 'send_materials', 'other'] as const;
export const TASK_STATUSES = ['open', 'done', 'canceled'] as const;

export const TaskSchema = z.object({
  id: IdSchema,
  leadId: IdSchema.nullable(),
  contactId: IdSchema.nullable(),
  dealId: IdSchema.nullable(),
  type: z.enum(TASK_TYPES),
  title: z.string(),
  note: z.string().nullable(),
  dueAt: TimestampSchema,
  assigneeId: IdSchema.nullable().describe("null: waits in the heads' queue or the pool"),
  status: z.enum(TASK_STATUSES),
  firstResponse: z.boolean().describe("The lead's first-response task (its deadline is the SLA)"),
  result: z.string().nullable(),
  completedAt: TimestampSchema.nullable(),
  completedBy: z.string().nullable(),
  createdBy: z.string(),
  overdue: z.boolean(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type Task = z.infer<typeof TaskSchema>;

/** When a task is due: an instant, or days/hours from now. */
const dueFields = {
  dueAt: TimestampSchema.optional(),
  dueInDays: z.number().int().min(0).max(3650).optional(),
  dueInHours: z
    .number()
    .int()
    .min(0)
    .max(24 * 3650)
    .optional(),
};

export const TaskCreateSchema = z
  .object({
    leadId: IdSchema,
    type: z.enum(WORK_TASK_TYPES),
    title: text(300).min(1).optional().describe('Defaults to a title made from the type'),
    note: text(5000).optional(),
    assigneeId: IdSchema.optional().describe("Defaults to the lead's owner, else the caller"),
    ...dueFields,
  })
  .strict();
export type TaskCreate = z.infer<typeof TaskCreateSchema>;

export const NextTaskSchema = z
  .object({
    type: z.enum(WORK_TASK_TYPES),
    title: text(300).min(1).optional(),
    note: text(5000).optional(),
    ...dueFields,
  })
  .strict();
export type NextTask = z.infer<typeof NextTaskSchema>;

export const TaskCompleteSchema = z
  .object({
    result: text(5000).describe('What came of it; required'),
    next: NextTaskSchema.optional().describe('The next step, created in the same request'),
  })
  .strict();
export type TaskComplete = z.infer<typeof TaskCompleteSchema>;

export const TaskPatchSchema = z
  .object({
    dueAt: TimestampSchema,
    assigneeId: IdSchema.nullable(),
    title: text(300).min(1),
    note: text(5000).nullable(),
    status: z.literal('canceled').describe('Cancel the task'),
  })
  .partial()
  .strict();
export type TaskPatch = z.infer<typeof TaskPatchSchema>;

export const TASK_VIEWS = ['mine', 'overdue', 'today', 'upcoming', 'all'] as const;

export const TaskListQuerySchema = z.object({
  view: z
    .enum(TASK_VIEWS)
    .default('mine')
    .describe(
      'mine: my open tasks; overdue: open and past due; today: open and due today; upcoming: open and due later; all: any status',
    ),
  leadId: IdSchema.optional(),
  assigneeId: IdSchema.optional().describe('Heads and admins only: whose tasks'),
  cursor: z.string().max(200).optional().describe('nextCursor of the previous page'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type TaskListQuery = z.infer<typeof TaskListQuerySchema>;

export const TaskListSchema = z.object({
  items: z.array(TaskSchema),
  nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last one'),
});

export const TaskCompletionSchema = z.object({ task: TaskSchema, next: TaskSchema.nullable() });

export const NoNextStepQuerySchema = z.object({
  ownerId: IdSchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const NoNextStepListSchema = z.object({ items: z.array(LeadSchema) });

export const BoardQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20).describe('Cards per column'),
  includeSpam: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  ownerId: IdSchema.optional(),
  teamId: IdSchema.optional(),
});

export const BoardCardSchema = z.object({
  id: IdSchema,
  fullName: z.string(),
  company: z.string().nullable(),
  emails: z.array(z.string()),
  phones: z.array(z.string()),
  status: z.string(),
  ownerId: IdSchema.nullable(),
  teamId: IdSchema.nullable(),
  temperature: z.enum(['hot', 'warm', 'cold']).nullable(),
  score: z.number().int(),
  spam: z.boolean(),
  firstResponseAt: TimestampSchema.nullable(),
  createdAt: TimestampSchema,
  nextTask: z
    .object({ id: IdSchema, type: z.enum(TASK_TYPES), title: z.string(), dueAt: TimestampSchema })
    .nullable(),
});

export const BoardSchema = z.object({
  columns: z.array(
    z.object({
      status: z.string(),
      labels: z.object({ en: z.string(), ru: z.string() }).nullable().describe('null: no longer configured'),
      total: z.number().int(),
      cards: z.array(BoardCardSchema),
    }),
  ),
});
