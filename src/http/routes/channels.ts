import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { canManageMarketing } from '../../domain/permissions.ts';
import { ChannelCreateSchema, ChannelPatchSchema, ChannelSchema } from '../../schemas/channel.ts';
import { IdParamsSchema } from '../../schemas/common.ts';
import { ProblemSchema } from '../../schemas/problem.ts';
import { InvalidLeadChange } from '../../services/leads.ts';
import { assertTrackingFree, normalizeTracking, TrackingConflict } from '../../services/sources.ts';
import type { Executor } from '../../store/db.ts';
import {
  type ChannelRow,
  findChannelById,
  findChannelsByCodes,
  insertChannel,
  listChannels,
  listTrackingOf,
  replaceTracking,
  updateChannel,
} from '../../store/sources.ts';
import type { RouteDeps } from '../app.ts';
import { principalOf } from '../auth.ts';
import { toChannelDto } from '../dto.ts';
import { forbidden, HttpProblem, invalid, invalidParamsOf, notFound } from '../problem.ts';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };

const mustManageMarketing = (request: Parameters<typeof principalOf>[0]) => {
  if (!canManageMarketing(principalOf(request))) {
    throw forbidden('Only marketers, sales heads and admins change channels.');
  }
};

/** Turns the source services' errors into problems; shared by channel and campaign routes. */
export function sourceProblem(error: unknown): unknown {
  if (error instanceof InvalidLeadChange) return invalid(invalidParamsOf(error.problems));
  if (error instanceof TrackingConflict) {
    return new HttpProblem(409, 'conflict', error.message, {
      invalid_params: [{ name: 'tracking', reason: error.message }],
    });
  }
  return error;
}

async function channelWithTracking(ex: Executor, row: ChannelRow) {
  const tracking = await listTrackingOf(ex, { channelIds: [row.id] });
  return toChannelDto(
    row,
    tracking.filter((t) => t.campaignId === null),
  );
}

export const channelRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, deps) => {
  const { database } = deps;

  app.get(
    '/api/channels',
    {
      config: { access: 'read' },
      schema: {
        tags: ['sources'],
        summary: 'All channels with their tracking identifiers',
        response: { 200: z.object({ items: z.array(ChannelSchema) }), ...errors },
      },
    },
    async () => {
      const rows = await listChannels(database.db);
      const tracking = await listTrackingOf(database.db, { channelIds: rows.map((r) => r.id) });
      return {
        items: rows.map((row) =>
          toChannelDto(
            row,
            tracking.filter((t) => t.channelId === row.id && t.campaignId === null),
          ),
        ),
      };
    },
  );

  app.get(
    '/api/channels/:id',
    {
      config: { access: 'read' },
      schema: {
        tags: ['sources'],
        summary: 'One channel',
        params: IdParamsSchema,
        response: { 200: ChannelSchema, ...errors },
      },
    },
    async (request) => {
      const row = await findChannelById(database.db, request.params.id);
      if (!row) throw notFound(`Channel ${request.params.id}`);
      return channelWithTracking(database.db, row);
    },
  );

  app.post(
    '/api/channels',
    {
      config: { access: 'write' },
      schema: {
        tags: ['sources'],
        summary: 'Create a channel; its tracking identifiers tag leads that carry them',
        body: ChannelCreateSchema,
        response: { 201: ChannelSchema, 409: ProblemSchema, 422: ProblemSchema, ...errors },
      },
    },
    async (request, reply) => {
      mustManageMarketing(request);
      const { tracking = [], ...fields } = request.body;
      try {
        const identifiers = normalizeTracking(tracking, deps.config.defaultRegion);
        const created = await database.db.transaction(async (tx) => {
          const [existing] = await findChannelsByCodes(tx, [fields.code]);
          if (existing) {
            throw new HttpProblem(409, 'conflict', `A channel with code "${fields.code}" exists`, {
              invalid_params: [{ name: 'code', reason: 'already used by another channel' }],
            });
          }
          const now = deps.clock();
          const row = await insertChannel(tx, {
            ...fields,
            origin: fields.origin ?? null,
            createdAt: now,
            updatedAt: now,
          });
          await assertTrackingFree(tx, identifiers, { channelId: row.id });
          await replaceTracking(tx, { channelId: row.id }, identifiers);
          return channelWithTracking(tx, row);
        });
        return reply.code(201).send(created);
      } catch (error) {
        throw sourceProblem(error);
      }
    },
  );

  app.patch(
    '/api/channels/:id',
    {
      config: { access: 'write' },
      schema: {
        tags: ['sources'],
        summary: 'Change a channel; `tracking`, when given, replaces the whole list',
        params: IdParamsSchema,
        body: ChannelPatchSchema,
        response: { 200: ChannelSchema, 409: ProblemSchema, 422: ProblemSchema, ...errors },
      },
    },
    async (request) => {
      mustManageMarketing(request);
      const { tracking, ...fields } = request.body;
      try {
        const identifiers = tracking ? normalizeTracking(tracking, deps.config.defaultRegion) : undefined;
        return await database.db.transaction(async (tx) => {
          if (fields.code) {
            const [existing] = await findChannelsByCodes(tx, [fields.code]);
            if (existing && existing.id !== request.params.id) {
              throw new HttpProblem(409, 'conflict', `A channel with code "${fields.code}" exists`, {
                invalid_params: [{ name: 'code', reason: 'already used by another channel' }],
              });
            }
          }
          const row = await updateChannel(tx, request.params.id, { ...fields, updatedAt: deps.clock() });
          if (!row) throw notFound(`Channel ${request.params.id}`);
          if (identifiers) {
            await assertTrackingFree(tx, identifiers, { channelId: row.id });
            await replaceTracking(tx, { channelId: row.id }, identifiers);
          }
          return channelWithTracking(tx, row);
        });
      } catch (error) {
        throw sourceProblem(error);
      }
    },
  );
};
