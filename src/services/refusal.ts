import { randomBytes } from 'node:crypto';
import { canWorkLead, type Principal } from '../domain/permissions.ts';
import type { FarewellOutcome, RefuseBody } from '../schemas/refusal.ts';
import type { Database, Executor } from '../store/db.ts';
import { type LeadRow, lockLeadById, updateLead } from '../store/leads.ts';
import { cancelOpenLeadTasks, isActiveUser, lockLeadsDueForRevisit } from '../store/refusal.ts';
import { insertTask } from '../store/tasks.ts';
import { insertTimelineEvents, type NewTimelineRow } from '../store/timeline.ts';
import { NotAllowed } from './deals.ts';
import { InvalidLeadChange, LeadNotFound } from './leads.ts';
import { enqueueEmail } from './mailer.ts';
import { getStatusSettings } from './statuses.ts';
import { farewellEmail, farewellLanguageOf } from './templates/farewell.ts';

export class RefusalConflict extends Error {}

export const REVISIT_ACTOR = 'system:revisit';

/** The questionnaire link's secret; the lead id in front finds the lead through an index. */
export const questionnaireTokenOf = (leadId: string) => `${leadId}.${randomBytes(18).toString('base64url')}`;

async function queueFarewell(
  ex: Executor,
  lead: LeadRow,
  input: { language?: 'en' | 'ru'; token: string; publicUrl: string; at: Date },
): Promise<FarewellOutcome> {
  const to = lead.emails[0];
  if (!to) return { queued: false, skipped: 'no_email' };
  if (lead.consent?.given === false) return { queued: false, skipped: 'consent_withdrawn' };
  const language = input.language ?? farewellLanguageOf(lead.language);
  const email = farewellEmail({
    language,
    name: lead.firstName ?? (lead.fullName || null),
    questionnaireUrl: `${input.publicUrl}/q/${input.token}`,
  });
  const queued = await enqueueEmail(ex, { ...email, to, dedupKey: `farewell:${lead.id}`, at: input.at });
  return queued ? { queued: true, to, language } : { queued: false, skipped: 'already_sent' };
}

/**
 * Refuses a lead: never deleted, it keeps everything and gets status 'refused' with a reason from
 * the configured list, an optional revisit date, its open tasks canceled and, when asked, a
 * farewell email with a questionnaire link (only to an email whose consent was not withdrawn).
 */
export async function refuseLead(
  database: Database,
  input: {
    leadId: string;
    body: RefuseBody;
    principal: Principal;
    actor: string;
    at: Date;
    publicUrl: string;
  },
): Promise<{ lead: LeadRow; canceledTaskIds: string[]; farewell: FarewellOutcome | null }> {
  const { body, actor, at } = input;
  return database.db.transaction(async (tx) => {
    const lead = await lockLeadById(tx, input.leadId);
    if (!lead) throw new LeadNotFound(input.leadId);
    if (!canWorkLead(input.principal, lead))
      throw new NotAllowed("Only the lead's owner, a sales head or an admin may refuse this lead.");
    if (lead.mergedIntoId || lead.status === 'converted' || lead.status === 'refused')
      throw new RefusalConflict(
        lead.mergedIntoId
          ? `the lead was merged into ${lead.mergedIntoId}`
          : `the lead is already ${lead.status}`,
      );
    const reasons = (await getStatusSettings(tx)).reasons.refused?.map((r) => r.key) ?? [];
    const revisitAt = body.revisitAt ? new Date(body.revisitAt) : null;
    const problems = [
      ...(reasons.length > 0 && !reasons.includes(body.reason)
        ? [{ field: 'reason', code: 'unknown_reason', message: `must be one of ${reasons.join(', ')}` }]
        : []),
      ...(revisitAt && revisitAt <= at
        ? [{ field: 'revisitAt', code: 'not_future', message: 'must be in the future' }]
        : []),
    ];
    if (problems.length > 0) throw new InvalidLeadChange(problems);

    const canceledTaskIds = await cancelOpenLeadTasks(tx, lead.id, { result: 'lead refused', at, by: actor });
    const saved = (await updateLead(tx, lead.id, {
      status: 'refused',
      statusReason: body.reason,
      refusedAt: at,
      revisitAt,
      updatedAt: at,
    })) as LeadRow;
    const token = questionnaireTokenOf(lead.id);
    const farewell = body.farewell?.send
      ? await queueFarewell(tx, lead, {
          ...(body.farewell.language ? { language: body.farewell.language } : {}),
          token,
          publicUrl: input.publicUrl,
          at,
        })
      : null;
    await insertTimelineEvents(tx, [
      {
        leadId: lead.id,
        at,
        actor,
        type: 'status_changed',
        data: { from: lead.status, to: 'refused', reason: body.reason },
      },
      {
        leadId: lead.id,
        at,
        actor,
        type: 'refused',
        data: {
          reason: body.reason,
          ...(body.note ? { note: body.note } : {}),
          revisitAt: revisitAt?.toISOString() ?? null,
          canceledTaskIds,
          ...(farewell ? { farewell } : {}),
          ...(farewell?.queued ? { questionnaireToken: token } : {}),
        },
      },
    ]);
    return { lead: saved, canceledTaskIds, farewell };
  });
}

