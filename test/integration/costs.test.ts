import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { asAdmin, bodyOf, createTestContext, type TestContext } from '../helpers/app.ts';
import { createTestUser, type TestUser } from '../helpers/users.ts';

type Campaign = {
  id: string;
  channelId: string;
  currency: string;
  averageMargin: string | null;
  leadFilters: { field: string; op: string; value?: unknown }[];
};
type Stat = {
  id: string;
  day: string;
  impressions: number;
  clicks: number;
  spend: string | null;
  currency: string;
  note: string | null;
  source: string;
};
type DayTotal = {
  day: string;
  impressions: number;
  clicks: number;
  actions: number;
  spend: { currency: string; amount: string }[];
  rowsWithoutSpend: number;
};
type StatsList = { items: Stat[]; totals: DayTotal[] };
type Problem = { code: string; invalid_params?: { name: string }[] };

let ctx: TestContext;
let marketer: TestUser;
let rep: TestUser;
let campaign: Campaign;

before(async () => {
  ctx = await createTestContext();
});
after(async () => ctx.close());
beforeEach(async () => {
  await ctx.reset();
  marketer = await createTestUser(ctx, 'marketer');
  rep = await createTestUser(ctx, 'rep');
  const channel = bodyOf<{ id: string }>(
    await ctx.app.inject({
      method: 'POST',
      url: '/api/channels',
      headers: asAdmin,
      payload: { code: 'search', name: 'Search' },
    }),
  );
  campaign = bodyOf<Campaign>(
    await ctx.app.inject({
      method: 'POST',
      url: '/api/campaigns',
      headers: marketer.headers,
      payload: { channelId: channel.id, name: 'Spring search', pricingModel: 'cpc', price: '60' },
    }),
  );
});

const postStats = (payload: unknown, headers: Record<string, string> = marketer.headers) =>
  ctx.app.inject({
    method: 'POST',
    url: `/api/campaigns/${campaign.id}/stats`,
    headers,
    payload: payload as object,
  });
const getStats = async (query = '', headers: Record<string, string> = marketer.headers) => {
  const response = await ctx.app.inject({
    method: 'GET',
    url: `/api/campaigns/${campaign.id}/stats${query}`,
    headers,
  });
  assert.equal(response.statusCode, 200, response.body);
  return bodyOf<StatsList>(response);
};

