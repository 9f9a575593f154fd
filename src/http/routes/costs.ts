import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParamsSchema } from '../../schemas/common.ts';
import {
  DailyStatInputSchema,
  DailyStatPatchSchema,
  DailyStatSchema,
  DailyStatsBodySchema,
  DailyStatsListSchema,
  DailyStatsQuerySchema,
  MAX_STATS_BATCH,
  StatParamsSchema,
} from '../../schemas/costs.ts';
import { ProblemSchema } from '../../schemas/problem.ts';
import { addDailyStats, changeDailyStat, listCampaignStats, removeDailyStat } from '../../services/costs.ts';
import type { RouteDeps } from '../app.ts';
import { principalOf } from '../auth.ts';
import { invalid } from '../problem.ts';

/**
 * One row or an array: a failed union names only the body, so the rows are checked again against
 * the shape the client sent, naming each bad field (`day`, or `1.day` in an array).
 */
function invalidStatsBody(body: unknown, error: Error & { validationContext?: string }): Error {
  if (error.validationContext !== 'body') return error;
  const schema = Array.isArray(body)
    ? z.array(DailyStatInputSchema).min(1).max(MAX_STATS_BATCH)
    : DailyStatInputSchema;
  const issues = schema.safeParse(body).error?.issues ?? [];
  if (issues.length === 0) return error;
  return invalid(issues.map((i) => ({ name: i.path.join('.') || 'body', reason: i.message })));
}

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };

export const costRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, deps) => {
  const { database } = deps;

  app.post(
    '/api/campaigns/:id/stats',
    {
      config: { access: 'write' },
      attachValidation: true,
      schema: {
        tags: ['economics'],
        summary: "Add a campaign's traffic and spend for a day (one row or an array)",
        description:
          'Several rows may exist for one day (a correction, a refund as a negative spend); reports sum them. A null or absent spend is "not stated": reports derive it from the pricing model. Marketers, sales heads and admins.',
        params: IdParamsSchema,
        body: DailyStatsBodySchema,
        response: { 201: z.object({ items: z.array(DailyStatSchema) }), 422: ProblemSchema, ...errors },
      },
    },
    async (request, reply) => {
      if (request.validationError) throw invalidStatsBody(request.body, request.validationError);
      const items = await addDailyStats(database.db, {
        principal: principalOf(request),
        campaignId: request.params.id,
        rows: Array.isArray(request.body) ? request.body : [request.body],
        at: deps.clock(),
      });
      return reply.code(201).send({ items });
    },
  );

  app.get(
    '/api/campaigns/:id/stats',
    {
      config: { access: 'read' },
      schema: {
        tags: ['economics'],
        summary: "A campaign's daily stats rows in a period, with sums per day",
        params: IdParamsSchema,
        querystring: DailyStatsQuerySchema,
        response: { 200: DailyStatsListSchema, ...errors },
      },
    },
    async (request) => {
      const { from, to } = request.query;
      if (from && to && to < from) throw invalid([{ name: 'to', reason: 'must not be before from' }]);
      return listCampaignStats(database.db, { campaignId: request.params.id, from, to });
    },
  );

  app.patch(
    '/api/campaigns/:id/stats/:rowId',
    {
      config: { access: 'write' },
      schema: {
        tags: ['economics'],
        summary: 'Change one daily stats row (fields given replace the stored ones)',
        description:
          'To keep the history of a figure, add a correction row instead. An imported row stays an imported row: importing the same days again replaces it.',
        params: StatParamsSchema,
        body: DailyStatPatchSchema,
        response: { 200: DailyStatSchema, 422: ProblemSchema, ...errors },
      },
    },
    async (request) =>
      changeDailyStat(database.db, {
        principal: principalOf(request),
        campaignId: request.params.id,
        rowId: request.params.rowId,
        patch: request.body,
      }),
  );

  app.delete(
    '/api/campaigns/:id/stats/:rowId',
    {
      config: { access: 'write' },
      schema: {
        tags: ['economics'],
        summary: 'Remove one daily stats row',
        params: StatParamsSchema,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await removeDailyStat(database.db, {
        principal: principalOf(request),
        campaignId: request.params.id,
        rowId: request.params.rowId,
      });
      return reply.code(204).send(null);
    },
  );
};
