import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  evaluateCondition,
  evaluateConditions,
  matchesGlob,
  readField,
} from '../../src/domain/conditions.ts';

const lead = {
  position: 'Commercial Director',
  company: 'ООО Ромашка',
  region: 'RU-MOW',
  emails: ['ivan@example.com', 'sales@romashka.ru'],
  phones: [],
  interest: '',
  custom: { segment: 'SMB', employees: '120', vip: true },
  attribution: { utm_source: 'google' },
};

describe('evaluateCondition', () => {
  test('reads dotted paths into custom and attribution', () => {
    assert.equal(readField(lead, 'custom.segment'), 'SMB');
    assert.equal(readField(lead, 'attribution.utm_source'), 'google');
    assert.equal(readField(lead, 'custom.missing.deeper'), undefined);
    assert.equal(readField(lead, 'position.length'), undefined);
  });

  test('eq and neq compare strings trimmed and case-insensitively, numbers numerically', () => {
    assert.equal(evaluateCondition({ field: 'custom.segment', op: 'eq', value: ' smb ' }, lead), true);
    assert.equal(evaluateCondition({ field: 'custom.employees', op: 'eq', value: 120 }, lead), true);
    assert.equal(evaluateCondition({ field: 'custom.vip', op: 'eq', value: true }, lead), true);
    assert.equal(evaluateCondition({ field: 'region', op: 'neq', value: 'RU-SPE' }, lead), true);
    assert.equal(evaluateCondition({ field: 'region', op: 'neq', value: 'ru-mow' }, lead), false);
  });

  test('in and not_in take a list', () => {
    assert.equal(evaluateCondition({ field: 'region', op: 'in', value: ['RU-SPE', 'RU-MOW'] }, lead), true);
    assert.equal(evaluateCondition({ field: 'region', op: 'in', value: ['RU-SPE'] }, lead), false);
    assert.equal(evaluateCondition({ field: 'region', op: 'not_in', value: ['RU-SPE'] }, lead), true);
  });

  test('contains and not_contains look for a substring; a list field holds when any element does', () => {
    assert.equal(evaluateCondition({ field: 'position', op: 'contains', value: 'director' }, lead), true);
    assert.equal(evaluateCondition({ field: 'position', op: 'not_contains', value: 'intern' }, lead), true);
    assert.equal(evaluateCondition({ field: 'emails', op: 'contains', value: '@romashka.ru' }, lead), true);
    assert.equal(evaluateCondition({ field: 'company', op: 'contains', value: 'ромашка' }, lead), true);
  });

  test('gt, gte, lt and lte compare numbers and fail on non-numbers', () => {
    assert.equal(evaluateCondition({ field: 'custom.employees', op: 'gt', value: 100 }, lead), true);
    assert.equal(evaluateCondition({ field: 'custom.employees', op: 'gte', value: '120' }, lead), true);
    assert.equal(evaluateCondition({ field: 'custom.employees', op: 'lt', value: 120 }, lead), false);
    assert.equal(evaluateCondition({ field: 'custom.employees', op: 'lte', value: 120 }, lead), true);
    assert.equal(evaluateCondition({ field: 'position', op: 'gt', value: 1 }, lead), false);
  });

  test('exists treats missing, null, blank strings and empty lists as no value', () => {
    assert.equal(evaluateCondition({ field: 'company', op: 'exists' }, lead), true);
    assert.equal(evaluateCondition({ field: 'interest', op: 'exists' }, lead), false);
    assert.equal(evaluateCondition({ field: 'phones', op: 'not_exists' }, lead), true);
    assert.equal(evaluateCondition({ field: 'custom.nothing', op: 'not_exists' }, lead), true);
  });

  test('matches is a whole-string glob where * crosses slashes', () => {
    assert.equal(matchesGlob('https://acme.test/pricing?plan=pro', '*/pricing*'), true);
    assert.equal(matchesGlob('https://acme.test/blog/pricing-tips', '*/pricing'), false);
    assert.equal(matchesGlob('a.b', 'a?b'), true);
    assert.equal(matchesGlob('axb', 'a.b'), false);
    assert.equal(evaluateCondition({ field: 'position', op: 'matches', value: '*director' }, lead), true);
  });

  test('an unknown op never holds, and a missing value never equals', () => {
    assert.equal(evaluateCondition({ field: 'position', op: 'like', value: 'x' }, lead), false);
    assert.equal(evaluateCondition({ field: 'position', op: 'eq' }, lead), false);
  });
});

describe('evaluateConditions', () => {
  test('holds when all conditions hold; an empty list always holds', () => {
    assert.equal(evaluateConditions([], lead), true);
    assert.equal(
      evaluateConditions(
        [
          { field: 'position', op: 'contains', value: 'director' },
          { field: 'region', op: 'in', value: ['RU-MOW'] },
        ],
        lead,
      ),
      true,
    );
    assert.equal(
      evaluateConditions(
        [
          { field: 'position', op: 'contains', value: 'director' },
          { field: 'region', op: 'in', value: ['RU-SPE'] },
        ],
        lead,
      ),
      false,
    );
  });
});
