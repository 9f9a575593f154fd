import { z } from 'zod';

/** A trimmed-later string with a length cap; forms send everything as strings. */
export const text = (max: number) => z.string().max(max, `must be at most ${max} characters`);

export const IdSchema = z.uuid();
export const IdParamsSchema = z.object({ id: IdSchema });
export const TimestampSchema = z.iso.datetime({ offset: true });

export const AddressSchema = z.object({
  line1: text(300).optional(),
  line2: text(300).optional(),
  streetNumber: text(50).optional(),
  city: text(200).optional(),
  postcode: text(20).optional(),
  region: text(200).optional(),
  country: text(100).optional(),
});

export const ConsentSchema = z.object({
  given: z.boolean(),
  text: text(5000).optional(),
  version: text(100).optional(),
  at: z.string().optional(),
  source: text(300).optional(),
  ip: text(100).optional(),
});

export const ProblemItemSchema = z.object({ field: z.string(), code: z.string(), message: z.string() });

export const CursorPageQuerySchema = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });
