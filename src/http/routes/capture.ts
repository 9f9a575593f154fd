import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../domain/permissions.ts';
import { CaptureInputSchema } from '../../schemas/capture.ts';
import { CaptureResultSchema } from '../../schemas/lead.ts';
import { ProblemSchema } from '../../schemas/problem.ts';
import type { CaptureRequest, CaptureResult } from '../../services/capture/types.ts';
import { findLeadById } from '../../store/leads.ts';
import type { RouteDeps } from '../app.ts';
import { principalOf } from '../auth.ts';
import { toLeadDto } from '../dto.ts';
import { invalidParamsOf, sendProblem } from '../problem.ts';

const JSON_TYPES = /^(application\/(.+\+)?json|text\/plain)\b/i;
const FORM_TYPE = /^application\/x-www-form-urlencoded\b/i;

/**
 * Form fields arrive flat; `address.city` / `address[city]` and `custom[x]` build nested objects,
 * and a repeated field (two phones) becomes a list.
 */
export function formFieldsToObject(raw: string): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [name, value] of new URLSearchParams(raw)) {
    const nested = /^(address|custom|consent)(?:\.|\[)([^\]]+)\]?$/.exec(name);
    if (nested) {
      const [, group, key] = nested as unknown as [string, string, string];
      const existing = result[group];
      const target =
        typeof existing === 'object' && existing !== null ? (existing as Record<string, unknown>) : {};
      target[key] = value;
      result[group] = target;
      continue;
    }
    const previous = result[name];
    result[name] =
      previous === undefined ? value : Array.isArray(previous) ? [...previous, value] : [previous, value];
  }
  return result;
}

function parseCaptureBody(
  raw: string,
  contentType: string | null,
): { body?: unknown; parseError?: string; unsupported?: boolean } {
  if (contentType && FORM_TYPE.test(contentType)) return { body: formFieldsToObject(raw) };
  if (!contentType || JSON_TYPES.test(contentType)) {
    if (raw.trim() === '') return { parseError: 'the body is empty' };
    try {
      return { body: JSON.parse(raw) };
    } catch (error) {
      return { parseError: `the body is not valid JSON (${(error as Error).message})` };
    }
  }
  return {
    unsupported: true,
    parseError: `content type ${contentType} is not accepted; send JSON or a form`,
  };
}

const headerValue = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value[0] : value;

