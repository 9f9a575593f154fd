import { addWorkingMinutes, DEFAULT_SCHEDULE, type WorkSchedule } from '../domain/workingHours.ts';
import { invalid, notFound } from '../http/problem.ts';
import {
  type AssignmentRuleCreate,
  type AssignmentRulePatch,
  type RoutingMode,
  type RoutingSettings,
  RoutingSettingsSchema,
} from '../schemas/routing.ts';
import {
  channelExists,
  deleteRule,
  findRuleById,
  findTeamById,
  findUserById,
  insertRule,
  type RuleRow,
  type TeamRow,
  updateRule,
} from '../store/assignment.ts';
import type { Executor } from '../store/db.ts';
import { readSetting, writeSetting } from '../store/settings.ts';

const SETTINGS_KEY = 'routing';

export const DEFAULT_ROUTING_SETTINGS: RoutingSettings = {
  defaultMode: 'pool',
  channelModes: {},
  rulesFallback: 'pool',
  slaMinutes: 15,
  channelSlaMinutes: {},
  autoReassignOnMissedSla: false,
  escalateOnMissedSla: true,
  schedule: DEFAULT_SCHEDULE,
};

/** The stored routing settings over the defaults; a damaged row falls back to the defaults. */
export async function loadRoutingSettings(ex: Executor): Promise<RoutingSettings> {
  const stored = await readSetting(ex, SETTINGS_KEY);
  const parsed = RoutingSettingsSchema.safeParse({
    ...DEFAULT_ROUTING_SETTINGS,
    ...(stored && typeof stored === 'object' ? stored : {}),
  });
  return parsed.success ? parsed.data : DEFAULT_ROUTING_SETTINGS;
}

export async function saveRoutingSettings(ex: Executor, value: RoutingSettings, at: Date): Promise<void> {
  await writeSetting(ex, SETTINGS_KEY, value, at);
}

export function modeOfChannel(settings: RoutingSettings, channelId: string | null): RoutingMode {
  return (channelId ? settings.channelModes[channelId] : undefined) ?? settings.defaultMode;
}

export function slaMinutesOf(settings: RoutingSettings, channelId: string | null): number {
  return (channelId ? settings.channelSlaMinutes[channelId] : undefined) ?? settings.slaMinutes;
}

/** The team's working hours, or the default schedule for leads without a team. */
export function scheduleOf(settings: RoutingSettings, team: TeamRow | undefined): WorkSchedule {
  if (!team) return settings.schedule;
  return { timeZone: team.timeZone, hours: team.workingHours, holidays: team.holidays };
}

/**
 * The first-response deadline: the SLA's working minutes (per channel, else the default) counted
 * from the lead's arrival in the schedule that applies to it.
 */
export function firstResponseDueAt(options: {
  settings: RoutingSettings;
  team: TeamRow | undefined;
  channelId: string | null;
  arrivedAt: Date;
}): Date {
  return addWorkingMinutes(
    options.arrivedAt,
    slaMinutesOf(options.settings, options.channelId),
    scheduleOf(options.settings, options.team),
  );
}

// ---- Routing rules (heads and admins manage them; routes check canManageSales). ----

async function checkTarget(ex: Executor, target: AssignmentRuleCreate['target']): Promise<void> {
  if (target.type === 'user') {
    const user = await findUserById(ex, target.userId);
    if (!user?.active)
      throw invalid([
        { name: 'target.userId', reason: user ? `${user.name} is deactivated` : 'no such user' },
      ]);
  }
  if (target.type === 'team' && !(await findTeamById(ex, target.teamId))) {
    throw invalid([{ name: 'target.teamId', reason: 'no such team' }]);
  }
}

async function checkChannel(ex: Executor, channelId: string | null | undefined): Promise<void> {
  if (channelId && !(await channelExists(ex, channelId))) {
    throw invalid([{ name: 'channelId', reason: 'no such channel' }]);
  }
}

export async function createRule(ex: Executor, input: AssignmentRuleCreate, at: Date): Promise<RuleRow> {
  await checkTarget(ex, input.target);
  await checkChannel(ex, input.channelId);
  return insertRule(ex, { ...input, createdAt: at, updatedAt: at });
}

export async function changeRule(
  ex: Executor,
  id: string,
  patch: AssignmentRulePatch,
  at: Date,
): Promise<RuleRow> {
  if (!(await findRuleById(ex, id))) throw notFound(`Rule ${id}`);
  if (patch.target) await checkTarget(ex, patch.target);
  await checkChannel(ex, patch.channelId);
  const row = await updateRule(ex, id, { ...patch, updatedAt: at });
  if (!row) throw notFound(`Rule ${id}`);
  return row;
}

export async function removeRule(ex: Executor, id: string): Promise<void> {
  if (!(await deleteRule(ex, id))) throw notFound(`Rule ${id}`);
}
