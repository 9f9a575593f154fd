import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ProblemSchema } from '../../schemas/problem.ts';
import { BoardQuerySchema, BoardSchema } from '../../schemas/task.ts';
import { visibilityPolicyOf } from '../../services/auth/visibility.ts';
import { boardOf } from '../../services/tasks.ts';
import type { BoardCardRow } from '../../store/tasks.ts';
import type { RouteDeps } from '../app.ts';
import { principalOf } from '../auth.ts';
import { iso } from '../dto.ts';

const toCardDto = (row: BoardCardRow) => ({
  id: row.id,
  fullName: row.fullName,
  company: row.company,
  emails: row.emails,
  phones: row.phones,
  status: row.status,
  ownerId: row.ownerId,
  teamId: row.teamId,
  temperature: row.temperature,
  score: row.score,
  spam: row.spam,
  firstResponseAt: iso(row.firstResponseAt),
  createdAt: row.createdAt.toISOString(),
  nextTask: row.nextTask ? { ...row.nextTask, dueAt: row.nextTask.dueAt.toISOString() } : null,
});

export const boardRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, deps) => {
  app.get(
    '/api/board',
    {
      config: { access: 'read' },
      schema: {
        tags: ['tasks'],
        summary: 'Leads the caller may see, by status: each column with its total and newest cards',
        querystring: BoardQuerySchema,
        response: { 200: BoardSchema, 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema },
      },
    },
    async (request) => {
      const q = request.query;
      const columns = await boardOf(deps.database, {
        principal: principalOf(request),
        policy: await visibilityPolicyOf(deps.database.db, deps.config),
        limit: q.limit,
        includeSpam: q.includeSpam ?? false,
        ...(q.ownerId ? { ownerId: q.ownerId } : {}),
        ...(q.teamId ? { teamId: q.teamId } : {}),
      });
      return { columns: columns.map((c) => ({ ...c, cards: c.cards.map(toCardDto) })) };
    },
  );
};
