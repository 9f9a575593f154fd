import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../domain/permissions.ts';
import { IdParamsSchema } from '../../schemas/common.ts';
import { LeadSchema } from '../../schemas/lead.ts';
import { ProblemSchema } from '../../schemas/problem.ts';
import { StatusChangeSchema, StatusSettingsSchema } from '../../schemas/status.ts';
import { visibilityPolicyOf } from '../../services/auth/visibility.ts';
import { changeLeadStatus, getStatusSettings, saveStatusSettings } from '../../services/statuses.ts';
import type { RouteDeps } from '../app.ts';
import { principalOf } from '../auth.ts';
import { toLeadDto } from '../dto.ts';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };

export const statusRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, deps) => {
  const { database } = deps;

  app.get(
    '/api/settings/statuses',
    {
      config: { access: 'read' },
      schema: {
        tags: ['settings'],
        summary: 'Lead statuses in display order, and the reasons a status may require',
        response: { 200: StatusSettingsSchema, ...errors },
      },
    },
    async () => getStatusSettings(database.db),
  );

  app.put(
    '/api/settings/statuses',
    {
      config: { access: 'write' },
      schema: {
        tags: ['settings'],
        summary: 'Replace statuses and reasons (sales heads, admins); system statuses cannot be removed',
        body: StatusSettingsSchema,
        response: { 200: StatusSettingsSchema, 422: ProblemSchema, ...errors },
      },
    },
    async (request) =>
      saveStatusSettings(database, {
        principal: principalOf(request),
        settings: request.body,
        at: deps.clock(),
      }),
  );

  app.post(
    '/api/leads/:id/status',
    {
      config: { access: 'write' },
      schema: {
        tags: ['leads'],
        summary: 'Change a lead’s status (refusal and conversion have their own endpoints)',
        params: IdParamsSchema,
        body: StatusChangeSchema,
        response: { 200: LeadSchema, 422: ProblemSchema, ...errors },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const lead = await changeLeadStatus(database, {
        principal,
        policy: await visibilityPolicyOf(database.db, deps.config),
        id: request.params.id,
        status: request.body.status,
        ...(request.body.reason !== undefined ? { reason: request.body.reason } : {}),
        actor: actorOf(principal),
        at: deps.clock(),
      });
      return toLeadDto(lead);
    },
  );
};
