import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { canSeeLead, leadScopeOf } from '../../domain/permissions.ts';
import { IdParamsSchema } from '../../schemas/common.ts';
import { InquirySchema } from '../../schemas/lead.ts';
import { ProblemSchema } from '../../schemas/problem.ts';
import { visibilityPolicyOf } from '../../services/auth/visibility.ts';
import { findInquiryById, listInquiriesPage, markInquiryReprocessed } from '../../store/inquiries.ts';
import { findLeadById } from '../../store/leads.ts';
import type { RouteDeps } from '../app.ts';
import { principalOf } from '../auth.ts';
import { toInquiryDto } from '../dto.ts';
import { forbidden, HttpProblem, notFound } from '../problem.ts';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };

export const inquiryRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, deps) => {
  const { database } = deps;

  app.get(
    '/api/inquiries',
    {
      config: { access: 'read' },
      schema: {
        tags: ['inquiries'],
        summary:
          'Raw inquiries, newest first (e.g. outcome=rejected or failed to see what did not become a lead)',
        querystring: z.object({
          outcome: z.enum(['created', 'attached', 'rejected', 'failed']).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        response: { 200: z.object({ items: z.array(InquirySchema) }), ...errors },
      },
    },
    async (request) => {
      // Raw inquiries carry every lead's data: only for those who see all leads.
      const scope = leadScopeOf(principalOf(request), await visibilityPolicyOf(database.db, deps.config));
      if (scope.kind !== 'all') throw forbidden('Only users who see every lead list raw inquiries.');
      const { outcome, limit, offset } = request.query;
      const rows = await listInquiriesPage(database.db, outcome ? { outcome } : {}, { limit, offset });
      return { items: rows.map(toInquiryDto) };
    },
  );

  app.get(
    '/api/inquiries/:id',
    {
      config: { access: 'read' },
      schema: {
        tags: ['inquiries'],
        summary: 'One raw inquiry',
        params: IdParamsSchema,
        response: { 200: InquirySchema, ...errors },
      },
    },
    async (request) => {
      const row = await findInquiryById(database.db, request.params.id);
      if (!row) throw notFound(`Inquiry ${request.params.id}`);
      const principal = principalOf(request);
      const policy = await visibilityPolicyOf(database.db, deps.config);
      if (leadScopeOf(principal, policy).kind !== 'all') {
        const lead = row.leadId ? await findLeadById(database.db, row.leadId) : undefined;
        if (!lead || !canSeeLead(principal, lead, policy)) throw notFound(`Inquiry ${request.params.id}`);
      }
      return toInquiryDto(row);
    },
  );

  app.post(
    '/api/inquiries/:id/reprocess',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['inquiries'],
        summary: 'Run a failed inquiry through the pipeline again, from its raw body',
        params: IdParamsSchema,
        response: {
          200: z.object({ inquiryId: z.uuid(), outcome: z.string(), reprocessedAs: z.uuid() }),
          409: ProblemSchema,
          ...errors,
        },
      },
    },
    async (request) => {
      const row = await findInquiryById(database.db, request.params.id);
      if (!row) throw notFound(`Inquiry ${request.params.id}`);
      if (row.outcome !== 'failed' || row.reprocessedAs) {
        throw new HttpProblem(
          409,
          'conflict',
          row.reprocessedAs
            ? `Already reprocessed as ${row.reprocessedAs}`
            : `Only failed inquiries are reprocessed; this one was ${row.outcome}`,
        );
      }
      let body: unknown;
      let parseError: string | undefined;
      try {
        body = JSON.parse(row.rawBody ?? '');
      } catch {
        body = Object.fromEntries(new URLSearchParams(row.rawBody ?? ''));
      }
      if (typeof body !== 'object' || body === null) parseError = 'the stored body is not an object';
      const result = await deps.capture.capture({
        body,
        rawBody: row.rawBody,
        contentType: row.contentType,
        ...(parseError ? { parseError } : {}),
        ...(row.ip ? { ip: row.ip } : {}),
        ...(row.userAgent ? { userAgent: row.userAgent } : {}),
        actor: row.actor ?? 'reprocess',
        receivedAt: row.receivedAt,
      });
      await markInquiryReprocessed(database.db, row.id, result.inquiryId);
      return { inquiryId: row.id, outcome: result.outcome, reprocessedAs: result.inquiryId };
    },
  );
};