export const captureRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, deps) => {
  // Capture keeps the body exactly as sent, even when it is not JSON: take every type as text here
  // and parse in the handler, after the raw inquiry is safe.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  app.setErrorHandler(async (error, request) => {
    if ((error as { code?: string }).code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      // Too big to keep whole, but that it came is still recorded.
      await deps.capture.capture({
        ...requestMeta(request),
        body: undefined,
        rawBody: null,
        parseError: `the body is larger than ${deps.config.bodyLimitBytes} bytes (content-length ${request.headers['content-length'] ?? 'unknown'})`,
      });
    }
    throw error;
  });

  function requestMeta(request: FastifyRequest): Omit<CaptureRequest, 'body' | 'rawBody' | 'parseError'> {
    const principal = principalOf(request);
    const key = headerValue(request.headers['idempotency-key']);
    return {
      contentType: headerValue(request.headers['content-type']) ?? null,
      ip: request.ip,
      ...(request.headers['user-agent'] ? { userAgent: request.headers['user-agent'].slice(0, 500) } : {}),
      // Keys are per sender; hashed so any header length is fine.
      ...(key
        ? { idempotencyKey: `${principal.id}|${createHash('sha256').update(key).digest('base64url')}` }
        : {}),
      actor: actorOf(principal),
      bulkSender: principal.scope === 'full',
      receivedAt: deps.clock(),
    };
  }

  async function reply(
    request: FastifyRequest,
    reply: FastifyReply,
    result: CaptureResult,
    unsupported: boolean,
  ) {
    switch (result.outcome) {
      case 'created':
        return reply.code(201).send({
          outcome: 'created',
          inquiryId: result.inquiryId,
          lead: toLeadDto(result.lead),
          duplicateReviews: result.duplicateReviews,
        });
      case 'attached':
        return reply
          .code(200)
          .send({ outcome: 'attached', inquiryId: result.inquiryId, attachedTo: result.card });
      case 'replayed': {
        reply.header('idempotent-replayed', 'true');
        if (result.original === 'rejected') {
          return sendProblem(reply, 422, 'validation_failed', 'Replay of a request that was rejected', {
            invalid_params: invalidParamsOf(result.problems),
            inquiryId: result.inquiryId,
          });
        }
        const lead = result.leadId ? await findLeadById(deps.database.db, result.leadId) : undefined;
        return reply.code(200).send({
          outcome: 'replayed',
          originalOutcome: result.original === 'attached' ? 'attached' : 'created',
          inquiryId: result.inquiryId,
          ...(result.card ? { attachedTo: result.card } : {}),
          ...(lead && result.original === 'created' ? { lead: toLeadDto(lead) } : {}),
        });
      }
      case 'rejected': {
        const malformed = result.problems.some((p) => p.code === 'malformed_body');
        const status = unsupported ? 415 : malformed ? 400 : 422;
        const code = unsupported
          ? 'unsupported_media_type'
          : malformed
            ? 'malformed_body'
            : 'validation_failed';
        return sendProblem(
          reply,
          status,
          code,
          result.problems.map((p) => `${p.field}: ${p.message}`).join('; '),
          {
            invalid_params: invalidParamsOf(result.problems),
            inquiryId: result.inquiryId,
          },
        );
      }
      case 'key_reused':
        return sendProblem(
          reply,
          422,
          'idempotency_key_reused',
          'Use a new Idempotency-Key for a different request.',
          {
            invalid_params: [{ name: 'Idempotency-Key', reason: 'already used for a different request' }],
            inquiryId: result.inquiryId,
          },
        );
      case 'failed':
        // Kept for reprocessing: the sender need not retry.
        request.log.error(
          { inquiryId: result.inquiryId, error: result.error },
          'capture failed; inquiry kept',
        );
        return reply.code(202).send({ outcome: 'failed', inquiryId: result.inquiryId });
    }
  }

  app.post(
    '/api/leads',
    {
      config: { access: 'capture' },
      // The body is validated by the pipeline (after the raw inquiry is kept), not before the handler.
      validatorCompiler: () => (data) => ({ value: data }),
      // The hot path: replies are built from DTOs already shaped by the schema, so plain JSON.
      serializerCompiler: () => (data) => JSON.stringify(data),
      schema: {
        tags: ['capture'],
        summary: 'Capture an inquiry (web form, partner, script)',
        description:
          'The one intake pipeline: keeps the raw inquiry, normalizes, validates, flags spam, finds duplicates across leads and contacts, and attributes the source. JSON or an HTML form post. Send `Idempotency-Key` (or `externalId`) so retries never create a second lead. Fields not listed are kept in `custom`.',
        consumes: ['application/json', 'application/x-www-form-urlencoded'],
        headers: z.object({ 'idempotency-key': z.string().optional() }).loose(),
        querystring: z
          .object({ token: z.string().optional().describe('Capture token, for plain HTML forms') })
          .loose(),
        body: CaptureInputSchema,
        response: {
          200: CaptureResultSchema.describe('Attached to a known card, or a replay of an earlier request'),
          201: CaptureResultSchema.describe('A new lead'),
          202: CaptureResultSchema.describe('Kept, but processing failed; it will be reprocessed'),
          400: ProblemSchema,
          401: ProblemSchema,
          403: ProblemSchema,
          413: ProblemSchema,
          415: ProblemSchema,
          422: ProblemSchema,
        },
      },
    },
    async (request, response) => {
      const rawBody = typeof request.body === 'string' ? request.body : '';
      const meta = requestMeta(request);
      const parsed = parseCaptureBody(rawBody, meta.contentType);
      const result = await deps.capture.capture({
        ...meta,
        body: parsed.body,
        rawBody,
        ...(parsed.parseError ? { parseError: parsed.parseError } : {}),
      });
      return reply(request, response, result, parsed.unsupported === true);
    },
  );
};
