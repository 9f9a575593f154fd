import { v7 as uuidv7 } from 'uuid';
import { canWorkLead, type Principal } from '../domain/permissions.ts';
import type { LeadProblem } from '../domain/types.ts';
import { DEFAULT_DEAL_STAGES, type DealNew, type DealPatch } from '../schemas/deal.ts';
import { userExists } from '../store/conversion.ts';
import type { Database, Executor } from '../store/db.ts';
import { type DealRow, findDealById, findDealStagesSetting, insertDeal, updateDeal } from '../store/deals.ts';
import { type LeadRow, lockLeadById, updateLead } from '../store/leads.ts';
import { insertTimelineEvents } from '../store/timeline.ts';
import { InvalidLeadChange } from './leads.ts';

export class DealNotFound extends Error {}
/** A role rule said no; the message says what was refused. */
export class NotAllowed extends Error {}

/** The configured pipeline ('deal_stages' setting: a list of stage names), or the default one. */
export async function loadDealStages(ex: Executor): Promise<string[]> {
  const value = await findDealStagesSetting(ex);
  const stages = Array.isArray(value)
    ? value.filter((s): s is string => typeof s === 'string' && s !== '')
    : [];
  return stages.length > 0 ? stages : [...DEFAULT_DEAL_STAGES];
}

/**
 * Moves a lead's lifecycle stage and records it ('lifecycle_changed' {from, to}, which the funnel
 * report reads). No event when the stage does not change.
 */
export async function setLeadLifecycle(
  ex: Executor,
  lead: LeadRow,
  input: { to: string; actor: string; at: Date; data?: Record<string, unknown> },
): Promise<boolean> {
  if (lead.lifecycleStage === input.to) return false;
  await updateLead(ex, lead.id, { lifecycleStage: input.to, updatedAt: input.at });
  await insertTimelineEvents(ex, [
    {
      leadId: lead.id,
      at: input.at,
      actor: input.actor,
      type: 'lifecycle_changed',
      data: { from: lead.lifecycleStage, to: input.to, ...input.data },
    },
  ]);
  return true;
}

/** Opens a deal for a converted lead (inside the conversion's transaction). */
export async function insertDealCard(
  ex: Executor,
  input: {
    deal: DealNew;
    lead: LeadRow;
    contactId: string | null;
    companyId: string | null;
    defaultCurrency: string;
    at: Date;
    prefix: string;
  },
): Promise<DealRow> {
  const { deal, lead, prefix } = input;
  const stages = await loadDealStages(ex);
  const problems: LeadProblem[] = [];
  if (deal.stage !== undefined && !stages.includes(deal.stage))
    problems.push({
      field: `${prefix}stage`,
      code: 'unknown_stage',
      message: `must be one of ${stages.join(', ')}`,
    });
  if (deal.ownerId && !(await userExists(ex, deal.ownerId)))
    problems.push({ field: `${prefix}ownerId`, code: 'unknown_user', message: 'no such user' });
  if (problems.length > 0) throw new InvalidLeadChange(problems);
  return insertDeal(ex, {
    id: uuidv7(),
    title: deal.title?.trim() || lead.company || lead.fullName || 'Deal',
    leadId: lead.id,
    contactId: input.contactId,
    companyId: input.companyId,
    amount: deal.amount,
    currency: deal.currency ?? input.defaultCurrency,
    stage: deal.stage ?? (stages[0] as string),
    status: deal.status,
    ownerId: deal.ownerId ?? lead.ownerId,
    closedAt: deal.status === 'won' ? input.at : null,
    createdAt: input.at,
    updatedAt: input.at,
  });
}

/**
 * Edits a deal: stage, amount, owner, or its outcome. Won or lost sets closed_at (open clears it);
 * a won deal makes its lead a customer. Each change goes on the lead's timeline as 'deal_updated'.
 */
export async function updateDealFields(
  database: Database,
  input: { id: string; patch: DealPatch; principal: Principal; actor: string; at: Date },
): Promise<DealRow> {
  return database.db.transaction(async (tx) => {
    const current = await findDealById(tx, input.id, { lock: true });
    if (!current) throw new DealNotFound(input.id);
    if (!canWorkLead(input.principal, current))
      throw new NotAllowed("Only the deal's owner, a sales head or an admin may change this deal.");
    const { patch } = input;
    const problems: LeadProblem[] = [];
    if (patch.stage !== undefined) {
      const stages = await loadDealStages(tx);
      if (!stages.includes(patch.stage))
        problems.push({
          field: 'stage',
          code: 'unknown_stage',
          message: `must be one of ${stages.join(', ')}`,
        });
    }
    if (patch.ownerId && !(await userExists(tx, patch.ownerId)))
      problems.push({ field: 'ownerId', code: 'unknown_user', message: 'no such user' });
    if (patch.lostReason && (patch.status ?? current.status) !== 'lost')
      problems.push({ field: 'lostReason', code: 'not_lost', message: 'only a lost deal has a lost reason' });
    if (problems.length > 0) throw new InvalidLeadChange(problems);

    const statusChanges = patch.status !== undefined && patch.status !== current.status;
    const next = {
      ...(patch.title !== undefined ? { title: patch.title.trim() || current.title } : {}),
      ...(patch.amount !== undefined ? { amount: patch.amount } : {}),
      ...(patch.currency !== undefined ? { currency: patch.currency } : {}),
      ...(patch.stage !== undefined ? { stage: patch.stage } : {}),
      ...(patch.ownerId !== undefined ? { ownerId: patch.ownerId } : {}),
      ...(statusChanges ? { status: patch.status, closedAt: patch.status === 'open' ? null : input.at } : {}),
      ...(patch.lostReason !== undefined ? { lostReason: patch.lostReason } : {}),
      ...(statusChanges && patch.status !== 'lost' ? { lostReason: null } : {}),
    };
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const [key, to] of Object.entries(next)) {
      const from = current[key as keyof DealRow];
      // numeric comes back as "12000.00": compare amounts as numbers of cents, not as text.
      const same =
        key === 'amount' ? Number(from) === Number(to) : JSON.stringify(from) === JSON.stringify(to);
      if (!same) changes[key] = { from: from instanceof Date ? from.toISOString() : from, to };
    }
    if (Object.keys(changes).length === 0) return current;
    const saved = (await updateDeal(tx, input.id, { ...next, updatedAt: input.at })) as DealRow;
    if (saved.leadId) {
      const lead = await lockLeadById(tx, saved.leadId);
      if (lead) {
        await insertTimelineEvents(tx, [
          {
            leadId: lead.id,
            at: input.at,
            actor: input.actor,
            type: 'deal_updated',
            data: { dealId: saved.id, changes },
          },
        ]);
        if (statusChanges && saved.status === 'won')
          await setLeadLifecycle(tx, lead, {
            to: 'customer',
            actor: input.actor,
            at: input.at,
            data: { dealId: saved.id },
          });
      }
    }
    return saved;
  });
}
