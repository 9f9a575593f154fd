import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { LeadProblem } from '../domain/types.ts';
import type { Problem, ProblemCode } from '../schemas/problem.ts';
import { localizeProblem } from './i18n/localizeProblem.ts';
import { requestLocale } from './i18n/requestLocale.ts';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

const TITLES: Record<ProblemCode, string> = {
  validation_failed: 'The request has invalid fields',
  malformed_body: 'The request body could not be read',
  unsupported_media_type: 'Unsupported content type',
  payload_too_large: 'The request body is too large',
  unauthorized: 'Authentication required',
  forbidden: 'Not allowed',
  not_found: 'Not found',
  conflict: 'Conflict',
  idempotency_key_reused: 'Idempotency key already used for a different request',
  rate_limited: 'Too many requests',
  internal_error: 'Internal error',
  unavailable: 'Service unavailable',
};

export type InvalidParam = { name: string; reason: string; code?: string };

/** An error a route throws to answer with a problem; the error handler renders it. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: ProblemCode,
    detail?: string,
    readonly extra: { invalid_params?: InvalidParam[] } & Record<string, unknown> = {},
  ) {
    super(detail ?? TITLES[code]);
  }
}

/** A role rule said no: 403 with what was refused, so the client can explain it. */
export const forbidden = (detail: string) => new HttpProblem(403, 'forbidden', detail);
export const conflict = (detail: string, extra: Record<string, unknown> = {}) =>
  new HttpProblem(409, 'conflict', detail, extra);
export const notFound = (what: string) => new HttpProblem(404, 'not_found', `${what} does not exist`);
export const invalid = (params: InvalidParam[], detail?: string) =>
  new HttpProblem(
    422,
    'validation_failed',
    detail ?? params.map((p) => `${p.name}: ${p.reason}`).join('; '),
    {
      invalid_params: params,
    },
  );

export function invalidParamsOf(problems: LeadProblem[]): InvalidParam[] {
  return problems.map((p) => ({ name: p.field, reason: p.message, code: p.code }));
}

/** A problem body, in the language the client asked for (Accept-Language: English or Russian). */
export function buildProblem(
  request: FastifyRequest,
  status: number,
  code: ProblemCode,
  detail?: string,
  extra: Record<string, unknown> = {},
): Problem {
  const problem: Problem = {
    type: `https://leadflow.dev/problems/${code.replaceAll('_', '-')}`,
    title: TITLES[code],
    status,
    code,
    ...(detail ? { detail } : {}),
    instance: request.url,
    requestId: request.id,
    ...extra,
  };
  return localizeProblem(problem, requestLocale(request));
}

export function sendProblem(
  reply: FastifyReply,
  status: number,
  code: ProblemCode,
  detail?: string,
  extra: Record<string, unknown> = {},
): FastifyReply {
  return reply
    .code(status)
    .type(PROBLEM_CONTENT_TYPE)
    .send(buildProblem(reply.request, status, code, detail, extra));
}

const FASTIFY_CODES: Record<string, [number, ProblemCode]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'payload_too_large'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'unsupported_media_type'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'malformed_body'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'malformed_body'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'malformed_body'],
  FST_ERR_CTP_EMPTY_TYPE: [415, 'unsupported_media_type'],
  FST_ERR_CTP_INVALID_TYPE: [415, 'unsupported_media_type'],
};

/** The one error handler: problems for everything, internals never leaked, 5xx logged. */
export function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof HttpProblem) {
    return sendProblem(reply, error.status, error.code, error.message, error.extra);
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const inBody = error.validationContext === 'body';
    const params = error.validation.map((issue) => {
      const path = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
      const prefix = inBody ? '' : `${error.validationContext}.`;
      return { name: `${prefix}${path || (inBody ? 'body' : '')}`.replace(/\.$/, ''), reason: issue.message };
    });
    return sendProblem(
      reply,
      inBody ? 422 : 400,
      'validation_failed',
      params.map((p) => `${p.name}: ${p.reason}`).join('; '),
      { invalid_params: params },
    );
  }
  const mapped = error.code ? FASTIFY_CODES[error.code] : undefined;
  if (mapped) return sendProblem(reply, mapped[0], mapped[1], error.message);
  if (error.statusCode === 429) return sendProblem(reply, 429, 'rate_limited', error.message);
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return sendProblem(
      reply,
      error.statusCode,
      error.statusCode === 404 ? 'not_found' : 'malformed_body',
      error.message,
    );
  }
  request.log.error({ err: error }, 'request failed');
  return sendProblem(
    reply,
    500,
    'internal_error',
    'Something went wrong on our side; the request id helps us find it.',
  );
}
