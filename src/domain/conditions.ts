// Field conditions on a lead-like record, shared by scoring rules and assignment rules:
// `{ field: 'custom.segment', op: 'in', value: ['smb', 'mid'] }`. Pure: plain data in, boolean out.
//
// Comparison is forgiving on purpose, because rules are typed by people: strings compare
// trimmed and case-insensitively, and a list field (emails, phones) holds when any element does.

export const CONDITION_OPS = [
  'eq',
  'neq',
  'in',
  'not_in',
  'contains',
  'not_contains',
  'gt',
  'gte',
  'lt',
  'lte',
  'exists',
  'not_exists',
  'matches',
] as const;
export type ConditionOp = (typeof CONDITION_OPS)[number];

/** A condition as stored (the op is validated when a rule is saved; unknown ops never hold). */
export type Condition = { field: string; op: ConditionOp | string; value?: unknown };

/** Ops that take no value. */
export const VALUELESS_OPS: readonly ConditionOp[] = ['exists', 'not_exists'];
/** Ops whose value is a list. */
export const LIST_OPS: readonly ConditionOp[] = ['in', 'not_in'];

export function isConditionOp(op: string): op is ConditionOp {
  return (CONDITION_OPS as readonly string[]).includes(op);
}

/** True when every condition holds (an empty list always holds). */
export function evaluateConditions(conditions: readonly Condition[], record: unknown): boolean {
  return conditions.every((condition) => evaluateCondition(condition, record));
}

export function evaluateCondition(condition: Condition, record: unknown): boolean {
  const actual = readField(record, condition.field);
  const values = valuesOf(actual);
  const expected = condition.value;
  switch (condition.op) {
    case 'exists':
      return values.length > 0;
    case 'not_exists':
      return values.length === 0;
    case 'eq':
      return values.some((v) => sameValue(v, expected));
    case 'neq':
      return !values.some((v) => sameValue(v, expected));
    case 'in':
      return values.some((v) => listOf(expected).some((e) => sameValue(v, e)));
    case 'not_in':
      return !values.some((v) => listOf(expected).some((e) => sameValue(v, e)));
    case 'contains':
      return values.some((v) => containsText(v, expected));
    case 'not_contains':
      return !values.some((v) => containsText(v, expected));
    case 'gt':
      return values.some((v) => compare(v, expected, (a, b) => a > b));
    case 'gte':
      return values.some((v) => compare(v, expected, (a, b) => a >= b));
    case 'lt':
      return values.some((v) => compare(v, expected, (a, b) => a < b));
    case 'lte':
      return values.some((v) => compare(v, expected, (a, b) => a <= b));
    case 'matches':
      return typeof expected === 'string' && values.some((v) => matchesGlob(textOf(v), expected));
    default:
      return false;
  }
}

/** Reads a dotted path ('custom.segment', 'attribution.utm_source'); undefined when absent. */
export function readField(record: unknown, path: string): unknown {
  let current: unknown = record;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/**
 * Whole-string glob match, case-insensitive: `*` is any run of characters (slashes included, so
 * `*\/pricing*` matches a full URL), `?` is one character. Written here rather than taken from a
 * file-glob library because those stop `*` at `/`, which is wrong for URLs and free text.
 */
export function matchesGlob(text: string, pattern: string): boolean {
  const source = pattern
    .split('')
    .map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, 'is').test(text);
}

// A missing value, null, a blank string and an empty list all count as "no value".
function valuesOf(actual: unknown): unknown[] {
  const list = Array.isArray(actual) ? actual : [actual];
  return list.filter((v) => v !== undefined && v !== null && !(typeof v === 'string' && v.trim() === ''));
}

function listOf(expected: unknown): unknown[] {
  return Array.isArray(expected) ? expected : [expected];
}

function textOf(value: unknown): string {
  if (typeof value === 'string') return value.trim().toLowerCase();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value).toLowerCase();
  return JSON.stringify(value ?? null).toLowerCase();
}

function sameValue(actual: unknown, expected: unknown): boolean {
  if (expected === undefined || expected === null) return false;
  const a = numberOf(actual);
  const b = numberOf(expected);
  if (a !== null && b !== null) return a === b;
  return textOf(actual) === textOf(expected);
}

function containsText(actual: unknown, expected: unknown): boolean {
  if (expected === undefined || expected === null) return false;
  const needle = textOf(expected);
  return needle !== '' && textOf(actual).includes(needle);
}

function numberOf(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value.trim());
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

function compare(actual: unknown, expected: unknown, holds: (a: number, b: number) => boolean): boolean {
  const a = numberOf(actual);
  const b = numberOf(expected);
  return a !== null && b !== null && holds(a, b);
}
