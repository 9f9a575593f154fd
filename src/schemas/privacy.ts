import { z } from 'zod';
import { IdSchema, text } from './common.ts';

export const ErasureBodySchema = z
  .strictObject({
    emails: z.array(text(320)).max(20).optional().describe('Every card holding any of these emails'),
    phones: z
      .array(text(64))
      .max(20)
      .optional()
      .describe('Every card holding any of these phones (any format; the default region applies)'),
    leadIds: z.array(IdSchema).max(100).optional(),
    contactIds: z.array(IdSchema).max(100).optional(),
  })
  .refine(
    (body) => body.emails?.length || body.phones?.length || body.leadIds?.length || body.contactIds?.length,
    'name the person: emails, phones, or cards by id',
  );

export const ErasureResultSchema = z.object({
  leadIds: z.array(IdSchema).describe('The leads whose personal data was erased'),
  contactIds: z.array(IdSchema).describe('The contacts whose personal data was erased'),
});
