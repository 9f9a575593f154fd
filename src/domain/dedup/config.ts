import { z } from 'zod';

// Weights are Fellegi–Sunter style log-likelihood contributions (about log2(m/u)): positive when the
// values agree, a smaller positive amount for a near match, negative when they clearly differ, and
// nothing at all when either side has no value. A pair's score is their sum.

/** Exact equality of any value of a (possibly multi-valued) field: emails, ids. */
export type ExactRule = { kind: 'exact'; name: string; field: string; agree: number; disagree: number };

/** E.164 equality, or the same last `tailDigits`+ digits under a different or missing country/area code. */
export type PhoneRule = {
  kind: 'phone';
  name: string;
  field: string;
  agree: number;
  partial: number;
  disagree: number;
  tailDigits: number;
};

/** Free text (company, street, city): Jaro-Winkler, also with spaces removed; near match from `similarity`. */
export type TextRule = {
  kind: 'text';
  name: string;
  field: string;
  agree: number;
  partial: number;
  disagree: number;
  similarity: number;
};

/** Codes (postcode, house number, id, date): exact, or within `maxEdits` edits (adjacent swaps count as one). */
export type CodeRule = {
  kind: 'code';
  name: string;
  field: string;
  agree: number;
  partial: number;
  disagree: number;
  maxEdits: number;
};

export type NamePartWeights = { field: string; agree: number; partial: number; disagree: number };

/**
 * A person's name compared as a whole: typos (Jaro-Winkler), transliteration variants, initials, and
 * first/last swapped (at `swappedPenalty`). Contributes `<name>.first`, `<name>.last`, `<name>.middle`
 * and `<name>.swapped` to the breakdown.
 */
export type PersonNameRule = {
  kind: 'personName';
  name: string;
  first: NamePartWeights;
  last: NamePartWeights;
  middle?: NamePartWeights;
  similarity: number;
  swappedPenalty: number;
};

export type MatchRule = ExactRule | PhoneRule | TextRule | CodeRule | PersonNameRule;

export const KEY_TRANSFORMS = ['value', 'skeleton', 'phonetic', 'digits'] as const;
/** value: as stored; skeleton: name with transliteration variants folded; phonetic: Double Metaphone of the skeleton; digits: digits only. */
export type KeyTransform = (typeof KEY_TRANSFORMS)[number];

/** One component of a blocking key; `first`/`last` keep only that many leading/trailing characters. */
export type KeyPart = { field: string; transform: KeyTransform; first?: number; last?: number };

/**
 * A blocking key is `<prefix>:<part>|<part>…`; no key when a part is empty or the parts are shorter than minLength.
 * A `weak` key (a common name) finds a candidate only together with a second shared key: alone it
 * would bring in every namesake, none of whom could reach the review threshold on the name alone.
 */
export type BlockingKeyRule = {
  prefix: string;
  parts: KeyPart[];
  unordered?: boolean;
  minLength?: number;
  weak?: boolean;
};

export type MatcherConfig = {
  /** Score at which an incoming person is attached to a card, and from which a pair is sent to review. */
  thresholds: { attach: number; review: number };
  /** How many stored profiles the store fetches through the blocking keys (most shared keys first). */
  maxCandidates: number;
  /** At most this many cards go to the review queue for one incoming person. */
  maxReviews: number;
  rules: MatchRule[];
  /** Breakdown entries whose disagreement (a negative contribution) forbids attaching: at most review. */
  vetoAttachOn: string[];
  blocking: BlockingKeyRule[];
};

const weight = z.number().finite();
const fieldPath = z.string().min(1);
const base = { name: z.string().min(1), field: fieldPath, agree: weight, disagree: weight };
const namePart = z.strictObject({ field: fieldPath, agree: weight, partial: weight, disagree: weight });

const RuleSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('exact'), ...base }),
  z.strictObject({
    kind: z.literal('phone'),
    ...base,
    partial: weight,
    tailDigits: z.number().int().min(5).max(15),
  }),
  z.strictObject({ kind: z.literal('text'), ...base, partial: weight, similarity: z.number().min(0).max(1) }),
  z.strictObject({
    kind: z.literal('code'),
    ...base,
    partial: weight,
    maxEdits: z.number().int().min(0).max(5),
  }),
  z.strictObject({
    kind: z.literal('personName'),
    name: z.string().min(1),
    first: namePart,
    last: namePart,
    middle: namePart.optional(),
    similarity: z.number().min(0).max(1),
    swappedPenalty: z.number().finite().min(0),
  }),
]);

const KeyPartSchema = z.strictObject({
  field: fieldPath,
  transform: z.enum(KEY_TRANSFORMS),
  first: z.number().int().min(1).optional(),
  last: z.number().int().min(1).optional(),
});

const BlockingKeySchema = z.strictObject({
  prefix: z.string().regex(/^[a-z0-9_]{1,8}$/, 'must be 1-8 lower-case letters, digits or _'),
  parts: z.array(KeyPartSchema).min(1).max(4),
  unordered: z.boolean().optional(),
  minLength: z.number().int().min(1).optional(),
  weak: z.boolean().optional(),
});

/** The breakdown keys a rule can produce, for checking vetoAttachOn. */
export function breakdownKeysOf(rule: MatchRule): string[] {
  if (rule.kind !== 'personName') return [rule.name];
  return ['first', 'last', 'middle', 'swapped'].map((part) => `${rule.name}.${part}`);
}

export const MatcherConfigSchema: z.ZodType<MatcherConfig> = z
  .strictObject({
    thresholds: z.strictObject({ attach: z.number().finite(), review: z.number().finite().positive() }),
    maxCandidates: z.number().int().min(1).max(1000),
    maxReviews: z.number().int().min(0).max(50),
    rules: z.array(RuleSchema).min(1),
    vetoAttachOn: z.array(z.string().min(1)),
    blocking: z.array(BlockingKeySchema).min(1),
  })
  .superRefine((config, ctx) => {
    // A review threshold above attach would make review unreachable; zero or less would match empty records.
    if (config.thresholds.attach < config.thresholds.review) {
      ctx.addIssue({
        code: 'custom',
        path: ['thresholds', 'attach'],
        message: 'must be >= thresholds.review',
      });
    }
    const seen = new Set<string>();
    config.rules.forEach((rule, index) => {
      if (seen.has(rule.name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['rules', index, 'name'],
          message: `duplicate rule name "${rule.name}"`,
        });
      }
      seen.add(rule.name);
    });
    const known = new Set(config.rules.flatMap(breakdownKeysOf));
    config.vetoAttachOn.forEach((key, index) => {
      if (!known.has(key)) {
        ctx.addIssue({ code: 'custom', path: ['vetoAttachOn', index], message: `no rule produces "${key}"` });
      }
    });
    const prefixes = new Set<string>();
    config.blocking.forEach((rule, index) => {
      if (prefixes.has(rule.prefix)) {
        ctx.addIssue({
          code: 'custom',
          path: ['blocking', index, 'prefix'],
          message: `duplicate prefix "${rule.prefix}"`,
        });
      }
      prefixes.add(rule.prefix);
    });
  });

function pathText(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (text, key) =>
      typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key),
    '',
  );
}

/** Validates a matcher configuration (parsed JSON); the Error names every bad path. */
export function parseMatcherConfig(json: unknown): MatcherConfig {
  const result = MatcherConfigSchema.safeParse(json);
  if (result.success) return result.data;
  const problems = result.error.issues.map(
    (issue) => `${pathText(issue.path) || '(root)'}: ${issue.message}`,
  );
  throw new Error(`Invalid matcher config: ${problems.join('; ')}`);
}
