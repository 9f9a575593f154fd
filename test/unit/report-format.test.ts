import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { countFigure, durationFigure, moneyFigure, percentFigure } from '../../src/services/reportFormat.ts';

// Report figures remember the texts they formatted; a remembered text must belong to its own
// locale, kind and currency.

describe('report figure texts', () => {
  test('the same number keeps the text of its own locale and kind', () => {
    for (let round = 0; round < 2; round++) {
      assert.equal(countFigure(12345, 'en').text, '12,345');
      assert.equal(countFigure(12345, 'ru').text, '12\u00a0345');
      assert.equal(percentFigure(0.125, 'en').text, '12.5%');
      assert.equal(percentFigure(0.125, 'ru').text, '12,5\u00a0%');
      assert.equal(durationFigure(0.125, 'hours', 'en').text, '0.1 h');
      assert.equal(durationFigure(0.125, 'minutes', 'ru').text, '0,1 мин');
    }
  });

  test('money keeps the text of its currency', () => {
    assert.equal(moneyFigure(1500, 'USD', 'en').text, '$1,500.00');
    assert.equal(moneyFigure(1500, 'EUR', 'en').text, '€1,500.00');
    assert.equal(moneyFigure(1500, null, 'en').text, 'n/a');
  });

  test('texts stay right past the bound of what is remembered', () => {
    for (let n = 0; n < 25_000; n++) countFigure(n, 'en');
    assert.equal(countFigure(24_999, 'en').text, '24,999');
    assert.equal(countFigure(3, 'en').text, '3');
  });
});
