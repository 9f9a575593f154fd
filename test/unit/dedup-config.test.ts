import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import {
  DEFAULT_MATCHER_CONFIG,
  type MatcherConfig,
  parseMatcherConfig,
} from '../../src/domain/dedup/index.ts';

function withChanges(change: (config: Record<string, unknown>) => void): unknown {
  const copy = structuredClone(DEFAULT_MATCHER_CONFIG) as unknown as Record<string, unknown>;
  change(copy);
  return copy;
}

function errorOf(json: unknown): string {
  try {
    parseMatcherConfig(json);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  assert.fail('expected the config to be rejected');
}

test('accepts the default matcher config as it is, through JSON', () => {
  const parsed: MatcherConfig = parseMatcherConfig(JSON.parse(JSON.stringify(DEFAULT_MATCHER_CONFIG)));
  assert.deepEqual(parsed, DEFAULT_MATCHER_CONFIG);
});

test('accepts the FEBRL benchmark config file', () => {
  const json = JSON.parse(readFileSync(new URL('../../config/matcher.febrl.json', import.meta.url), 'utf8'));
  assert.ok(parseMatcherConfig(json).rules.length > 0);
});

test('rejects a weight that is not a number, naming its path', () => {
  const message = errorOf(
    withChanges((config) => {
      (config.rules as Array<Record<string, unknown>>)[1] = {
        ...(config.rules as object[])[1],
        agree: 'high',
      };
    }),
  );
  assert.match(message, /rules\[1\]\.agree/);
});

test('rejects an unknown rule kind and an unknown field in a rule', () => {
  assert.match(
    errorOf(
      withChanges((config) => (config.rules as unknown[]).push({ kind: 'soundex', name: 'x', field: 'y' })),
    ),
    /rules\[\d+\]/,
  );
  assert.match(
    errorOf(
      withChanges((config) => {
        (config.rules as Array<Record<string, unknown>>)[0] = { ...(config.rules as object[])[0], wieght: 3 };
      }),
    ),
    /rules\[0\].*wieght/,
  );
});

test('rejects a review threshold above the attach threshold', () => {
  assert.match(
    errorOf(withChanges((config) => (config.thresholds = { attach: 5, review: 10 }))),
    /thresholds\.attach/,
  );
});

test('rejects a review threshold of zero, which would pair up empty records', () => {
  assert.match(
    errorOf(withChanges((config) => (config.thresholds = { attach: 5, review: 0 }))),
    /thresholds\.review/,
  );
});

test('rejects a veto on a breakdown entry no rule produces', () => {
  assert.match(
    errorOf(withChanges((config) => (config.vetoAttachOn = ['name.nickname']))),
    /vetoAttachOn\[0\]: no rule/,
  );
});

test('rejects duplicate rule names and blocking prefixes', () => {
  const rules = DEFAULT_MATCHER_CONFIG.rules;
  assert.match(
    errorOf(withChanges((config) => (config.rules = [...rules, rules[0]]))),
    /duplicate rule name "email"/,
  );
  const blocking = DEFAULT_MATCHER_CONFIG.blocking;
  assert.match(
    errorOf(withChanges((config) => (config.blocking = [...blocking, blocking[0]]))),
    /duplicate prefix "e"/,
  );
});

test('rejects a missing maxCandidates', () => {
  assert.match(errorOf(withChanges((config) => delete config.maxCandidates)), /maxCandidates/);
});
