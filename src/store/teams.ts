import { asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from './db.ts';
import { teamMembers, teams, users } from './schemaWorkflow.ts';

export type TeamRow = typeof teams.$inferSelect;
export type NewTeamRow = typeof teams.$inferInsert;
export type TeamMemberRow = {
  teamId: string;
  userId: string;
  name: string;
  email: string;
  role: (typeof users.$inferSelect)['role'];
  active: boolean;
};

export async function insertTeam(ex: Executor, row: NewTeamRow): Promise<TeamRow> {
  const [created] = await ex.insert(teams).values(row).returning();
  if (!created) throw new Error('team insert returned nothing');
  return created;
}

export async function findTeamById(ex: Executor, id: string): Promise<TeamRow | undefined> {
  const [row] = await ex.select().from(teams).where(eq(teams.id, id));
  return row;
}

export async function listTeams(ex: Executor): Promise<TeamRow[]> {
  return ex.select().from(teams).orderBy(asc(teams.name), asc(teams.id));
}

export async function updateTeam(
  ex: Executor,
  id: string,
  changes: Partial<NewTeamRow>,
): Promise<TeamRow | undefined> {
  const [row] = await ex.update(teams).set(changes).where(eq(teams.id, id)).returning();
  return row;
}

export async function deleteTeam(ex: Executor, id: string): Promise<boolean> {
  const rows = await ex.delete(teams).where(eq(teams.id, id)).returning({ id: teams.id });
  return rows.length > 0;
}

/** Members of the given teams with the user fields routing needs, by name. */
export async function listMembersOfTeams(ex: Executor, teamIds: string[]): Promise<TeamMemberRow[]> {
  if (teamIds.length === 0) return [];
  return ex
    .select({
      teamId: teamMembers.teamId,
      userId: teamMembers.userId,
      name: users.name,
      email: users.email,
      role: users.role,
      active: users.active,
    })
    .from(teamMembers)
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .where(inArray(teamMembers.teamId, teamIds))
    .orderBy(asc(users.name), asc(users.id));
}

/** Replaces a team's membership with exactly `userIds`. */
export async function replaceTeamMembers(ex: Executor, teamId: string, userIds: string[]): Promise<void> {
  await ex.delete(teamMembers).where(eq(teamMembers.teamId, teamId));
  if (userIds.length > 0) {
    await ex.insert(teamMembers).values(userIds.map((userId) => ({ teamId, userId })));
  }
}
