import { v7 as uuidv7 } from 'uuid';
import {
  firstTaskOf,
  type LeadAttributes,
  matchRule,
  pickLeastLoaded,
  pickRoundRobin,
  type Target,
} from '../domain/assignment.ts';
import { actorOf, canAssignLeads, type Principal } from '../domain/permissions.ts';
import { addWorkingMinutes, isWithinWorkingHours } from '../domain/workingHours.ts';
import { conflict, forbidden, invalid, notFound } from '../http/problem.ts';
import type { RoutingSettings } from '../schemas/routing.ts';
import {
  claimUnownedLead,
  findAbsentUserIds,
  findChannelCode,
  findFirstActiveHead,
  findTeamById,
  findTeamOfUser,
  findUserById,
  listActiveTeamMembers,
  listChannelCodes,
  listRules,
  loadOfUsers,
  lockTeamById,
  lockUnroutedLeads,
  type RuleRow,
  setRoundRobinCursor,
  type TeamRow,
} from '../store/assignment.ts';
import type { Database, Executor } from '../store/db.ts';
import { findLeadById, type LeadRow, lockLeadById, updateLead } from '../store/leads.ts';
import type { NewNotificationRow } from '../store/notifications.ts';
import {
  closeAssignOwnerTasks,
  insertTask,
  lockLeadsWithMissedSla,
  moveOpenLeadTasks,
  type NewTaskRow,
  updateTask,
} from '../store/tasks.ts';
import { insertTimelineEvents, type NewTimelineRow } from '../store/timeline.ts';
import { type Notice, notifyUser } from './notifications.ts';
import {
  firstResponseDueAt,
  loadRoutingSettings,
  modeOfChannel,
  scheduleOf,
  slaMinutesOf,
} from './routingSettings.ts';

// Routing: who owns a new lead and what the first task is. Runs in the capture transaction, before
// the leads are written, and as a catch-up from the scheduler for leads capture could not route;
// leads.routed_at marks a lead done so nothing routes twice.

export type RoutingDeps = { database: Database; clock: () => Date };

const ROUTER_ACTOR = 'system:routing';
const SLA_ACTOR = 'system:sla';

/** What a notice or task calls the lead: the person, else the company. */
const nameOf = (lead: LeadRow): string | null => lead.fullName || lead.company || null;

export function attributesOf(lead: LeadRow): LeadAttributes {
  return {
    interest: lead.interest,
    region: lead.region,
    language: lead.language,
    channelId: lead.channelId,
    campaignId: lead.campaignId,
    score: lead.score,
    kind: lead.kind,
    company: lead.company,
    position: lead.position,
    temperature: lead.temperature,
    address: lead.address,
    custom: lead.custom,
    attribution: lead.attribution as Record<string, unknown>,
  };
}

/**
 * A rep of the team who can take a lead now: present, and, when the team assigns only in working
 * hours, within them and within the rep's own hours if the rep has any.
 */
async function chooseTeamMember(
  ex: Executor,
  team: TeamRow,
  options: { at: Date; settings: RoutingSettings; exclude?: string },
): Promise<string | undefined> {
  const members = (await listActiveTeamMembers(ex, team.id)).filter((u) => u.role === 'rep');
  if (team.onlyWorkingHours && !isWithinWorkingHours(options.at, scheduleOf(options.settings, team))) {
    return undefined;
  }
  const absent = await findAbsentUserIds(
    ex,
    members.map((m) => m.id),
    options.at,
  );
  const onShift = (member: (typeof members)[number]) =>
    !team.onlyWorkingHours || !member.workSchedule || isWithinWorkingHours(options.at, member.workSchedule);
  const available = members
    .filter((m) => onShift(m) && !absent.has(m.id) && m.id !== options.exclude)
    .map((m) => m.id);
  if (available.length === 0) return undefined;
  if (team.assignmentMethod === 'round_robin') {
    const chosen = pickRoundRobin(
      members.map((m) => m.id),
      available,
      team.lastAssignedUserId,
    );
    if (chosen) await setRoundRobinCursor(ex, team.id, chosen);
    return chosen;
  }
  const load = await loadOfUsers(ex, available);
  return pickLeastLoaded(available.map((userId) => ({ userId, load: load.get(userId) ?? 0 })));
}

