import {
  actorOf,
  canSeeLead,
  canWorkLead,
  leadScopeOf,
  type Principal,
  type VisibilityPolicy,
} from '../domain/permissions.ts';
import { localDayBounds } from '../domain/workingHours.ts';
import { conflict, forbidden, invalid, notFound } from '../http/problem.ts';
import type { NextTask, TaskComplete, TaskCreate, TaskListQuery, TaskPatch } from '../schemas/task.ts';
import { findUserById } from '../store/assignment.ts';
import type { Database, Executor } from '../store/db.ts';
import { findLeadById, type LeadRow, lockLeadById, updateLead } from '../store/leads.ts';
import {
  type BoardCardRow,
  countLeadsByStatus,
  findOpenFirstResponseTask,
  findTaskById,
  insertTask,
  listBoardCards,
  listLeadsWithoutNextStep,
  listTasks,
  lockTaskById,
  type TaskFilter,
  type TaskRow,
  updateTask,
} from '../store/tasks.ts';
import { insertTimelineEvents } from '../store/timeline.ts';
import { loadRoutingSettings } from './routingSettings.ts';
import { getStatusSettings } from './statuses.ts';

// Tasks: every call, email, meeting or offer is a task with a due time, an assignee and, once
// done, a result; finishing one may set the next, so no lead is left without a next step.

const HOUR = 3_600_000;
/** Task types that are a contact with the lead: the first one done is the lead's first response. */
const CONTACT_TYPES: ReadonlySet<string> = new Set([
  'call',
  'email',
  'meeting',
  'send_offer',
  'send_materials',
]);
/** The title of a task a person made without one; erasure also names tasks this way. */
export const DEFAULT_TASK_TITLES: Record<NextTask['type'], string> = {
  call: 'Call',
  email: 'Write an email',
  meeting: 'Meeting',
  send_offer: 'Send an offer',
  send_materials: 'Send materials',
  other: 'Follow up',
};

const isManager = (p: Principal) => p.role === 'admin' || p.role === 'head';

type Due = { dueAt?: string | undefined; dueInDays?: number | undefined; dueInHours?: number | undefined };

/** An explicit instant, or days and hours from now ("call back in 3 days"). */
function dueOf(due: Due, now: Date, field: string): Date {
  if (due.dueAt) return new Date(due.dueAt);
  if (due.dueInDays !== undefined || due.dueInHours !== undefined) {
    return new Date(now.getTime() + ((due.dueInDays ?? 0) * 24 + (due.dueInHours ?? 0)) * HOUR);
  }
  throw invalid([{ name: field, reason: 'give dueAt, or dueInDays and/or dueInHours' }]);
}

async function checkAssignee(ex: Executor, userId: string, field: string): Promise<void> {
  const user = await findUserById(ex, userId);
  if (!user) throw invalid([{ name: field, reason: 'no such user' }]);
  if (!user.active) throw invalid([{ name: field, reason: `${user.name} is deactivated` }]);
}

/** A task is worked by its assignee, or by whoever may work its lead (owner, head, admin). */
function canWorkTask(principal: Principal, task: TaskRow, lead: LeadRow | undefined): boolean {
  if (principal.scope !== 'full') return false;
  if (isManager(principal)) return true;
  if (principal.userId && task.assigneeId === principal.userId) return true;
  return lead ? canWorkLead(principal, lead) : false;
}

export async function listTasksFor(
  database: Database,
  options: {
    principal: Principal;
    policy: VisibilityPolicy;
    query: TaskListQuery;
    now: Date;
    after?: { dueAt: Date; id: string };
  },
): Promise<{ rows: TaskRow[]; next?: { dueAt: Date; id: string } }> {
  const { principal, query, now } = options;
  const db = database.db;
  const me = principal.userId;
  if (query.assigneeId && query.assigneeId !== me && !isManager(principal)) {
    throw forbidden("Only sales heads and admins see other people's tasks.");
  }
  const filter: TaskFilter = query.view === 'all' ? {} : { status: 'open' };
  if (query.leadId) {
    const lead = await findLeadById(db, query.leadId);
    if (!lead || !canSeeLead(principal, lead, options.policy)) throw notFound(`Lead ${query.leadId}`);
    filter.leadId = query.leadId;
  }
  if (query.assigneeId) filter.assigneeId = query.assigneeId;
  else if (me && (query.view === 'mine' || (!isManager(principal) && !query.leadId))) {
    // Reps see their own work (tasks given to them or on their leads); heads see everyone's.
    if (query.view === 'mine') filter.assigneeId = me;
    else filter.reachOf = me;
  }
  if (query.view === 'overdue') filter.dueBefore = now;
  if (query.view === 'upcoming') filter.dueFrom = now;
  if (query.view === 'today') {
    const { schedule } = await loadRoutingSettings(db);
    const day = localDayBounds(now, schedule.timeZone);
    filter.dueFrom = day.start;
    filter.dueBefore = day.end;
  }
  return listTasks(db, filter, { limit: query.limit, ...(options.after ? { after: options.after } : {}) });
}

