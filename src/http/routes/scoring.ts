import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { canSeeLead } from '../../domain/permissions.ts';
import { IdParamsSchema } from '../../schemas/common.ts';
import { ProblemSchema } from '../../schemas/problem.ts';
import {
  LeadScoreSchema,
  RecomputeResultSchema,
  ScoringRuleCreateSchema,
  type ScoringRuleDto,
  ScoringRulePatchSchema,
  ScoringRuleSchema,
  ScoringSettingsSchema,
} from '../../schemas/scoring.ts';
import { visibilityPolicyOf } from '../../services/auth/visibility.ts';
import {
  changeScoringRule,
  createScoringRule,
  currentLeadScore,
  getScoringSettings,
  recomputeAllScores,
  removeScoringRule,
  saveScoringSettings,
} from '../../services/scoring.ts';
import { findLeadById } from '../../store/leads.ts';
import { listScoringRules, type ScoringRuleRow } from '../../store/scoring.ts';
import type { RouteDeps } from '../app.ts';
import { principalOf } from '../auth.ts';
import { notFound } from '../problem.ts';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };

function toScoringRuleDto(row: ScoringRuleRow): ScoringRuleDto {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    conditions: row.conditions as ScoringRuleDto['conditions'],
    eventType: row.eventType,
    urlPattern: row.urlPattern,
    points: row.points,
    decayDays: row.decayDays,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export const scoringRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, deps) => {
  const { database } = deps;

  app.get(
    '/api/scoring/rules',
    {
      config: { access: 'read' },
      schema: {
        tags: ['scoring'],
        summary: 'Fit and engagement scoring rules',
        response: { 200: z.object({ items: z.array(ScoringRuleSchema) }), ...errors },
      },
    },
    async () => ({ items: (await listScoringRules(database.db)).map(toScoringRuleDto) }),
  );

  app.post(
    '/api/scoring/rules',
    {
      config: { access: 'write' },
      schema: {
        tags: ['scoring'],
        summary: 'Add a scoring rule (marketers, heads, admins); every lead is rescored',
        body: ScoringRuleCreateSchema,
        response: { 201: ScoringRuleSchema, 422: ProblemSchema, ...errors },
      },
    },
    async (request, reply) => {
      const row = await createScoringRule(database, {
        principal: principalOf(request),
        rule: request.body,
        at: deps.clock(),
      });
      return reply.code(201).send(toScoringRuleDto(row));
    },
  );

  app.patch(
    '/api/scoring/rules/:id',
    {
      config: { access: 'write' },
      schema: {
        tags: ['scoring'],
        summary: 'Change a scoring rule; every lead is rescored',
        params: IdParamsSchema,
        body: ScoringRulePatchSchema,
        response: { 200: ScoringRuleSchema, 422: ProblemSchema, ...errors },
      },
    },
    async (request) =>
      toScoringRuleDto(
        await changeScoringRule(database, {
          principal: principalOf(request),
          id: request.params.id,
          patch: request.body,
          at: deps.clock(),
        }),
      ),
  );

  app.delete(
    '/api/scoring/rules/:id',
    {
      config: { access: 'write' },
      schema: {
        tags: ['scoring'],
        summary: 'Delete a scoring rule; every lead is rescored (past breakdowns keep its name)',
        params: IdParamsSchema,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await removeScoringRule(database, {
        principal: principalOf(request),
        id: request.params.id,
        at: deps.clock(),
      });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/settings/scoring',
    {
      config: { access: 'read' },
      schema: {
        tags: ['settings'],
        summary: 'Score thresholds that promote a lead’s lifecycle stage (at most to MQL)',
        response: { 200: ScoringSettingsSchema, ...errors },
      },
    },
    async () => getScoringSettings(database.db),
  );

  app.put(
    '/api/settings/scoring',
    {
      config: { access: 'write' },
      schema: {
        tags: ['settings'],
        summary: 'Replace the score thresholds; every lead is rescored (promotions only move forward)',
        body: ScoringSettingsSchema,
        response: { 200: ScoringSettingsSchema, 422: ProblemSchema, ...errors },
      },
    },
    async (request) =>
      saveScoringSettings(database, {
        principal: principalOf(request),
        settings: request.body,
        at: deps.clock(),
      }),
  );

  app.post(
    '/api/scoring/recompute',
    {
      config: { access: 'write' },
      schema: {
        tags: ['scoring'],
        summary: 'Rescore every lead now',
        response: { 200: RecomputeResultSchema, ...errors },
      },
    },
    async (request) => recomputeAllScores(database, { principal: principalOf(request), at: deps.clock() }),
  );

  app.get(
    '/api/leads/:id/score',
    {
      config: { access: 'read' },
      schema: {
        tags: ['scoring'],
        summary: 'A lead’s score as of now, with the rule behind every point',
        params: IdParamsSchema,
        response: { 200: LeadScoreSchema, ...errors },
      },
    },
    async (request) => {
      const lead = await findLeadById(database.db, request.params.id);
      const policy = await visibilityPolicyOf(database.db, deps.config);
      if (!lead || !canSeeLead(principalOf(request), lead, policy))
        throw notFound(`Lead ${request.params.id}`);
      const result = await currentLeadScore(database.db, lead, deps.clock());
      return {
        score: result.score,
        breakdown: result.breakdown,
        computedAt: result.computedAt.toISOString(),
      };
    },
  );
};
