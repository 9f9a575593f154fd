import { timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../domain/permissions.ts';
import { IdParamsSchema } from '../../schemas/common.ts';
import { ProblemSchema } from '../../schemas/problem.ts';
import {
  QuestionnaireAnswerSchema,
  RefuseBodySchema,
  RefuseResultSchema,
  ReopenBodySchema,
  ReopenResultSchema,
} from '../../schemas/refusal.ts';
import { NotAllowed } from '../../services/deals.ts';
import { InvalidLeadChange, LeadNotFound } from '../../services/leads.ts';
import { RefusalConflict, refuseLead, reopenLead } from '../../services/refusal.ts';
import type { Executor } from '../../store/db.ts';
import { findLeadById } from '../../store/leads.ts';
import { findLatestTimelineEvent, insertTimelineEvents } from '../../store/timeline.ts';
import type { RouteDeps } from '../app.ts';
import { principalOf } from '../auth.ts';
import { toLeadDto } from '../dto.ts';
import { conflict, forbidden, invalid, invalidParamsOf, notFound } from '../problem.ts';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };

function mapError(error: unknown, leadId: string): never {
  if (error instanceof LeadNotFound) throw notFound(`Lead ${leadId}`);
  if (error instanceof NotAllowed) throw forbidden(error.message);
  if (error instanceof InvalidLeadChange) throw invalid(invalidParamsOf(error.problems));
  if (error instanceof RefusalConflict) throw conflict(error.message);
  throw error;
}

/** The lead a questionnaire token belongs to, if the token is the one its farewell carried. */
async function leadOfToken(ex: Executor, token: string): Promise<string | undefined> {
  const leadId = token.split('.')[0] ?? '';
  if (!z.uuid().safeParse(leadId).success) return undefined;
  const stored = (await findLatestTimelineEvent(ex, leadId, 'refused'))?.data.questionnaireToken;
  if (typeof stored !== 'string' || stored.length !== token.length) return undefined;
  return timingSafeEqual(Buffer.from(stored), Buffer.from(token)) ? leadId : undefined;
}

const page = (body: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">` +
  `<title>leadflow</title></head><body style="font-family:sans-serif;max-width:36em;margin:2em auto">${body}</body></html>`;

const TokenParamsSchema = z.object({ token: z.string().min(10).max(200) });

export const refusalRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, deps) => {
  const { database } = deps;
  // The questionnaire is a plain HTML form; the parser stays inside this plugin.
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
  );

  app.post(
    '/api/leads/:id/refuse',
    {
      config: { access: 'write' },
      schema: {
        tags: ['refusal'],
        summary:
          'Refuse a lead with a reason; open tasks are canceled; optional revisit date and farewell email',
        params: IdParamsSchema,
        body: RefuseBodySchema,
        response: { 200: RefuseResultSchema, 409: ProblemSchema, 422: ProblemSchema, ...errors },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      try {
        const result = await refuseLead(database, {
          leadId: request.params.id,
          body: request.body,
          principal,
          actor: actorOf(principal),
          at: deps.clock(),
          publicUrl: deps.config.publicUrl,
        });
        return { ...result, lead: toLeadDto(result.lead) };
      } catch (error) {
        return mapError(error, request.params.id);
      }
    },
  );

  app.post(
    '/api/leads/:id/reopen',
    {
      config: { access: 'write' },
      schema: {
        tags: ['refusal'],
        summary: 'Return a refused lead to work, with its owner and a "call back" task',
        params: IdParamsSchema,
        body: ReopenBodySchema,
        response: { 200: ReopenResultSchema, 409: ProblemSchema, 422: ProblemSchema, ...errors },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      try {
        const result = await reopenLead(database, {
          leadId: request.params.id,
          ...(request.body.reason ? { reason: request.body.reason } : {}),
          principal,
          actor: actorOf(principal),
          at: deps.clock(),
        });
        return { lead: toLeadDto(result.lead), taskId: result.taskId };
      } catch (error) {
        return mapError(error, request.params.id);
      }
    },
  );

  app.get(
    '/q/:token',
    {
      config: { access: 'public' },
      schema: { hide: true, params: TokenParamsSchema },
    },
    async (request, reply) => {
      const leadId = await leadOfToken(database.db, request.params.token);
      const lead = leadId ? await findLeadById(database.db, leadId) : undefined;
      reply.type('text/html; charset=utf-8');
      if (!lead) return reply.code(404).send(page('<p>This link is not valid any more.</p>'));
      const ru = lead.language?.toLowerCase().startsWith('ru');
      const [question, send] = ru
        ? ['Что мы могли сделать лучше?', 'Отправить']
        : ['What could we have done better?', 'Send'];
      return reply.send(
        page(
          `<form method="post"><p><label for="answer">${question}</label></p>` +
            `<textarea id="answer" name="answer" rows="6" style="width:100%" required maxlength="5000"></textarea>` +
            `<p><button type="submit">${send}</button></p></form>`,
        ),
      );
    },
  );

  app.post(
    '/q/:token',
    {
      config: { access: 'public' },
      schema: { hide: true, params: TokenParamsSchema, body: QuestionnaireAnswerSchema },
    },
    async (request, reply) => {
      const leadId = await leadOfToken(database.db, request.params.token);
      reply.type('text/html; charset=utf-8');
      if (!leadId) return reply.code(404).send(page('<p>This link is not valid any more.</p>'));
      await insertTimelineEvents(database.db, [
        {
          leadId,
          at: deps.clock(),
          actor: 'public:questionnaire',
          type: 'questionnaire_answered',
          data: { answer: request.body.answer.trim() },
        },
      ]);
      return reply.send(page('<p>Thank you! / Спасибо!</p>'));
    },
  );
};
