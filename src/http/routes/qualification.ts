import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../domain/permissions.ts';
import { IdParamsSchema } from '../../schemas/common.ts';
import { LeadSchema } from '../../schemas/lead.ts';
import { ProblemSchema } from '../../schemas/problem.ts';
import { QualificationPatchSchema, ReturnToMarketingSchema } from '../../schemas/qualification.ts';
import { visibilityPolicyOf } from '../../services/auth/visibility.ts';
import { returnToMarketing, updateQualification } from '../../services/qualification.ts';
import type { RouteDeps } from '../app.ts';
import { principalOf } from '../auth.ts';
import { toLeadDto } from '../dto.ts';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };

export const qualificationRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, deps) => {
  const { database } = deps;

  app.patch(
    '/api/leads/:id/qualification',
    {
      config: { access: 'write' },
      schema: {
        tags: ['leads'],
        summary: 'Set temperature, lifecycle stage, BANT and ICP fit; each change goes on the timeline',
        params: IdParamsSchema,
        body: QualificationPatchSchema,
        response: { 200: LeadSchema, 422: ProblemSchema, ...errors },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const lead = await updateQualification(database, {
        principal,
        policy: await visibilityPolicyOf(database.db, deps.config),
        id: request.params.id,
        patch: request.body,
        actor: actorOf(principal),
        at: deps.clock(),
      });
      return toLeadDto(lead);
    },
  );

  app.post(
    '/api/leads/:id/return-to-marketing',
    {
      config: { access: 'write' },
      schema: {
        tags: ['leads'],
        summary: 'Hand a lead back to marketing for nurturing (a sales stage goes back to MQL)',
        params: IdParamsSchema,
        body: ReturnToMarketingSchema,
        response: { 200: LeadSchema, 409: ProblemSchema, 422: ProblemSchema, ...errors },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const lead = await returnToMarketing(database, {
        principal,
        policy: await visibilityPolicyOf(database.db, deps.config),
        id: request.params.id,
        reason: request.body.reason,
        actor: actorOf(principal),
        at: deps.clock(),
      });
      return toLeadDto(lead);
    },
  );
};
