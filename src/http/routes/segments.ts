import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { leadScopeOf } from '../../domain/permissions.ts';
import { ProblemSchema } from '../../schemas/problem.ts';
import { SegmentQuerySchema, type SegmentResult, SegmentResultSchema } from '../../schemas/segment.ts';
import { visibilityPolicyOf } from '../../services/auth/visibility.ts';
import { segmentCsvStream, segmentLeads } from '../../services/segments.ts';
import type { SegmentFilter } from '../../store/segments.ts';
import type { RouteDeps } from '../app.ts';
import { principalOf } from '../auth.ts';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema };

export const segmentRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, deps) => {
  const { database } = deps;

  app.get(
    '/api/segments/leads',
    {
      config: { access: 'read' },
      schema: {
        tags: ['segments'],
        summary: 'Leads for a mailing, by consent, status, reason, lifecycle, temperature, channel, campaign',
        description:
          'format=csv streams text/csv with the columns name, emails, phones, company, status, reason, lifecycle, temperature, consent. Spam and merged leads are left out unless includeSpam=true. A rep gets only their own leads and the pool.',
        querystring: SegmentQuerySchema,
        response: { 200: SegmentResultSchema, ...errors },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const policy = await visibilityPolicyOf(database.db, deps.config);
      const filter: SegmentFilter = {
        consent: q.consent,
        includeSpam: q.includeSpam,
        scope: leadScopeOf(principalOf(request), policy),
        ...(q.status ? { statuses: q.status } : {}),
        ...(q.reason ? { reasons: q.reason } : {}),
        ...(q.lifecycle ? { lifecycles: q.lifecycle } : {}),
        ...(q.temperature ? { temperatures: q.temperature } : {}),
        ...(q.channelId ? { channelId: q.channelId } : {}),
        ...(q.campaignId ? { campaignId: q.campaignId } : {}),
      };
      if (q.format === 'csv') {
        // Fastify sends a stream as it is, past the JSON schema (typed for the json format), and
        // the rows are read page by page as the client reads.
        const csv: unknown = segmentCsvStream(segmentLeads(database.db, filter));
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="leads-segment.csv"')
          .send(csv as SegmentResult);
      }
      const items = [];
      for await (const lead of segmentLeads(database.db, filter)) items.push(lead);
      return { items, count: items.length };
    },
  );
};