/** What one routing run (a capture batch, a catch-up) reads once for all its leads. */
export type RoutingContext = {
  settings: RoutingSettings;
  /** Every channel's code by id; a channel added since is looked up when met. */
  channelCodes: Map<string | null, string | null>;
  /** Read when a lead first needs them. */
  rules?: RuleRow[];
};

export async function loadRoutingContext(ex: Executor): Promise<RoutingContext> {
  const [settings, channelCodes] = await Promise.all([loadRoutingSettings(ex), listChannelCodes(ex)]);
  return { settings, channelCodes };
}

/** Spam, invalid and merged leads are kept and visible, but nobody is asked to work them. */
const isWorked = (lead: LeadRow): boolean => !(lead.spam || !lead.valid || lead.mergedIntoId);

type Placement = {
  ownerId: string | null;
  team: TeamRow | undefined;
  /** The lead waits for a head to pick an owner. */
  manual: boolean;
  how: Record<string, unknown>;
};

async function isAvailable(ex: Executor, userId: string, at: Date): Promise<boolean> {
  const user = await findUserById(ex, userId);
  if (!user?.active) return false;
  return !(await findAbsentUserIds(ex, [userId], at)).has(userId);
}

async function place(ex: Executor, lead: LeadRow, context: RoutingContext, at: Date): Promise<Placement> {
  const { settings } = context;
  const mode = modeOfChannel(settings, lead.channelId);
  let target: Target;
  let ruleId: string | null = null;
  if (mode === 'rules') {
    context.rules ??= await listRules(ex);
    const rule = matchRule(context.rules, attributesOf(lead));
    ruleId = rule?.id ?? null;
    target = rule?.target ?? { type: settings.rulesFallback };
  } else {
    target = { type: mode };
  }
  const how: Record<string, unknown> = {
    mode,
    ruleId,
    target: target.type,
    ...(mode === 'rules' && !ruleId ? { fallback: settings.rulesFallback, reason: 'no_rule_matched' } : {}),
  };
  const fallback = (reason: string): Placement => ({
    ownerId: null,
    team: undefined,
    manual: settings.rulesFallback === 'manual',
    how: { ...how, fallback: settings.rulesFallback, reason },
  });
  switch (target.type) {
    case 'pool':
      return { ownerId: null, team: undefined, manual: false, how };
    case 'manual':
      return { ownerId: null, team: undefined, manual: true, how };
    case 'user': {
      if (!(await isAvailable(ex, target.userId, at))) return fallback('user_unavailable');
      return { ownerId: target.userId, team: await findTeamOfUser(ex, target.userId), manual: false, how };
    }
    case 'team': {
      const team = await lockTeamById(ex, target.teamId);
      if (!team) return fallback('team_missing');
      const ownerId = await chooseTeamMember(ex, team, { at, settings });
      // Nobody in the team can take it now: the team's head picks an owner.
      if (!ownerId)
        return { ownerId: null, team, manual: true, how: { ...how, reason: 'no_member_available' } };
      return { ownerId, team, manual: false, how: { ...how, method: team.assignmentMethod } };
    }
  }
}

/** What routing decided for one lead: the lead's new columns and the rows to add beside it. */
type RoutePlan = {
  patch: Partial<Pick<LeadRow, 'ownerId' | 'teamId' | 'assignedAt' | 'routedAt' | 'updatedAt'>>;
  tasks: NewTaskRow[];
  timeline: NewTimelineRow[];
  /** The new owner hears of the lead. */
  notice?: Notice & { at: Date; leadId: string; dedupKey: string };
};

/**
 * Decides where an unrouted lead goes and what its first task is, reading (and for round robin
 * moving) team state in the caller's transaction, but writing nothing of the lead's own: the
 * capture batch inserts its leads already routed, the catch-up updates them.
 */
