import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, canSeeLead } from '../../domain/permissions.ts';
import { IdParamsSchema } from '../../schemas/common.ts';
import {
  ConversionBodySchema,
  type ConversionResult,
  ConversionResultSchema,
  ConversionSuggestionsSchema,
} from '../../schemas/conversion.ts';
import { ProblemSchema } from '../../schemas/problem.ts';
import { visibilityPolicyOf } from '../../services/auth/visibility.ts';
import {
  AlreadyConverted,
  ConversionConflict,
  type ConversionOutcome,
  conversionSuggestions,
  convertLead,
  IdempotencyKeyReused,
} from '../../services/conversion.ts';
import { NotAllowed } from '../../services/deals.ts';
import { InvalidLeadChange, LeadNotFound } from '../../services/leads.ts';
import { findCompanyById } from '../../store/companies.ts';
import { findContactById } from '../../store/contacts.ts';
import type { Database } from '../../store/db.ts';
import { findDealById } from '../../store/deals.ts';
import { findLeadById } from '../../store/leads.ts';
import type { RouteDeps } from '../app.ts';
import { principalOf } from '../auth.ts';
import { toLeadDto } from '../dto.ts';
import { conflict, forbidden, HttpProblem, invalid, invalidParamsOf, notFound } from '../problem.ts';
import { toCompanyDto } from './companies.ts';
import { toContactCardDto } from './contacts.ts';
import { toDealDto } from './deals.ts';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };

async function resultOf(database: Database, outcome: ConversionOutcome): Promise<ConversionResult> {
  const { db } = database;
  const [lead, contact, company, deal] = await Promise.all([
    findLeadById(db, outcome.leadId),
    outcome.contactId ? findContactById(db, outcome.contactId) : undefined,
    outcome.companyId ? findCompanyById(db, outcome.companyId) : undefined,
    outcome.dealId ? findDealById(db, outcome.dealId) : undefined,
  ]);
  if (!lead) throw notFound(`Lead ${outcome.leadId}`);
  return {
    lead: toLeadDto(lead),
    contact: contact ? toContactCardDto(contact) : null,
    company: company ? toCompanyDto(company) : null,
    deal: deal ? toDealDto(deal) : null,
    created: outcome.created,
    replayed: outcome.replayed,
  };
}

export const conversionRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, deps) => {
  const { database } = deps;

  app.post(
    '/api/leads/:id/convert',
    {
      config: { access: 'write' },
      schema: {
        tags: ['conversion'],
        summary: 'Convert a lead into a contact, a company and/or a deal, new or existing',
        description:
          "Only the lead's owner, a sales head or an admin. All or nothing. A second conversion answers 409 naming what the first produced; a retry with the same Idempotency-Key answers the original result.",
        params: IdParamsSchema,
        headers: z.object({ 'idempotency-key': z.string().min(1).max(200).optional() }),
        body: ConversionBodySchema,
        response: { 200: ConversionResultSchema, 409: ProblemSchema, 422: ProblemSchema, ...errors },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const key = request.headers['idempotency-key'];
      try {
        const outcome = await convertLead(database, {
          leadId: request.params.id,
          body: request.body,
          principal,
          actor: actorOf(principal),
          at: deps.clock(),
          ...(key ? { idempotencyKey: key } : {}),
          defaultRegion: deps.config.defaultRegion,
          defaultCurrency: deps.config.defaultCurrency,
          matcher: deps.matcher,
        });
        return await resultOf(database, outcome);
      } catch (error) {
        if (error instanceof LeadNotFound) throw notFound(`Lead ${request.params.id}`);
        if (error instanceof NotAllowed) throw forbidden(error.message);
        if (error instanceof InvalidLeadChange) throw invalid(invalidParamsOf(error.problems));
        if (error instanceof AlreadyConverted)
          throw conflict('The lead was already converted.', { ...error.links });
        if (error instanceof ConversionConflict) throw conflict(error.message);
        if (error instanceof IdempotencyKeyReused)
          throw new HttpProblem(
            422,
            'idempotency_key_reused',
            'Use a new Idempotency-Key for a different request.',
            { invalid_params: [{ name: 'Idempotency-Key', reason: 'already used for a different request' }] },
          );
        throw error;
      }
    },
  );

  app.get(
    '/api/leads/:id/conversion-suggestions',
    {
      config: { access: 'read' },
      schema: {
        tags: ['conversion'],
        summary:
          'Existing contacts and companies the lead may belong to (email, phone, company name, tax id)',
        params: IdParamsSchema,
        response: { 200: ConversionSuggestionsSchema, ...errors },
      },
    },
    async (request) => {
      const lead = await findLeadById(database.db, request.params.id);
      const policy = await visibilityPolicyOf(database.db, deps.config);
      if (!lead || !canSeeLead(principalOf(request), lead, policy))
        throw notFound(`Lead ${request.params.id}`);
      return conversionSuggestions(database.db, lead);
    },
  );
};
