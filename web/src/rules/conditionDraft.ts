// A condition as the editor holds it (one row: field, operator, value as typed) and the conversion
// to and from the stored `{ field, op, value }` of src/domain/conditions.ts.

import type { FieldErrors } from './data.ts';
import {
  CONDITION_OPS,
  type Condition,
  type ConditionOp,
  LIST_OPS,
  NUMBER_OPS,
  VALUELESS_OPS,
} from './types.ts';

/** Fields named by a prefix and a key the person types: custom.<key>, attribution.<tag>, address.<part>. */
export const KEYED_BASES = ['custom', 'attribution', 'address'] as const;
/** Any other field path (scoring rules accept any path of the lead). */
export const OTHER_BASE = 'other';

/** How a field's value is entered. */
export type ValueKind = 'text' | 'number' | 'channel' | 'campaign' | 'temperature' | 'kind';

export const TEMPERATURES = ['hot', 'warm', 'cold'] as const;
export const LEAD_KINDS = ['lead', 'interest'] as const;

export type ConditionDraft = {
  /** Stable React key of the row. */
  rowId: number;
  /** An attribute (channelId, interest…), a keyed base (custom, attribution, address) or "other". */
  base: string;
  /** The key of a keyed base, or the whole path for "other". */
  sub: string;
  op: ConditionOp;
  /** The value as typed (one value). */
  text: string;
  /** The values of a list operator (ids for channels and campaigns). */
  list: string[];
};

let nextRowId = 1;

export function valueKindOf(base: string): ValueKind {
  switch (base) {
    case 'channelId':
      return 'channel';
    case 'campaignId':
      return 'campaign';
    case 'temperature':
      return 'temperature';
    case 'kind':
      return 'kind';
    case 'score':
      return 'number';
    default:
      return 'text';
  }
}

/** Whether values are typed (text, numbers) rather than picked from a list. */
export const isTyped = (kind: ValueKind) => kind === 'text' || kind === 'number';

/** The operators that make sense for a kind of value. */
export function opsFor(kind: ValueKind): readonly ConditionOp[] {
  switch (kind) {
    case 'channel':
    case 'campaign':
    case 'temperature':
    case 'kind':
      return ['eq', 'neq', 'in', 'not_in', 'exists', 'not_exists'];
    case 'number':
      return ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'in', 'not_in'];
    default:
      return CONDITION_OPS;
  }
}

export function newDraft(base: string): ConditionDraft {
  return { rowId: nextRowId++, base, sub: '', op: 'eq', text: '', list: [] };
}

/** The row of a stored condition; a field this editor does not name goes to `fallbackBase`. */
export function draftOf(condition: Condition, knownFields: readonly string[]): ConditionDraft {
  const [prefix, ...rest] = condition.field.split('.');
  let base = condition.field;
  let sub = '';
  if (prefix && rest.length > 0 && (KEYED_BASES as readonly string[]).includes(prefix)) {
    base = prefix;
    sub = rest.join('.');
  } else if (!knownFields.includes(condition.field)) {
    base = OTHER_BASE;
    sub = condition.field;
  }
  const value = condition.value;
  const list = Array.isArray(value) ? value.map((v) => String(v)) : [];
  // A typed list is edited as text ("a, b"); a list of channels, campaigns… as a selection.
  const text = Array.isArray(value)
    ? list.join(', ')
    : value === undefined || value === null
      ? ''
      : String(value);
  return { rowId: nextRowId++, base, sub, op: condition.op, text, list };
}

export function fieldOf(draft: ConditionDraft): string {
  if (draft.base === OTHER_BASE) return draft.sub.trim();
  if ((KEYED_BASES as readonly string[]).includes(draft.base)) return `${draft.base}.${draft.sub.trim()}`;
  return draft.base;
}

/** Free-typed list values: separated by commas or new lines. */
export function splitList(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((v) => v.trim())
    .filter(Boolean);
}

function numberOrText(text: string): number | string {
  const n = Number(text);
  return text !== '' && Number.isFinite(n) ? n : text;
}

export function conditionOf(draft: ConditionDraft): Condition {
  const field = fieldOf(draft);
  const kind = valueKindOf(draft.base);
  if (VALUELESS_OPS.includes(draft.op)) return { field, op: draft.op };
  if (LIST_OPS.includes(draft.op)) {
    if (!isTyped(kind)) return { field, op: draft.op, value: draft.list };
    const values = splitList(draft.text);
    return { field, op: draft.op, value: kind === 'number' ? values.map(numberOrText) : values };
  }
  const text = draft.text.trim();
  if (kind === 'number' || NUMBER_OPS.includes(draft.op))
    return { field, op: draft.op, value: numberOrText(text) };
  return { field, op: draft.op, value: text };
}

/**
 * What the server would take but never match, caught before sending: a missing key or value, a
 * number operator without a number. Named like the server names its own ("conditions.0.value").
 */
export function draftProblems(
  drafts: readonly ConditionDraft[],
  messages: { keyRequired: string; valueRequired: string; numberRequired: string },
): FieldErrors {
  const problems: FieldErrors = {};
  drafts.forEach((draft, index) => {
    const at = `conditions.${index}`;
    const keyed = draft.base === OTHER_BASE || (KEYED_BASES as readonly string[]).includes(draft.base);
    if (keyed && !draft.sub.trim()) problems[`${at}.field`] = messages.keyRequired;
    if (VALUELESS_OPS.includes(draft.op)) return;
    if (LIST_OPS.includes(draft.op)) {
      const count = isTyped(valueKindOf(draft.base)) ? splitList(draft.text).length : draft.list.length;
      if (count === 0) problems[`${at}.value`] = messages.valueRequired;
      return;
    }
    const text = draft.text.trim();
    if (!text) problems[`${at}.value`] = messages.valueRequired;
    else if (
      (NUMBER_OPS.includes(draft.op) || valueKindOf(draft.base) === 'number') &&
      !Number.isFinite(Number(text))
    )
      problems[`${at}.value`] = messages.numberRequired;
  });
  return problems;
}
