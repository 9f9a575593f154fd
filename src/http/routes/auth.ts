import rateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProblemSchema } from '../../schemas/problem.ts';
import { LoginSchema, MeSchema, PasswordChangeSchema, SessionSchema } from '../../schemas/user.ts';
import { logIn, logOut } from '../../services/auth/sessions.ts';
import { changeOwnPassword, WrongPassword } from '../../services/auth/users.ts';
import { emailKey, findUserById } from '../../store/users.ts';
import type { RouteDeps } from '../app.ts';
import { clearSessionCookie, principalOf, sessionSecretOf, setSessionCookie } from '../auth.ts';
import { forbidden, HttpProblem, invalid } from '../problem.ts';
import { toUserDto } from './users.ts';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema };

// Password guessing is slowed per client address and account; one process keeps its own count.
const LOGIN_ATTEMPTS = { max: 10, timeWindow: '15 minutes' };

/** Password login with a cookie session, logout, who am I, and the user's own password change. */
export const authRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, deps) => {
  const { database } = deps;
  await app.register(rateLimit, { global: false });

  app.post(
    '/api/auth/login',
    {
      config: {
        access: 'public',
        rateLimit: {
          ...LOGIN_ATTEMPTS,
          hook: 'preHandler',
          keyGenerator: (request) => {
            const email = (request.body as { email?: unknown } | undefined)?.email;
            return `${request.ip}|${typeof email === 'string' ? emailKey(email) : ''}`;
          },
        },
      },
      schema: {
        tags: ['auth'],
        summary:
          'Log in with email and password; sets the HttpOnly session cookie (10 attempts per 15 minutes)',
        security: [],
        body: LoginSchema,
        response: { 200: SessionSchema, 422: ProblemSchema, 429: ProblemSchema, ...errors },
      },
    },
    async (request, reply) => {
      const result = await logIn(database.db, {
        email: request.body.email,
        password: request.body.password,
        at: deps.clock(),
        days: deps.config.sessionDays,
      });
      // One answer for every failure, so the API does not tell which emails have accounts.
      if (!result) throw new HttpProblem(401, 'unauthorized', 'The email or the password is not correct.');
      setSessionCookie(reply, result.session.secret, result.session.expiresAt);
      return { user: toUserDto(result.user), csrfToken: result.session.csrfToken };
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { access: 'read' },
      schema: {
        tags: ['auth'],
        summary: 'End the cookie session',
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      const secret = sessionSecretOf(request);
      if (request.session && secret) await logOut(database.db, secret);
      clearSessionCookie(reply);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/auth/me',
    {
      config: { access: 'read' },
      schema: {
        tags: ['auth'],
        summary: 'Who is calling: the user, their role, and the CSRF token of the cookie session',
        response: { 200: MeSchema, ...errors },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const user = principal.userId ? await findUserById(database.db, principal.userId) : undefined;
      return {
        user: user ? toUserDto(user) : null,
        principal: {
          kind: principal.kind,
          name: principal.name,
          role: principal.role,
          scope: principal.scope,
        },
        csrfToken: request.session?.csrfToken ?? null,
      };
    },
  );

  app.post(
    '/api/auth/password',
    {
      config: { access: 'write' },
      schema: {
        tags: ['auth'],
        summary: 'Change your own password; your other sessions end',
        body: PasswordChangeSchema,
        response: { 204: z.null(), 422: ProblemSchema, ...errors },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      if (!principal.userId) throw forbidden('This token belongs to no user, so it has no password.');
      try {
        await changeOwnPassword(database, {
          userId: principal.userId,
          currentPassword: request.body.currentPassword,
          newPassword: request.body.newPassword,
          ...(request.session ? { keepSessionId: request.session.id } : {}),
          at: deps.clock(),
        });
      } catch (error) {
        if (error instanceof WrongPassword)
          throw invalid([{ name: 'currentPassword', reason: 'is not correct' }]);
        throw error;
      }
      return reply.code(204).send(null);
    },
  );
};
