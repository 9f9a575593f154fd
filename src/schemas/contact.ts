import { z } from 'zod';
import { AddressSchema, ConsentSchema, IdSchema, TimestampSchema, text } from './common.ts';

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
    companyId: IdSchema.optional().describe('The company card this person works for'),
    consent: ConsentSchema.optional(),
  })
  .strict();
export type ContactCreate = z.infer<typeof ContactCreateSchema>;

/** The contact card with its links: the lead it was converted from and the consent it carries. */
export const ContactCardSchema = ContactSchema.extend({
  sourceLeadId: IdSchema.nullable(),
  consent: ConsentSchema.nullable(),
});
export type ContactCard = z.infer<typeof ContactCardSchema>;

/** A correction: only the fields sent change; lists replace the whole list; null clears. */
export const ContactPatchSchema = z
  .object({
    firstName: text(100).nullable(),
    lastName: text(100).nullable(),
    middleName: text(100).nullable(),
    emails: z.array(text(254)).max(10),
    phones: z.array(text(64)).max(10),
    companyId: IdSchema.nullable(),
    companyName: text(300).nullable(),
    position: text(200).nullable(),
    address: AddressSchema.nullable(),
    custom: z.record(z.string().max(100), z.unknown()),
    consent: ConsentSchema.nullable(),
    ownerId: IdSchema.nullable(),
  })
  .partial()
  .strict();
export type ContactPatch = z.infer<typeof ContactPatchSchema>;

export const ContactListQuerySchema = z.object({
  q: text(200).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
