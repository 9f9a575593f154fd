import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { canManageSales } from '../../domain/permissions.ts';
import { IdParamsSchema } from '../../schemas/common.ts';
import { ProblemSchema } from '../../schemas/problem.ts';
import { type Team, TeamCreateSchema, TeamPatchSchema, TeamSchema } from '../../schemas/team.ts';
import {
  changeTeam,
  createTeam,
  InvalidTeam,
  loadTeamsWithMembers,
  loadTeamWithMembers,
  removeTeam,
  TeamNotFound,
  type TeamWithMembers,
} from '../../services/teams.ts';
import type { RouteDeps } from '../app.ts';
import { principalOf } from '../auth.ts';
import { forbidden, invalid, notFound } from '../problem.ts';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };

export function toTeamDto(team: TeamWithMembers): Team {
  return {
    id: team.id,
    name: team.name,
    headId: team.headId,
    timeZone: team.timeZone,
    workingHours: team.workingHours,
    holidays: team.holidays,
    assignmentMethod: team.assignmentMethod,
    onlyWorkingHours: team.onlyWorkingHours,
    members: team.members.map((m) => ({ userId: m.userId, name: m.name, role: m.role, active: m.active })),
    createdAt: team.createdAt.toISOString(),
    updatedAt: team.updatedAt.toISOString(),
  };
}

function rethrow(error: unknown, id?: string): never {
  if (error instanceof InvalidTeam) throw invalid(error.params);
  if (error instanceof TeamNotFound) throw notFound(`Team ${id ?? error.message}`);
  throw error;
}

/** Sales teams: a head, members, working hours, holidays and how leads are spread among them. */
export const teamRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, deps) => {
  const { database } = deps;
  const mustManage = (request: Parameters<typeof principalOf>[0]) => {
    if (!canManageSales(principalOf(request))) throw forbidden('Only sales heads and admins manage teams.');
  };

  app.get(
    '/api/teams',
    {
      config: { access: 'read' },
      schema: {
        tags: ['teams'],
        summary: 'Teams with their members, by name',
        response: { 200: z.object({ items: z.array(TeamSchema) }), ...errors },
      },
    },
    async () => ({ items: (await loadTeamsWithMembers(database.db)).map(toTeamDto) }),
  );

  app.get(
    '/api/teams/:id',
    {
      config: { access: 'read' },
      schema: {
        tags: ['teams'],
        summary: 'One team with its members',
        params: IdParamsSchema,
        response: { 200: TeamSchema, ...errors },
      },
    },
    async (request) => {
      const team = await loadTeamWithMembers(database.db, request.params.id);
      if (!team) throw notFound(`Team ${request.params.id}`);
      return toTeamDto(team);
    },
  );

  app.post(
    '/api/teams',
    {
      config: { access: 'write' },
      schema: {
        tags: ['teams'],
        summary:
          'Create a team. workingHours: ISO weekday "1" (Monday) … "7" to [["09:00","18:00"]] spans, in timeZone (IANA)',
        body: TeamCreateSchema,
        response: { 201: TeamSchema, 422: ProblemSchema, ...errors },
      },
    },
    async (request, reply) => {
      mustManage(request);
      try {
        const team = await createTeam(database, { ...request.body, at: deps.clock() });
        return reply.code(201).send(toTeamDto(team));
      } catch (error) {
        rethrow(error);
      }
    },
  );

  app.patch(
    '/api/teams/:id',
    {
      config: { access: 'write' },
      schema: {
        tags: ['teams'],
        summary: 'Change a team; memberIds replaces the whole membership',
        params: IdParamsSchema,
        body: TeamPatchSchema,
        response: { 200: TeamSchema, 422: ProblemSchema, ...errors },
      },
    },
    async (request) => {
      mustManage(request);
      try {
        return toTeamDto(
          await changeTeam(database, { id: request.params.id, patch: request.body, at: deps.clock() }),
        );
      } catch (error) {
        rethrow(error, request.params.id);
      }
    },
  );

  app.delete(
    '/api/teams/:id',
    {
      config: { access: 'write' },
      schema: {
        tags: ['teams'],
        summary: 'Delete a team (its members stay users)',
        params: IdParamsSchema,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      mustManage(request);
      try {
        await removeTeam(database.db, request.params.id);
      } catch (error) {
        rethrow(error, request.params.id);
      }
      return reply.code(204).send(null);
    },
  );
};
