import { and, asc, eq, gt, inArray, lte, sql } from 'drizzle-orm';
import type { Role } from '../domain/permissions.ts';
import type { Executor } from './db.ts';
import { absences, users } from './schemaWorkflow.ts';

export type UserRow = typeof users.$inferSelect;
export type NewUserRow = typeof users.$inferInsert;
export type AbsenceRow = typeof absences.$inferSelect;

/** Emails are stored lower-cased, so lookups and the unique index ignore case. */
export const emailKey = (email: string): string => email.trim().toLowerCase();

export async function insertUser(ex: Executor, row: NewUserRow): Promise<UserRow> {
  const [created] = await ex
    .insert(users)
    .values({ ...row, email: emailKey(row.email) })
    .returning();
  if (!created) throw new Error('user insert returned nothing');
  return created;
}

export async function findUserById(ex: Executor, id: string): Promise<UserRow | undefined> {
  const [row] = await ex.select().from(users).where(eq(users.id, id));
  return row;
}

export async function findUserByEmail(ex: Executor, email: string): Promise<UserRow | undefined> {
  const [row] = await ex
    .select()
    .from(users)
    .where(eq(users.email, emailKey(email)));
  return row;
}

export async function findUsersByIds(ex: Executor, ids: string[]): Promise<UserRow[]> {
  if (ids.length === 0) return [];
  return ex.select().from(users).where(inArray(users.id, ids));
}

export async function listUsers(
  ex: Executor,
  filter: { role?: Role; active?: boolean } = {},
): Promise<UserRow[]> {
  return ex
    .select()
    .from(users)
    .where(
      and(
        filter.role ? eq(users.role, filter.role) : undefined,
        filter.active === undefined ? undefined : eq(users.active, filter.active),
      ),
    )
    .orderBy(asc(users.name), asc(users.id));
}

export async function listActiveUsersByRole(ex: Executor, role: Role): Promise<UserRow[]> {
  return listUsers(ex, { role, active: true });
}

export async function countUsers(ex: Executor): Promise<number> {
  const [row] = await ex.select({ n: sql<number>`count(*)::int` }).from(users);
  return Number(row?.n ?? 0);
}

export async function updateUser(
  ex: Executor,
  id: string,
  changes: Partial<NewUserRow>,
): Promise<UserRow | undefined> {
  const [row] = await ex
    .update(users)
    .set(changes.email ? { ...changes, email: emailKey(changes.email) } : changes)
    .where(eq(users.id, id))
    .returning();
  return row;
}

// ---- Absences: a user on leave gets nothing new while one covers the moment. ----

export async function insertAbsence(ex: Executor, row: typeof absences.$inferInsert): Promise<AbsenceRow> {
  const [created] = await ex.insert(absences).values(row).returning();
  if (!created) throw new Error('absence insert returned nothing');
  return created;
}

export async function listAbsencesOfUser(ex: Executor, userId: string): Promise<AbsenceRow[]> {
  return ex
    .select()
    .from(absences)
    .where(eq(absences.userId, userId))
    .orderBy(asc(absences.startsAt), asc(absences.id));
}

export async function deleteAbsence(ex: Executor, userId: string, id: string): Promise<boolean> {
  const rows = await ex
    .delete(absences)
    .where(and(eq(absences.id, id), eq(absences.userId, userId)))
    .returning({ id: absences.id });
  return rows.length > 0;
}

/** Which of the given users are on leave at `at` (starts_at inclusive, ends_at exclusive). */
export async function listAbsentUserIdsAt(ex: Executor, userIds: string[], at: Date): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await ex
    .selectDistinct({ userId: absences.userId })
    .from(absences)
    .where(and(inArray(absences.userId, userIds), lte(absences.startsAt, at), gt(absences.endsAt, at)));
  return new Set(rows.map((r) => r.userId));
}

export async function isUserAbsentAt(ex: Executor, userId: string, at: Date): Promise<boolean> {
  return (await listAbsentUserIdsAt(ex, [userId], at)).has(userId);
}
