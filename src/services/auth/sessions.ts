import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Principal } from '../../domain/permissions.ts';
import type { Executor } from '../../store/db.ts';
import {
  deleteExpiredSessionsOfUser,
  deleteSession,
  findLiveSession,
  insertSession,
  touchSession,
} from '../../store/sessions.ts';
import { findUserByEmail, type UserRow, updateUser } from '../../store/users.ts';
import { verifyAgainstDecoy, verifyPassword } from './passwords.ts';
import { principalOfUser } from './users.ts';

export const SESSION_COOKIE = 'leadflow_session';
const DAY_MS = 24 * 60 * 60 * 1000;
// last_seen_at is informational: writing it on every request would turn reads into writes.
const TOUCH_EVERY_MS = 5 * 60 * 1000;

/** Only a hash of the cookie's secret is stored, so a leaked sessions table opens no session. */
export const sessionIdOf = (secret: string): string => createHash('sha256').update(secret).digest('hex');

export type OpenedSession = { secret: string; csrfToken: string; expiresAt: Date };

export async function openSession(
  ex: Executor,
  input: { userId: string; at: Date; days: number },
): Promise<OpenedSession> {
  const secret = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const expiresAt = new Date(input.at.getTime() + input.days * DAY_MS);
  await insertSession(ex, {
    id: sessionIdOf(secret),
    userId: input.userId,
    csrfToken,
    createdAt: input.at,
    lastSeenAt: input.at,
    expiresAt,
  });
  return { secret, csrfToken, expiresAt };
}

/**
 * Password login. The same null for an unknown email, a wrong password, a user without a password
 * and a deactivated user, after the same amount of work, so the reply tells nothing about which.
 */
export async function logIn(
  ex: Executor,
  input: { email: string; password: string; at: Date; days: number },
): Promise<{ user: UserRow; session: OpenedSession } | null> {
  const user = await findUserByEmail(ex, input.email);
  const matches = user?.passwordHash
    ? await verifyPassword(input.password, user.passwordHash)
    : await verifyAgainstDecoy(input.password);
  if (!user || !matches || !user.active) return null;
  await deleteExpiredSessionsOfUser(ex, user.id, input.at);
  const session = await openSession(ex, { userId: user.id, at: input.at, days: input.days });
  const updated = await updateUser(ex, user.id, { lastLoginAt: input.at });
  return { user: updated ?? user, session };
}

export async function logOut(ex: Executor, secret: string): Promise<void> {
  await deleteSession(ex, sessionIdOf(secret));
}

export type SessionContext = { id: string; csrfToken: string; userId: string };

/** Resolves a session cookie to the user's principal; expired sessions and inactive users fail. */
export function createSessionVerifier(options: { db: Executor; clock: () => Date }) {
  return async function verifySession(
    secret: string,
  ): Promise<{ principal: Principal; session: SessionContext } | null> {
    const at = options.clock();
    const id = sessionIdOf(secret);
    const found = await findLiveSession(options.db, id, at);
    if (!found) return null;
    if (at.getTime() - found.session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
      await touchSession(options.db, id, at);
    }
    return {
      principal: principalOfUser(found.user),
      session: { id, csrfToken: found.session.csrfToken, userId: found.user.id },
    };
  };
}

/** Constant-time comparison of the CSRF header with the session's token. */
export function csrfTokenMatches(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