async function planRoute(ex: Executor, lead: LeadRow, context: RoutingContext, at: Date): Promise<RoutePlan> {
  const { settings } = context;
  if (!isWorked(lead)) {
    return {
      patch: { routedAt: at },
      tasks: [],
      timeline: [
        {
          leadId: lead.id,
          at,
          actor: ROUTER_ACTOR,
          type: 'routing_skipped',
          data: { reason: lead.spam ? 'spam' : lead.mergedIntoId ? 'merged' : 'invalid' },
        },
      ],
    };
  }
  const placement: Placement = lead.ownerId
    ? {
        ownerId: lead.ownerId,
        team: lead.teamId ? await findTeamById(ex, lead.teamId) : undefined,
        manual: false,
        how: { mode: 'already_owned' },
      }
    : await place(ex, lead, context, at);
  const dueAt = firstResponseDueAt({
    settings,
    team: placement.team,
    channelId: lead.channelId,
    arrivedAt: lead.createdAt,
  });
  if (!context.channelCodes.has(lead.channelId)) {
    context.channelCodes.set(lead.channelId, await findChannelCode(ex, lead.channelId));
  }
  const first = firstTaskOf({ ...lead, channelCode: context.channelCodes.get(lead.channelId) ?? null });
  const taskId = uuidv7();
  const headTaskId = placement.manual ? uuidv7() : null;
  const headId = placement.manual
    ? (placement.team?.headId ?? (await findFirstActiveHead(ex))?.id ?? null)
    : null;
  const assigned = placement.ownerId !== null && !lead.ownerId;
  const tasks: NewTaskRow[] = [
    {
      id: taskId,
      leadId: lead.id,
      type: first.type,
      title: first.title,
      dueAt,
      assigneeId: placement.ownerId,
      firstResponse: true,
      createdBy: ROUTER_ACTOR,
      createdAt: at,
      updatedAt: at,
    },
  ];
  if (headTaskId) {
    tasks.push({
      id: headTaskId,
      leadId: lead.id,
      type: 'assign_owner',
      title: `Assign an owner: ${nameOf(lead) ?? 'new lead'}`,
      dueAt,
      assigneeId: headId,
      // Set, not left to the column default: the batch insert writes every row's columns alike.
      firstResponse: false,
      createdBy: ROUTER_ACTOR,
      createdAt: at,
      updatedAt: at,
    });
  }
  const timeline: NewTimelineRow[] = [
    {
      leadId: lead.id,
      at,
      actor: ROUTER_ACTOR,
      type: 'routed',
      data: {
        ...placement.how,
        ownerId: placement.ownerId,
        teamId: placement.team?.id ?? null,
        taskId,
        dueAt: dueAt.toISOString(),
        ...(headTaskId ? { assignOwnerTaskId: headTaskId } : {}),
      },
    },
  ];
  if (assigned) {
    timeline.push({
      leadId: lead.id,
      at,
      actor: ROUTER_ACTOR,
      type: 'owner_changed',
      data: { from: null, to: placement.ownerId, reason: 'routing' },
    });
  }
  return {
    patch: {
      ownerId: placement.ownerId,
      teamId: placement.team?.id ?? lead.teamId,
      assignedAt: placement.ownerId ? (lead.assignedAt ?? at) : null,
      routedAt: at,
      updatedAt: at,
    },
    tasks,
    timeline,
    ...(assigned && placement.ownerId
      ? {
          notice: {
            recipientId: placement.ownerId,
            type: 'lead_assigned',
            leadId: lead.id,
            data: { reason: 'routing', taskId, dueAt: dueAt.toISOString(), leadName: nameOf(lead) },
            dedupKey: `lead_assigned:${lead.id}:${placement.ownerId}:routing`,
            at,
          },
        }
      : {}),
  };
}

/** Routes one locked, unrouted, stored lead in the caller's transaction (the catch-up). */
async function routeStoredLead(
  ex: Executor,
  lead: LeadRow,
  context: RoutingContext,
  at: Date,
): Promise<LeadRow> {
  const plan = await planRoute(ex, lead, context, at);
  // The writes do not depend on each other: sent together, they share one round trip on
  // PostgreSQL (postgres.js pipelines the queries of a transaction) instead of one each.
  const [routed] = await Promise.all([
    updateLead(ex, lead.id, plan.patch),
    ...plan.tasks.map((task) => insertTask(ex, task)),
    insertTimelineEvents(ex, plan.timeline),
    plan.notice ? notifyUser(ex, plan.notice) : undefined,
  ]);
  return routed ?? lead;
}

/** What routing adds to a capture batch besides the columns it set on the leads. */
export type NewLeadRouting = {
  tasks: NewTaskRow[];
  timeline: NewTimelineRow[];
  notices: NewNotificationRow[];
};

/**
 * Whether routing these leads reads the database beyond the batch's context: only leads to be
 * worked whose channel is routed other than to the pool (rules, teams, a head to assign them).
 */
export function routingReadsDatabase(newLeads: LeadRow[], context: RoutingContext): boolean {
  return newLeads.some(
    (lead) => isWorked(lead) && modeOfChannel(context.settings, lead.channelId) !== 'pool',
  );
}

