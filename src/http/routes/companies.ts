import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { searchNeedleOf } from '../../domain/intake/searchText.ts';
import { canWorkLead } from '../../domain/permissions.ts';
import { IdParamsSchema, pageOf } from '../../schemas/common.ts';
import {
  type Company,
  CompanyCreateSchema,
  CompanyListQuerySchema,
  CompanyPatchSchema,
  CompanySchema,
} from '../../schemas/company.ts';
import { ProblemSchema } from '../../schemas/problem.ts';
import { CompanyNotFound, createCompany, updateCompanyFields } from '../../services/companies.ts';
import { InvalidLeadChange } from '../../services/leads.ts';
import { type CompanyRow, findCompanyById, listCompaniesPage } from '../../store/companies.ts';
import { encodeCursor } from '../../store/leads.ts';
import type { RouteDeps } from '../app.ts';
import { principalOf } from '../auth.ts';
import { cursorFromQuery } from '../cursor.ts';
import { forbidden, invalid, invalidParamsOf, notFound } from '../problem.ts';

export function toCompanyDto(row: CompanyRow): Company {
  return {
    id: row.id,
    name: row.name,
    taxId: row.taxId,
    kpp: row.kpp,
    okpo: row.okpo,
    registrationNumber: row.registrationNumber,
    legalAddress: row.legalAddress,
    postalAddress: row.postalAddress,
    address: row.address,
    emails: row.emails,
    phones: row.phones,
    website: row.website,
    ownerId: row.ownerId,
    sourceLeadId: row.sourceLeadId,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };

export const companyRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, deps) => {
  const { database } = deps;

  app.post(
    '/api/companies',
    {
      config: { access: 'write' },
      schema: {
        tags: ['companies'],
        summary: 'Create a company card; INN, KPP, OKPO and OGRN are checked (format and check digit)',
        body: CompanyCreateSchema,
        response: { 201: CompanySchema, 422: ProblemSchema, ...errors },
      },
    },
    async (request, reply) => {
      try {
        const company = await createCompany(database, {
          data: request.body,
          defaultOwnerId: principalOf(request).userId,
          at: deps.clock(),
          defaultRegion: deps.config.defaultRegion,
        });
        return reply.code(201).send(toCompanyDto(company));
      } catch (error) {
        if (error instanceof InvalidLeadChange) throw invalid(invalidParamsOf(error.problems));
        throw error;
      }
    },
  );

  app.get(
    '/api/companies',
    {
      config: { access: 'read' },
      schema: {
        tags: ['companies'],
        summary: 'List companies, newest first; q searches name, tax id, email and phone',
        querystring: CompanyListQuerySchema,
        response: { 200: pageOf(CompanySchema), ...errors },
      },
    },
    async (request) => {
      const { q, cursor, limit } = request.query;
      const after = cursorFromQuery(cursor);
      const page = await listCompaniesPage(database.db, q ? { search: searchNeedleOf(q) } : {}, {
        limit,
        ...(after ? { after } : {}),
      });
      return { items: page.rows.map(toCompanyDto), nextCursor: page.next ? encodeCursor(page.next) : null };
    },
  );

  app.get(
    '/api/companies/:id',
    {
      config: { access: 'read' },
      schema: {
        tags: ['companies'],
        summary: 'One company',
        params: IdParamsSchema,
        response: { 200: CompanySchema, ...errors },
      },
    },
    async (request) => {
      const company = await findCompanyById(database.db, request.params.id);
      if (!company) throw notFound(`Company ${request.params.id}`);
      return toCompanyDto(company);
    },
  );

  app.patch(
    '/api/companies/:id',
    {
      config: { access: 'write' },
      schema: {
        tags: ['companies'],
        summary: 'Correct a company card (its owner, a head or an admin); null clears a field',
        params: IdParamsSchema,
        body: CompanyPatchSchema,
        response: { 200: CompanySchema, 422: ProblemSchema, ...errors },
      },
    },
    async (request) => {
      const current = await findCompanyById(database.db, request.params.id);
      if (!current) throw notFound(`Company ${request.params.id}`);
      if (!canWorkLead(principalOf(request), current))
        throw forbidden("Only the company's owner, a sales head or an admin may edit this company.");
      try {
        const company = await updateCompanyFields(database, {
          id: request.params.id,
          patch: request.body,
          at: deps.clock(),
          defaultRegion: deps.config.defaultRegion,
        });
        return toCompanyDto(company);
      } catch (error) {
        if (error instanceof CompanyNotFound) throw notFound(`Company ${request.params.id}`);
        if (error instanceof InvalidLeadChange) throw invalid(invalidParamsOf(error.problems));
        throw error;
      }
    },
  );
};
