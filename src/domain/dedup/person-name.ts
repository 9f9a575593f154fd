import { jaroWinkler } from '@skyra/jaro-winkler';
import type { MatchFields } from '../types.ts';
import type { NamePartWeights, PersonNameRule } from './config.ts';
import { valuesOf } from './fields.ts';
import { nameSkeleton } from './fold.ts';
import { weightOf } from './similarity.ts';

// An initial ("i" against "ivan") neither confirms nor contradicts: it is scored as neutral.
const INITIAL_MATCH = -1;

/** 1 for the same name in any transliteration, Jaro-Winkler for typos, INITIAL_MATCH for a matching initial. */
export function nameSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const skeletonA = nameSkeleton(a);
  const skeletonB = nameSkeleton(b);
  if (skeletonA === skeletonB && skeletonA !== '') return 1;
  if (a.length === 1 || b.length === 1) return a[0] === b[0] ? INITIAL_MATCH : 0;
  return Math.max(jaroWinkler(a, b), jaroWinkler(skeletonA, skeletonB));
}

function firstValue(fields: MatchFields, field: string): string | undefined {
  return valuesOf(fields, field)[0];
}

type PartScore = { weight: number; exact: boolean };

function partScore(
  a: string | undefined,
  b: string | undefined,
  weights: NamePartWeights,
  threshold: number,
) {
  if (a === undefined || b === undefined) return undefined;
  const similarity = nameSimilarity(a, b);
  if (similarity === INITIAL_MATCH) return { weight: 0, exact: false };
  return { weight: weightOf(similarity, weights, threshold), exact: similarity >= 1 };
}

type Orientation = { first?: number; last?: number; total: number };

function orientation(
  first: PartScore | undefined,
  last: PartScore | undefined,
  penalty: number,
): Orientation {
  return {
    first: first?.weight,
    last: last?.weight,
    total: (first?.weight ?? 0) + (last?.weight ?? 0) - penalty,
  };
}

/**
 * Adds the name contributions to `breakdown`: first and last name compared straight and crossed
 * (Ivanov Ivan vs Ivan Ivanov), the better reading kept; the middle name (patronymic) straight only.
 */
export function scorePersonName(
  a: MatchFields,
  b: MatchFields,
  rule: PersonNameRule,
  breakdown: Record<string, number>,
) {
  const firstA = firstValue(a, rule.first.field);
  const lastA = firstValue(a, rule.last.field);
  const firstB = firstValue(b, rule.first.field);
  const lastB = firstValue(b, rule.last.field);
  const straight = orientation(
    partScore(firstA, firstB, rule.first, rule.similarity),
    partScore(lastA, lastB, rule.last, rule.similarity),
    0,
  );
  // Crossed: A's last name holds the given name and A's first name holds the surname. It needs one
  // exact crossed part, or near misses would read Ivan Petrov as Petr Ivanov.
  const crossedFirst = partScore(lastA, firstB, rule.first, rule.similarity);
  const crossedLast = partScore(firstA, lastB, rule.last, rule.similarity);
  const crossed =
    crossedFirst?.exact || crossedLast?.exact
      ? orientation(crossedFirst, crossedLast, rule.swappedPenalty)
      : undefined;
  const useCrossed = crossed !== undefined && crossed.total > straight.total;
  const chosen = useCrossed ? crossed : straight;
  if (chosen.first !== undefined) breakdown[`${rule.name}.first`] = chosen.first;
  if (chosen.last !== undefined) breakdown[`${rule.name}.last`] = chosen.last;
  if (useCrossed) breakdown[`${rule.name}.swapped`] = -rule.swappedPenalty;
  if (rule.middle) {
    const middle = partScore(
      firstValue(a, rule.middle.field),
      firstValue(b, rule.middle.field),
      rule.middle,
      rule.similarity,
    );
    if (middle !== undefined) breakdown[`${rule.name}.middle`] = middle.weight;
  }
}
