import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { searchNeedleOf } from '../../domain/intake/searchText.ts';
import {
  actorOf,
  canAssignLeads,
  canSeeLead,
  leadScopeOf,
  type Principal,
} from '../../domain/permissions.ts';
import { IdParamsSchema, pageOf } from '../../schemas/common.ts';
import {
  LeadDetailSchema,
  LeadListQuerySchema,
  LeadPatchSchema,
  LeadSchema,
  MergeBodySchema,
} from '../../schemas/lead.ts';
import { ProblemSchema } from '../../schemas/problem.ts';
import { visibilityPolicyOf } from '../../services/auth/visibility.ts';
import {
  InvalidLeadChange,
  LeadForbidden,
  LeadNotFound,
  MergeConflict,
  mergeLeads,
  updateLeadFields,
} from '../../services/leads.ts';
import { listInquiriesOfLead } from '../../store/inquiries.ts';
import { encodeCursor, findLeadById, listLeadsPage } from '../../store/leads.ts';
import { listTimelineOfLead } from '../../store/timeline.ts';
import type { RouteDeps } from '../app.ts';
import { principalOf } from '../auth.ts';
import { cursorFromQuery } from '../cursor.ts';
import { toInquiryDto, toLeadDto, toTimelineDto } from '../dto.ts';
import { forbidden, HttpProblem, invalid, invalidParamsOf, notFound } from '../problem.ts';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };

export const leadRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, deps) => {
  const { database } = deps;

  const policyOf = () => visibilityPolicyOf(database.db, deps.config);

  // A lead the caller may not see answers 404, not 403, so that its existence does not leak.
  async function leadDetail(id: string, principal: Principal) {
    const lead = await findLeadById(database.db, id);
    if (!lead || !canSeeLead(principal, lead, await policyOf())) throw notFound(`Lead ${id}`);
    const [inquiries, timeline] = await Promise.all([
      listInquiriesOfLead(database.db, id),
      listTimelineOfLead(database.db, id),
    ]);
    return {
      ...toLeadDto(lead),
      inquiries: inquiries.map(toInquiryDto),
      timeline: timeline.map(toTimelineDto),
    };
  }

  app.get(
    '/api/leads',
    {
      config: { access: 'read' },
      schema: {
        tags: ['leads'],
        summary: 'List leads, newest first, with filters and cursor pagination',
        querystring: LeadListQuerySchema,
        response: { 200: pageOf(LeadSchema), ...errors },
      },
    },
    async (request) => {
      const q = request.query;
      const after = cursorFromQuery(q.cursor);
      const search = q.q ? searchNeedleOf(q.q) : undefined;
      const scope = leadScopeOf(principalOf(request), await policyOf());
      const page = await listLeadsPage(
        database.db,
        {
          scope,
          ...(q.status ? { status: q.status } : {}),
          ...(q.kind ? { kind: q.kind } : {}),
          ...(q.channelId ? { channelId: q.channelId } : {}),
          ...(q.campaignId ? { campaignId: q.campaignId } : {}),
          ...(q.spam !== undefined ? { spam: q.spam } : {}),
          ...(q.ownerId ? { ownerId: q.ownerId } : {}),
          ...(q.createdFrom ? { createdFrom: new Date(q.createdFrom) } : {}),
          ...(q.createdTo ? { createdTo: new Date(q.createdTo) } : {}),
          ...(search ? { search } : {}),
          ...(q.includeMerged ? { includeMerged: true } : {}),
        },
        { limit: q.limit, ...(after ? { after } : {}) },
      );
      return { items: page.rows.map(toLeadDto), nextCursor: page.next ? encodeCursor(page.next) : null };
    },
  );

  app.get(
    '/api/leads/:id',
    {
      config: { access: 'read' },
      schema: {
        tags: ['leads'],
        summary: 'One lead with every inquiry and its timeline',
        params: IdParamsSchema,
        response: { 200: LeadDetailSchema, ...errors },
      },
    },
    async (request) => leadDetail(request.params.id, principalOf(request)),
  );

  app.patch(
    '/api/leads/:id',
    {
      config: { access: 'write' },
      schema: {
        tags: ['leads'],
        summary: 'Correct a lead by hand; every change goes on the timeline',
        params: IdParamsSchema,
        body: LeadPatchSchema,
        response: { 200: LeadSchema, 422: ProblemSchema, ...errors },
      },
    },
    async (request) => {
      try {
        const lead = await updateLeadFields(database, {
          id: request.params.id,
          patch: request.body,
          actor: actorOf(principalOf(request)),
          principal: principalOf(request),
          policy: await policyOf(),
          at: deps.clock(),
          defaultRegion: deps.config.defaultRegion,
          matcher: deps.matcher,
        });
        return toLeadDto(lead);
      } catch (error) {
        if (error instanceof LeadNotFound) throw notFound(`Lead ${request.params.id}`);
        if (error instanceof LeadForbidden) throw forbidden(error.message);
        if (error instanceof InvalidLeadChange) throw invalid(invalidParamsOf(error.problems));
        throw error;
      }
    },
  );

  app.post(
    '/api/leads/:id/merge',
    {
      config: { access: 'write' },
      schema: {
        tags: ['duplicates'],
        summary: 'Merge another lead into this one, keeping every inquiry and history entry of both',
        params: IdParamsSchema,
        body: MergeBodySchema,
        response: { 200: LeadDetailSchema, 409: ProblemSchema, 422: ProblemSchema, ...errors },
      },
    },
    async (request) => {
      if (!canAssignLeads(principalOf(request))) throw forbidden('Only sales heads and admins merge leads.');
      try {
        await mergeLeads(database, {
          targetId: request.params.id,
          sourceId: request.body.sourceId,
          ...(request.body.prefer ? { prefer: request.body.prefer } : {}),
          actor: actorOf(principalOf(request)),
          at: deps.clock(),
          defaultRegion: deps.config.defaultRegion,
          matcher: deps.matcher,
        });
      } catch (error) {
        if (error instanceof LeadNotFound) throw notFound(`Lead ${error.message}`);
        if (error instanceof MergeConflict) throw new HttpProblem(409, 'conflict', error.message);
        throw error;
      }
      return leadDetail(request.params.id, principalOf(request));
    },
  );
};
