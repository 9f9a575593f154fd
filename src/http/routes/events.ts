import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { canSeeLead } from '../../domain/permissions.ts';
import { IdParamsSchema } from '../../schemas/common.ts';
import {
  type EngagementEventDto,
  EngagementEventSchema,
  EventsBodySchema,
  EventsResultSchema,
} from '../../schemas/event.ts';
import { ProblemSchema } from '../../schemas/problem.ts';
import { visibilityPolicyOf } from '../../services/auth/visibility.ts';
import { ingestEvents } from '../../services/events.ts';
import { type EngagementEventRow, listEventsOfLead } from '../../store/events.ts';
import { findLeadById } from '../../store/leads.ts';
import type { RouteDeps } from '../app.ts';
import { principalOf } from '../auth.ts';
import { notFound } from '../problem.ts';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };

function toEngagementEventDto(row: EngagementEventRow): EngagementEventDto {
  return {
    id: row.id,
    leadId: row.leadId,
    type: row.type,
    url: row.url,
    email: row.email,
    phone: row.phone,
    visitorId: row.visitorId,
    occurredAt: row.occurredAt.toISOString(),
    data: row.data,
    createdAt: row.createdAt.toISOString(),
  };
}

export const eventRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, deps) => {
  const { database } = deps;

  app.post(
    '/api/events',
    {
      config: { access: 'capture' },
      schema: {
        tags: ['scoring'],
        summary: 'Record engagement events (one or a batch); each is matched to a lead and rescores it',
        description:
          'Matched by email, then phone, then visitor id. Events nobody matches are kept and attached when a lead with that email, phone or visitor id appears.',
        body: EventsBodySchema,
        response: { 202: EventsResultSchema, 422: ProblemSchema, ...errors },
      },
    },
    async (request, reply) => {
      const result = await ingestEvents(database, {
        events: Array.isArray(request.body) ? request.body : [request.body],
        at: deps.clock(),
        defaultRegion: deps.config.defaultRegion,
      });
      return reply.code(202).send(result);
    },
  );

  app.get(
    '/api/leads/:id/events',
    {
      config: { access: 'read' },
      schema: {
        tags: ['scoring'],
        summary: 'A lead’s latest engagement events (up to 200), newest first',
        params: IdParamsSchema,
        response: { 200: z.object({ items: z.array(EngagementEventSchema) }), ...errors },
      },
    },
    async (request) => {
      const lead = await findLeadById(database.db, request.params.id);
      const policy = await visibilityPolicyOf(database.db, deps.config);
      if (!lead || !canSeeLead(principalOf(request), lead, policy))
        throw notFound(`Lead ${request.params.id}`);
      return { items: (await listEventsOfLead(database.db, lead.id, 200)).map(toEngagementEventDto) };
    },
  );
};
