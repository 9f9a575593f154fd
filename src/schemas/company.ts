import { z } from 'zod';
import { AddressSchema, IdSchema, TimestampSchema, text } from './common.ts';

/** A company card (a client organization) as the API shows it. */
export const CompanySchema = z.object({
  id: IdSchema,
  name: z.string(),
  taxId: z.string().nullable().describe('INN: 10 digits (organization) or 12 (person)'),
  kpp: z.string().nullable(),
  okpo: z.string().nullable(),
  registrationNumber: z.string().nullable().describe('OGRN (13 digits) or OGRNIP (15)'),
  legalAddress: AddressSchema.nullable(),
  postalAddress: AddressSchema.nullable(),
  address: AddressSchema.nullable(),
  emails: z.array(z.string()),
  phones: z.array(z.string()),
  website: z.string().nullable(),
  ownerId: IdSchema.nullable(),
  sourceLeadId: IdSchema.nullable(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type Company = z.infer<typeof CompanySchema>;

/** The fields a person fills in; registry codes are checked (format and check digit) by the service. */
const companyFields = {
  name: text(300),
  taxId: text(20),
  kpp: text(20),
  okpo: text(20),
  registrationNumber: text(20),
  legalAddress: AddressSchema,
  postalAddress: AddressSchema,
  address: AddressSchema,
  emails: z.array(text(254)).max(10),
  phones: z.array(text(64)).max(10),
  website: text(500),
  ownerId: IdSchema,
};

export const CompanyCreateSchema = z
  .object({
    ...companyFields,
    emails: companyFields.emails.default([]),
    phones: companyFields.phones.default([]),
  })
  .partial({
    taxId: true,
    kpp: true,
    okpo: true,
    registrationNumber: true,
    legalAddress: true,
    postalAddress: true,
    address: true,
    website: true,
    ownerId: true,
  })
  .strict();
export type CompanyCreate = z.infer<typeof CompanyCreateSchema>;

/** A correction: only the fields sent change; null clears an optional field. */
export const CompanyPatchSchema = z
  .object({
    name: companyFields.name,
    taxId: companyFields.taxId.nullable(),
    kpp: companyFields.kpp.nullable(),
    okpo: companyFields.okpo.nullable(),
    registrationNumber: companyFields.registrationNumber.nullable(),
    legalAddress: AddressSchema.nullable(),
    postalAddress: AddressSchema.nullable(),
    address: AddressSchema.nullable(),
    emails: companyFields.emails,
    phones: companyFields.phones,
    website: companyFields.website.nullable(),
    ownerId: IdSchema.nullable(),
  })
  .partial()
  .strict();
export type CompanyPatch = z.infer<typeof CompanyPatchSchema>;

export const CompanyListQuerySchema = z.object({
  q: text(200).optional().describe('Search in name, tax id, email and phone'),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
