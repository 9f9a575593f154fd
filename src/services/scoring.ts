import { canManageMarketing, type Principal } from '../domain/permissions.ts';
import {
  type BreakdownEntry,
  DEFAULT_SCORING_SETTINGS,
  type LeadScore,
  promotedStage,
  type ScoringRule,
  type ScoringSettings,
  scoreLead,
} from '../domain/scoring.ts';
import { forbidden, invalid, notFound } from '../http/problem.ts';
import { type ScoringRuleCreate, type ScoringRulePatch, ScoringSettingsSchema } from '../schemas/scoring.ts';
import type { Database, Executor } from '../store/db.ts';
import {
  type EngagementEventRow,
  listEventsOfLeads,
  listLeadIdsWithEventsAfter,
  listUnmatchedEventsOf,
} from '../store/events.ts';
import { type LeadRow, updateLead } from '../store/leads.ts';
import {
  deleteScoringRule,
  findScoringRuleById,
  insertScoringRule,
  listLiveLeadIdsAfter,
  listScoringRules,
  lockLeadsByIds,
  type ScoringRuleRow,
  updateScoringRule,
} from '../store/scoring.ts';
import { readSetting, writeSetting } from '../store/settings.ts';
import { insertTimelineEvents, type NewTimelineRow } from '../store/timeline.ts';

/** Scoring changes are made by the system, not by a person; the timeline says so. */
export const SCORING_ACTOR = 'system:scoring';
const SETTINGS_KEY = 'scoring';
const RESCORE_BATCH = 500;

export type ScoringContext = { rules: ScoringRule[]; settings: ScoringSettings };

export function toScoringRule(row: ScoringRuleRow): ScoringRule {
  if (row.kind === 'fit')
    return { id: row.id, name: row.name, kind: 'fit', conditions: row.conditions, points: row.points };
  return {
    id: row.id,
    name: row.name,
    kind: 'engagement',
    eventType: row.eventType ?? '',
    urlPattern: row.urlPattern,
    points: row.points,
    decayDays: row.decayDays,
  };
}

export async function getScoringSettings(ex: Executor): Promise<ScoringSettings> {
  const parsed = ScoringSettingsSchema.safeParse(await readSetting(ex, SETTINGS_KEY));
  return parsed.success ? parsed.data : DEFAULT_SCORING_SETTINGS;
}

export async function loadScoringContext(ex: Executor): Promise<ScoringContext> {
  const [rows, settings] = await Promise.all([
    listScoringRules(ex, { activeOnly: true }),
    getScoringSettings(ex),
  ]);
  return { rules: rows.map(toScoringRule), settings };
}

function scoreOf(lead: LeadRow, events: EngagementEventRow[], context: ScoringContext, now: Date): LeadScore {
  return scoreLead({ lead, rules: context.rules, events, now });
}

// jsonb reorders object keys, so stored entries are compared field by field, not as JSON text.
function sameBreakdown(next: BreakdownEntry[], stored: Array<Record<string, unknown>>): boolean {
  return (
    next.length === stored.length &&
    next.every((entry, i) => {
      const other = stored[i];
      return (
        other !== undefined &&
        entry.ruleId === other.ruleId &&
        entry.name === other.name &&
        entry.kind === other.kind &&
        entry.points === other.points &&
        entry.detail === other.detail
      );
    })
  );
}

/** The timeline's lifecycle_changed entry of a promotion by score. */
function promotionEvent(
  lead: Pick<LeadRow, 'id' | 'lifecycleStage'>,
  promotion: { stage: string; score: number },
  context: ScoringContext,
  at: Date,
): NewTimelineRow {
  const { stage, score } = promotion;
  const threshold = context.settings.thresholds
    .filter((t) => t.stage === stage && score >= t.minScore)
    .reduce((a, b) => (b.minScore > a.minScore ? b : a));
  return {
    leadId: lead.id,
    at,
    actor: SCORING_ACTOR,
    type: 'lifecycle_changed',
    data: {
      from: lead.lifecycleStage,
      to: stage,
      reason: `score ${score} reached ${threshold.minScore}`,
      by: 'score',
      score,
    },
  };
}

/**
 * Rescores locked leads and writes what changed: score and breakdown, and a lifecycle promotion
 * (with its lifecycle_changed timeline event) when the score passed a threshold.
 */
