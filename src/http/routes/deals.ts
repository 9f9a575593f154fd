import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf, canSeeLead, leadScopeOf } from '../../domain/permissions.ts';
import { IdParamsSchema, pageOf } from '../../schemas/common.ts';
import { type Deal, DealListQuerySchema, DealPatchSchema, DealSchema } from '../../schemas/deal.ts';
import { ProblemSchema } from '../../schemas/problem.ts';
import { visibilityPolicyOf } from '../../services/auth/visibility.ts';
import { DealNotFound, NotAllowed, updateDealFields } from '../../services/deals.ts';
import { InvalidLeadChange } from '../../services/leads.ts';
import { type DealRow, findDealById, listDealsPage } from '../../store/deals.ts';
import { encodeCursor } from '../../store/leads.ts';
import type { RouteDeps } from '../app.ts';
import { principalOf } from '../auth.ts';
import { cursorFromQuery } from '../cursor.ts';
import { iso } from '../dto.ts';
import { forbidden, invalid, invalidParamsOf, notFound } from '../problem.ts';

export function toDealDto(row: DealRow): Deal {
  return {
    id: row.id,
    title: row.title,
    leadId: row.leadId,
    contactId: row.contactId,
    companyId: row.companyId,
    amount: row.amount,
    currency: row.currency,
    stage: row.stage,
    status: row.status,
    lostReason: row.lostReason,
    ownerId: row.ownerId,
    closedAt: iso(row.closedAt),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };

export const dealRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, deps) => {
  const { database } = deps;

  app.get(
    '/api/deals',
    {
      config: { access: 'read' },
      schema: {
        tags: ['deals'],
        summary: 'List deals, newest first; a rep sees their own and unowned ones',
        querystring: DealListQuerySchema,
        response: { 200: pageOf(DealSchema), ...errors },
      },
    },
    async (request) => {
      const q = request.query;
      const after = cursorFromQuery(q.cursor);
      const scope = leadScopeOf(principalOf(request), await visibilityPolicyOf(database.db, deps.config));
      if (scope.kind === 'none') return { items: [], nextCursor: null };
      const page = await listDealsPage(
        database.db,
        {
          ...(q.status ? { status: q.status } : {}),
          ...(q.ownerId ? { ownerId: q.ownerId } : {}),
          ...(q.leadId ? { leadId: q.leadId } : {}),
          ...(q.createdFrom ? { createdFrom: new Date(q.createdFrom) } : {}),
          ...(q.createdTo ? { createdTo: new Date(q.createdTo) } : {}),
          ...(q.closedFrom ? { closedFrom: new Date(q.closedFrom) } : {}),
          ...(q.closedTo ? { closedTo: new Date(q.closedTo) } : {}),
          ...(scope.kind === 'own_and_pool' ? { visibleTo: scope.userId } : {}),
        },
        { limit: q.limit, ...(after ? { after } : {}) },
      );
      return { items: page.rows.map(toDealDto), nextCursor: page.next ? encodeCursor(page.next) : null };
    },
  );

  app.get(
    '/api/deals/:id',
    {
      config: { access: 'read' },
      schema: {
        tags: ['deals'],
        summary: 'One deal',
        params: IdParamsSchema,
        response: { 200: DealSchema, ...errors },
      },
    },
    async (request) => {
      const deal = await findDealById(database.db, request.params.id);
      const policy = await visibilityPolicyOf(database.db, deps.config);
      if (!deal || !canSeeLead(principalOf(request), deal, policy))
        throw notFound(`Deal ${request.params.id}`);
      return toDealDto(deal);
    },
  );

  app.patch(
    '/api/deals/:id',
    {
      config: { access: 'write' },
      schema: {
        tags: ['deals'],
        summary: 'Move a deal through the pipeline, change its amount, or close it as won or lost',
        description:
          "Won or lost sets closedAt; open clears it. A won deal moves its lead's lifecycle to customer.",
        params: IdParamsSchema,
        body: DealPatchSchema,
        response: { 200: DealSchema, 422: ProblemSchema, ...errors },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      try {
        const deal = await updateDealFields(database, {
          id: request.params.id,
          patch: request.body,
          principal,
          actor: actorOf(principal),
          at: deps.clock(),
        });
        return toDealDto(deal);
      } catch (error) {
        if (error instanceof DealNotFound) throw notFound(`Deal ${request.params.id}`);
        if (error instanceof NotAllowed) throw forbidden(error.message);
        if (error instanceof InvalidLeadChange) throw invalid(invalidParamsOf(error.problems));
        throw error;
      }
    },
  );
};
