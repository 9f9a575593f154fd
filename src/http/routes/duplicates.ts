import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, canAssignLeads, canSeeLead, leadScopeOf } from '../../domain/permissions.ts';
import { IdParamsSchema, IdSchema } from '../../schemas/common.ts';
import { DuplicateReviewSchema } from '../../schemas/lead.ts';
import { ProblemSchema } from '../../schemas/problem.ts';
import { visibilityPolicyOf } from '../../services/auth/visibility.ts';
import { findContactsByIds } from '../../store/contacts.ts';
import type { Executor } from '../../store/db.ts';
import {
  type DuplicateReviewRow,
  findDuplicateReviewById,
  listOpenDuplicateReviews,
  listOpenReviewsOfLead,
  setReviewStatus,
} from '../../store/duplicates.ts';
import { findLeadsByIds } from '../../store/leads.ts';
import type { RouteDeps } from '../app.ts';
import { principalOf } from '../auth.ts';
import { toLeadDto } from '../dto.ts';
import { forbidden, HttpProblem, notFound } from '../problem.ts';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };

async function withCards(
  ex: Executor,
  reviews: DuplicateReviewRow[],
): Promise<z.infer<typeof DuplicateReviewSchema>[]> {
  const leadIds = reviews.flatMap((r) => [r.leadId, ...(r.candidateLeadId ? [r.candidateLeadId] : [])]);
  const contactIds = reviews.flatMap((r) => (r.candidateContactId ? [r.candidateContactId] : []));
  const [leads, contacts] = await Promise.all([
    findLeadsByIds(ex, leadIds),
    findContactsByIds(ex, contactIds),
  ]);
  const leadById = new Map(leads.map((l) => [l.id, l]));
  const contactById = new Map(contacts.map((c) => [c.id, c]));
  return reviews.flatMap((review) => {
    const lead = leadById.get(review.leadId);
    const candidate = review.candidateLeadId
      ? leadById.get(review.candidateLeadId)
      : review.candidateContactId
        ? contactById.get(review.candidateContactId)
        : undefined;
    if (!lead || !candidate) return [];
    return [
      {
        id: review.id,
        status: review.status,
        score: review.score,
        breakdown: review.breakdown,
        createdAt: review.createdAt.toISOString(),
        lead: toLeadDto(lead),
        candidate: {
          type: review.candidateLeadId ? ('lead' as const) : ('contact' as const),
          id: candidate.id,
          fullName: candidate.fullName,
          emails: candidate.emails,
          phones: candidate.phones,
          company: 'company' in candidate ? candidate.company : candidate.companyName,
        },
      },
    ];
  });
}

export const duplicateRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, deps) => {
  const { database } = deps;

  app.get(
    '/api/duplicates',
    {
      config: { access: 'read' },
      schema: {
        tags: ['duplicates'],
        summary: 'The review queue: uncertain duplicate pairs, oldest first',
        description:
          'With leadId: only the pairs that involve that lead (on either side). canResolve says whether the caller may merge or dismiss the pairs (sales heads and admins).',
        querystring: z.object({
          leadId: IdSchema.optional().describe('Only the pairs that involve this lead'),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        response: {
          200: z.object({ items: z.array(DuplicateReviewSchema), canResolve: z.boolean() }),
          ...errors,
        },
      },
    },
    async (request) => {
      const { leadId, ...page } = request.query;
      const reviews = leadId
        ? await listOpenReviewsOfLead(database.db, leadId, page)
        : await listOpenDuplicateReviews(database.db, page);
      const items = await withCards(database.db, reviews);
      const principal = principalOf(request);
      const canResolve = canAssignLeads(principal);
      const policy = await visibilityPolicyOf(database.db, deps.config);
      if (leadScopeOf(principal, policy).kind === 'all') return { items, canResolve };
      // A rep sees only pairs whose leads are all visible to them (merging is for heads anyway).
      const leadIds = reviews.flatMap((r) => [r.leadId, ...(r.candidateLeadId ? [r.candidateLeadId] : [])]);
      const owners = new Map((await findLeadsByIds(database.db, leadIds)).map((l) => [l.id, l]));
      const visible = (id: string | null) => {
        const lead = id ? owners.get(id) : undefined;
        return id === null || (lead !== undefined && canSeeLead(principal, lead, policy));
      };
      const shown = new Set(
        reviews.filter((r) => visible(r.leadId) && visible(r.candidateLeadId)).map((r) => r.id),
      );
      return { items: items.filter((item) => shown.has(item.id)), canResolve };
    },
  );

  app.post(
    '/api/duplicates/:id/dismiss',
    {
      config: { access: 'write' },
      schema: {
        tags: ['duplicates'],
        summary: 'Mark a suspected pair as two different people',
        params: IdParamsSchema,
        response: { 200: DuplicateReviewSchema, 409: ProblemSchema, ...errors },
      },
    },
    async (request) => {
      if (!canAssignLeads(principalOf(request))) {
        throw forbidden('Only sales heads and admins resolve suspected duplicates.');
      }
      const review = await findDuplicateReviewById(database.db, request.params.id);
      if (!review) throw notFound(`Duplicate review ${request.params.id}`);
      if (review.status !== 'open')
        throw new HttpProblem(409, 'conflict', `This review is already ${review.status}.`);
      await setReviewStatus(database.db, [review.id], {
        status: 'dismissed',
        at: deps.clock(),
        by: actorOf(principalOf(request)),
      });
      const [shown] = await withCards(database.db, [{ ...review, status: 'dismissed' }]);
      if (!shown) throw notFound(`Duplicate review ${request.params.id}`);
      return shown;
    },
  );
};
