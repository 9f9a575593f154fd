import { and, asc, eq, gt, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Executor } from './db.ts';
import { channels, contacts, leads } from './schema.ts';
import { absences, assignmentRules, teamMembers, teams, users } from './schemaWorkflow.ts';
import { queryRows } from './sql.ts';

// Queries of routing: rules, teams and their members (read directly here while the
// users/teams part of the API is built elsewhere), loads, and the lead updates of assignment.

export type RuleRow = typeof assignmentRules.$inferSelect;
export type NewRuleRow = typeof assignmentRules.$inferInsert;
export type TeamRow = typeof teams.$inferSelect;
export type UserRow = typeof users.$inferSelect;

export async function listRules(ex: Executor): Promise<RuleRow[]> {
  return ex.select().from(assignmentRules).orderBy(asc(assignmentRules.position), asc(assignmentRules.id));
}

export async function findRuleById(ex: Executor, id: string): Promise<RuleRow | undefined> {
  const [row] = await ex.select().from(assignmentRules).where(eq(assignmentRules.id, id));
  return row;
}

export async function insertRule(ex: Executor, row: NewRuleRow): Promise<RuleRow> {
  const [inserted] = await ex.insert(assignmentRules).values(row).returning();
  if (!inserted) throw new Error('rule insert returned nothing');
  return inserted;
}

export async function updateRule(
  ex: Executor,
  id: string,
  changes: Partial<NewRuleRow>,
): Promise<RuleRow | undefined> {
  const [row] = await ex.update(assignmentRules).set(changes).where(eq(assignmentRules.id, id)).returning();
  return row;
}

export async function deleteRule(ex: Executor, id: string): Promise<boolean> {
  const rows = await ex
    .delete(assignmentRules)
    .where(eq(assignmentRules.id, id))
    .returning({ id: assignmentRules.id });
  return rows.length > 0;
}

export async function findUserById(ex: Executor, id: string): Promise<UserRow | undefined> {
  const [row] = await ex.select().from(users).where(eq(users.id, id));
  return row;
}

export async function findTeamById(ex: Executor, id: string): Promise<TeamRow | undefined> {
  const [row] = await ex.select().from(teams).where(eq(teams.id, id));
  return row;
}

/** Locks the team so two leads routed at once do not both take the same round-robin turn. */
export async function lockTeamById(ex: Executor, id: string): Promise<TeamRow | undefined> {
  const [row] = await ex.select().from(teams).where(eq(teams.id, id)).for('update');
  return row;
}

export async function setRoundRobinCursor(ex: Executor, teamId: string, userId: string): Promise<void> {
  await ex.update(teams).set({ lastAssignedUserId: userId }).where(eq(teams.id, teamId));
}

/** Active members of a team in a stable order (when they joined the user base, then id). */
export async function listActiveTeamMembers(ex: Executor, teamId: string): Promise<UserRow[]> {
  const rows = await ex
    .select({ user: users })
    .from(teamMembers)
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .where(and(eq(teamMembers.teamId, teamId), eq(users.active, true)))
    .orderBy(asc(users.createdAt), asc(users.id));
  return rows.map((r) => r.user);
}

/** The first team a user belongs to, for leads given to a rep directly. */
export async function findTeamOfUser(ex: Executor, userId: string): Promise<TeamRow | undefined> {
  const [row] = await ex
    .select({ team: teams })
    .from(teamMembers)
    .innerJoin(teams, eq(teams.id, teamMembers.teamId))
    .where(eq(teamMembers.userId, userId))
    .orderBy(asc(teams.createdAt), asc(teams.id))
    .limit(1);
  return row?.team;
}

/** The first active sales head, who gets "assign an owner" tasks of leads without a team. */
export async function findFirstActiveHead(ex: Executor): Promise<UserRow | undefined> {
  const [row] = await ex
    .select()
    .from(users)
    .where(and(eq(users.role, 'head'), eq(users.active, true)))
    .orderBy(asc(users.createdAt), asc(users.id))
    .limit(1);
  return row;
}

/** Which of the users are away at the instant (an absence covering it). */
export async function findAbsentUserIds(ex: Executor, userIds: string[], at: Date): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await ex
    .select({ userId: absences.userId })
    .from(absences)
    .where(and(inArray(absences.userId, userIds), lte(absences.startsAt, at), gt(absences.endsAt, at)));
  return new Set(rows.map((r) => r.userId));
}

/** Leads and clients in work per user: open leads owned (not converted, refused or junk) plus contacts owned. */
export async function loadOfUsers(ex: Executor, userIds: string[]): Promise<Map<string, number>> {
  const load = new Map(userIds.map((id) => [id, 0]));
  if (userIds.length === 0) return load;
  const rows = await queryRows<{ owner_id: string; n: number | string }>(
    ex,
    sql`SELECT owner_id, count(*) AS n FROM (
          SELECT ${leads.ownerId} AS owner_id FROM ${leads}
          WHERE ${inArray(leads.ownerId, userIds)} AND ${isNull(leads.mergedIntoId)}
            AND ${leads.status} NOT IN ('converted', 'refused', 'junk')
          UNION ALL
          SELECT ${contacts.ownerId} AS owner_id FROM ${contacts} WHERE ${inArray(contacts.ownerId, userIds)}
        ) owned GROUP BY owner_id`,
  );
  for (const row of rows) load.set(row.owner_id, Number(row.n));
  return load;
}

export async function channelExists(ex: Executor, channelId: string): Promise<boolean> {
  const [row] = await ex.select({ id: channels.id }).from(channels).where(eq(channels.id, channelId));
  return row !== undefined;
}

/** Every channel's code by id (channels are few): routing names a lead's first task by it. */
export async function listChannelCodes(ex: Executor): Promise<Map<string | null, string | null>> {
  const rows = await ex.select({ id: channels.id, code: channels.code }).from(channels);
  return new Map(rows.map((row) => [row.id, row.code]));
}

export async function findChannelCode(ex: Executor, channelId: string | null): Promise<string | null> {
  if (!channelId) return null;
  const [row] = await ex.select({ code: channels.code }).from(channels).where(eq(channels.id, channelId));
  return row?.code ?? null;
}

/**
 * Locks up to `limit` leads still waiting for routing, skipping rows another router holds, so the
 * capture follow-up and the scheduler's catch-up never route one lead twice.
 */
export async function lockUnroutedLeads(
  ex: Executor,
  options: { ids?: string[]; limit: number },
): Promise<(typeof leads.$inferSelect)[]> {
  if (options.ids && options.ids.length === 0) return [];
  return ex
    .select()
    .from(leads)
    .where(and(isNull(leads.routedAt), options.ids ? inArray(leads.id, options.ids) : undefined))
    .orderBy(asc(leads.createdAt), asc(leads.id))
    .limit(options.limit)
    .for('update', { skipLocked: true });
}

/**
 * Takes an unowned lead for a user in one conditional UPDATE: of two claims at once, the second
 * finds owner_id already set (PostgreSQL re-checks the WHERE after the first commits) and gets nothing.
 */
export async function claimUnownedLead(
  ex: Executor,
  leadId: string,
  userId: string,
  at: Date,
): Promise<{ id: string; teamId: string | null } | undefined> {
  const [row] = await ex
    .update(leads)
    .set({ ownerId: userId, assignedAt: at, updatedAt: at })
    .where(and(eq(leads.id, leadId), isNull(leads.ownerId), isNull(leads.mergedIntoId)))
    .returning({ id: leads.id, teamId: leads.teamId });
  return row;
}
