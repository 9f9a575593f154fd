import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { searchNeedleOf } from '../../domain/intake/searchText.ts';
import { actorOf } from '../../domain/permissions.ts';
import { IdParamsSchema, pageOf } from '../../schemas/common.ts';
import { ContactCreateSchema, ContactListQuerySchema, ContactSchema } from '../../schemas/contact.ts';
import { ProblemSchema } from '../../schemas/problem.ts';
import { createContact } from '../../services/contacts.ts';
import { InvalidLeadChange } from '../../services/leads.ts';
import { findContactById, listContactsPage } from '../../store/contacts.ts';
import { decodeCursor, encodeCursor } from '../../store/leads.ts';
import type { RouteDeps } from '../app.ts';
import { principalOf } from '../auth.ts';
import { toContactDto } from '../dto.ts';
import { HttpProblem, invalid, invalidParamsOf, notFound } from '../problem.ts';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };

export const contactRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, deps) => {
  const { database } = deps;

  app.post(
    '/api/contacts',
    {
      config: { access: 'write' },
      schema: {
        tags: ['contacts'],
        summary: 'Create a contact (a client); inquiries from this person will attach to it',
        body: ContactCreateSchema,
        response: { 201: ContactSchema, 422: ProblemSchema, ...errors },
      },
    },
    async (request, reply) => {
      try {
        const contact = await createContact(database, {
          data: request.body,
          actor: actorOf(principalOf(request)),
          at: deps.clock(),
          defaultRegion: deps.config.defaultRegion,
          matcher: deps.matcher,
        });
        return reply.code(201).send(toContactDto(contact));
      } catch (error) {
        if (error instanceof InvalidLeadChange) throw invalid(invalidParamsOf(error.problems));
        throw error;
      }
    },
  );

  app.get(
    '/api/contacts',
    {
      config: { access: 'read' },
      schema: {
        tags: ['contacts'],
        summary: 'List contacts, newest first; q searches name, email, phone and company',
        querystring: ContactListQuerySchema,
        response: { 200: pageOf(ContactSchema), ...errors },
      },
    },
    async (request) => {
      const { q, cursor, limit } = request.query;
      const after = cursor ? decodeCursor(cursor) : undefined;
      if (cursor && !after)
        throw new HttpProblem(400, 'validation_failed', 'cursor is not valid', {
          invalid_params: [{ name: 'query.cursor', reason: 'not a cursor returned by this API' }],
        });
      const page = await listContactsPage(database.db, q ? { search: searchNeedleOf(q) } : {}, {
        limit,
        ...(after ? { after } : {}),
      });
      return { items: page.rows.map(toContactDto), nextCursor: page.next ? encodeCursor(page.next) : null };
    },
  );

  app.get(
    '/api/contacts/:id',
    {
      config: { access: 'read' },
      schema: {
        tags: ['contacts'],
        summary: 'One contact',
        params: IdParamsSchema,
        response: { 200: ContactSchema, ...errors },
      },
    },
    async (request) => {
      const contact = await findContactById(database.db, request.params.id);
      if (!contact) throw notFound(`Contact ${request.params.id}`);
      return toContactDto(contact);
    },
  );
};
