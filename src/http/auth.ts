import type { FastifyInstance, FastifyRequest } from 'fastify';
import { canAccess, type Principal } from '../domain/permissions.ts';
import { sendProblem } from './problem.ts';

function bearerOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header === 'string') {
    const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
    if (match) return match[1];
  }
  // Plain HTML forms cannot set headers: capture routes also take the token as ?token=.
  if (request.routeOptions.config.access === 'capture') {
    const query = request.query as Record<string, unknown> | undefined;
    if (typeof query?.token === 'string') return query.token;
  }
  return undefined;
}

/** Checks each request against the access its route declares. */
export function registerAuth(
  app: FastifyInstance,
  verifyToken: (token: string) => Promise<Principal | null>,
): void {
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (request, reply) => {
    const access = request.routeOptions.config.access;
    if (!access || access === 'public') return;
    const token = bearerOf(request);
    const principal = token ? await verifyToken(token) : null;
    if (!principal) {
      reply.header('www-authenticate', 'Bearer');
      return sendProblem(
        reply,
        401,
        'unauthorized',
        token
          ? 'The token is not valid or was revoked.'
          : 'Send an API token as "Authorization: Bearer <token>".',
      );
    }
    if (!canAccess(principal, access)) {
      return sendProblem(
        reply,
        403,
        'forbidden',
        `This token (${principal.scope} scope) cannot ${access === 'capture' ? 'capture' : access} here.`,
      );
    }
    request.principal = principal;
  });
}

/** The principal of an authenticated route (the auth hook guarantees it). */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new Error('principalOf called on an unauthenticated route');
  return request.principal;
}
