import { jaroWinkler } from '@skyra/jaro-winkler';

export type Weights = { agree: number; partial: number; disagree: number };

/**
 * Maps a similarity in 0..1 to a weight: agree at 1, from `partial` rising towards `agree` between
 * `threshold` and 1 (a one-letter typo is worth almost a full agreement), disagree below.
 */
export function weightOf(similarity: number, weights: Weights, threshold: number): number {
  if (similarity >= 1) return weights.agree;
  if (similarity < threshold) return weights.disagree;
  const span = 1 - threshold;
  const closeness = span > 0 ? (similarity - threshold) / span : 1;
  return weights.partial + (weights.agree - weights.partial) * closeness;
}

/** Jaro-Winkler, also tried with spaces removed: "brentwoo dvlge" and "pridhamstreet" are the same words. */
export function textSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const joinedA = a.replaceAll(' ', '');
  const joinedB = b.replaceAll(' ', '');
  if (joinedA === joinedB) return 1;
  return Math.max(jaroWinkler(a, b), jaroWinkler(joinedA, joinedB));
}

/**
 * Optimal string alignment distance (edits plus adjacent swaps), giving up above `limit`:
 * codes are short, and only "equal", "within limit" or "far" matter.
 */
export function editDistanceWithin(a: string, b: string, limit: number): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) rows.push([i]);
  const first = rows[0] as number[];
  for (let j = 1; j <= b.length; j++) first[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const row = rows[i] as number[];
    const previous = rows[i - 1] as number[];
    let rowMin = Number.POSITIVE_INFINITY;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(
        (previous[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, (rows[i - 2]?.[j - 2] as number) + 1);
      }
      row[j] = best;
      rowMin = Math.min(rowMin, best);
    }
    if (rowMin > limit) return limit + 1;
  }
  return Math.min(rows[a.length]?.[b.length] as number, limit + 1);
}

/** How many trailing digits two phone numbers share. */
export function sharedTailDigits(a: string, b: string): number {
  let shared = 0;
  for (let i = a.length - 1, j = b.length - 1; i >= 0 && j >= 0 && a[i] === b[j] && a[i] !== '+'; i--, j--)
    shared++;
  return shared;
}

/** The best similarity over all pairs of values of two multi-valued fields. */
export function bestOver(
  as: readonly string[],
  bs: readonly string[],
  similarity: (a: string, b: string) => number,
) {
  let best = 0;
  for (const a of as) {
    for (const b of bs) {
      const value = similarity(a, b);
      if (value > best) best = value;
      if (best >= 1) return best;
    }
  }
  return best;
}
