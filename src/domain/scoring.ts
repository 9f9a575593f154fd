// Rule-based lead scoring: fit (who they are) plus engagement (what they did, losing value over
// time), with a breakdown naming the rule behind every point, and the lifecycle promotion a score
// earns. Pure: rules, events and `now` come in, numbers come out.

import { type Condition, evaluateConditions, matchesGlob } from './conditions.ts';

export const LIFECYCLE_STAGES = ['interest', 'iql', 'eql', 'mql', 'sal', 'sql', 'customer'] as const;
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];
/** Scoring promotes at most to this stage; the later ones are set by sales. */
export const HIGHEST_SCORED_STAGE: LifecycleStage = 'mql';
/** The stages a score threshold may name. */
export const SCORED_STAGES = LIFECYCLE_STAGES.slice(0, LIFECYCLE_STAGES.indexOf(HIGHEST_SCORED_STAGE) + 1);

export const ENGAGEMENT_EVENT_TYPES = [
  'page_view',
  'download',
  'webinar',
  'email_open',
  'email_click',
  'form_submit',
] as const;

export type FitRule = { id: string; name: string; kind: 'fit'; conditions: Condition[]; points: number };
export type EngagementRule = {
  id: string;
  name: string;
  kind: 'engagement';
  eventType: string;
  /** Glob when it has `*` or `?`, otherwise a substring of the URL; null: any URL. */
  urlPattern: string | null;
  points: number;
  /** Half-life in days; null: no decay. */
  decayDays: number | null;
};
export type ScoringRule = FitRule | EngagementRule;
export type ScoredEvent = { type: string; url: string | null; occurredAt: Date };

export type BreakdownEntry = {
  ruleId: string;
  name: string;
  kind: 'fit' | 'engagement';
  points: number;
  detail: string;
};
export type LeadScore = { score: number; breakdown: BreakdownEntry[] };

export type Threshold = { minScore: number; stage: LifecycleStage };
export type ScoringSettings = { thresholds: Threshold[] };
export const DEFAULT_SCORING_SETTINGS: ScoringSettings = {
  thresholds: [
    { minScore: 50, stage: 'eql' },
    { minScore: 100, stage: 'mql' },
  ],
};

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Each rule's points are rounded to a whole number, halves away from zero (2.5 → 3, -2.5 → -3),
 * and the score is the sum of the breakdown, so what a user reads always adds up.
 */
export function roundPoints(points: number): number {
  return Math.sign(points) * Math.round(Math.abs(points));
}

/** Points of one event after `decayDays` half-lives: points × 0.5^(age_days / decay_days). */
export function decayedPoints(points: number, decayDays: number | null, occurredAt: Date, now: Date): number {
  if (!decayDays || decayDays <= 0) return points;
  // An event stamped in the future (a client clock ahead of ours) counts as happening now.
  const ageDays = Math.max(0, now.getTime() - occurredAt.getTime()) / DAY_MS;
  return points * 0.5 ** (ageDays / decayDays);
}

/** Whether a URL fits a rule's pattern: a glob when it has wildcards, otherwise a substring. */
export function urlMatches(url: string | null, pattern: string | null): boolean {
  if (!pattern) return true;
  if (!url) return false;
  if (/[*?]/.test(pattern)) return matchesGlob(url, pattern);
  return url.toLowerCase().includes(pattern.toLowerCase());
}

export function eventMatchesRule(event: ScoredEvent, rule: EngagementRule): boolean {
  return event.type === rule.eventType && urlMatches(event.url, rule.urlPattern);
}

function describeConditions(conditions: Condition[]): string {
  if (conditions.length === 0) return 'always';
  return conditions
    .map((c) =>
      c.value === undefined ? `${c.field} ${c.op}` : `${c.field} ${c.op} ${JSON.stringify(c.value)}`,
    )
    .join(' and ');
}

/** The score of a lead at `now`, with one breakdown entry per rule that gave points. */
export function scoreLead(input: {
  lead: unknown;
  rules: readonly ScoringRule[];
  events: readonly ScoredEvent[];
  now: Date;
}): LeadScore {
  const breakdown: BreakdownEntry[] = [];
  for (const rule of input.rules) {
    if (rule.kind === 'fit') {
      if (!evaluateConditions(rule.conditions, input.lead)) continue;
      breakdown.push({
        ruleId: rule.id,
        name: rule.name,
        kind: 'fit',
        points: rule.points,
        detail: describeConditions(rule.conditions),
      });
      continue;
    }
    const matched = input.events.filter((event) => eventMatchesRule(event, rule));
    if (matched.length === 0) continue;
    const exact = matched.reduce(
      (sum, event) => sum + decayedPoints(rule.points, rule.decayDays, event.occurredAt, input.now),
      0,
    );
    const points = roundPoints(exact);
    if (points === 0) continue;
    const latest = matched.reduce((a, b) => (b.occurredAt > a.occurredAt ? b : a));
    const decay = rule.decayDays ? `, half-life ${rule.decayDays} d` : '';
    breakdown.push({
      ruleId: rule.id,
      name: rule.name,
      kind: 'engagement',
      points,
      detail: `${matched.length} × ${rule.eventType}${rule.urlPattern ? ` ${rule.urlPattern}` : ''} at ${rule.points}${decay}; latest ${latest.occurredAt.toISOString()}`,
    });
  }
  return { score: breakdown.reduce((sum, entry) => sum + entry.points, 0), breakdown };
}

export function stageIndex(stage: string): number {
  return LIFECYCLE_STAGES.indexOf(stage as LifecycleStage);
}

/**
 * The stage a score promotes a lead to, or null when it stays: only forward, never past
 * HIGHEST_SCORED_STAGE, and a lead at a stage the scoring does not know is left alone.
 */
export function promotedStage(
  current: string,
  score: number,
  settings: ScoringSettings,
): LifecycleStage | null {
  const currentIndex = stageIndex(current);
  if (currentIndex < 0) return null;
  let best: LifecycleStage | null = null;
  for (const threshold of settings.thresholds) {
    if (score < threshold.minScore) continue;
    const index = stageIndex(threshold.stage);
    if (index < 0 || index > stageIndex(HIGHEST_SCORED_STAGE)) continue;
    if (index > currentIndex && (best === null || index > stageIndex(best))) best = threshold.stage;
  }
  return best;
}

/** Where returning a lead to marketing puts it: back to MQL from a sales stage, otherwise unchanged. */
export function stageAfterReturnToMarketing(current: string): string {
  return stageIndex(current) > stageIndex(HIGHEST_SCORED_STAGE) ? HIGHEST_SCORED_STAGE : current;
}
