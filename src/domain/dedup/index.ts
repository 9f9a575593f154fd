// The duplicate matcher: pure functions from normalized people to match fields, blocking keys,
// pair scores and an attach / review / new decision. What it compares, and how much each field
// weighs, is configuration (MatcherConfig), not code.

export { blockingKeysOf, weakKeyPrefixesOf } from './blocking.ts';
export type {
  BlockingKeyRule,
  KeyPart,
  KeyTransform,
  MatcherConfig,
  MatchRule,
} from './config.ts';
export { MatcherConfigSchema, parseMatcherConfig } from './config.ts';
export type { DuplicateCandidate, DuplicateDecision, ReviewPair } from './decide.ts';
export { findDuplicateDecision, isAttachVetoed } from './decide.ts';
export { DEFAULT_MATCHER_CONFIG } from './default-config.ts';
export { matchFieldsOf } from './fields.ts';
export type { PairScore } from './score.ts';
export { scorePair } from './score.ts';
