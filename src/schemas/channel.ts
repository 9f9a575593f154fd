import { z } from 'zod';
import { ATTRIBUTION_KINDS } from '../domain/types.ts';
import { IdSchema, TimestampSchema, text } from './common.ts';

export const TrackingIdentifierSchema = z.object({
  kind: z.enum(ATTRIBUTION_KINDS),
  value: text(500).min(1, 'must not be empty'),
});
export type TrackingIdentifierInput = z.infer<typeof TrackingIdentifierSchema>;

export const CHANNEL_ORIGINS = ['seeds', 'nets', 'spears'] as const;
export type ChannelOrigin = (typeof CHANNEL_ORIGINS)[number];

export const ChannelSchema = z.object({
  id: IdSchema,
  code: z.string(),
  name: z.string(),
  origin: z.enum(CHANNEL_ORIGINS).nullable(),
  active: z.boolean(),
  tracking: z.array(TrackingIdentifierSchema),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type Channel = z.infer<typeof ChannelSchema>;

export const ChannelCreateSchema = z
  .object({
    code: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'lower-case letters, digits, _ and -, up to 64 characters'),
    name: text(200).min(1, 'must not be empty'),
    origin: z.enum(CHANNEL_ORIGINS).nullable().optional(),
    active: z.boolean().optional(),
    tracking: z.array(TrackingIdentifierSchema).max(200).optional(),
  })
  .strict();
export const ChannelPatchSchema = ChannelCreateSchema.partial().strict();
