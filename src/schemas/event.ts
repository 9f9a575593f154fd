import { z } from 'zod';
import { IdSchema, TimestampSchema, text } from './common.ts';
import { EventTypeSchema } from './scoring.ts';

/** An engagement event a website or mailer sends; matched to a lead by email, phone or visitor id. */
export const EventInputSchema = z
  .object({
    type: EventTypeSchema,
    url: text(2000).optional(),
    email: text(320).optional(),
    phone: text(50).optional(),
    visitorId: text(200).optional(),
    occurredAt: TimestampSchema.optional(),
    data: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();
export type EventInput = z.infer<typeof EventInputSchema>;

export const MAX_EVENT_BATCH = 500;
export const EventsBodySchema = z.union([
  EventInputSchema,
  z.array(EventInputSchema).min(1).max(MAX_EVENT_BATCH),
]);

export const EventsResultSchema = z.object({
  accepted: z.number().int(),
  events: z.array(z.object({ id: IdSchema, leadId: IdSchema.nullable() })),
});

export const EngagementEventSchema = z.object({
  id: IdSchema,
  leadId: IdSchema.nullable(),
  type: z.string(),
  url: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  visitorId: z.string().nullable(),
  occurredAt: TimestampSchema,
  data: z.record(z.string(), z.unknown()),
  createdAt: TimestampSchema,
});
export type EngagementEventDto = z.infer<typeof EngagementEventSchema>;
