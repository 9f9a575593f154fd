import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { loadConfig } from '../../src/config.ts';
import { DEFAULT_MATCHER_CONFIG } from '../../src/domain/dedup/index.ts';
import { buildApp } from '../../src/http/app.ts';
import { costImportSettled, INTERRUPTED_AFTER_MS } from '../../src/services/costImport.ts';
import { insertCostImport } from '../../src/store/costs.ts';
import { ADMIN_TOKEN, asAdmin, bodyOf, createTestContext, type TestContext } from '../helpers/app.ts';
import { createTestUser, type TestUser } from '../helpers/users.ts';

type ImportProblem = { line: number; column?: string; reason: string };
type CostImport = {
  id: string;
  fileName: string | null;
  status: string;
  finishedAt: string | null;
  totalRows: number;
  processedRows: number;
  importedRows: number;
  problems: ImportProblem[];
};
type Preview = {
  delimiter: string;
  headers: string[];
  suggestedMapping: Record<string, string>;
  totalRows: number;
  rows: {
    line: number;
    day: string;
    campaignId: string;
    impressions: number;
    clicks: number;
    spend: string | null;
    currency: string;
  }[];
  problems: ImportProblem[];
};
type DayTotal = { day: string; clicks: number; spend: { currency: string; amount: string }[] };
type StatsList = { items: { importId: string | null; source: string }[]; totals: DayTotal[] };
type Problem = { invalid_params?: { name: string }[] };

let ctx: TestContext;
let marketer: TestUser;
let spring: string;
let autumn: string;

before(async () => {
  ctx = await createTestContext();
});
after(async () => ctx.close());
beforeEach(async () => {
  await ctx.reset();
  marketer = await createTestUser(ctx, 'marketer');
  const channel = bodyOf<{ id: string }>(
    await ctx.app.inject({
      method: 'POST',
      url: '/api/channels',
      headers: asAdmin,
      payload: { code: 'search', name: 'Search' },
    }),
  );
  const campaign = async (name: string, tracking: { kind: string; value: string }[] = []) =>
    bodyOf<{ id: string }>(
      await ctx.app.inject({
        method: 'POST',
        url: '/api/campaigns',
        headers: asAdmin,
        payload: { channelId: channel.id, name, pricingModel: 'cpc', price: '60', tracking },
      }),
    ).id;
  spring = await campaign('Весна поиск');
  autumn = await campaign('Осень РСЯ', [{ kind: 'utm_campaign', value: 'autumn_rsya' }]);
});

const post = (url: string, payload: unknown, headers: Record<string, string> = marketer.headers) =>
  ctx.app.inject({ method: 'POST', url, headers, payload: payload as object });

async function importAndWait(payload: Record<string, unknown>): Promise<CostImport> {
  const started = await post('/api/cost-imports', payload);
  assert.equal(started.statusCode, 202, started.body);
  const { id, status } = bodyOf<CostImport>(started);
  assert.equal(status, 'running');
  await costImportSettled(id);
  const done = await ctx.app.inject({
    method: 'GET',
    url: `/api/cost-imports/${id}`,
    headers: marketer.headers,
  });
  assert.equal(done.statusCode, 200);
  return bodyOf<CostImport>(done);
}

async function statsOf(campaignId: string): Promise<StatsList> {
  return bodyOf<StatsList>(
    await ctx.app.inject({ method: 'GET', url: `/api/campaigns/${campaignId}/stats`, headers: asAdmin }),
  );
}

const spendByDay = (list: StatsList) => list.totals.map((t) => [t.day, t.clicks, t.spend[0]?.amount ?? null]);

// A Yandex Direct-like export: BOM, a title line, semicolons, DD.MM.YYYY, non-breaking thousand
// spaces, decimal commas, a totals row.
const YANDEX = [
  '\uFEFFСтатистика по дням (01.03.2026 - 02.03.2026)',
  'Дата;Кампания;Показы;Клики;Расход (руб.)',
  '01.03.2026;Весна поиск;10\u00a0000;250;1\u00a0234,56',
  '01.03.2026;autumn_rsya;5 000;40;600,00',
  '02.03.2026;ВЕСНА ПОИСК;8 000;200;"1 000,50 ₽"',
  'Итого;;23 000;490;2 835,06',
].join('\r\n');

// Line 1 is the header; lines 4 and 5 are bad; line 6 is blank; 4 good rows.
const ENGLISH = (spend: string) =>
  [
    'Day,Campaign,Impressions,Clicks,Cost',
    '2026-03-01,Весна поиск,1000,100,"6,000.00"',
    '2026-03-01,autumn_rsya,500,50,2500',
    '2026-13-01,Весна поиск,1,1,1',
    '2026-03-02,Весна поиск,2000,many,300',
    '',
    `2026-03-02,Весна поиск,800,80,${spend}`,
    '03/03/2026,Осень РСЯ,100,10,"1,000"',
  ].join('\n');

