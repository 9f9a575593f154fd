import { canManageSales, type Principal, type VisibilityPolicy } from '../domain/permissions.ts';
import {
  DEFAULT_STATUS_SETTINGS,
  type FieldProblem,
  orderedStatuses,
  type StatusSettings,
  statusChangeProblems,
  statusSettingsProblems,
} from '../domain/statuses.ts';
import { forbidden, invalid } from '../http/problem.ts';
import { StatusSettingsSchema } from '../schemas/status.ts';
import type { Database, Executor } from '../store/db.ts';
import type { LeadRow } from '../store/leads.ts';
import { updateLead } from '../store/leads.ts';
import { readSetting, writeSetting } from '../store/settings.ts';
import { insertTimelineEvents } from '../store/timeline.ts';
import { lockLeadToWork } from './qualification.ts';
import { rescoreLead } from './scoring.ts';

const SETTINGS_KEY = 'statuses';

const invalidFields = (problems: FieldProblem[]) =>
  invalid(problems.map((p) => ({ name: p.field, reason: p.message })));

/** The configured statuses and reasons, or the defaults when none were saved. */
export async function getStatusSettings(ex: Executor): Promise<StatusSettings> {
  const parsed = StatusSettingsSchema.safeParse(await readSetting(ex, SETTINGS_KEY));
  if (!parsed.success || statusSettingsProblems(parsed.data).length > 0) return DEFAULT_STATUS_SETTINGS;
  return { ...parsed.data, statuses: orderedStatuses(parsed.data) };
}

export async function saveStatusSettings(
  database: Database,
  input: { principal: Principal; settings: StatusSettings; at: Date },
): Promise<StatusSettings> {
  if (!canManageSales(input.principal))
    throw forbidden('Only sales heads and admins change statuses and reasons.');
  const problems = statusSettingsProblems(input.settings);
  if (problems.length > 0) throw invalidFields(problems);
  const settings = { ...input.settings, statuses: orderedStatuses(input.settings) };
  await writeSetting(database.db, SETTINGS_KEY, settings, input.at);
  return settings;
}

/**
 * A plain status change (not refusal, conversion or merge, which have their own use cases). A
 * status that requires a reason takes one from its list; the change goes on the timeline.
 */
export async function changeLeadStatus(
  database: Database,
  input: {
    principal: Principal;
    policy: VisibilityPolicy;
    id: string;
    status: string;
    reason?: string;
    actor: string;
    at: Date;
  },
): Promise<LeadRow> {
  return database.db.transaction(async (tx) => {
    const lead = await lockLeadToWork(tx, input);
    const settings = await getStatusSettings(tx);
    const reason = input.reason?.trim() || null;
    const problems = statusChangeProblems(settings, {
      current: lead.status,
      target: input.status,
      reason: reason ?? undefined,
    });
    if (problems.length > 0) throw invalidFields(problems);
    if (lead.status === input.status && lead.statusReason === reason) return lead;
    await updateLead(tx, lead.id, { status: input.status, statusReason: reason, updatedAt: input.at });
    await insertTimelineEvents(tx, [
      {
        leadId: lead.id,
        at: input.at,
        actor: input.actor,
        type: 'status_changed',
        data: { from: lead.status, to: input.status, reason },
      },
    ]);
    // Fit rules may read the status.
    return (await rescoreLead(tx, { leadId: lead.id, at: input.at })) ?? lead;
  });
}
