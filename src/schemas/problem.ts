import { z } from 'zod';

/** Machine codes of every problem leadflow answers with; clients can switch on them. */
export const PROBLEM_CODES = [
  'validation_failed',
  'malformed_body',
  'unsupported_media_type',
  'payload_too_large',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'idempotency_key_reused',
  'rate_limited',
  'internal_error',
  'unavailable',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

/** RFC 9457 problem details, with `invalid_params` naming each bad field. */
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    code: z.enum(PROBLEM_CODES),
    invalid_params: z
      .array(z.object({ name: z.string(), reason: z.string(), code: z.string().optional() }))
      .optional(),
    requestId: z.string().optional(),
  })
  .loose();
export type Problem = z.infer<typeof ProblemSchema>;
