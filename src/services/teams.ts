import type { TeamCreate, TeamPatch } from '../schemas/team.ts';
import type { Database, Executor } from '../store/db.ts';
import type { WorkingHours } from '../store/schemaWorkflow.ts';
import {
  deleteTeam,
  findTeamById,
  insertTeam,
  listMembersOfTeams,
  listTeams,
  replaceTeamMembers,
  type TeamMemberRow,
  type TeamRow,
  updateTeam,
} from '../store/teams.ts';
import { findUsersByIds } from '../store/users.ts';

export type TeamWithMembers = TeamRow & { members: TeamMemberRow[] };

export class TeamNotFound extends Error {}
export class InvalidTeam extends Error {
  constructor(readonly params: { name: string; reason: string }[]) {
    super(params.map((p) => `${p.name}: ${p.reason}`).join('; '));
  }
}

function withMembers(teams: TeamRow[], members: TeamMemberRow[]): TeamWithMembers[] {
  return teams.map((team) => ({ ...team, members: members.filter((m) => m.teamId === team.id) }));
}

/** Every team with its members (inactive members included; routing skips them by `active`). */
export async function loadTeamsWithMembers(ex: Executor): Promise<TeamWithMembers[]> {
  const teams = await listTeams(ex);
  return withMembers(
    teams,
    await listMembersOfTeams(
      ex,
      teams.map((t) => t.id),
    ),
  );
}

export async function loadTeamWithMembers(ex: Executor, id: string): Promise<TeamWithMembers | undefined> {
  const team = await findTeamById(ex, id);
  if (!team) return undefined;
  return withMembers([team], await listMembersOfTeams(ex, [team.id]))[0];
}

/** The head must be a head or an admin; members must exist. Both must be active. */
async function checkPeople(ex: Executor, input: { headId?: string | null; memberIds?: string[] }) {
  const ids = [...(input.headId ? [input.headId] : []), ...(input.memberIds ?? [])];
  const byId = new Map((await findUsersByIds(ex, ids)).map((u) => [u.id, u]));
  const problems: { name: string; reason: string }[] = [];
  if (input.headId) {
    const head = byId.get(input.headId);
    if (!head?.active) problems.push({ name: 'headId', reason: 'no such active user' });
    else if (head.role !== 'head' && head.role !== 'admin')
      problems.push({ name: 'headId', reason: `must be a sales head or an admin, not a ${head.role}` });
  }
  input.memberIds?.forEach((id, index) => {
    const member = byId.get(id);
    if (!member?.active) problems.push({ name: `memberIds.${index}`, reason: 'no such active user' });
  });
  if (problems.length > 0) throw new InvalidTeam(problems);
}

const normalizeHours = (hours: TeamCreate['workingHours']): WorkingHours =>
  Object.fromEntries(
    Object.entries(hours).map(([day, spans]) => [
      day,
      [...(spans ?? [])].sort((a, b) => a[0].localeCompare(b[0])),
    ]),
  );

export async function createTeam(
  database: Database,
  input: TeamCreate & { at: Date },
): Promise<TeamWithMembers> {
  return database.db.transaction(async (tx) => {
    await checkPeople(tx, input);
    const team = await insertTeam(tx, {
      name: input.name,
      headId: input.headId,
      timeZone: input.timeZone,
      workingHours: normalizeHours(input.workingHours),
      holidays: [...new Set(input.holidays)].sort(),
      assignmentMethod: input.assignmentMethod,
      onlyWorkingHours: input.onlyWorkingHours,
      createdAt: input.at,
      updatedAt: input.at,
    });
    await replaceTeamMembers(tx, team.id, [...new Set(input.memberIds)]);
    return { ...team, members: await listMembersOfTeams(tx, [team.id]) };
  });
}

export async function changeTeam(
  database: Database,
  input: { id: string; patch: TeamPatch; at: Date },
): Promise<TeamWithMembers> {
  const { patch } = input;
  return database.db.transaction(async (tx) => {
    const current = await findTeamById(tx, input.id);
    if (!current) throw new TeamNotFound(input.id);
    await checkPeople(tx, patch);
    const team = await updateTeam(tx, current.id, {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.headId !== undefined ? { headId: patch.headId } : {}),
      ...(patch.timeZone !== undefined ? { timeZone: patch.timeZone } : {}),
      ...(patch.workingHours !== undefined ? { workingHours: normalizeHours(patch.workingHours) } : {}),
      ...(patch.holidays !== undefined ? { holidays: [...new Set(patch.holidays)].sort() } : {}),
      ...(patch.assignmentMethod !== undefined ? { assignmentMethod: patch.assignmentMethod } : {}),
      ...(patch.onlyWorkingHours !== undefined ? { onlyWorkingHours: patch.onlyWorkingHours } : {}),
      updatedAt: input.at,
    });
    if (patch.memberIds !== undefined)
      await replaceTeamMembers(tx, current.id, [...new Set(patch.memberIds)]);
    return { ...(team ?? current), members: await listMembersOfTeams(tx, [current.id]) };
  });
}

/** Removes a team and its memberships; leads keep their team_id as history. */
export async function removeTeam(ex: Executor, id: string): Promise<void> {
  if (!(await deleteTeam(ex, id))) throw new TeamNotFound(id);
}
