import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { canManageSales, type Principal } from '../../domain/permissions.ts';
import { IdParamsSchema } from '../../schemas/common.ts';
import { ProblemSchema } from '../../schemas/problem.ts';
import {
  AssignBodySchema,
  type AssignmentRule,
  AssignmentRuleCreateSchema,
  AssignmentRulePatchSchema,
  AssignmentRuleSchema,
  AssignResultSchema,
  ClaimResultSchema,
  RoutingSettingsSchema,
} from '../../schemas/routing.ts';
import { assignLead, claimLead } from '../../services/routing.ts';
import {
  changeRule,
  createRule,
  loadRoutingSettings,
  removeRule,
  saveRoutingSettings,
} from '../../services/routingSettings.ts';
import { listRules, type RuleRow } from '../../store/assignment.ts';
import type { RouteDeps } from '../app.ts';
import { principalOf } from '../auth.ts';
import { forbidden } from '../problem.ts';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };

function toRuleDto(row: RuleRow): AssignmentRule {
  return {
    id: row.id,
    name: row.name,
    position: row.position,
    channelId: row.channelId,
    // Stored only after validation by the same schema.
    conditions: row.conditions as AssignmentRule['conditions'],
    target: row.target,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function requireSalesManager(principal: Principal): void {
  if (!canManageSales(principal)) throw forbidden('Only sales heads and admins change routing.');
}

export const assignmentRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, deps) => {
  const { database, clock } = deps;

  app.post(
    '/api/leads/:id/claim',
    {
      config: { access: 'write' },
      schema: {
        tags: ['routing'],
        summary: 'A rep takes an unowned lead; 409 names the owner when someone was faster',
        params: IdParamsSchema,
        response: { 200: ClaimResultSchema, 409: ProblemSchema, ...errors },
      },
    },
    async (request) => {
      const claimed = await claimLead(database, {
        leadId: request.params.id,
        principal: principalOf(request),
        at: clock(),
      });
      return { ...claimed, assignedAt: claimed.assignedAt.toISOString() };
    },
  );

  app.post(
    '/api/leads/:id/assign',
    {
      config: { access: 'write' },
      schema: {
        tags: ['routing'],
        summary: 'A head or admin assigns (or reassigns) the owner; null returns the lead to the pool',
        params: IdParamsSchema,
        body: AssignBodySchema,
        response: { 200: AssignResultSchema, 422: ProblemSchema, ...errors },
      },
    },
    async (request) => {
      const result = await assignLead(database, {
        leadId: request.params.id,
        ownerId: request.body.ownerId,
        ...(request.body.reason ? { reason: request.body.reason } : {}),
        principal: principalOf(request),
        at: clock(),
      });
      return { ...result, assignedAt: result.assignedAt ? result.assignedAt.toISOString() : null };
    },
  );

  app.get(
    '/api/assignment-rules',
    {
      config: { access: 'read' },
      schema: {
        tags: ['routing'],
        summary: 'Routing rules in the order they are tried',
        response: { 200: z.object({ items: z.array(AssignmentRuleSchema) }), ...errors },
      },
    },
    async () => ({ items: (await listRules(database.db)).map(toRuleDto) }),
  );

  app.post(
    '/api/assignment-rules',
    {
      config: { access: 'write' },
      schema: {
        tags: ['routing'],
        summary: 'Add a routing rule',
        body: AssignmentRuleCreateSchema,
        response: { 201: AssignmentRuleSchema, 422: ProblemSchema, ...errors },
      },
    },
    async (request, reply) => {
      requireSalesManager(principalOf(request));
      const row = await createRule(database.db, request.body, clock());
      return reply.code(201).send(toRuleDto(row));
    },
  );

  app.patch(
    '/api/assignment-rules/:id',
    {
      config: { access: 'write' },
      schema: {
        tags: ['routing'],
        summary: 'Change a routing rule',
        params: IdParamsSchema,
        body: AssignmentRulePatchSchema,
        response: { 200: AssignmentRuleSchema, 422: ProblemSchema, ...errors },
      },
    },
    async (request) => {
      requireSalesManager(principalOf(request));
      return toRuleDto(await changeRule(database.db, request.params.id, request.body, clock()));
    },
  );

  app.delete(
    '/api/assignment-rules/:id',
    {
      config: { access: 'write' },
      schema: {
        tags: ['routing'],
        summary: 'Delete a routing rule',
        params: IdParamsSchema,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      requireSalesManager(principalOf(request));
      await removeRule(database.db, request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/settings/routing',
    {
      config: { access: 'read' },
      schema: {
        tags: ['routing'],
        summary: 'Routing settings: modes per channel, first-response SLA, default working hours',
        response: { 200: RoutingSettingsSchema, ...errors },
      },
    },
    async () => loadRoutingSettings(database.db),
  );

  app.put(
    '/api/settings/routing',
    {
      config: { access: 'write' },
      schema: {
        tags: ['routing'],
        summary: 'Replace the routing settings',
        body: RoutingSettingsSchema,
        response: { 200: RoutingSettingsSchema, 422: ProblemSchema, ...errors },
      },
    },
    async (request) => {
      requireSalesManager(principalOf(request));
      await saveRoutingSettings(database.db, request.body, clock());
      return loadRoutingSettings(database.db);
    },
  );
};
