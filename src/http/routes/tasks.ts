import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParamsSchema } from '../../schemas/common.ts';
import { ProblemSchema } from '../../schemas/problem.ts';
import {
  NoNextStepListSchema,
  NoNextStepQuerySchema,
  type Task,
  TaskCompleteSchema,
  TaskCompletionSchema,
  TaskCreateSchema,
  TaskListQuerySchema,
  TaskListSchema,
  TaskPatchSchema,
  TaskSchema,
} from '../../schemas/task.ts';
import { visibilityPolicyOf } from '../../services/auth/visibility.ts';
import { completeTask, createTask, listNoNextStep, listTasksFor, patchTask } from '../../services/tasks.ts';
import { encodeCursor } from '../../store/leads.ts';
import type { TaskRow } from '../../store/tasks.ts';
import type { RouteDeps } from '../app.ts';
import { principalOf } from '../auth.ts';
import { cursorFromQuery } from '../cursor.ts';
import { iso, toLeadDto } from '../dto.ts';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };

export function toTaskDto(row: TaskRow, now: Date): Task {
  return {
    id: row.id,
    leadId: row.leadId,
    contactId: row.contactId,
    dealId: row.dealId,
    type: row.type,
    title: row.title,
    note: row.note,
    dueAt: row.dueAt.toISOString(),
    assigneeId: row.assigneeId,
    status: row.status,
    firstResponse: row.firstResponse,
    result: row.result,
    completedAt: iso(row.completedAt),
    completedBy: row.completedBy,
    createdBy: row.createdBy,
    overdue: row.status === 'open' && row.dueAt.getTime() < now.getTime(),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export const taskRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, deps) => {
  const { database, clock } = deps;
  const policy = () => visibilityPolicyOf(database.db, deps.config);

  app.get(
    '/api/tasks',
    {
      config: { access: 'read' },
      schema: {
        tags: ['tasks'],
        summary: 'Tasks by view (mine, overdue, today, upcoming, all), soonest due first',
        querystring: TaskListQuerySchema,
        response: { 200: TaskListSchema, ...errors },
      },
    },
    async (request) => {
      const now = clock();
      // A cursor is a position in the list's order: here a due time and a task id.
      const after = cursorFromQuery(request.query.cursor);
      const page = await listTasksFor(database, {
        principal: principalOf(request),
        policy: await policy(),
        query: request.query,
        now,
        ...(after ? { after: { dueAt: after.createdAt, id: after.id } } : {}),
      });
      return {
        items: page.rows.map((row) => toTaskDto(row, now)),
        nextCursor: page.next ? encodeCursor({ createdAt: page.next.dueAt, id: page.next.id }) : null,
      };
    },
  );

  app.post(
    '/api/tasks',
    {
      config: { access: 'write' },
      schema: {
        tags: ['tasks'],
        summary: 'Set a task on a lead',
        body: TaskCreateSchema,
        response: { 201: TaskSchema, 422: ProblemSchema, ...errors },
      },
    },
    async (request, reply) => {
      const at = clock();
      const task = await createTask(database, {
        principal: principalOf(request),
        policy: await policy(),
        input: request.body,
        at,
      });
      return reply.code(201).send(toTaskDto(task, at));
    },
  );

  app.patch(
    '/api/tasks/:id',
    {
      config: { access: 'write' },
      schema: {
        tags: ['tasks'],
        summary: 'Reschedule, reassign, rename or cancel an open task',
        params: IdParamsSchema,
        body: TaskPatchSchema,
        response: { 200: TaskSchema, 409: ProblemSchema, 422: ProblemSchema, ...errors },
      },
    },
    async (request) => {
      const at = clock();
      const task = await patchTask(database, {
        principal: principalOf(request),
        policy: await policy(),
        taskId: request.params.id,
        patch: request.body,
        at,
      });
      return toTaskDto(task, at);
    },
  );

  app.post(
    '/api/tasks/:id/complete',
    {
      config: { access: 'write' },
      schema: {
        tags: ['tasks'],
        summary: 'Complete a task with its result, optionally setting the next one',
        params: IdParamsSchema,
        body: TaskCompleteSchema,
        response: { 200: TaskCompletionSchema, 409: ProblemSchema, 422: ProblemSchema, ...errors },
      },
    },
    async (request) => {
      const at = clock();
      const { task, next } = await completeTask(database, {
        principal: principalOf(request),
        policy: await policy(),
        taskId: request.params.id,
        input: request.body,
        at,
      });
      return { task: toTaskDto(task, at), next: next ? toTaskDto(next, at) : null };
    },
  );

  app.get(
    '/api/leads/no-next-step',
    {
      config: { access: 'read' },
      schema: {
        tags: ['tasks'],
        summary: 'Leads in work with no open task: nobody is set to act on them',
        querystring: NoNextStepQuerySchema,
        response: { 200: NoNextStepListSchema, ...errors },
      },
    },
    async (request) => {
      const rows = await listNoNextStep(database, {
        principal: principalOf(request),
        policy: await policy(),
        ...(request.query.ownerId ? { ownerId: request.query.ownerId } : {}),
        limit: request.query.limit,
      });
      return { items: rows.map(toLeadDto) };
    },
  );
};
