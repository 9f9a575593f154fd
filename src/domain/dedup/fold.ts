import { doubleMetaphone } from 'double-metaphone';
import { transliterate } from 'transliteration';

/**
 * Lower-case Latin letters, digits and single spaces. Accents are dropped before transliteration, so
 * Ё → e and Й → i (as people typing Latin usually write them) and Müller → muller.
 */
export function foldToLatin(text: string): string {
  const bare = text.normalize('NFD').replace(/\p{M}/gu, '');
  return transliterate(bare)
    .toLowerCase()
    .replace(/['’`ʼ]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

// Spellings the same Russian (or other) name gets in Latin letters, reduced to one form:
// Щукин → shchukin/schukin/shukin, Юрий → yuriy/yuri/iurii/jurij, Ёлкина → yolkina/elkina,
// Хрущёв → khrushchev/hrushchev, Цой → tsoi/coi, Наталья → natalya/natalia/natalja.
const SKELETON_STEPS: ReadonlyArray<readonly [RegExp, string]> = [
  [/shch|sch/g, 'sh'],
  [/kh/g, 'h'],
  [/t[sz]/g, 'c'],
  [/ph/g, 'f'],
  [/w/g, 'v'],
  [/x/g, 'ks'],
  [/ck/g, 'k'],
  [/[yj]/g, 'i'],
  [/([a-z])\1+/g, '$1'],
  [/i[eo]/g, 'e'],
  [/i([au])/g, '$1'],
  [/ /g, ''],
];

const skeletonCache = new Map<string, string>();
const CACHE_LIMIT = 50_000;

function remember(value: string, derived: string): string {
  // A plain bounded memo: names repeat a lot across candidates, and clearing is cheaper than LRU bookkeeping.
  if (skeletonCache.size >= CACHE_LIMIT) skeletonCache.clear();
  skeletonCache.set(value, derived);
  return derived;
}

/** A folded name with transliteration variants merged; only for comparing and blocking, never shown. */
export function nameSkeleton(folded: string): string {
  const cached = skeletonCache.get(folded);
  if (cached !== undefined) return cached;
  let result = folded;
  for (const [pattern, replacement] of SKELETON_STEPS) result = result.replace(pattern, replacement);
  return remember(folded, result);
}

/** Double Metaphone (primary) of a name's skeleton: sounds-alike names share it (green/grene, ivanov/ivanova). */
export function phoneticKey(folded: string): string {
  const skeleton = nameSkeleton(folded);
  return skeleton ? doubleMetaphone(skeleton)[0] : '';
}
