import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../domain/permissions.ts';
import { ErasureBodySchema, ErasureResultSchema } from '../../schemas/privacy.ts';
import { ProblemSchema } from '../../schemas/problem.ts';
import { InvalidLeadChange } from '../../services/leads.ts';
import { erasePerson } from '../../services/privacy.ts';
import type { RouteDeps } from '../app.ts';
import { principalOf } from '../auth.ts';
import { forbidden, invalid, invalidParamsOf } from '../problem.ts';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 422: ProblemSchema };

export const privacyRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, deps) => {
  app.post(
    '/api/privacy/erasures',
    {
      config: { access: 'write' },
      schema: {
        tags: ['privacy'],
        summary: 'Forget a person (152-FZ, GDPR): erase their personal data from every card',
        description:
          'Every lead and contact holding the email or phone, and the cards named by id, lose names, contacts, company, free text, raw inquiry bodies, IP addresses and match profiles. Ids, channel, campaign, status, dates, scores and money stay, so reports count the same. Admins only; cannot be undone.',
        body: ErasureBodySchema,
        response: { 200: ErasureResultSchema, ...errors },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      if (!(principal.scope === 'full' && principal.role === 'admin'))
        throw forbidden('Only admins erase personal data.');
      try {
        return await erasePerson(deps.database, request.body, {
          actor: actorOf(principal),
          at: deps.clock(),
          defaultRegion: deps.config.defaultRegion,
        });
      } catch (error) {
        if (error instanceof InvalidLeadChange) throw invalid(invalidParamsOf(error.problems));
        throw error;
      }
    },
  );
};
