import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { funnelOf } from '../../src/domain/funnel.ts';

describe('funnel', () => {
  test('drop-off per stage and the bottleneck of PRODUCT.md: 120 clicks → 80 calls → 6 consultations', () => {
    const funnel = funnelOf([
      { stage: 'clicks', count: 120 },
      { stage: 'calls', count: 80 },
      { stage: 'consultations', count: 6 },
    ]);
    assert.deepEqual(
      funnel.stages.map((s) => s.dropOff),
      [null, { count: 40, rate: 40 / 120 }, { count: 74, rate: 74 / 80 }],
    );
    // 74 / 80 = 92.5 % lost between calls and consultations, more than 40 / 120 = 33 %.
    assert.deepEqual(funnel.bottleneck, { from: 'calls', to: 'consultations', lost: 74, rate: 74 / 80 });
  });

  test('a transition from an empty stage has no rate and is never the bottleneck', () => {
    const funnel = funnelOf([
      { stage: 'inquiries', count: 4 },
      { stage: 'leads', count: 0 },
      { stage: 'contacted', count: 0 },
    ]);
    assert.deepEqual(funnel.stages[2]?.dropOff, { count: 0, rate: null });
    // 4 → 0 loses everything: rate 1.
    assert.deepEqual(funnel.bottleneck, { from: 'inquiries', to: 'leads', lost: 4, rate: 1 });
  });

  test('no loss anywhere, or a stage that gains, names no bottleneck', () => {
    const funnel = funnelOf([
      { stage: 'clicks', count: 5 },
      { stage: 'inquiries', count: 8 },
      { stage: 'leads', count: 8 },
    ]);
    // Inquiries without tracked clicks (calls, walk-ins) make the first drop-off negative.
    assert.deepEqual(funnel.stages[1]?.dropOff, { count: -3, rate: -3 / 5 });
    assert.equal(funnel.bottleneck, null);
    assert.equal(funnelOf([]).bottleneck, null);
  });

  test('of equal rates the earlier transition is the bottleneck', () => {
    const funnel = funnelOf([
      { stage: 'a', count: 10 },
      { stage: 'b', count: 5 },
      { stage: 'c', count: 2.5 },
    ]);
    assert.equal(funnel.bottleneck?.from, 'a');
  });
});
