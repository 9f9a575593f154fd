import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { canManageSales, canManageUsers, type Principal } from '../../domain/permissions.ts';
import { IdParamsSchema } from '../../schemas/common.ts';
import { ProblemSchema } from '../../schemas/problem.ts';
import {
  AbsenceCreateSchema,
  AbsenceParamsSchema,
  AbsenceSchema,
  RoleSchema,
  type User,
  UserCreatedSchema,
  UserCreateSchema,
  UserPatchSchema,
  UserSchema,
  VisibilitySettingsSchema,
} from '../../schemas/user.ts';
import {
  createUser,
  EmailTaken,
  SelfLockout,
  UserNotFound,
  updateUserByAdmin,
} from '../../services/auth/users.ts';
import { saveVisibilityPolicy, visibilityPolicyOf } from '../../services/auth/visibility.ts';
import {
  type AbsenceRow,
  deleteAbsence,
  findUserById,
  insertAbsence,
  listAbsencesOfUser,
  listUsers,
  type UserRow,
} from '../../store/users.ts';
import type { RouteDeps } from '../app.ts';
import { principalOf } from '../auth.ts';
import { iso } from '../dto.ts';
import { conflict, forbidden, notFound } from '../problem.ts';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };

export function toUserDto(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    locale: row.locale,
    active: row.active,
    workSchedule: row.workSchedule ?? null,
    hasPassword: row.passwordHash !== null,
    lastLoginAt: iso(row.lastLoginAt),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toAbsenceDto(row: AbsenceRow): z.infer<typeof AbsenceSchema> {
  return {
    id: row.id,
    userId: row.userId,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    reason: row.reason,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Heads see the people they distribute leads to; admins manage them. */
const canSeeUsers = (principal: Principal) => canManageUsers(principal) || canManageSales(principal);

export type UserRouteDeps = RouteDeps & { forgetCachedTokens: () => void };

/** Users and roles (admins), absences (sales heads), and the lead visibility setting (admins). */
export const userRoutes: FastifyPluginAsyncZod<UserRouteDeps> = async (app, deps) => {
  const { database } = deps;

  async function existingUser(id: string): Promise<UserRow> {
    const user = await findUserById(database.db, id);
    if (!user) throw notFound(`User ${id}`);
    return user;
  }

  app.get(
    '/api/users',
    {
      config: { access: 'read' },
      schema: {
        tags: ['users'],
        summary: 'Users by name (admins and sales heads)',
        querystring: z.object({
          role: RoleSchema.optional(),
          active: z.enum(['true', 'false']).optional(),
        }),
        response: { 200: z.object({ items: z.array(UserSchema) }), ...errors },
      },
    },
    async (request) => {
      if (!canSeeUsers(principalOf(request))) throw forbidden('Only admins and sales heads list users.');
      const { role, active } = request.query;
      const rows = await listUsers(database.db, {
        ...(role ? { role } : {}),
        ...(active ? { active: active === 'true' } : {}),
      });
      return { items: rows.map(toUserDto) };
    },
  );

  app.get(
    '/api/users/:id',
    {
      config: { access: 'read' },
      schema: {
        tags: ['users'],
        summary: 'One user (yourself, or anyone for admins and sales heads)',
        params: IdParamsSchema,
        response: { 200: UserSchema, ...errors },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      if (principal.userId !== request.params.id && !canSeeUsers(principal)) {
        throw forbidden('Only admins and sales heads see other users.');
      }
      return toUserDto(await existingUser(request.params.id));
    },
  );

  app.post(
    '/api/users',
    {
      config: { access: 'write' },
      schema: {
        tags: ['users'],
        summary: 'Create a user (admins); without a password a strong one is generated and shown once',
        body: UserCreateSchema,
        response: { 201: UserCreatedSchema, 409: ProblemSchema, 422: ProblemSchema, ...errors },
      },
    },
    async (request, reply) => {
      if (!canManageUsers(principalOf(request))) throw forbidden('Only admins create users.');
      try {
        const created = await createUser(database, { ...request.body, at: deps.clock() });
        return reply.code(201).send({
          user: toUserDto(created.user),
          ...(created.generatedPassword ? { generatedPassword: created.generatedPassword } : {}),
        });
      } catch (error) {
        if (error instanceof EmailTaken) {
          throw conflict(`A user with the email ${error.message} already exists.`, {
            invalid_params: [{ name: 'email', reason: 'is already used by another user' }],
          });
        }
        throw error;
      }
    },
  );

  app.patch(
    '/api/users/:id',
    {
      config: { access: 'write' },
      schema: {
        tags: ['users'],
        summary:
          'Change a user (admins): name, role, locale, active, own working hours, or reset the password (which ends their sessions)',
        params: IdParamsSchema,
        body: UserPatchSchema,
        response: { 200: UserSchema, 409: ProblemSchema, 422: ProblemSchema, ...errors },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      if (!canManageUsers(principal)) throw forbidden('Only admins change users.');
      try {
        const user = await updateUserByAdmin(database, {
          id: request.params.id,
          patch: request.body,
          by: principal,
          at: deps.clock(),
        });
        // Role and activity live in the cached token lookups: drop them now, not in 30 seconds.
        deps.forgetCachedTokens();
        return toUserDto(user);
      } catch (error) {
        if (error instanceof UserNotFound) throw notFound(`User ${request.params.id}`);
        if (error instanceof SelfLockout)
          throw conflict(`Not allowed on your own account: ${error.message}.`);
        throw error;
      }
    },
  );

  app.get(
    '/api/users/:id/absences',
    {
      config: { access: 'read' },
      schema: {
        tags: ['teams'],
        summary: "A user's absences (leave, sick days), earliest first",
        params: IdParamsSchema,
        response: { 200: z.object({ items: z.array(AbsenceSchema) }), ...errors },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      if (principal.userId !== request.params.id && !canManageSales(principal)) {
        throw forbidden("Only sales heads and admins see other users' absences.");
      }
      await existingUser(request.params.id);
      return { items: (await listAbsencesOfUser(database.db, request.params.id)).map(toAbsenceDto) };
    },
  );

  app.post(
    '/api/users/:id/absences',
    {
      config: { access: 'write' },
      schema: {
        tags: ['teams'],
        summary: 'Record an absence: the user gets no new leads while it lasts',
        params: IdParamsSchema,
        body: AbsenceCreateSchema,
        response: { 201: AbsenceSchema, 422: ProblemSchema, ...errors },
      },
    },
    async (request, reply) => {
      if (!canManageSales(principalOf(request)))
        throw forbidden('Only sales heads and admins record absences.');
      await existingUser(request.params.id);
      const row = await insertAbsence(database.db, {
        userId: request.params.id,
        startsAt: new Date(request.body.startsAt),
        endsAt: new Date(request.body.endsAt),
        reason: request.body.reason ?? null,
        createdAt: deps.clock(),
      });
      return reply.code(201).send(toAbsenceDto(row));
    },
  );

  app.delete(
    '/api/users/:id/absences/:absenceId',
    {
      config: { access: 'write' },
      schema: {
        tags: ['teams'],
        summary: 'Remove an absence',
        params: AbsenceParamsSchema,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      if (!canManageSales(principalOf(request)))
        throw forbidden('Only sales heads and admins remove absences.');
      const removed = await deleteAbsence(database.db, request.params.id, request.params.absenceId);
      if (!removed) throw notFound(`Absence ${request.params.absenceId}`);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/settings/visibility',
    {
      config: { access: 'read' },
      schema: {
        tags: ['users'],
        summary: 'Whether sales reps see every lead or only their own plus the unassigned pool',
        response: { 200: VisibilitySettingsSchema, ...errors },
      },
    },
    async () => visibilityPolicyOf(database.db, deps.config),
  );

  app.put(
    '/api/settings/visibility',
    {
      config: { access: 'write' },
      schema: {
        tags: ['users'],
        summary: 'Change lead visibility for sales reps (admins)',
        body: VisibilitySettingsSchema,
        response: { 200: VisibilitySettingsSchema, 422: ProblemSchema, ...errors },
      },
    },
    async (request) => {
      if (!canManageUsers(principalOf(request))) throw forbidden('Only admins change lead visibility.');
      await saveVisibilityPolicy(database.db, request.body, deps.clock());
      return visibilityPolicyOf(database.db, deps.config);
    },
  );
};