describe('cost CSV import', () => {
  test('previews a Russian ad cabinet export: mapping suggested, rows read, the totals row reported', async () => {
    const response = await post('/api/cost-imports/preview', { csv: YANDEX });
    assert.equal(response.statusCode, 200, response.body);
    const preview = bodyOf<Preview>(response);
    assert.equal(preview.delimiter, ';');
    assert.deepEqual(preview.suggestedMapping, {
      day: 'Дата',
      campaign: 'Кампания',
      impressions: 'Показы',
      clicks: 'Клики',
      spend: 'Расход (руб.)',
    });
    assert.equal(preview.totalRows, 4);
    assert.deepEqual(
      preview.rows.map((r) => [r.line, r.day, r.campaignId, r.impressions, r.clicks, r.spend, r.currency]),
      [
        [3, '2026-03-01', spring, 10000, 250, '1234.56', 'RUB'],
        [4, '2026-03-01', autumn, 5000, 40, '600.00', 'RUB'],
        [5, '2026-03-02', spring, 8000, 200, '1000.50', 'RUB'],
      ],
    );
    assert.deepEqual(
      preview.problems.map((p) => [p.line, p.column, p.reason]),
      [[6, undefined, 'a totals row, not imported']],
    );
    // A preview stores nothing.
    assert.equal((await statsOf(spring)).items.length, 0);
  });

  test('imports the good rows, reports the bad ones by file line, and counts progress', async () => {
    const done = await importAndWait({ csv: ENGLISH('4800.50'), fileName: 'google.csv' });
    assert.deepEqual([done.status, done.totalRows, done.processedRows, done.importedRows], ['done', 6, 6, 4]);
    assert.deepEqual(
      done.problems.map((p) => [p.line, p.column]),
      [
        [4, 'Day'],
        [5, 'Clicks'],
      ],
    );
    assert.deepEqual(spendByDay(await statsOf(spring)), [
      ['2026-03-01', 100, '6000.00'],
      ['2026-03-02', 80, '4800.50'],
    ]);
    // "1,000" in an English export is a thousand.
    assert.deepEqual(spendByDay(await statsOf(autumn)), [
      ['2026-03-01', 50, '2500.00'],
      ['2026-03-03', 10, '1000.00'],
    ]);
  });

  test('re-importing replaces earlier imported figures of the same days and keeps hand corrections', async () => {
    const first = await importAndWait({ csv: ENGLISH('4800.50') });
    const correction = await post(`/api/campaigns/${spring}/stats`, { day: '2026-03-01', spend: '-100' });
    assert.equal(correction.statusCode, 201);

    // The corrected export: 2 March is now 4900.50; 1 March = 6000.00 − 100 (hand) = 5900.00.
    const second = await importAndWait({ csv: ENGLISH('4900.50') });
    assert.equal(second.importedRows, 4);
    const stats = await statsOf(spring);
    assert.deepEqual(spendByDay(stats), [
      ['2026-03-01', 100, '5900.00'],
      ['2026-03-02', 80, '4900.50'],
    ]);
    assert.equal(
      stats.items.some((s) => s.importId === first.id),
      false,
    );

    // replace: false adds: 1 March 5900.00 + 6000.00 = 11900.00; 2 March 4900.50 + 4900.50 = 9801.00.
    await importAndWait({ csv: ENGLISH('4900.50'), replace: false });
    assert.deepEqual(spendByDay(await statsOf(spring)), [
      ['2026-03-01', 200, '11900.00'],
      ['2026-03-02', 160, '9801.00'],
    ]);
  });

  test('takes a large text/csv body for one campaign, written in chunks', async () => {
    // 2,500 days from 2020-01-01, each 1 click and 1,50: 2,500 clicks, 3,750.00 spend, 3 chunks of ≤1,000.
    const start = Date.UTC(2020, 0, 1);
    const lines = ['Дата;Клики;Расход'];
    for (let i = 0; i < 2500; i += 1) {
      const day = new Date(start + i * 86_400_000).toISOString().slice(0, 10);
      lines.push(`${day};1;1,50`);
    }
    const started = await ctx.app.inject({
      method: 'POST',
      url: `/api/cost-imports?campaignId=${autumn}&map=${encodeURIComponent('day:Дата,clicks:Клики,spend:Расход')}`,
      headers: { ...marketer.headers, 'content-type': 'text/csv; charset=utf-8' },
      payload: lines.join('\n'),
    });
    assert.equal(started.statusCode, 202, started.body);
    const { id, totalRows } = bodyOf<CostImport>(started);
    assert.equal(totalRows, 2500);
    await costImportSettled(id);
    const done = bodyOf<CostImport>(
      await ctx.app.inject({ method: 'GET', url: `/api/cost-imports/${id}`, headers: asAdmin }),
    );
    assert.deepEqual(
      [done.status, done.processedRows, done.importedRows, done.problems],
      ['done', 2500, 2500, []],
    );
    const totals = (await statsOf(autumn)).totals;
    assert.equal(totals.length, 2500);
    assert.equal(
      totals.reduce((sum, t) => sum + t.clicks, 0),
      2500,
    );
    assert.equal(
      totals.reduce((sum, t) => sum + Math.round(Number(t.spend[0]?.amount) * 100), 0),
      375_000,
    );
  });

  test('a mapping naming missing columns is 422; a sales rep may not import', async () => {
    const bad = await post('/api/cost-imports', {
      csv: ENGLISH('1'),
      mapping: { day: 'Date', clicks: 'Clicks' },
    });
    assert.equal(bad.statusCode, 422);
    assert.deepEqual(
      bodyOf<Problem>(bad).invalid_params?.map((p) => p.name),
      ['mapping.day', 'mapping.campaign'],
    );
    const badMap = await ctx.app.inject({
      method: 'POST',
      url: '/api/cost-imports/preview?map=cost:Cost',
      headers: { ...marketer.headers, 'content-type': 'text/csv' },
      payload: ENGLISH('1'),
    });
    assert.equal(badMap.statusCode, 422);
    assert.deepEqual(
      bodyOf<Problem>(badMap).invalid_params?.map((p) => p.name),
      ['map'],
    );
    const rep = await createTestUser(ctx, 'rep');
    assert.equal((await post('/api/cost-imports', { csv: ENGLISH('1') }, rep.headers)).statusCode, 403);
    assert.equal(
      (await post('/api/cost-imports/preview', { csv: ENGLISH('1') }, rep.headers)).statusCode,
      403,
    );
  });
});