async function rescoreRows(
  ex: Executor,
  rows: LeadRow[],
  context: ScoringContext,
  at: Date,
): Promise<{ rows: LeadRow[]; promoted: number }> {
  const events = await listEventsOfLeads(
    ex,
    rows.map((r) => r.id),
  );
  const saved: LeadRow[] = [];
  let promoted = 0;
  for (const lead of rows) {
    if (lead.mergedIntoId) continue;
    const { score, breakdown } = scoreOf(
      lead,
      events.filter((e) => e.leadId === lead.id),
      context,
      at,
    );
    const stage = promotedStage(lead.lifecycleStage, score, context.settings);
    const sameScore = score === lead.score && sameBreakdown(breakdown, lead.scoreBreakdown);
    if (sameScore && !stage) {
      saved.push(lead);
      continue;
    }
    const updated = await updateLead(ex, lead.id, {
      score,
      scoreBreakdown: breakdown,
      ...(stage ? { lifecycleStage: stage, updatedAt: at } : {}),
    });
    if (stage) {
      promoted += 1;
      await insertTimelineEvents(ex, [promotionEvent(lead, { stage, score }, context, at)]);
    }
    if (updated) saved.push(updated);
  }
  return { rows: saved, promoted };
}

/**
 * Recomputes one lead's score at `at` inside the caller's transaction and returns the saved lead
 * (undefined when it does not exist or was merged away). Call after anything a rule may read changed.
 */
export async function rescoreLead(
  ex: Executor,
  input: { leadId: string; at: Date; context?: ScoringContext },
): Promise<LeadRow | undefined> {
  const context = input.context ?? (await loadScoringContext(ex));
  const { rows } = await rescoreRows(ex, await lockLeadsByIds(ex, [input.leadId]), context, input.at);
  return rows[0];
}

/** Rescores several leads in the caller's transaction. */
export async function rescoreLeads(
  ex: Executor,
  leadIds: string[],
  at: Date,
  context?: ScoringContext,
): Promise<{ leads: number; promoted: number }> {
  if (leadIds.length === 0) return { leads: 0, promoted: 0 };
  const loaded = context ?? (await loadScoringContext(ex));
  const { rows, promoted } = await rescoreRows(
    ex,
    await lockLeadsByIds(ex, [...new Set(leadIds)]),
    loaded,
    at,
  );
  return { leads: rows.length, promoted };
}

/** An engagement event to link to the new lead it belongs to. */
export type EventLink = { eventId: string; leadId: string };

const visitorIdsOf = (lead: Pick<LeadRow, 'visitorId' | 'attribution'>) =>
  [lead.visitorId, (lead.attribution as { visitorId?: unknown }).visitorId].filter(
    (v): v is string => typeof v === 'string' && v.length > 0,
  );

/** What scoring reads once for a capture batch: the rules, and events nobody matched yet. */
export type NewLeadScoringContext = { scoring: ScoringContext; unmatchedEvents: EngagementEventRow[] };

/** Loads it for the people of a batch (before it is planned: a superset of its new leads). */
export async function loadNewLeadScoringContext(
  ex: Executor,
  identity: { emails: string[]; phones: string[]; visitorIds: string[] },
): Promise<NewLeadScoringContext> {
  const [unmatchedEvents, scoring] = await Promise.all([
    listUnmatchedEventsOf(ex, identity),
    loadScoringContext(ex),
  ]);
  return { scoring, unmatchedEvents };
}

/**
 * Scores the leads a capture batch is about to insert, counting the engagement events that arrived
 * before them (same email, phone or visitor id), and says which events to link to which lead. The
 * rows are then written once, already scored and, past a threshold, promoted. An event shared by two
 * new leads goes to the first by email, then phone, then visitor id.
 */
export function scoreNewLeadsBeforeInsert(
  newLeads: LeadRow[],
  loaded: NewLeadScoringContext,
  at: Date,
): { timeline: NewTimelineRow[]; eventLinks: EventLink[] } {
  const { scoring: context, unmatchedEvents } = loaded;
  const eventsByLead = new Map<string, EngagementEventRow[]>();
  const eventLinks: EventLink[] = [];
  for (const event of unmatchedEvents) {
    const lead =
      newLeads.find((l) => event.email !== null && l.emails.includes(event.email)) ??
      newLeads.find((l) => event.phone !== null && l.phones.includes(event.phone)) ??
      newLeads.find((l) => event.visitorId !== null && visitorIdsOf(l).includes(event.visitorId));
    if (!lead) continue;
    eventLinks.push({ eventId: event.id, leadId: lead.id });
    eventsByLead.set(lead.id, [...(eventsByLead.get(lead.id) ?? []), event]);
  }
  const timeline: NewTimelineRow[] = [];
  // A new lead starts at 0 with an empty breakdown: without rules there is nothing to compute.
  if (context.rules.length === 0) return { timeline, eventLinks };
  for (const lead of newLeads) {
    const { score, breakdown } = scoreOf(lead, eventsByLead.get(lead.id) ?? [], context, at);
    const stage = promotedStage(lead.lifecycleStage, score, context.settings);
    if (stage) timeline.push(promotionEvent(lead, { stage, score }, context, at));
    lead.score = score;
    lead.scoreBreakdown = breakdown;
    if (stage) lead.lifecycleStage = stage;
  }
  return { timeline, eventLinks };
}

