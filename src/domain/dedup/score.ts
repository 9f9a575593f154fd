import type { MatchFields } from '../types.ts';
import type { CodeRule, MatcherConfig, MatchRule, PhoneRule } from './config.ts';
import { valuesOf } from './fields.ts';
import { scorePersonName } from './person-name.ts';
import { bestOver, editDistanceWithin, sharedTailDigits, textSimilarity, weightOf } from './similarity.ts';

export type PairScore = { score: number; breakdown: Record<string, number> };

function exactAgreement(as: readonly string[], bs: readonly string[]): boolean {
  return as.some((a) => bs.includes(a));
}

function phoneWeight(as: readonly string[], bs: readonly string[], rule: PhoneRule): number {
  if (exactAgreement(as, bs)) return rule.agree;
  const tail = bestOver(as, bs, (a, b) => (sharedTailDigits(a, b) >= rule.tailDigits ? 1 : 0));
  return tail === 1 ? rule.partial : rule.disagree;
}

function codeWeight(as: readonly string[], bs: readonly string[], rule: CodeRule): number {
  if (exactAgreement(as, bs)) return rule.agree;
  const near = bestOver(as, bs, (a, b) => (editDistanceWithin(a, b, rule.maxEdits) <= rule.maxEdits ? 1 : 0));
  return near === 1 ? rule.partial : rule.disagree;
}

function fieldWeight(
  as: readonly string[],
  bs: readonly string[],
  rule: Exclude<MatchRule, { kind: 'personName' }>,
) {
  switch (rule.kind) {
    case 'exact':
      return exactAgreement(as, bs) ? rule.agree : rule.disagree;
    case 'phone':
      return phoneWeight(as, bs, rule);
    case 'code':
      return codeWeight(as, bs, rule);
    case 'text':
      return weightOf(bestOver(as, bs, textSimilarity), rule, rule.similarity);
  }
}

/**
 * Sums the configured rules' weights over the fields both sides have; a field missing on either side
 * contributes nothing, so two empty records score 0.
 */
export function scorePair(a: MatchFields, b: MatchFields, config: MatcherConfig): PairScore {
  const breakdown: Record<string, number> = {};
  for (const rule of config.rules) {
    if (rule.kind === 'personName') {
      scorePersonName(a, b, rule, breakdown);
      continue;
    }
    const as = valuesOf(a, rule.field);
    const bs = valuesOf(b, rule.field);
    if (as.length && bs.length) breakdown[rule.name] = fieldWeight(as, bs, rule);
  }
  let score = 0;
  for (const contribution of Object.values(breakdown)) score += contribution;
  return { score, breakdown };
}
