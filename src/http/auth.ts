import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { canAccess, type Principal } from '../domain/permissions.ts';
import { csrfTokenMatches, SESSION_COOKIE, type SessionContext } from '../services/auth/sessions.ts';
import { sendProblem } from './problem.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The cookie session the request came with; null for bearer tokens. */
    session: SessionContext | null;
  }
}

export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

type SessionVerifier = (secret: string) => Promise<{ principal: Principal; session: SessionContext } | null>;

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

export function sessionSecretOf(request: FastifyRequest): string | undefined {
  const value = request.cookies?.[SESSION_COOKIE];
  return value ? value : undefined;
}

/** The session cookie: HttpOnly, SameSite=Lax, Secure over https. */
export function setSessionCookie(reply: FastifyReply, secret: string, expiresAt: Date): void {
  reply.setCookie(SESSION_COOKIE, secret, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: reply.request.protocol === 'https',
    expires: expiresAt,
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

/**
 * Checks each request against the access its route declares. A bearer token wins over a cookie;
 * cookie sessions must echo their CSRF token on unsafe methods, since browsers send cookies on
 * cross-site requests but never an Authorization header.
 */
export function registerAuth(
  app: FastifyInstance,
  verifyToken: (token: string) => Promise<Principal | null>,
  verifySession?: SessionVerifier,
): void {
  app.decorateRequest('principal', null);
  app.decorateRequest('session', null);
  app.addHook('onRequest', async (request, reply) => {
    const access = request.routeOptions.config.access;
    if (!access || access === 'public') return;
    const token = bearerOf(request);
    const secret = token || !verifySession ? undefined : sessionSecretOf(request);
    let principal: Principal | null = null;
    if (token) {
      principal = await verifyToken(token);
    } else if (secret && verifySession) {
      const found = await verifySession(secret);
      if (found) {
        principal = found.principal;
        request.session = found.session;
      }
    }
    if (!principal) {
      reply.header('www-authenticate', 'Bearer');
      if (secret) clearSessionCookie(reply);
      return sendProblem(
        reply,
        401,
        'unauthorized',
        token
          ? 'The token is not valid or was revoked.'
          : secret
            ? 'The session has ended; log in again.'
            : 'Log in, or send an API token as "Authorization: Bearer <token>".',
      );
    }
    if (request.session && !SAFE_METHODS.has(request.method)) {
      const given = request.headers[CSRF_HEADER];
      if (!csrfTokenMatches(typeof given === 'string' ? given : undefined, request.session.csrfToken)) {
        return sendProblem(
          reply,
          403,
          'forbidden',
          `A request made with the session cookie must send the ${CSRF_HEADER} header, with the csrfToken returned by login or GET /api/auth/me.`,
        );
      }
    }
    if (!canAccess(principal, access)) {
      const who =
        principal.kind === 'user'
          ? `A user with the ${principal.role} role`
          : `This token (${principal.scope} scope)`;
      return sendProblem(
        reply,
        403,
        'forbidden',
        `${who} cannot ${access === 'capture' ? 'capture' : access} here.`,
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