export async function createTask(
  database: Database,
  options: { principal: Principal; policy: VisibilityPolicy; input: TaskCreate; at: Date },
): Promise<TaskRow> {
  const { principal, input, at } = options;
  return database.db.transaction(async (tx) => {
    const lead = await lockLeadById(tx, input.leadId);
    if (!lead || !canSeeLead(principal, lead, options.policy)) throw notFound(`Lead ${input.leadId}`);
    if (!canWorkLead(principal, lead))
      throw forbidden("Only the lead's owner, a sales head or an admin sets its tasks.");
    const assigneeId = input.assigneeId ?? lead.ownerId ?? principal.userId;
    if (assigneeId) await checkAssignee(tx, assigneeId, 'assigneeId');
    const actor = actorOf(principal);
    const task = await insertTask(tx, {
      leadId: lead.id,
      type: input.type,
      title: input.title?.trim() || DEFAULT_TASK_TITLES[input.type],
      note: input.note ?? null,
      dueAt: dueOf(input, at, 'dueAt'),
      assigneeId,
      createdBy: actor,
      createdAt: at,
      updatedAt: at,
    });
    await insertTimelineEvents(tx, [
      {
        leadId: lead.id,
        at,
        actor,
        type: 'task_created',
        data: {
          taskId: task.id,
          type: task.type,
          title: task.title,
          dueAt: task.dueAt.toISOString(),
          assigneeId,
        },
      },
    ]);
    return task;
  });
}

/** Locks the task's lead, then the task: the same order as reassignment, so the two never deadlock. */
async function lockWorkableTask(
  ex: Executor,
  principal: Principal,
  policy: VisibilityPolicy,
  taskId: string,
) {
  const found = await findTaskById(ex, taskId);
  if (!found) throw notFound(`Task ${taskId}`);
  const lead = found.leadId ? await lockLeadById(ex, found.leadId) : undefined;
  const task = await lockTaskById(ex, taskId);
  if (!task) throw notFound(`Task ${taskId}`);
  if (lead && !canSeeLead(principal, lead, policy) && task.assigneeId !== principal.userId)
    throw notFound(`Task ${taskId}`);
  if (!canWorkTask(principal, task, lead))
    throw forbidden("Only the task's assignee, the lead's owner, a sales head or an admin may change it.");
  if (task.status !== 'open')
    throw conflict(`The task is already ${task.status}.`, { taskStatus: task.status });
  return { task, lead };
}

export async function patchTask(
  database: Database,
  options: { principal: Principal; policy: VisibilityPolicy; taskId: string; patch: TaskPatch; at: Date },
): Promise<TaskRow> {
  const { principal, patch, at } = options;
  return database.db.transaction(async (tx) => {
    const { task, lead } = await lockWorkableTask(tx, principal, options.policy, options.taskId);
    if (patch.assigneeId !== undefined && patch.assigneeId !== task.assigneeId) {
      if (
        !isManager(principal) &&
        patch.assigneeId !== principal.userId &&
        !(lead && canWorkLead(principal, lead))
      ) {
        throw forbidden('Only sales heads and admins reassign tasks.');
      }
      if (patch.assigneeId) await checkAssignee(tx, patch.assigneeId, 'assigneeId');
    }
    const changes = {
      ...(patch.dueAt ? { dueAt: new Date(patch.dueAt) } : {}),
      ...(patch.assigneeId !== undefined ? { assigneeId: patch.assigneeId } : {}),
      ...(patch.title ? { title: patch.title.trim() } : {}),
      ...(patch.note !== undefined ? { note: patch.note } : {}),
      ...(patch.status === 'canceled' ? { status: 'canceled' as const } : {}),
    };
    const actor = actorOf(principal);
    // A new due time re-arms the scheduler: the task is reminded and escalated anew.
    const rearm = patch.dueAt ? { remindedAt: null, overdueAt: null, escalatedAt: null } : {};
    const updated = await updateTask(tx, task.id, { ...changes, ...rearm, updatedAt: at });
    if (task.leadId) {
      const before = Object.fromEntries(Object.keys(changes).map((k) => [k, task[k as keyof TaskRow]]));
      await insertTimelineEvents(tx, [
        {
          leadId: task.leadId,
          at,
          actor,
          type: patch.status === 'canceled' ? 'task_canceled' : 'task_updated',
          data: { taskId: task.id, before, after: changes },
        },
      ]);
    }
    return updated ?? task;
  });
}

/**
 * Completes a task with its result and, when asked, sets the next one. The first contact task
 * done is the lead's first response: first_response_at is recorded and a new lead goes in work.
 */
