import type { MatchFields } from '../types.ts';
import type { BlockingKeyRule, KeyPart, MatcherConfig } from './config.ts';
import { valuesOf } from './fields.ts';
import { nameSkeleton, phoneticKey } from './fold.ts';

// Bounds for the match_keys rows one profile may write: a profile with many emails and phones must not
// explode into a cartesian product, and btree entries stay short.
const MAX_KEYS = 64;
const MAX_KEY_PART = 64;

function transformed(value: string, part: KeyPart): string {
  let text: string;
  switch (part.transform) {
    case 'value':
      text = value;
      break;
    case 'skeleton':
      text = nameSkeleton(value);
      break;
    case 'phonetic':
      text = phoneticKey(value);
      break;
    case 'digits':
      text = value.replace(/\D/g, '');
      break;
  }
  if (part.first !== undefined) text = text.slice(0, part.first);
  if (part.last !== undefined) text = text.slice(-part.last);
  return text.slice(0, MAX_KEY_PART);
}

function partValues(fields: MatchFields, part: KeyPart): string[] {
  const values = valuesOf(fields, part.field).map((value) => transformed(value, part));
  return [...new Set(values.filter(Boolean))];
}

function keysOfRule(fields: MatchFields, rule: BlockingKeyRule): string[] {
  let combinations: string[][] = [[]];
  for (const part of rule.parts) {
    const values = partValues(fields, part);
    // A key needs every part: "surname + postcode" without a postcode would be just "surname".
    if (!values.length) return [];
    combinations = combinations.flatMap((prefix) => values.map((value) => [...prefix, value]));
    if (combinations.length > MAX_KEYS) combinations = combinations.slice(0, MAX_KEYS);
  }
  return combinations
    .map((parts) => (rule.unordered ? [...parts].sort() : parts).join('|'))
    .filter((payload) => payload.replaceAll('|', '').length >= (rule.minLength ?? 1))
    .map((payload) => `${rule.prefix}:${payload}`);
}

/**
 * Keys under which a profile is indexed and looked up (`e:ivan@x.ru`, `p:+79161234567`, `n:afnf|ifn`).
 * Two profiles that may be duplicates share at least one; the store ranks candidates by shared keys.
 */
export function blockingKeysOf(fields: MatchFields, config: MatcherConfig): string[] {
  const keys = new Set<string>();
  for (const rule of config.blocking) {
    for (const key of keysOfRule(fields, rule)) {
      if (keys.size >= MAX_KEYS) return [...keys];
      keys.add(key);
    }
  }
  return [...keys];
}

/** Prefixes of the weak blocking keys (see BlockingKeyRule.weak). */
export function weakKeyPrefixesOf(config: MatcherConfig): string[] {
  return config.blocking.filter((rule) => rule.weak).map((rule) => rule.prefix);
}
