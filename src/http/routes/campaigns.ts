import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { canManageMarketing } from '../../domain/permissions.ts';
import {
  CampaignCreateSchema,
  CampaignListQuerySchema,
  CampaignPatchSchema,
  CampaignSchema,
} from '../../schemas/campaign.ts';
import { IdParamsSchema } from '../../schemas/common.ts';
import { ProblemSchema } from '../../schemas/problem.ts';
import { assertTrackingFree, normalizeTracking } from '../../services/sources.ts';
import type { Executor } from '../../store/db.ts';
import {
  type CampaignRow,
  findCampaignById,
  findChannelById,
  insertCampaign,
  listCampaigns,
  listTrackingOf,
  replaceTracking,
  updateCampaign,
} from '../../store/sources.ts';
import type { RouteDeps } from '../app.ts';
import { principalOf } from '../auth.ts';
import { toCampaignDto } from '../dto.ts';
import { forbidden, HttpProblem, notFound } from '../problem.ts';
import { sourceProblem } from './channels.ts';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };

const mustManageMarketing = (request: Parameters<typeof principalOf>[0]) => {
  if (!canManageMarketing(principalOf(request))) {
    throw forbidden('Only marketers, sales heads and admins change campaigns.');
  }
};

async function campaignWithTracking(ex: Executor, row: CampaignRow) {
  return toCampaignDto(row, await listTrackingOf(ex, { campaignIds: [row.id] }));
}

async function assertChannelExists(ex: Executor, channelId: string): Promise<void> {
  if (!(await findChannelById(ex, channelId))) {
    throw new HttpProblem(422, 'validation_failed', `channel ${channelId} does not exist`, {
      invalid_params: [{ name: 'channelId', reason: 'no such channel' }],
    });
  }
}

function assertDates(startsOn?: string | null, endsOn?: string | null): void {
  if (startsOn && endsOn && endsOn < startsOn) {
    throw new HttpProblem(422, 'validation_failed', 'endsOn is before startsOn', {
      invalid_params: [{ name: 'endsOn', reason: 'must not be before startsOn' }],
    });
  }
}

export const campaignRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, deps) => {
  const { database } = deps;

  app.get(
    '/api/campaigns',
    {
      config: { access: 'read' },
      schema: {
        tags: ['sources'],
        summary: 'Campaigns with their tracking identifiers',
        querystring: CampaignListQuerySchema,
        response: { 200: z.object({ items: z.array(CampaignSchema) }), ...errors },
      },
    },
    async (request) => {
      const rows = await listCampaigns(database.db, request.query);
      const tracking = await listTrackingOf(database.db, { campaignIds: rows.map((r) => r.id) });
      return {
        items: rows.map((row) =>
          toCampaignDto(
            row,
            tracking.filter((t) => t.campaignId === row.id),
          ),
        ),
      };
    },
  );

  app.get(
    '/api/campaigns/:id',
    {
      config: { access: 'read' },
      schema: {
        tags: ['sources'],
        summary: 'One campaign',
        params: IdParamsSchema,
        response: { 200: CampaignSchema, ...errors },
      },
    },
    async (request) => {
      const row = await findCampaignById(database.db, request.params.id);
      if (!row) throw notFound(`Campaign ${request.params.id}`);
      return campaignWithTracking(database.db, row);
    },
  );

  app.post(
    '/api/campaigns',
    {
      config: { access: 'write' },
      schema: {
        tags: ['sources'],
        summary: 'Create a campaign inside a channel, with the identifiers that tag its leads',
        body: CampaignCreateSchema,
        response: { 201: CampaignSchema, 409: ProblemSchema, 422: ProblemSchema, ...errors },
      },
    },
    async (request, reply) => {
      mustManageMarketing(request);
      const { tracking = [], ...fields } = request.body;
      assertDates(fields.startsOn, fields.endsOn);
      try {
        const identifiers = normalizeTracking(tracking, deps.config.defaultRegion);
        const created = await database.db.transaction(async (tx) => {
          await assertChannelExists(tx, fields.channelId);
          const now = deps.clock();
          const row = await insertCampaign(tx, {
            ...fields,
            currency: fields.currency ?? deps.config.defaultCurrency,
            createdAt: now,
            updatedAt: now,
          });
          await assertTrackingFree(tx, identifiers, { campaignId: row.id });
          await replaceTracking(tx, { campaignId: row.id }, identifiers);
          return campaignWithTracking(tx, row);
        });
        return reply.code(201).send(created);
      } catch (error) {
        throw sourceProblem(error);
      }
    },
  );

  app.patch(
    '/api/campaigns/:id',
    {
      config: { access: 'write' },
      schema: {
        tags: ['sources'],
        summary: 'Change a campaign; `tracking`, when given, replaces the whole list',
        params: IdParamsSchema,
        body: CampaignPatchSchema,
        response: { 200: CampaignSchema, 409: ProblemSchema, 422: ProblemSchema, ...errors },
      },
    },
    async (request) => {
      mustManageMarketing(request);
      const { tracking, ...fields } = request.body;
      try {
        const identifiers = tracking ? normalizeTracking(tracking, deps.config.defaultRegion) : undefined;
        return await database.db.transaction(async (tx) => {
          const current = await findCampaignById(tx, request.params.id);
          if (!current) throw notFound(`Campaign ${request.params.id}`);
          assertDates(
            fields.startsOn === undefined ? current.startsOn : fields.startsOn,
            fields.endsOn === undefined ? current.endsOn : fields.endsOn,
          );
          if (fields.channelId) await assertChannelExists(tx, fields.channelId);
          const row = (await updateCampaign(tx, current.id, {
            ...fields,
            updatedAt: deps.clock(),
          })) as CampaignRow;
          if (identifiers) {
            await assertTrackingFree(tx, identifiers, { campaignId: row.id });
            await replaceTracking(tx, { campaignId: row.id }, identifiers);
          }
          return campaignWithTracking(tx, row);
        });
      } catch (error) {
        throw sourceProblem(error);
      }
    },
  );
};
