import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  affordableCpl,
  centsToDecimal,
  derivedSpend,
  formatMoney,
  formatPercent,
  percentile,
  ratio,
  romi,
  toCents,
} from '../../src/domain/metrics.ts';

describe('ratios', () => {
  it('gives null, never NaN or Infinity, for a zero or unknown denominator', () => {
    assert.equal(ratio(5, 0), null);
    assert.equal(ratio(0, 0), null);
    assert.equal(ratio(null, 3), null);
    assert.equal(ratio(3, null), null);
    assert.equal(ratio(0, 4), 0);
  });

  it('reproduces the worked example of PRODUCT.md section 3', () => {
    const impressions = 800;
    const clicks = 200;
    const leads = 12;
    const customers = 3;
    const spend = Number(
      derivedSpend({
        model: 'cpc',
        price: '60',
        statedSpend: null,
        impressions,
        clicks,
        validLeads: leads,
        actions: 0,
      }),
    );
    assert.equal(spend, 12_000);
    assert.equal(ratio(clicks, impressions), 0.25);
    assert.equal(ratio(leads, clicks), 0.06);
    assert.equal(ratio(spend, leads), 1000);
    assert.equal(ratio(customers, leads), 0.25);
    assert.equal(ratio(spend, customers), 4000);
  });

  it('computes ROMI and affordable CPL, null when an input is missing', () => {
    assert.equal(romi(30_000, 12_000), 1.5);
    assert.equal(romi(30_000, 0), null);
    assert.equal(romi(null, 100), null);
    assert.equal(affordableCpl(8000, 0.25), 2000);
    assert.equal(affordableCpl(8000, null), null);
  });
});

describe('spend by pricing model', () => {
  const base = { price: '2.5', statedSpend: null, impressions: 4000, clicks: 30, validLeads: 7, actions: 2 };
  it('derives spend from the model when none is stated', () => {
    assert.equal(derivedSpend({ ...base, model: 'cpc' }), '75.00');
    assert.equal(derivedSpend({ ...base, model: 'cpm' }), '10.00');
    assert.equal(derivedSpend({ ...base, model: 'cpl' }), '17.50');
    assert.equal(derivedSpend({ ...base, model: 'cpa' }), '5.00');
    assert.equal(derivedSpend({ ...base, model: 'free' }), '0.00');
  });
  it('lets a stated spend win, including a negative correction', () => {
    assert.equal(derivedSpend({ ...base, model: 'cpc', statedSpend: '-120.00' }), '-120.00');
  });
  it('cannot derive without a price', () => {
    assert.equal(derivedSpend({ ...base, model: 'cpc', price: null }), null);
  });
});

describe('money', () => {
  it('sums exactly in cents and rounds half away from zero', () => {
    assert.equal(toCents('0.1') + toCents('0.2'), 30n);
    assert.equal(toCents('10.005'), 1001n);
    assert.equal(toCents('-10.005'), -1001n);
    assert.equal(centsToDecimal(-1001n), '-10.01');
    assert.equal(centsToDecimal(5n), '0.05');
    assert.throws(() => toCents('12,50'));
  });
  it('formats for the locale, with n/a for null', () => {
    assert.equal(formatMoney(null, 'RUB', 'en'), 'n/a');
    assert.equal(formatMoney(null, 'RUB', 'ru'), 'н/д');
    assert.match(formatMoney(1000, 'RUB', 'ru').replace(/\s/g, ' '), /^1 000,00 ₽$/);
    assert.equal(formatPercent(0.25, 'en'), '25%');
    assert.equal(formatPercent(null, 'en'), 'n/a');
  });
});

describe('percentiles', () => {
  it('interpolates between ranks and is null for no values', () => {
    assert.equal(percentile([], 0.5), null);
    assert.equal(percentile([5], 0.9), 5);
    assert.equal(percentile([1, 2, 3, 4], 0.5), 2.5);
    assert.equal(percentile([10, 0, 20, 30, 40, 50, 60, 70, 80, 90], 0.9), 81);
  });
});