export async function completeTask(
  database: Database,
  options: { principal: Principal; policy: VisibilityPolicy; taskId: string; input: TaskComplete; at: Date },
): Promise<{ task: TaskRow; next: TaskRow | null }> {
  const { principal, input, at } = options;
  const result = input.result.trim();
  if (!result) throw invalid([{ name: 'result', reason: 'say what came of the task' }]);
  return database.db.transaction(async (tx) => {
    const { task, lead } = await lockWorkableTask(tx, principal, options.policy, options.taskId);
    const actor = actorOf(principal);
    const done = await updateTask(tx, task.id, {
      status: 'done',
      result,
      completedAt: at,
      completedBy: actor,
      updatedAt: at,
    });
    const events: Parameters<typeof insertTimelineEvents>[1] = [];
    let next: TaskRow | null = null;
    if (input.next) {
      const assigneeId = task.assigneeId ?? lead?.ownerId ?? principal.userId;
      next = await insertTask(tx, {
        leadId: task.leadId,
        contactId: task.contactId,
        dealId: task.dealId,
        type: input.next.type,
        title: input.next.title?.trim() || DEFAULT_TASK_TITLES[input.next.type],
        note: input.next.note ?? null,
        dueAt: dueOf(input.next, at, 'next.dueAt'),
        assigneeId,
        createdBy: actor,
        createdAt: at,
        updatedAt: at,
      });
    }
    if (lead) {
      events.push({
        leadId: lead.id,
        at,
        actor,
        type: 'task_completed',
        data: { taskId: task.id, type: task.type, result, nextTaskId: next?.id ?? null },
      });
      if (next) {
        events.push({
          leadId: lead.id,
          at,
          actor,
          type: 'task_created',
          data: {
            taskId: next.id,
            type: next.type,
            title: next.title,
            dueAt: next.dueAt.toISOString(),
            assigneeId: next.assigneeId,
          },
        });
      }
      if (lead.firstResponseAt === null && (task.firstResponse || CONTACT_TYPES.has(task.type))) {
        await updateLead(tx, lead.id, {
          firstResponseAt: at,
          ...(lead.status === 'new' ? { status: 'in_progress' } : {}),
          updatedAt: at,
        });
        events.push({ leadId: lead.id, at, actor, type: 'first_response', data: { taskId: task.id } });
        if (lead.status === 'new') {
          events.push({
            leadId: lead.id,
            at,
            actor,
            type: 'status_changed',
            data: { from: 'new', to: 'in_progress', reason: 'first_response' },
          });
        }
        // Answered through another task: the first-response task has nothing left to wait for.
        const pending = await findOpenFirstResponseTask(tx, lead.id);
        if (pending) {
          await updateTask(tx, pending.id, {
            status: 'done',
            result: `Answered by task "${task.title}"`,
            completedAt: at,
            completedBy: actor,
            updatedAt: at,
          });
        }
      }
      await insertTimelineEvents(tx, events);
    }
    return { task: done ?? task, next };
  });
}

export async function listNoNextStep(
  database: Database,
  options: { principal: Principal; policy: VisibilityPolicy; ownerId?: string; limit: number },
): Promise<LeadRow[]> {
  const { principal } = options;
  const ownerId = options.ownerId ?? (isManager(principal) ? undefined : (principal.userId ?? undefined));
  return listLeadsWithoutNextStep(database.db, {
    scope: leadScopeOf(principal, options.policy),
    ...(ownerId ? { ownerId } : {}),
    limit: options.limit,
  });
}

export type BoardColumn = {
  status: string;
  labels: { en: string; ru: string } | null;
  total: number;
  cards: BoardCardRow[];
};

/**
 * Leads by status as the caller may see them: one column per configured status in its order
 * (statuses no longer configured but still on leads follow), each with its total and newest cards.
 */
export async function boardOf(
  database: Database,
  options: {
    principal: Principal;
    policy: VisibilityPolicy;
    limit: number;
    includeSpam: boolean;
    ownerId?: string;
    teamId?: string;
  },
): Promise<BoardColumn[]> {
  const filter = {
    scope: leadScopeOf(options.principal, options.policy),
    includeSpam: options.includeSpam,
    ...(options.ownerId ? { ownerId: options.ownerId } : {}),
    ...(options.teamId ? { teamId: options.teamId } : {}),
  };
  const configured = (await getStatusSettings(database.db)).statuses;
  const totals = await countLeadsByStatus(database.db, filter);
  const cards = await listBoardCards(database.db, filter, options.limit);
  const known = new Set(configured.map((s) => s.key));
  const extra = [...totals.keys()].filter((key) => !known.has(key)).sort();
  return [
    ...configured.map((s) => ({ status: s.key, labels: s.labels })),
    ...extra.map((status) => ({ status, labels: null })),
  ].map((column) => ({
    ...column,
    total: totals.get(column.status) ?? 0,
    cards: cards.filter((c) => c.status === column.status),
  }));
}