/** Pages through lead ids and rescores each page in its own transaction. */
async function rescoreInPages(
  database: Database,
  at: Date,
  nextPage: (afterId: string | null) => Promise<string[]>,
): Promise<{ leads: number; promoted: number }> {
  const context = await loadScoringContext(database.db);
  const total = { leads: 0, promoted: 0 };
  let afterId: string | null = null;
  for (;;) {
    const ids = await nextPage(afterId);
    if (ids.length === 0) return total;
    const result = await database.db.transaction((tx) => rescoreLeads(tx, ids, at, context));
    total.leads += result.leads;
    total.promoted += result.promoted;
    afterId = ids[ids.length - 1] ?? null;
  }
}

/** Rescores every live lead (after a rule or threshold change). */
export function rescoreAllLeads(database: Database, at: Date): Promise<{ leads: number; promoted: number }> {
  return rescoreInPages(database, at, (afterId) => listLiveLeadIdsAfter(database.db, afterId, RESCORE_BATCH));
}

/**
 * For the scheduler (daily): engagement points decay, so stored scores of leads with events go
 * stale; this refreshes them (and may promote a lead whose fit rules changed meanwhile).
 */
export function rescoreDecayingLeads(
  database: Database,
  at: Date,
): Promise<{ leads: number; promoted: number }> {
  return rescoreInPages(database, at, (afterId) =>
    listLeadIdsWithEventsAfter(database.db, afterId, RESCORE_BATCH),
  );
}

/** The score as of `now`, computed without writing (stored scores lag decay until the next rescore). */
export async function currentLeadScore(
  ex: Executor,
  lead: LeadRow,
  now: Date,
): Promise<LeadScore & { computedAt: Date }> {
  const [context, events] = await Promise.all([loadScoringContext(ex), listEventsOfLeads(ex, [lead.id])]);
  return { ...scoreOf(lead, events, context, now), computedAt: now };
}

// ---- Rule and threshold management (marketers, heads, admins) ----

function assertCanManage(principal: Principal): void {
  if (!canManageMarketing(principal))
    throw forbidden('Only marketers, sales heads and admins manage scoring.');
}

export async function createScoringRule(
  database: Database,
  input: { principal: Principal; rule: ScoringRuleCreate; at: Date },
): Promise<ScoringRuleRow> {
  assertCanManage(input.principal);
  const { rule } = input;
  const row = await insertScoringRule(database.db, {
    kind: rule.kind,
    name: rule.name,
    points: rule.points,
    active: rule.active ?? true,
    ...(rule.kind === 'fit'
      ? { conditions: rule.conditions }
      : {
          eventType: rule.eventType,
          urlPattern: rule.urlPattern ?? null,
          decayDays: rule.decayDays ?? null,
        }),
    createdAt: input.at,
    updatedAt: input.at,
  });
  await rescoreAllLeads(database, input.at);
  return row;
}

const FIT_ONLY = ['conditions'] as const;
const ENGAGEMENT_ONLY = ['eventType', 'urlPattern', 'decayDays'] as const;

export async function changeScoringRule(
  database: Database,
  input: { principal: Principal; id: string; patch: ScoringRulePatch; at: Date },
): Promise<ScoringRuleRow> {
  assertCanManage(input.principal);
  const current = await findScoringRuleById(database.db, input.id);
  if (!current) throw notFound(`Scoring rule ${input.id}`);
  const foreign = current.kind === 'fit' ? ENGAGEMENT_ONLY : FIT_ONLY;
  const misplaced = foreign.filter((field) => input.patch[field] !== undefined);
  if (misplaced.length > 0)
    throw invalid(misplaced.map((name) => ({ name, reason: `not a field of a ${current.kind} rule` })));
  const row = await updateScoringRule(database.db, input.id, { ...input.patch, updatedAt: input.at });
  if (!row) throw notFound(`Scoring rule ${input.id}`);
  await rescoreAllLeads(database, input.at);
  return row;
}

export async function removeScoringRule(
  database: Database,
  input: { principal: Principal; id: string; at: Date },
): Promise<void> {
  assertCanManage(input.principal);
  if (!(await deleteScoringRule(database.db, input.id))) throw notFound(`Scoring rule ${input.id}`);
  await rescoreAllLeads(database, input.at);
}

export async function saveScoringSettings(
  database: Database,
  input: { principal: Principal; settings: ScoringSettings; at: Date },
): Promise<ScoringSettings> {
  assertCanManage(input.principal);
  const thresholds = [...input.settings.thresholds].sort((a, b) => a.minScore - b.minScore);
  await writeSetting(database.db, SETTINGS_KEY, { thresholds }, input.at);
  await rescoreAllLeads(database, input.at);
  return { thresholds };
}

export async function recomputeAllScores(
  database: Database,
  input: { principal: Principal; at: Date },
): Promise<{ leads: number; promoted: number }> {
  assertCanManage(input.principal);
  return rescoreAllLeads(database, input.at);
}
