import type { CardRef, MatchFields } from '../types.ts';
import type { MatcherConfig } from './config.ts';
import { type PairScore, scorePair } from './score.ts';

/** One stored profile; a card may have several (its own data plus each attached inquiry's). */
export type DuplicateCandidate = { card: CardRef; fields: MatchFields };
export type ReviewPair = { card: CardRef; score: number; breakdown: Record<string, number> };
export type DuplicateDecision =
  | { decision: 'new'; reviews: [] }
  | {
      decision: 'attach';
      card: CardRef;
      score: number;
      breakdown: Record<string, number>;
      reviews: ReviewPair[];
    }
  | { decision: 'review'; reviews: ReviewPair[] };

type CardVerdict = { card: CardRef; best?: PairScore; bestAttachable?: PairScore };

/** A pair the config forbids attaching: a vetoed field (usually the first name) clearly disagrees. */
export function isAttachVetoed(pair: PairScore, config: MatcherConfig): boolean {
  return config.vetoAttachOn.some((key) => (pair.breakdown[key] ?? 0) < 0);
}

function cardKey(card: CardRef): string {
  return `${card.type}:${card.id}`;
}

function verdictsByCard(incoming: MatchFields, candidates: DuplicateCandidate[], config: MatcherConfig) {
  const verdicts = new Map<string, CardVerdict>();
  for (const candidate of candidates) {
    const key = cardKey(candidate.card);
    const verdict = verdicts.get(key) ?? { card: candidate.card };
    verdicts.set(key, verdict);
    const pair = scorePair(incoming, candidate.fields, config);
    if (!verdict.best || pair.score > verdict.best.score) verdict.best = pair;
    // The best profile may be vetoed (an inquiry by the spouse) while another profile of the card agrees.
    const attachable = !isAttachVetoed(pair, config);
    if (attachable && (!verdict.bestAttachable || pair.score > verdict.bestAttachable.score)) {
      verdict.bestAttachable = pair;
    }
  }
  return [...verdicts.values()];
}

/**
 * Scores the incoming person against every candidate profile, keeps per card its best profile, and
 * decides: attach to the best card at or above the attach threshold (and not vetoed), send cards
 * between the review and attach thresholds to review (best first, at most maxReviews), else new.
 */
export function findDuplicateDecision(
  incoming: MatchFields,
  candidates: DuplicateCandidate[],
  config: MatcherConfig,
): DuplicateDecision {
  const { attach, review } = config.thresholds;
  const verdicts = verdictsByCard(incoming, candidates, config);
  let target: { card: CardRef; pair: PairScore } | undefined;
  for (const verdict of verdicts) {
    const pair = verdict.bestAttachable;
    if (pair && pair.score >= attach && (!target || pair.score > target.pair.score)) {
      target = { card: verdict.card, pair };
    }
  }
  const reviews = verdicts
    .filter((verdict) => verdict.card !== target?.card && verdict.best && verdict.best.score >= review)
    .map((verdict) => ({ card: verdict.card, ...(verdict.best as PairScore) }))
    .sort((a, b) => b.score - a.score)
    .slice(0, config.maxReviews);
  if (target) return { decision: 'attach', card: target.card, ...target.pair, reviews };
  if (reviews.length) return { decision: 'review', reviews };
  return { decision: 'new', reviews: [] };
}
