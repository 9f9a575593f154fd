import { canSeeLead, canWorkLead, type Principal, type VisibilityPolicy } from '../domain/permissions.ts';
import { stageAfterReturnToMarketing } from '../domain/scoring.ts';
import { conflict, forbidden, invalid, notFound } from '../http/problem.ts';
import type { QualificationPatch } from '../schemas/qualification.ts';
import type { Database, Executor } from '../store/db.ts';
import { type LeadRow, lockLeadById, updateLead } from '../store/leads.ts';
import { insertTimelineEvents, type NewTimelineRow } from '../store/timeline.ts';
import { rescoreLead } from './scoring.ts';

/**
 * Locks a lead the principal is about to work on: 404 when they may not see it (so its existence
 * does not leak), 403 when they see it but may not change it.
 */
export async function lockLeadToWork(
  ex: Executor,
  input: { principal: Principal; policy: VisibilityPolicy; id: string },
): Promise<LeadRow> {
  const { principal, id } = input;
  const lead = await lockLeadById(ex, id);
  if (!lead || !canSeeLead(principal, lead, input.policy)) throw notFound(`Lead ${id}`);
  if (!canWorkLead(principal, lead))
    throw forbidden('Only the lead’s owner, a sales head or an admin may work on this lead.');
  return lead;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Temperature, lifecycle stage, BANT and ICP fit set by hand; each change goes on the timeline. */
export async function updateQualification(
  database: Database,
  input: {
    principal: Principal;
    policy: VisibilityPolicy;
    id: string;
    patch: QualificationPatch;
    actor: string;
    at: Date;
  },
): Promise<LeadRow> {
  const { patch, at, actor } = input;
  if (patch.reason !== undefined && patch.lifecycleStage === undefined)
    throw invalid([
      { name: 'reason', reason: 'explains a lifecycleStage change; send it with lifecycleStage' },
    ]);
  return database.db.transaction(async (tx) => {
    const lead = await lockLeadToWork(tx, input);
    const changes: Partial<LeadRow> = {};
    const events: NewTimelineRow[] = [];
    const event = (type: string, data: Record<string, unknown>) =>
      events.push({ leadId: lead.id, at, actor, type, data });

    if (patch.temperature !== undefined && patch.temperature !== lead.temperature) {
      changes.temperature = patch.temperature;
      event('temperature_changed', { from: lead.temperature, to: patch.temperature });
    }
    if (patch.lifecycleStage !== undefined && patch.lifecycleStage !== lead.lifecycleStage) {
      changes.lifecycleStage = patch.lifecycleStage;
      event('lifecycle_changed', {
        from: lead.lifecycleStage,
        to: patch.lifecycleStage,
        reason: patch.reason ?? null,
        by: 'user',
      });
    }
    if (patch.bant !== undefined) {
      const bant: Record<string, unknown> = { ...lead.bant };
      const bantChanges: Record<string, { from: unknown; to: unknown }> = {};
      for (const [key, value] of Object.entries(patch.bant)) {
        const next = value === null ? undefined : { value: value.value, note: value.note ?? null };
        if (same(bant[key], next)) continue;
        bantChanges[key] = { from: bant[key] ?? null, to: next ?? null };
        if (next) bant[key] = next;
        else delete bant[key];
      }
      if (Object.keys(bantChanges).length > 0) {
        changes.bant = bant;
        event('bant_changed', { changes: bantChanges });
      }
    }
    if (patch.icpFit !== undefined && patch.icpFit !== lead.icpFit) {
      changes.icpFit = patch.icpFit;
      event('icp_fit_changed', { from: lead.icpFit, to: patch.icpFit });
    }
    if (events.length === 0) return lead;
    await updateLead(tx, lead.id, { ...changes, updatedAt: at });
    await insertTimelineEvents(tx, events);
    // Fit rules may read qualification fields (icpFit, temperature).
    return (await rescoreLead(tx, { leadId: lead.id, at })) ?? lead;
  });
}

/**
 * Sales hands a lead back for nurturing: a lead at a sales stage (SAL, SQL) goes back to MQL; one
 * not yet accepted by sales keeps its stage. The reason is kept on the timeline. A customer stays.
 */
export async function returnToMarketing(
  database: Database,
  input: {
    principal: Principal;
    policy: VisibilityPolicy;
    id: string;
    reason: string;
    actor: string;
    at: Date;
  },
): Promise<LeadRow> {
  return database.db.transaction(async (tx) => {
    const lead = await lockLeadToWork(tx, input);
    if (lead.lifecycleStage === 'customer')
      throw conflict('A customer is not returned to marketing.', { lifecycleStage: lead.lifecycleStage });
    const from = lead.lifecycleStage;
    const to = stageAfterReturnToMarketing(from);
    const base = { leadId: lead.id, at: input.at, actor: input.actor };
    await insertTimelineEvents(tx, [
      { ...base, type: 'returned_to_marketing', data: { from, to, reason: input.reason } },
      ...(to !== from
        ? [{ ...base, type: 'lifecycle_changed', data: { from, to, reason: input.reason, by: 'user' } }]
        : []),
    ]);
    const saved = await updateLead(tx, lead.id, { lifecycleStage: to, updatedAt: input.at });
    return saved ?? lead;
  });
}
