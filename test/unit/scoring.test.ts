import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  decayedPoints,
  type EngagementRule,
  type FitRule,
  promotedStage,
  roundPoints,
  scoreLead,
  stageAfterReturnToMarketing,
  urlMatches,
} from '../../src/domain/scoring.ts';

const now = new Date('2026-03-20T12:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 24 * 60 * 60 * 1000);

const director: FitRule = {
  id: 'r1',
  name: 'Director',
  kind: 'fit',
  conditions: [{ field: 'position', op: 'contains', value: 'director' }],
  points: 20,
};
const moscow: FitRule = {
  id: 'r2',
  name: 'Moscow',
  kind: 'fit',
  conditions: [{ field: 'region', op: 'in', value: ['RU-MOW', 'RU-MOS'] }],
  points: 10,
};
const pricing: EngagementRule = {
  id: 'r3',
  name: 'Pricing page',
  kind: 'engagement',
  eventType: 'page_view',
  urlPattern: '*/pricing*',
  points: 10,
  decayDays: 7,
};

describe('decay', () => {
  test('halves the points every half-life: 10 points, 7 days, 14 days ago is 2.5', () => {
    assert.equal(decayedPoints(10, 7, daysAgo(14), now), 2.5);
    assert.equal(decayedPoints(10, 7, daysAgo(0), now), 10);
    assert.equal(decayedPoints(10, null, daysAgo(400), now), 10);
  });

  test('an event from the future counts as now', () => {
    assert.equal(decayedPoints(10, 7, daysAgo(-3), now), 10);
  });

  test('rounds each rule halves away from zero', () => {
    assert.equal(roundPoints(2.5), 3);
    assert.equal(roundPoints(-2.5), -3);
    assert.equal(roundPoints(2.49), 2);
  });
});

describe('urlMatches', () => {
  test('a pattern with wildcards is a glob, otherwise a substring; no pattern matches any URL', () => {
    assert.equal(urlMatches('https://acme.test/pricing?x=1', '*/pricing*'), true);
    assert.equal(urlMatches('https://acme.test/blog', '*/pricing*'), false);
    assert.equal(urlMatches('https://acme.test/Docs/Guide.pdf', '/docs/'), true);
    assert.equal(urlMatches(null, '/docs/'), false);
    assert.equal(urlMatches(null, null), true);
  });
});

describe('scoreLead', () => {
  test('adds fit and decayed engagement points, one breakdown entry per rule, summing to the score', () => {
    const result = scoreLead({
      lead: { position: 'Sales Director', region: 'RU-SPE' },
      rules: [director, moscow, pricing],
      events: [
        { type: 'page_view', url: 'https://acme.test/pricing', occurredAt: daysAgo(14) },
        { type: 'page_view', url: 'https://acme.test/pricing/enterprise', occurredAt: daysAgo(7) },
        { type: 'page_view', url: 'https://acme.test/blog', occurredAt: daysAgo(0) },
        { type: 'download', url: 'https://acme.test/pricing.pdf', occurredAt: daysAgo(0) },
      ],
      now,
    });
    // 2.5 + 5 = 7.5 → 8
    assert.deepEqual(
      result.breakdown.map((b) => [b.ruleId, b.kind, b.points]),
      [
        ['r1', 'fit', 20],
        ['r3', 'engagement', 8],
      ],
    );
    assert.equal(result.score, 28);
    assert.match(result.breakdown[0]?.detail ?? '', /position contains "director"/);
    assert.match(result.breakdown[1]?.detail ?? '', /^2 × page_view/);
  });

  test('a fully decayed rule leaves no entry', () => {
    const result = scoreLead({
      lead: {},
      rules: [pricing],
      events: [{ type: 'page_view', url: 'https://acme.test/pricing', occurredAt: daysAgo(70) }],
      now,
    });
    assert.deepEqual(result, { score: 0, breakdown: [] });
  });
});

describe('lifecycle promotion', () => {
  const settings = {
    thresholds: [
      { minScore: 50, stage: 'eql' as const },
      { minScore: 100, stage: 'mql' as const },
    ],
  };

  test('promotes to the highest stage reached, only forward', () => {
    assert.equal(promotedStage('iql', 60, settings), 'eql');
    assert.equal(promotedStage('iql', 120, settings), 'mql');
    assert.equal(promotedStage('eql', 60, settings), null);
    assert.equal(promotedStage('mql', 10, settings), null);
  });

  test('never touches sales stages', () => {
    assert.equal(promotedStage('sal', 500, settings), null);
    assert.equal(promotedStage('customer', 500, settings), null);
  });

  test('returning to marketing goes back to MQL only from a sales stage', () => {
    assert.equal(stageAfterReturnToMarketing('sql'), 'mql');
    assert.equal(stageAfterReturnToMarketing('sal'), 'mql');
    assert.equal(stageAfterReturnToMarketing('eql'), 'eql');
  });
});
