import { z } from 'zod';
import { CursorPageQuerySchema, IdSchema, pageOf, TimestampSchema } from './common.ts';

export const NotificationSchema = z.object({
  id: IdSchema,
  type: z.string().describe('What happened: task_reminder, task_overdue, first_response_overdue, …'),
  leadId: IdSchema.nullable(),
  contactId: IdSchema.nullable(),
  data: z.record(z.string(), z.unknown()).describe('Details of the notice; their keys depend on the type'),
  createdAt: TimestampSchema,
  readAt: TimestampSchema.nullable(),
});

export type NotificationDto = z.infer<typeof NotificationSchema>;

export const NotificationListQuerySchema = CursorPageQuerySchema.extend({
  unread: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .describe('Only notices not read yet'),
});

export const NotificationPageSchema = pageOf(NotificationSchema).extend({
  unreadCount: z.number().int().describe('All unread notices of the caller, for a badge'),
});

export const ReadAllResultSchema = z.object({ updated: z.number().int() });
