import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { searchNeedleOf } from '../../domain/intake/searchText.ts';
import { actorOf, canWorkLead } from '../../domain/permissions.ts';
import { IdParamsSchema, pageOf } from '../../schemas/common.ts';
import {
  type ContactCard,
  ContactCardSchema,
  ContactCreateSchema,
  ContactListQuerySchema,
  ContactPatchSchema,
} from '../../schemas/contact.ts';
import { ProblemSchema } from '../../schemas/problem.ts';
import { ContactNotFound, createContact, updateContactFields } from '../../services/contacts.ts';
import { InvalidLeadChange } from '../../services/leads.ts';
import { type ContactRow, findContactById, listContactsPage } from '../../store/contacts.ts';
import { encodeCursor } from '../../store/leads.ts';
import type { RouteDeps } from '../app.ts';
import { principalOf } from '../auth.ts';
import { cursorFromQuery } from '../cursor.ts';
import { toContactDto } from '../dto.ts';
import { forbidden, invalid, invalidParamsOf, notFound } from '../problem.ts';

/** The contact card with its source lead and consent (conversion writes both). */
export const toContactCardDto = (row: ContactRow): ContactCard => ({
  ...toContactDto(row),
  sourceLeadId: row.sourceLeadId,
  consent: row.consent,
});

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
        response: { 201: ContactCardSchema, 422: ProblemSchema, ...errors },
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
        return reply.code(201).send(toContactCardDto(contact));
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
        response: { 200: pageOf(ContactCardSchema), ...errors },
      },
    },
    async (request) => {
      const { q, cursor, limit } = request.query;
      const after = cursorFromQuery(cursor);
      const page = await listContactsPage(database.db, q ? { search: searchNeedleOf(q) } : {}, {
        limit,
        ...(after ? { after } : {}),
      });
      return {
        items: page.rows.map(toContactCardDto),
        nextCursor: page.next ? encodeCursor(page.next) : null,
      };
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
        response: { 200: ContactCardSchema, ...errors },
      },
    },
    async (request) => {
      const contact = await findContactById(database.db, request.params.id);
      if (!contact) throw notFound(`Contact ${request.params.id}`);
      return toContactCardDto(contact);
    },
  );

  app.patch(
    '/api/contacts/:id',
    {
      config: { access: 'write' },
      schema: {
        tags: ['contacts'],
        summary:
          "Correct a contact card (its owner, a head or an admin); changes go on the contact's timeline",
        params: IdParamsSchema,
        body: ContactPatchSchema,
        response: { 200: ContactCardSchema, 422: ProblemSchema, ...errors },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const current = await findContactById(database.db, request.params.id);
      if (!current) throw notFound(`Contact ${request.params.id}`);
      if (!canWorkLead(principal, current))
        throw forbidden("Only the contact's owner, a sales head or an admin may edit this contact.");
      try {
        const contact = await updateContactFields(database, {
          id: request.params.id,
          patch: request.body,
          actor: actorOf(principal),
          at: deps.clock(),
          defaultRegion: deps.config.defaultRegion,
          matcher: deps.matcher,
        });
        return toContactCardDto(contact);
      } catch (error) {
        if (error instanceof ContactNotFound) throw notFound(`Contact ${request.params.id}`);
        if (error instanceof InvalidLeadChange) throw invalid(invalidParamsOf(error.problems));
        throw error;
      }
    },
  );
};
