import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { canManageUsers } from '../../domain/permissions.ts';
import { IdParamsSchema } from '../../schemas/common.ts';
import { ProblemSchema } from '../../schemas/problem.ts';
import { TokenCreatedSchema, TokenCreateSchema, TokenSchema } from '../../schemas/user.ts';
import { createApiToken } from '../../services/tokens.ts';
import {
  type ApiTokenRow,
  findApiTokenById,
  listApiTokens,
  listApiTokensOfUser,
  revokeApiToken,
} from '../../store/tokens.ts';
import { findUserById } from '../../store/users.ts';
import type { RouteDeps } from '../app.ts';
import { principalOf } from '../auth.ts';
import { iso } from '../dto.ts';
import { forbidden, invalid, notFound } from '../problem.ts';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };

export function toTokenDto(row: ApiTokenRow): z.infer<typeof TokenSchema> {
  return {
    id: row.id,
    name: row.name,
    scope: row.scope,
    userId: row.userId,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: iso(row.lastUsedAt),
    revokedAt: iso(row.revokedAt),
  };
}

export type TokenRouteDeps = RouteDeps & { forgetCachedTokens: () => void };

/** API tokens: admins manage every token; every user manages their own. */
export const tokenRoutes: FastifyPluginAsyncZod<TokenRouteDeps> = async (app, deps) => {
  const { database } = deps;

  app.get(
    '/api/tokens',
    {
      config: { access: 'read' },
      schema: {
        tags: ['users'],
        summary: 'API tokens: all of them for admins, your own for everyone else',
        querystring: z.object({ userId: z.uuid().optional() }),
        response: { 200: z.object({ items: z.array(TokenSchema) }), ...errors },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { userId } = request.query;
      let rows: ApiTokenRow[];
      if (canManageUsers(principal)) {
        rows = userId ? await listApiTokensOfUser(database.db, userId) : await listApiTokens(database.db);
      } else {
        if (!principal.userId) throw forbidden('This token belongs to no user; only admins list tokens.');
        if (userId && userId !== principal.userId) throw forbidden("Only admins see other users' tokens.");
        rows = await listApiTokensOfUser(database.db, principal.userId);
      }
      return { items: rows.map(toTokenDto) };
    },
  );

  app.post(
    '/api/tokens',
    {
      config: { access: 'write' },
      schema: {
        tags: ['users'],
        summary:
          'Create an API token (shown once). Scopes: capture (forms, partners), read, full; a user token acts with its user role.',
        body: TokenCreateSchema,
        response: { 201: TokenCreatedSchema, 422: ProblemSchema, ...errors },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const body = request.body;
      let userId: string | null;
      if (canManageUsers(principal)) {
        userId = body.userId ?? null;
        if (userId) {
          const user = await findUserById(database.db, userId);
          if (!user) throw invalid([{ name: 'userId', reason: 'no such user' }]);
        }
      } else {
        if (!principal.userId) throw forbidden('Only admins create integration tokens.');
        if (body.userId !== undefined && body.userId !== principal.userId) {
          throw forbidden('Only admins create tokens for other users or integrations.');
        }
        userId = principal.userId;
      }
      const created = await createApiToken(database.db, {
        name: body.name,
        scope: body.scope,
        ...(userId ? { userId } : {}),
      });
      const row = await findApiTokenById(database.db, created.id);
      if (!row) throw notFound(`Token ${created.id}`);
      return reply.code(201).send({ ...toTokenDto(row), token: created.token });
    },
  );

  app.delete(
    '/api/tokens/:id',
    {
      config: { access: 'write' },
      schema: {
        tags: ['users'],
        summary: 'Revoke an API token (admins: any; users: their own)',
        params: IdParamsSchema,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const row = await findApiTokenById(database.db, request.params.id);
      // Someone else's token is reported missing, not forbidden: its existence is not theirs to know.
      const mine = row && principal.userId !== null && row.userId === principal.userId;
      if (!row || row.revokedAt || !(mine || canManageUsers(principal))) {
        throw notFound(`Token ${request.params.id}`);
      }
      await revokeApiToken(database.db, row.id, deps.clock());
      deps.forgetCachedTokens();
      return reply.code(204).send(null);
    },
  );
};
