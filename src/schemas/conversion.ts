import { z } from 'zod';
import { AddressSchema, IdSchema, text } from './common.ts';
import { CompanyCreateSchema, CompanySchema } from './company.ts';
import { ContactCardSchema } from './contact.ts';
import { DealNewSchema, DealSchema } from './deal.ts';
import { LeadSchema } from './lead.ts';

/** Values that replace what the new contact would take from the lead; everything else comes from it. */
const ContactOverridesSchema = z
  .object({
    name: text(300),
    firstName: text(100),
    lastName: text(100),
    middleName: text(100),
    emails: z.array(text(254)).max(10),
    phones: z.array(text(64)).max(10),
    companyName: text(300),
    position: text(200),
    address: AddressSchema,
    custom: z.record(z.string().max(100), z.unknown()),
    ownerId: IdSchema.describe("The lead's owner by default"),
  })
  .partial()
  .strict();
export type ContactOverrides = z.infer<typeof ContactOverridesSchema>;

/** A new company: its name defaults to the lead's company; registry codes are checked. */
const CompanyOverridesSchema = CompanyCreateSchema.extend({
  name: text(300).optional(),
  emails: z.array(text(254)).max(10).optional(),
  phones: z.array(text(64)).max(10).optional(),
}).strict();
export type CompanyOverrides = z.infer<typeof CompanyOverridesSchema>;

const attach = z
  .object({ attach: IdSchema.describe('An existing card (see conversion-suggestions)') })
  .strict();

export const ConversionBodySchema = z
  .object({
    contact: z.union([attach, z.object({ create: ContactOverridesSchema }).strict()]).optional(),
    company: z.union([attach, z.object({ create: CompanyOverridesSchema }).strict()]).optional(),
    deal: DealNewSchema.optional(),
  })
  .strict()
  .refine((body) => body.contact || body.company || body.deal, {
    message: 'convert into at least one of contact, company or deal',
  });
export type ConversionBody = z.infer<typeof ConversionBodySchema>;

export const ConversionResultSchema = z.object({
  lead: LeadSchema,
  contact: ContactCardSchema.nullable(),
  company: CompanySchema.nullable(),
  deal: DealSchema.nullable(),
  created: z.object({ contact: z.boolean(), company: z.boolean(), deal: z.boolean() }),
  replayed: z.boolean().describe('True when this answers a retry with the same Idempotency-Key'),
});
export type ConversionResult = z.infer<typeof ConversionResultSchema>;

const matchedBy = z.array(z.enum(['email', 'phone', 'company', 'tax_id']));

export const ConversionSuggestionsSchema = z.object({
  contacts: z.array(
    z.object({
      id: IdSchema,
      fullName: z.string(),
      emails: z.array(z.string()),
      phones: z.array(z.string()),
      companyId: IdSchema.nullable(),
      companyName: z.string().nullable(),
      ownerId: IdSchema.nullable(),
      matchedBy,
    }),
  ),
  companies: z.array(
    z.object({
      id: IdSchema,
      name: z.string(),
      taxId: z.string().nullable(),
      emails: z.array(z.string()),
      phones: z.array(z.string()),
      ownerId: IdSchema.nullable(),
      matchedBy,
    }),
  ),
});
export type ConversionSuggestions = z.infer<typeof ConversionSuggestionsSchema>;
