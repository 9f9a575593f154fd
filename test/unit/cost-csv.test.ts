import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  detectDelimiter,
  parseAmount,
  parseCostCsv,
  parseCount,
  parseCurrency,
  parseDay,
  parseMappingText,
  readCostRow,
  suggestMapping,
} from '../../src/domain/costCsv.ts';

const amount = (text: string) => {
  const parsed = parseAmount(text);
  return parsed.ok ? parsed.value : parsed.reason;
};

describe('cost CSV reading', () => {
  test('reads amounts with space, non-breaking space and comma or dot decimals, signs dropped', () => {
    assert.deepEqual(amount('1 234,56'), { amount: '1234.56', currency: null });
    assert.deepEqual(amount('1\u00a0234,56 ₽'), { amount: '1234.56', currency: 'RUB' });
    assert.deepEqual(amount('12\u202f345.5 руб.'), { amount: '12345.5', currency: 'RUB' });
    assert.deepEqual(amount('$1,234.56'), { amount: '1234.56', currency: 'USD' });
    assert.deepEqual(amount('1.234,56 €'), { amount: '1234.56', currency: 'EUR' });
    assert.deepEqual(amount('1,234,567'), { amount: '1234567', currency: null });
    assert.deepEqual(amount('1,000'), { amount: '1000', currency: null });
    assert.deepEqual(amount('0,125'), { amount: '0.125', currency: null });
    assert.deepEqual(amount('12,5'), { amount: '12.5', currency: null });
    assert.deepEqual(amount('-300,00'), { amount: '-300.00', currency: null });
    assert.deepEqual(amount('(300)'), { amount: '-300', currency: null });
    assert.deepEqual(amount('150 USD'), { amount: '150', currency: 'USD' });
    assert.equal(amount('12abc'), '"12abc" is not a number');
    assert.equal(amount('1,2,3'), '"1,2,3" is not a number');
  });

  test('reads counts, with a dash or blank as zero, and refuses fractions and words', () => {
    assert.deepEqual(parseCount('12 345'), { ok: true, value: 12345 });
    assert.deepEqual(parseCount('12,345'), { ok: true, value: 12345 });
    assert.deepEqual(parseCount('40.00'), { ok: true, value: 40 });
    assert.deepEqual(parseCount('—'), { ok: true, value: 0 });
    assert.deepEqual(parseCount(''), { ok: true, value: 0 });
    assert.equal(parseCount('12.5').ok, false);
    assert.equal(parseCount('many').ok, false);
  });

  test('reads dates as YYYY-MM-DD, DD.MM.YYYY and DD/MM/YYYY, refusing impossible ones', () => {
    assert.deepEqual(parseDay('2026-03-01'), { ok: true, value: '2026-03-01' });
    assert.deepEqual(parseDay('01.03.2026'), { ok: true, value: '2026-03-01' });
    assert.deepEqual(parseDay('1/3/2026'), { ok: true, value: '2026-03-01' });
    assert.deepEqual(parseDay('2026-03-01 00:00:00'), { ok: true, value: '2026-03-01' });
    assert.equal(parseDay('31.02.2026').ok, false);
    assert.equal(parseDay('Итого').ok, false);
  });

  test('names currencies by code or sign', () => {
    assert.equal(parseCurrency('rub'), 'RUB');
    assert.equal(parseCurrency('RUR'), 'RUB');
    assert.equal(parseCurrency('руб.'), 'RUB');
    assert.equal(parseCurrency('€'), 'EUR');
    assert.equal(parseCurrency('roubles'), null);
  });

  test('detects the delimiter of the header line, ignoring quoted text', () => {
    assert.equal(detectDelimiter('"Дата, день";Клики;Расход\n'), ';');
    assert.equal(detectDelimiter('Day\tClicks\tCost'), '\t');
    assert.equal(detectDelimiter('\uFEFFDay,Clicks'), ',');
  });

  test('keeps file line numbers across blank lines and quoted line breaks, BOM removed', () => {
    const parsed = parseCostCsv(
      '\uFEFFДата;Кампания\n01.03.2026;A\n\n02.03.2026;"two\nlines"\n03.03.2026;B\n',
    );
    assert.deepEqual(parsed.headers, ['Дата', 'Кампания']);
    assert.deepEqual(
      parsed.records.map((r) => [r.line, r.cells[0]]),
      [
        [2, '01.03.2026'],
        [4, '02.03.2026'],
        [6, '03.03.2026'],
      ],
    );
  });

  test('skips a report title above the header', () => {
    const text = 'Статистика по дням (01.03.2026 - 31.03.2026)\nДата;Клики;Расход\n01.03.2026;5;1 000,50\n';
    const parsed = parseCostCsv(text);
    assert.deepEqual([parsed.delimiter, parsed.headers], [';', ['Дата', 'Клики', 'Расход']]);
    assert.deepEqual(parsed.records, [{ line: 3, cells: ['01.03.2026', '5', '1 000,50'] }]);
    const mapped = parseCostCsv('Report\nWhen,Taps\n2026-03-01,5\n', { day: 'When', clicks: 'Taps' });
    assert.deepEqual([mapped.headers, mapped.records[0]?.line], [['When', 'Taps'], 3]);
  });

  test('suggests a mapping from Russian and English headers with units', () => {
    assert.deepEqual(suggestMapping(['Дата', 'Кампания', 'Показы', 'Клики', 'Расход (руб.)', 'Конверсии']), {
      day: 'Дата',
      campaign: 'Кампания',
      impressions: 'Показы',
      clicks: 'Клики',
      spend: 'Расход (руб.)',
      actions: 'Конверсии',
    });
    assert.deepEqual(suggestMapping(['Day', 'Campaign', 'Impr.', 'Clicks', 'Cost', 'Currency code']), {
      day: 'Day',
      campaign: 'Campaign',
      impressions: 'Impr.',
      clicks: 'Clicks',
      spend: 'Cost',
      currency: 'Currency code',
    });
    assert.deepEqual(suggestMapping(['Notes']), {});
  });

  test('reports every bad cell of a row with its line and column', () => {
    const headers = ['Дата', 'Клики', 'Расход'];
    const mapping = { day: 'Дата', clicks: 'Клики', spend: 'Расход' };
    const bad = readCostRow({ line: 7, cells: ['32.01.2026', 'много', '1 000,5'] }, headers, mapping);
    assert.deepEqual(bad.ok ? [] : bad.problems.map((p) => [p.line, p.column]), [
      [7, 'Дата'],
      [7, 'Клики'],
    ]);
    const good = readCostRow({ line: 8, cells: ['01.02.2026', '1 200', ''] }, headers, mapping);
    assert.deepEqual(good.ok && good.row, {
      line: 8,
      day: '2026-02-01',
      campaign: null,
      impressions: 0,
      clicks: 1200,
      actions: 0,
      spend: null,
      currency: null,
    });
  });

  test('reports a totals row once, not cell by cell', () => {
    const totals = readCostRow({ line: 9, cells: ['Итого:', '', '490'] }, ['Дата', 'Кампания', 'Клики'], {
      day: 'Дата',
      campaign: 'Кампания',
      clicks: 'Клики',
    });
    assert.deepEqual(totals, { ok: false, problems: [{ line: 9, reason: 'a totals row, not imported' }] });
  });

  test('reads a mapping written as field:column pairs', () => {
    assert.deepEqual(parseMappingText('day=Дата,clicks:Клики'), {
      ok: true,
      value: { day: 'Дата', clicks: 'Клики' },
    });
    assert.equal(parseMappingText('cost:Расход').ok, false);
  });
});
