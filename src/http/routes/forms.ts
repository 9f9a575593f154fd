import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { canManageMarketing } from '../../domain/permissions.ts';
import { IdParamsSchema } from '../../schemas/common.ts';
import {
  FormCreateSchema,
  FormKeyParamsSchema,
  FormPatchSchema,
  FormSchema,
  FormSnippetQuerySchema,
  FormSnippetSchema,
  PublicFormSchema,
} from '../../schemas/form.ts';
import { ProblemSchema } from '../../schemas/problem.ts';
import {
  type AllowedOrigins,
  changeForm,
  createForm,
  FormKeyTaken,
  formSnippet,
  MissingFormTarget,
  toFormDto,
  toPublicForm,
} from '../../services/forms.ts';
import { TrackingConflict } from '../../services/sources.ts';
import { findActiveFormByKey, findFormById, listForms } from '../../store/forms.ts';
import type { RouteDeps } from '../app.ts';
import { principalOf } from '../auth.ts';
import { conflict, forbidden, invalid, notFound } from '../problem.ts';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };
const changeErrors = { 409: ProblemSchema, 422: ProblemSchema, ...errors };

export type FormRouteDeps = RouteDeps & { allowedOrigins: AllowedOrigins };

const mustManageMarketing = (request: FastifyRequest) => {
  if (!canManageMarketing(principalOf(request))) {
    throw forbidden('Only marketers, sales heads and admins change forms.');
  }
};

function formProblem(error: unknown): unknown {
  if (error instanceof MissingFormTarget) return invalid([{ name: error.field, reason: error.message }]);
  if (error instanceof FormKeyTaken) {
    return conflict(error.message, { invalid_params: [{ name: 'key', reason: error.message }] });
  }
  if (error instanceof TrackingConflict) {
    return conflict(error.message, { invalid_params: [{ name: 'key', reason: error.message }] });
  }
  return error;
}

/** Capture forms for the embeddable widget: managed by marketing, read publicly by the widget. */
export const formRoutes: FastifyPluginAsyncZod<FormRouteDeps> = async (app, deps) => {
  const { database } = deps;

  app.get(
    '/api/forms',
    {
      config: { access: 'read' },
      schema: {
        tags: ['forms'],
        summary: 'Capture forms',
        response: { 200: z.object({ items: z.array(FormSchema) }), ...errors },
      },
    },
    async () => ({ items: (await listForms(database.db)).map(toFormDto) }),
  );

  app.get(
    '/api/forms/:id',
    {
      config: { access: 'read' },
      schema: {
        tags: ['forms'],
        summary: 'One capture form',
        params: IdParamsSchema,
        response: { 200: FormSchema, ...errors },
      },
    },
    async (request) => {
      const row = await findFormById(database.db, request.params.id);
      if (!row) throw notFound(`Form ${request.params.id}`);
      return toFormDto(row);
    },
  );

  app.post(
    '/api/forms',
    {
      config: { access: 'write' },
      schema: {
        tags: ['forms'],
        summary: 'Create a capture form; its key tags its leads with the campaign (or channel) given',
        body: FormCreateSchema,
        response: { 201: FormSchema, ...changeErrors },
      },
    },
    async (request, reply) => {
      mustManageMarketing(request);
      try {
        const row = await createForm(database, request.body, deps.clock());
        deps.allowedOrigins.forget();
        return reply.code(201).send(toFormDto(row));
      } catch (error) {
        throw formProblem(error);
      }
    },
  );

  app.patch(
    '/api/forms/:id',
    {
      config: { access: 'write' },
      schema: {
        tags: ['forms'],
        summary: 'Change a capture form (its key stays)',
        params: IdParamsSchema,
        body: FormPatchSchema,
        response: { 200: FormSchema, ...changeErrors },
      },
    },
    async (request) => {
      mustManageMarketing(request);
      try {
        const row = await changeForm(database, request.params.id, request.body, deps.clock());
        if (!row) throw notFound(`Form ${request.params.id}`);
        deps.allowedOrigins.forget();
        return toFormDto(row);
      } catch (error) {
        throw formProblem(error);
      }
    },
  );

  app.get(
    '/api/forms/:id/snippet',
    {
      config: { access: 'read' },
      schema: {
        tags: ['forms'],
        summary: 'The HTML to paste into a page: the widget, and a plain form for visitors without scripts',
        description:
          'Give a capture-scope token (POST /api/tokens with scope "capture") to have it in the snippet; without one the snippet holds the placeholder CAPTURE_TOKEN.',
        params: IdParamsSchema,
        querystring: FormSnippetQuerySchema,
        response: { 200: FormSnippetSchema, ...errors },
      },
    },
    async (request) => {
      const row = await findFormById(database.db, request.params.id);
      if (!row) throw notFound(`Form ${request.params.id}`);
      const html = formSnippet(row, {
        publicUrl: deps.config.publicUrl,
        token: request.query.token ?? 'CAPTURE_TOKEN',
        lang: request.query.lang,
      });
      return { html };
    },
  );

  app.get(
    '/api/forms/public/:key',
    {
      config: { access: 'public' },
      schema: {
        tags: ['forms'],
        summary: 'What the widget renders: fields, consent and success message in both languages',
        description:
          'Public, for pages on the origins the form allows (CORS). Inactive and unknown forms are 404.',
        security: [],
        params: FormKeyParamsSchema,
        response: { 200: PublicFormSchema, 404: ProblemSchema },
      },
    },
    async (request, reply) => {
      const row = await findActiveFormByKey(database.db, request.params.key);
      if (!row) throw notFound(`Form ${request.params.key}`);
      // The server time in it must be fresh.
      reply.header('cache-control', 'no-store');
      return toPublicForm(row, deps.clock());
    },
  );
};
