import type { Principal, Role } from '../../domain/permissions.ts';
import type { UserCreate, UserPatch } from '../../schemas/user.ts';
import type { Database } from '../../store/db.ts';
import { deleteSessionsOfUser } from '../../store/sessions.ts';
import {
  emailKey,
  findUserByEmail,
  findUserById,
  insertUser,
  type UserRow,
  updateUser,
} from '../../store/users.ts';
import { generatePassword, hashPassword, verifyPassword } from './passwords.ts';

export class EmailTaken extends Error {}
export class UserNotFound extends Error {}
export class WrongPassword extends Error {}
/** A change an admin may not make to their own account (locking themself out). */
export class SelfLockout extends Error {}

/** A user acting in person (a cookie session): full scope, their role's rules. */
export function principalOfUser(user: Pick<UserRow, 'id' | 'name' | 'role'>): Principal {
  return {
    id: user.id,
    name: user.name,
    kind: 'user',
    scope: 'full',
    admin: user.role === 'admin',
    userId: user.id,
    role: user.role,
  };
}

/** Creates a user; without a password one is generated and returned once. */
export async function createUser(
  database: Database,
  input: UserCreate & { at: Date },
): Promise<{ user: UserRow; generatedPassword?: string }> {
  const generated = input.password ? undefined : generatePassword();
  const passwordHash = await hashPassword(input.password ?? (generated as string));
  return database.db.transaction(async (tx) => {
    if (await findUserByEmail(tx, input.email)) throw new EmailTaken(emailKey(input.email));
    const user = await insertUser(tx, {
      email: input.email,
      name: input.name,
      role: input.role,
      ...(input.locale ? { locale: input.locale } : {}),
      ...(input.workSchedule ? { workSchedule: input.workSchedule } : {}),
      passwordHash,
      createdAt: input.at,
      updatedAt: input.at,
    });
    return { user, ...(generated ? { generatedPassword: generated } : {}) };
  });
}

/**
 * An admin's change to a user. A password reset or a deactivation ends the user's sessions
 * (tokens of an inactive user stop resolving on their own).
 */
export async function updateUserByAdmin(
  database: Database,
  input: { id: string; patch: UserPatch; by: Principal; at: Date },
): Promise<UserRow> {
  const { patch } = input;
  const passwordHash = patch.password ? await hashPassword(patch.password) : undefined;
  return database.db.transaction(async (tx) => {
    const current = await findUserById(tx, input.id);
    if (!current) throw new UserNotFound(input.id);
    if (input.by.userId === current.id) {
      if (patch.active === false) throw new SelfLockout('you cannot deactivate yourself');
      if (patch.role && patch.role !== current.role) throw new SelfLockout('you cannot change your own role');
    }
    const updated = await updateUser(tx, current.id, {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.role !== undefined ? { role: patch.role as Role } : {}),
      ...(patch.active !== undefined ? { active: patch.active } : {}),
      ...(patch.locale !== undefined ? { locale: patch.locale } : {}),
      ...(patch.workSchedule !== undefined ? { workSchedule: patch.workSchedule } : {}),
      ...(passwordHash ? { passwordHash } : {}),
      updatedAt: input.at,
    });
    if (passwordHash || patch.active === false) await deleteSessionsOfUser(tx, current.id);
    return updated ?? current;
  });
}

/** The user's own password change; every other session of theirs ends. */
export async function changeOwnPassword(
  database: Database,
  input: { userId: string; currentPassword: string; newPassword: string; keepSessionId?: string; at: Date },
): Promise<void> {
  const user = await findUserById(database.db, input.userId);
  if (!user) throw new UserNotFound(input.userId);
  if (!user.passwordHash || !(await verifyPassword(input.currentPassword, user.passwordHash))) {
    throw new WrongPassword('the current password is not correct');
  }
  const passwordHash = await hashPassword(input.newPassword);
  await database.db.transaction(async (tx) => {
    await updateUser(tx, user.id, { passwordHash, updatedAt: input.at });
    await deleteSessionsOfUser(tx, user.id, input.keepSessionId);
  });
}
