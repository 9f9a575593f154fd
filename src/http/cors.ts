import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type AllowedOrigins, createAllowedOrigins } from '../services/forms.ts';
import type { Database } from '../store/db.ts';

// Cross-origin access for the embeddable form only: browsers on a site some active form lists may
// send captures and read that form's definition. Every other route, and every other origin, gets
// no CORS headers, so browsers keep their same-origin rule there.

const CAPTURE_URL = '/api/leads';
const PUBLIC_FORM_URL = '/api/forms/public/:key';
const ALLOWED_HEADERS = 'authorization, content-type, idempotency-key';
const PREFLIGHT_MAX_AGE_SECONDS = '600';

/** Which allow-list a request falls under: the capture one, one form's, or none. */
function corsScopeOf(request: FastifyRequest): { formKey?: string } | undefined {
  const url = request.routeOptions.url;
  if (url === CAPTURE_URL && (request.method === 'POST' || request.method === 'OPTIONS')) return {};
  if (url === PUBLIC_FORM_URL && (request.method === 'GET' || request.method === 'OPTIONS')) {
    return { formKey: (request.params as { key: string }).key };
  }
  return undefined;
}

/**
 * Adds the CORS hook and the preflight routes. Call before the auth hook, so that a refused
 * token still reaches the page as a readable problem. Returns the allow-list, which form changes
 * must `forget()`.
 */
export function registerCors(app: FastifyInstance, deps: { database: Database }): AllowedOrigins {
  const allowedOrigins = createAllowedOrigins({ database: deps.database });

  app.addHook('onRequest', async (request, reply) => {
    const scope = corsScopeOf(request);
    if (!scope) return;
    reply.header('vary', 'Origin');
    const origin = request.headers.origin;
    if (typeof origin !== 'string' || !(await allowedOrigins.allows(origin, scope.formKey))) return;
    reply.header('access-control-allow-origin', origin);
    if (request.method === 'OPTIONS') {
      reply.header('access-control-allow-methods', scope.formKey === undefined ? 'POST' : 'GET');
      reply.header('access-control-allow-headers', ALLOWED_HEADERS);
      reply.header('access-control-max-age', PREFLIGHT_MAX_AGE_SECONDS);
    } else {
      reply.header('access-control-expose-headers', 'idempotent-replayed');
    }
  });

  const preflight = {
    config: { access: 'public' as const },
    schema: { hide: true },
  };
  // Answered for every origin; only an allowed one gets the headers that let the browser go on.
  app.options(CAPTURE_URL, preflight, (_request, reply) => reply.code(204).send());
  app.options(PUBLIC_FORM_URL, preflight, (_request, reply) => reply.code(204).send());

  return allowedOrigins;
}