describe('campaign daily stats', () => {
  test('campaigns carry an average margin and buyer filters', async () => {
    assert.deepEqual([campaign.averageMargin, campaign.leadFilters], [null, []]);
    const filters = [{ field: 'address.region', op: 'eq', value: 'Москва' }];
    const patched = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/campaigns/${campaign.id}`,
      headers: marketer.headers,
      payload: { averageMargin: '15000.50', leadFilters: filters },
    });
    assert.equal(patched.statusCode, 200, patched.body);
    const again = bodyOf<Campaign>(
      await ctx.app.inject({ method: 'GET', url: `/api/campaigns/${campaign.id}`, headers: asAdmin }),
    );
    assert.deepEqual([again.averageMargin, again.leadFilters], ['15000.50', filters]);

    const badOp = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/campaigns/${campaign.id}`,
      headers: marketer.headers,
      payload: { leadFilters: [{ field: 'region', op: 'like', value: 'x' }] },
    });
    assert.equal(badOp.statusCode, 422);
    assert.deepEqual(
      bodyOf<Problem>(badOp).invalid_params?.map((p) => p.name),
      ['leadFilters.0.op'],
    );
  });

  test('stores rows with a negative correction and sums them per day and currency', async () => {
    const created = await postStats([
      { day: '2026-03-01', impressions: 800, clicks: 200, spend: '12000.00' },
      { day: '2026-03-01', spend: '-500.50', note: 'refund for invalid clicks' },
      { day: '2026-03-02', clicks: 10 },
      { day: '2026-03-02', spend: 10, currency: 'USD' },
    ]);
    assert.equal(created.statusCode, 201, created.body);
    const items = bodyOf<StatsList>(created).items;
    assert.deepEqual(
      items.map((s) => [s.day, s.clicks, s.spend, s.currency, s.source]),
      [
        ['2026-03-01', 200, '12000.00', 'RUB', 'api'],
        ['2026-03-01', 0, '-500.50', 'RUB', 'api'],
        ['2026-03-02', 10, null, 'RUB', 'api'],
        ['2026-03-02', 0, '10.00', 'USD', 'api'],
      ],
    );

    // 1 March: 12000.00 − 500.50 = 11499.50 RUB; 800 impressions, 200 clicks.
    // 2 March: 10 clicks with no stated spend (the report derives it) and 10 USD that never adds to roubles.
    const all = await getStats();
    assert.deepEqual(all.totals, [
      {
        day: '2026-03-01',
        impressions: 800,
        clicks: 200,
        actions: 0,
        spend: [{ currency: 'RUB', amount: '11499.50' }],
        rowsWithoutSpend: 0,
      },
      {
        day: '2026-03-02',
        impressions: 0,
        clicks: 10,
        actions: 0,
        spend: [{ currency: 'USD', amount: '10.00' }],
        rowsWithoutSpend: 1,
      },
    ]);

    const firstDay = await getStats('?from=2026-03-01&to=2026-03-01', rep.headers);
    assert.equal(firstDay.items.length, 2);
    assert.deepEqual(
      firstDay.totals.map((t) => t.day),
      ['2026-03-01'],
    );

    const correction = items[1] as Stat;
    const removed = await ctx.app.inject({
      method: 'DELETE',
      url: `/api/campaigns/${campaign.id}/stats/${correction.id}`,
      headers: marketer.headers,
    });
    assert.equal(removed.statusCode, 204);
    const after = await getStats('?to=2026-03-01');
    assert.deepEqual(after.totals[0]?.spend, [{ currency: 'RUB', amount: '12000.00' }]);
  });

  test('a sales rep may read but not change costs', async () => {
    const denied = await postStats({ day: '2026-03-01', spend: '100' }, rep.headers);
    assert.equal(denied.statusCode, 403);
    assert.equal(bodyOf<Problem>(denied).code, 'forbidden');
    const [row] = bodyOf<StatsList>(await postStats({ day: '2026-03-01', spend: '100' })).items;
    const deleteDenied = await ctx.app.inject({
      method: 'DELETE',
      url: `/api/campaigns/${campaign.id}/stats/${row?.id}`,
      headers: rep.headers,
    });
    assert.equal(deleteDenied.statusCode, 403);
    assert.equal((await getStats('', rep.headers)).items.length, 1);
  });

  test('bad rows are 422 naming each field; an unknown campaign is 404', async () => {
    const bad = await postStats({ day: '01.03.2026', clicks: 'many', spend: '12,5' });
    assert.equal(bad.statusCode, 422);
    assert.deepEqual(
      bodyOf<Problem>(bad).invalid_params?.map((p) => p.name),
      ['day', 'clicks', 'spend'],
    );
    const badInList = await postStats([{ day: '2026-03-01' }, { day: '2026-02-30', impressions: -1 }]);
    assert.equal(badInList.statusCode, 422);
    assert.deepEqual(
      bodyOf<Problem>(badInList).invalid_params?.map((p) => p.name),
      ['1.day', '1.impressions'],
    );
    assert.equal((await getStats()).items.length, 0);

    const unknown = await ctx.app.inject({
      method: 'POST',
      url: '/api/campaigns/0190a1b2-0000-7000-8000-000000000000/stats',
      headers: marketer.headers,
      payload: { day: '2026-03-01', clicks: 1 },
    });
    assert.equal(unknown.statusCode, 404);
  });

  test("a row is changed in place; a null spend or note clears it; another campaign's row is 404", async () => {
    const [row] = bodyOf<StatsList>(
      await postStats({ day: '2026-03-01', clicks: 20, spend: '1200', note: 'typo' }),
    ).items;
    const patch = (payload: unknown, headers = marketer.headers, id = campaign.id) =>
      ctx.app.inject({
        method: 'PATCH',
        url: `/api/campaigns/${id}/stats/${row?.id}`,
        headers,
        payload: payload as object,
      });
    const changed = await patch({ day: '2026-03-02', clicks: 200, spend: '-50.5' });
    assert.equal(changed.statusCode, 200, changed.body);
    assert.deepEqual(
      (await getStats()).items.map((s) => [s.id, s.day, s.clicks, s.spend, s.note, s.source]),
      [[row?.id, '2026-03-02', 200, '-50.50', 'typo', 'api']],
    );
    assert.equal((await patch({ spend: null, note: null })).statusCode, 200);
    assert.deepEqual(
      (await getStats()).items.map((s) => [s.clicks, s.spend, s.note]),
      [[200, null, null]],
    );

    const bad = await patch({ clicks: -1, day: 'yesterday' });
    assert.equal(bad.statusCode, 422);
    assert.deepEqual(
      bodyOf<Problem>(bad)
        .invalid_params?.map((p) => p.name)
        .sort(),
      ['clicks', 'day'],
    );
    assert.equal((await patch({ clicks: 1 }, rep.headers)).statusCode, 403);
    const other = bodyOf<{ id: string }>(
      await ctx.app.inject({
        method: 'POST',
        url: '/api/campaigns',
        headers: marketer.headers,
        payload: { channelId: campaign.channelId, name: 'Other' },
      }),
    );
    assert.equal((await patch({ clicks: 1 }, marketer.headers, other.id)).statusCode, 404);
    assert.equal((await getStats()).items[0]?.clicks, 200);
  });
});