/**
 * Routes the leads a capture batch is about to insert, in its transaction: each row gets its owner,
 * team and routed_at before it is written, so a lead is stored once rather than inserted and then
 * updated (an update rewrites every index of the row). The new owners' notices are emailed by the
 * email-capture-notices job, as capture looks up no recipients.
 */
export async function routeNewLeads(
  ex: Executor,
  newLeads: LeadRow[],
  context: RoutingContext,
  at: Date,
): Promise<NewLeadRouting> {
  const routing: NewLeadRouting = { tasks: [], timeline: [], notices: [] };
  for (const lead of newLeads) {
    const plan = await planRoute(ex, lead, context, at);
    Object.assign(lead, plan.patch);
    routing.tasks.push(...plan.tasks);
    routing.timeline.push(...plan.timeline);
    if (plan.notice) {
      const { recipientId, type, leadId, data, dedupKey } = plan.notice;
      routing.notices.push({ recipientId, type, leadId, data, dedupKey, createdAt: at, emailPending: true });
    }
  }
  return routing;
}

async function routeLocked(
  database: Database,
  at: Date,
  options: { ids?: string[]; limit: number },
): Promise<LeadRow[]> {
  return database.db.transaction(async (tx) => {
    const rows = await lockUnroutedLeads(tx, options);
    if (rows.length === 0) return [];
    const context = await loadRoutingContext(tx);
    const routed: LeadRow[] = [];
    for (const lead of rows) routed.push(await routeStoredLead(tx, lead, context, at));
    return routed;
  });
}

/** Catch-up for the scheduler: routes up to `limit` leads that capture could not route (a crash, an error). */
export async function routeUnroutedLeads(deps: RoutingDeps, limit = 100): Promise<number> {
  return (await routeLocked(deps.database, deps.clock(), { limit })).length;
}

/**
 * Gives a lead to another owner (null: back to the pool), in the caller's transaction: its open
 * work tasks follow, "assign an owner" tasks close, and the timeline keeps from/to/reason.
 */
export async function reassignLead(
  ex: Executor,
  leadId: string,
  toUserId: string | null,
  change: { actor: string; reason: string; at: Date },
): Promise<LeadRow> {
  const lead = await lockLeadById(ex, leadId);
  if (!lead) throw notFound(`Lead ${leadId}`);
  if (lead.ownerId === toUserId) return lead;
  const { at, actor, reason } = change;
  let teamId = lead.teamId;
  if (toUserId) {
    // The lead stays with its team when the new owner is in it, else follows the owner's team.
    const inTeam =
      teamId !== null && (await listActiveTeamMembers(ex, teamId)).some((u) => u.id === toUserId);
    if (!inTeam) teamId = (await findTeamOfUser(ex, toUserId))?.id ?? null;
  }
  const updated = await updateLead(ex, leadId, {
    ownerId: toUserId,
    teamId,
    assignedAt: toUserId ? at : null,
    updatedAt: at,
  });
  const movedTaskIds = await moveOpenLeadTasks(ex, leadId, lead.ownerId, toUserId, at);
  const closed = toUserId
    ? await closeAssignOwnerTasks(ex, leadId, { result: `Owner assigned (${reason})`, at, by: actor })
    : [];
  await insertTimelineEvents(ex, [
    {
      leadId,
      at,
      actor,
      type: 'owner_changed',
      data: { from: lead.ownerId, to: toUserId, reason, movedTaskIds, closedTaskIds: closed },
    },
  ]);
  if (toUserId) {
    await notifyUser(ex, {
      recipientId: toUserId,
      type: 'lead_assigned',
      leadId,
      data: { from: lead.ownerId, reason, leadName: nameOf(lead) },
      dedupKey: `lead_assigned:${leadId}:${toUserId}:${at.toISOString()}`,
      at,
    });
  }
  return updated ?? lead;
}

