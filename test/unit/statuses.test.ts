import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  DEFAULT_STATUS_SETTINGS,
  statusChangeProblems,
  statusSettingsProblems,
} from '../../src/domain/statuses.ts';

const change = (current: string, target: string, reason?: string) =>
  statusChangeProblems(DEFAULT_STATUS_SETTINGS, { current, target, reason });

describe('statusChangeProblems', () => {
  test('accepts a plain change', () => {
    assert.deepEqual(change('new', 'in_progress'), []);
  });

  test('junk needs a reason from its list', () => {
    assert.deepEqual(
      change('new', 'junk').map((p) => p.field),
      ['reason'],
    );
    assert.equal(change('new', 'junk', 'whatever')[0]?.field, 'reason');
    assert.deepEqual(change('new', 'junk', 'spam'), []);
  });

  test('refused, converted and merged have their own endpoints', () => {
    for (const target of ['refused', 'converted', 'merged']) {
      const [problem] = change('new', target, 'no_budget');
      assert.equal(problem?.field, 'status');
      assert.match(problem?.message ?? '', /POST \/api\/leads\/:id\//);
    }
  });

  test('a converted lead keeps its status; a refused one may be reopened', () => {
    assert.equal(change('converted', 'in_progress')[0]?.field, 'status');
    assert.deepEqual(change('refused', 'in_progress'), []);
  });
});

describe('statusSettingsProblems', () => {
  test('the defaults are valid', () => {
    assert.deepEqual(statusSettingsProblems(DEFAULT_STATUS_SETTINGS), []);
  });

  test('refuses removing a system status, duplicate keys and reasons of unknown statuses', () => {
    const problems = statusSettingsProblems({
      statuses: [
        ...DEFAULT_STATUS_SETTINGS.statuses.filter((s) => s.key !== 'clarifying'),
        { key: 'new', labels: { en: 'Again', ru: 'Снова' }, order: 1 },
      ],
      reasons: { ...DEFAULT_STATUS_SETTINGS.reasons, lost: [] },
    });
    assert.deepEqual(
      problems.map((p) => p.field),
      ['statuses', 'statuses.6.key', 'reasons.lost'],
    );
  });
});