/**
 * Puts a refused lead back to work: status 'in_progress' with its owner (or in the pool when the
 * owner left), a "call back" task due now, revisit date cleared. History stays on the timeline.
 */
async function reopenLockedLead(
  ex: Executor,
  lead: LeadRow,
  input: { by: 'revisit' | 'hand'; reason?: string; actor: string; at: Date },
): Promise<{ lead: LeadRow; taskId: string }> {
  const { at, actor } = input;
  const ownerId = lead.ownerId && (await isActiveUser(ex, lead.ownerId)) ? lead.ownerId : null;
  const saved = (await updateLead(ex, lead.id, {
    status: 'in_progress',
    statusReason: null,
    revisitAt: null,
    ownerId,
    ...(ownerId === lead.ownerId ? {} : { assignedAt: null }),
    updatedAt: at,
  })) as LeadRow;
  const task = await insertTask(ex, {
    leadId: lead.id,
    type: 'call',
    title: lead.fullName ? `Call back: ${lead.fullName}` : 'Call back',
    note: input.reason ?? (lead.statusReason ? `Refused before: ${lead.statusReason}` : null),
    dueAt: at,
    assigneeId: ownerId,
    createdBy: actor,
    createdAt: at,
    updatedAt: at,
  });
  const events: NewTimelineRow[] = [
    { leadId: lead.id, at, actor, type: 'status_changed', data: { from: lead.status, to: 'in_progress' } },
    ...(ownerId === lead.ownerId
      ? []
      : [
          {
            leadId: lead.id,
            at,
            actor,
            type: 'owner_changed',
            data: { from: lead.ownerId, to: null, why: 'owner inactive' },
          },
        ]),
    {
      leadId: lead.id,
      at,
      actor,
      type: 'reopened',
      data: {
        by: input.by,
        ...(input.reason ? { reason: input.reason } : {}),
        previousReason: lead.statusReason,
        ownerId,
        taskId: task.id,
      },
    },
  ];
  await insertTimelineEvents(ex, events);
  return { lead: saved, taskId: task.id };
}

/** POST /api/leads/{id}/reopen: the same as the revisit date coming, by hand. */
export async function reopenLead(
  database: Database,
  input: { leadId: string; reason?: string; principal: Principal; actor: string; at: Date },
): Promise<{ lead: LeadRow; taskId: string }> {
  return database.db.transaction(async (tx) => {
    const lead = await lockLeadById(tx, input.leadId);
    if (!lead) throw new LeadNotFound(input.leadId);
    if (!canWorkLead(input.principal, lead))
      throw new NotAllowed("Only the lead's owner, a sales head or an admin may reopen this lead.");
    if (lead.status !== 'refused')
      throw new RefusalConflict(`only a refused lead is reopened; this one is ${lead.status}`);
    return reopenLockedLead(tx, lead, {
      by: 'hand',
      ...(input.reason ? { reason: input.reason } : {}),
      actor: input.actor,
      at: input.at,
    });
  });
}

/**
 * For the scheduler: refused leads whose revisit date has come (at most `limit`, rows locked by
 * another process skipped) go back to work. Returns how many were reopened.
 */
export async function revisitRefusedLeads(
  deps: { database: Database },
  options: { at: Date; limit?: number },
): Promise<number> {
  return deps.database.db.transaction(async (tx) => {
    const due = await lockLeadsDueForRevisit(tx, options.at, options.limit ?? 100);
    for (const lead of due)
      await reopenLockedLead(tx, lead, { by: 'revisit', actor: REVISIT_ACTOR, at: options.at });
    return due.length;
  });
}