describe('cost import history and interrupted imports', () => {
  const getImport = async (id: string) =>
    bodyOf<CostImport>(
      await ctx.app.inject({ method: 'GET', url: `/api/cost-imports/${id}`, headers: marketer.headers }),
    );
  /** A row as an import cut off mid-way leaves it: running, some rows processed, not in this process. */
  const cutOffImport = () =>
    insertCostImport(ctx.database.db, {
      fileName: 'cut-off.csv',
      mapping: { day: 'Day' },
      status: 'running',
      totalRows: 5000,
      processedRows: 1000,
      createdBy: 'user:test',
      createdAt: ctx.clock.now(),
    });

  test('lists the latest imports newest first, by campaign and with a limit', async () => {
    const first = await importAndWait({ csv: ENGLISH('1'), fileName: 'first.csv' });
    ctx.clock.advance(60_000);
    const second = await importAndWait({
      csv: 'Day,Clicks\n2026-03-05,7',
      campaignId: autumn,
      fileName: 'second.csv',
    });
    const list = async (query: string) => {
      const response = await ctx.app.inject({
        method: 'GET',
        url: `/api/cost-imports${query}`,
        headers: marketer.headers,
      });
      assert.equal(response.statusCode, 200, response.body);
      return bodyOf<{ items: CostImport[] }>(response).items;
    };
    assert.deepEqual(
      (await list('')).map((i) => [i.fileName, i.status, i.importedRows, i.problems.length]),
      [
        ['second.csv', 'done', 1, 0],
        ['first.csv', 'done', 4, 2],
      ],
    );
    assert.deepEqual(
      (await list('?limit=1')).map((i) => i.id),
      [second.id],
    );
    assert.deepEqual(
      (await list(`?campaignId=${autumn}`)).map((i) => i.id),
      [second.id],
    );
    assert.notEqual(first.id, second.id);
  });

  test('an import cut off by a restart is marked failed when the server starts', async () => {
    const cut = await cutOffImport();
    assert.equal((await getImport(cut.id)).status, 'running', 'a fresh one may still be writing elsewhere');
    const restarted = await buildApp({
      database: ctx.database,
      config: loadConfig({
        LEADFLOW_ADMIN_TOKEN: ADMIN_TOKEN,
        LOG_LEVEL: 'silent',
        LEADFLOW_DATA_DIR: '/nonexistent-test-data-dir',
      }),
      matcher: DEFAULT_MATCHER_CONFIG,
      clock: ctx.clock.now,
    });
    try {
      await restarted.ready();
    } finally {
      await restarted.close();
    }
    const failed = await getImport(cut.id);
    assert.equal(failed.status, 'failed');
    assert.equal(failed.finishedAt, ctx.clock.now().toISOString());
    assert.equal(failed.processedRows, 1000, 'the progress made is kept');
    assert.match(failed.problems.at(-1)?.reason ?? '', /interrupted/);
  });

  test('an import still running long after it started is marked failed when read', async () => {
    const cut = await cutOffImport();
    ctx.clock.advance(INTERRUPTED_AFTER_MS - 1000);
    assert.equal((await getImport(cut.id)).status, 'running');
    ctx.clock.advance(2000);
    const failed = await getImport(cut.id);
    assert.deepEqual([failed.status, failed.problems.map((p) => p.line)], ['failed', [1]]);
    assert.match(failed.problems[0]?.reason ?? '', /interrupted/);
    // A finished import is never touched by the sweep.
    const done = await importAndWait({ csv: ENGLISH('1') });
    ctx.clock.advance(INTERRUPTED_AFTER_MS * 2);
    assert.equal((await getImport(done.id)).status, 'done');
  });
});