/** POST /api/leads/:id/claim: a rep takes an unowned lead; of two at once, one wins and the other learns who. */
export async function claimLead(
  database: Database,
  options: { leadId: string; principal: Principal; at: Date },
): Promise<{ leadId: string; ownerId: string; assignedAt: Date }> {
  const { principal, leadId, at } = options;
  const userId = principal.userId;
  if (principal.scope !== 'full' || principal.role !== 'rep' || !userId) {
    throw forbidden('Only reps take leads from the pool; heads and admins assign them.');
  }
  return database.db.transaction(async (tx) => {
    const claimed = await claimUnownedLead(tx, leadId, userId, at);
    if (!claimed) {
      const lead = await findLeadById(tx, leadId);
      if (!lead) throw notFound(`Lead ${leadId}`);
      if (lead.mergedIntoId)
        throw conflict('The lead was merged into another lead.', { mergedIntoId: lead.mergedIntoId });
      const owner = lead.ownerId ? await findUserById(tx, lead.ownerId) : undefined;
      throw conflict(`The lead is already taken by ${owner?.name ?? 'someone else'}.`, {
        ownerId: lead.ownerId,
        ownerName: owner?.name ?? null,
      });
    }
    const actor = actorOf(principal);
    const movedTaskIds = await moveOpenLeadTasks(tx, leadId, null, userId, at);
    const closed = await closeAssignOwnerTasks(tx, leadId, { result: 'Claimed by a rep', at, by: actor });
    await insertTimelineEvents(tx, [
      {
        leadId,
        at,
        actor,
        type: 'owner_changed',
        data: { from: null, to: userId, reason: 'claimed', movedTaskIds, closedTaskIds: closed },
      },
    ]);
    return { leadId, ownerId: userId, assignedAt: at };
  });
}

/** POST /api/leads/:id/assign: a head or admin gives the lead to an active, present user (or the pool). */
export async function assignLead(
  database: Database,
  options: { leadId: string; ownerId: string | null; reason?: string; principal: Principal; at: Date },
): Promise<{
  leadId: string;
  ownerId: string | null;
  previousOwnerId: string | null;
  assignedAt: Date | null;
}> {
  const { principal, leadId, ownerId, at } = options;
  if (!canAssignLeads(principal)) throw forbidden('Only sales heads and admins assign leads.');
  return database.db.transaction(async (tx) => {
    if (ownerId) {
      const user = await findUserById(tx, ownerId);
      if (!user) throw invalid([{ name: 'ownerId', reason: 'no such user' }]);
      if (!user.active) throw invalid([{ name: 'ownerId', reason: `${user.name} is deactivated` }]);
      if (user.role === 'marketer')
        throw invalid([{ name: 'ownerId', reason: `${user.name} is not in sales` }]);
      if ((await findAbsentUserIds(tx, [ownerId], at)).has(ownerId)) {
        throw invalid([{ name: 'ownerId', reason: `${user.name} is absent now` }]);
      }
    }
    const before = await findLeadById(tx, leadId);
    if (!before) throw notFound(`Lead ${leadId}`);
    const after = await reassignLead(tx, leadId, ownerId, {
      actor: actorOf(principal),
      reason: options.reason ?? (ownerId ? 'assigned' : 'returned_to_pool'),
      at,
    });
    return { leadId, ownerId: after.ownerId, previousOwnerId: before.ownerId, assignedAt: after.assignedAt };
  });
}

/**
 * For the scheduler: when enabled in the routing settings, leads whose owner missed the
 * first-response deadline go to another available rep of the lead's team (or back to the pool),
 * with a fresh deadline so the lead is not bounced again at once. Returns how many moved.
 */
export async function reassignLeadsWithMissedSla(deps: RoutingDeps, limit = 100): Promise<number> {
  const at = deps.clock();
  return deps.database.db.transaction(async (tx) => {
    const settings = await loadRoutingSettings(tx);
    if (!settings.autoReassignOnMissedSla) return 0;
    const overdue = await lockLeadsWithMissedSla(tx, at, limit);
    for (const { lead, task } of overdue) {
      const team = lead.teamId ? await lockTeamById(tx, lead.teamId) : undefined;
      const exclude = lead.ownerId ?? undefined;
      const next = team
        ? await chooseTeamMember(tx, team, { at, settings, ...(exclude ? { exclude } : {}) })
        : undefined;
      await reassignLead(tx, lead.id, next ?? null, {
        actor: SLA_ACTOR,
        reason: 'first_response_sla_missed',
        at,
      });
      const dueAt = addWorkingMinutes(at, slaMinutesOf(settings, lead.channelId), scheduleOf(settings, team));
      await updateTask(tx, task.id, {
        dueAt,
        remindedAt: null,
        overdueAt: null,
        escalatedAt: null,
        updatedAt: at,
      });
    }
    return overdue.length;
  });
}
