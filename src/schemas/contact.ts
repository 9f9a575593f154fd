import { z } from 'zod';
import { AddressSchema, IdSchema, TimestampSchema, text } from './common.ts';

export const ContactSchema = z.object({
  id: IdSchema,
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  middleName: z.string().nullable(),
  fullName: z.string(),
  emails: z.array(z.string()),
  phones: z.array(z.string()),
  companyId: IdSchema.nullable(),
  companyName: z.string().nullable(),
  position: z.string().nullable(),
  address: AddressSchema.nullable(),
  custom: z.record(z.string(), z.unknown()),
  ownerId: IdSchema.nullable(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type Contact = z.infer<typeof ContactSchema>;

export const ContactCreateSchema = z
  .object({
    name: text(300).optional(),
    firstName: text(100).optional(),
    lastName: text(100).optional(),
    middleName: text(100).optional(),
    emails: z.array(text(254)).max(10).default([]),
    phones: z.array(text(64)).max(10).default([]),
    companyName: text(300).optional(),
    position: text(200).optional(),
    address: AddressSchema.optional(),
    custom: z.record(z.string().max(100), z.unknown()).default({}),
    ownerId: IdSchema.optional(),
  })
  .strict();
export type ContactCreate = z.infer<typeof ContactCreateSchema>;

export const ContactListQuerySchema = z.object({
  q: text(200).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
