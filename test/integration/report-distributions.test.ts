import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { leads } from '../../src/store/schema.ts';
import { asAdmin, asCapture, bodyOf, createTestContext, type TestContext } from '../helpers/app.ts';
import { createTestUser, type TestUser } from '../helpers/users.ts';

// Lead time and first response distributions for April 2026 in Europe/Moscow (UTC+3), so the
// period is [2026-03-31T21:00Z, 2026-04-30T21:00Z). The fixture, by hand (FR = first response,
// LT = lead time, both from created_at):
//   L1  ch A          FR 3 min    → under_5m   LT 12 h  → under_1d
//   L2  ch A          FR 10 min   → 5m_15m     LT 2 d   → 1d_3d
//   L3                FR 15 min   → 15m_1h     LT 3 d   → 3d_7d   (both exactly on a bound)
//   L4  owner: rep    FR 2 h      → 1h_4h      LT 10 d  → 1w_2w
//   L5                FR 30 h     → over_1d    not converted
//   L6                never answered → unanswered, not converted
//   L7  first instant of the period (April 1st 00:00 Moscow): FR 20 min → 15m_1h, LT 20 d → 2w_4w
//   L8  last minute of the period (April 30th 23:59 Moscow): FR 5 h → 4h_1d, LT 40 d → over_4w
//   L9                FR 4 min    → under_5m   LT 5 d   → 3d_7d
// Left out: a spam lead, a lead merged into L1, a junk lead, an interest, one created a minute
// before the period and one at its end (May 1st 00:00 Moscow); each would land in under_5m/under_1d.
// First response: under_5m 2, 5m_15m 1, 15m_1h 2, 1h_4h 1, 4h_1d 1, over_1d 1, unanswered 1 (9).
// Lead time: under_1d 1, 1d_3d 1, 3d_7d 2, 1w_2w 1, 2w_4w 1, over_4w 1 (7).

type Bucket = {
  bucket: string;
  lowerSeconds: number | null;
  upperSeconds: number | null;
  count: number;
  text: string;
  share: { value: number | null; text: string };
};
type Distribution = { from: string; to: string; tz: string; total: number; buckets: Bucket[] };

let ctx: TestContext;
let rep: TestUser;
let channelA: string;
before(async () => {
  ctx = await createTestContext();
});
after(async () => ctx.close());

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const PERIOD = 'from=2026-04-01&to=2026-04-30&tz=Europe/Moscow';

beforeEach(async () => {
  await ctx.reset();
  ctx.clock.set('2026-06-20T12:00:00.000Z');
  rep = await createTestUser(ctx, 'rep', { name: 'Rita' });
  const channel = await ctx.app.inject({
    method: 'POST',
    url: '/api/channels',
    headers: asAdmin,
    payload: { code: 'ads', name: 'Ads' },
  });
  channelA = bodyOf<{ id: string }>(channel).id;
  const db = ctx.database.db;
  const lead = async (
    created: string,
    times: { fr?: number; lt?: number },
    values: Partial<typeof leads.$inferInsert> = {},
  ) => {
    const createdAt = new Date(created);
    const at = (ms: number | undefined) => (ms === undefined ? null : new Date(createdAt.getTime() + ms));
    const [row] = await db
      .insert(leads)
      .values({
        kind: 'lead',
        valid: true,
        fullName: 'Distribution Fixture',
        createdAt,
        firstResponseAt: at(times.fr),
        convertedAt: at(times.lt),
        ...(times.lt === undefined ? {} : { status: 'converted' }),
        ...values,
      })
      .returning({ id: leads.id });
    if (!row) throw new Error('no lead');
    return row.id;
  };
  const l1 = await lead('2026-04-02T09:00:00Z', { fr: 3 * MINUTE, lt: 12 * HOUR }, { channelId: channelA });
  await lead('2026-04-03T09:00:00Z', { fr: 10 * MINUTE, lt: 2 * DAY }, { channelId: channelA });
  await lead('2026-04-04T09:00:00Z', { fr: 15 * MINUTE, lt: 3 * DAY });
  await lead('2026-04-05T09:00:00Z', { fr: 2 * HOUR, lt: 10 * DAY }, { ownerId: rep.id });
  await lead('2026-04-06T09:00:00Z', { fr: 30 * HOUR });
  await lead('2026-04-07T09:00:00Z', {});
  await lead('2026-03-31T21:00:00Z', { fr: 20 * MINUTE, lt: 20 * DAY });
  await lead('2026-04-30T20:59:00Z', { fr: 5 * HOUR, lt: 40 * DAY });
  await lead('2026-04-10T09:00:00Z', { fr: 4 * MINUTE, lt: 5 * DAY });
  // Left out, each answered in 1 minute and converted in an hour.
  const quick = { fr: MINUTE, lt: HOUR };
  await lead('2026-04-08T09:00:00Z', quick, { spam: true });
  await lead('2026-04-09T09:00:00Z', quick, { mergedIntoId: l1, status: 'merged' });
  await lead('2026-04-11T09:00:00Z', quick, { status: 'junk' });
  await lead('2026-04-12T09:00:00Z', quick, { kind: 'interest' });
  await lead('2026-03-31T20:59:00Z', quick);
  await lead('2026-04-30T21:00:00Z', quick);
});

async function distribution(
  name: 'lead-time' | 'first-response',
  query = PERIOD,
  headers: Record<string, string> = asAdmin,
): Promise<Distribution> {
  const response = await ctx.app.inject({
    method: 'GET',
    url: `/api/reports/${name}-distribution?${query}`,
    headers,
  });
  assert.equal(response.statusCode, 200, response.body);
  return bodyOf<Distribution>(response);
}

const countsOf = (report: Distribution) =>
  Object.fromEntries(report.buckets.map((bucket) => [bucket.bucket, bucket.count]));

describe('lead time distribution', () => {
  test('counts converted leads of the period by time from creation to conversion, bounds going up', async () => {
    const report = await distribution('lead-time');
    assert.deepEqual(countsOf(report), {
      under_1d: 1,
      '1d_3d': 1,
      '3d_7d': 2,
      '1w_2w': 1,
      '2w_4w': 1,
      over_4w: 1,
    });
    assert.equal(report.total, 7);
    assert.deepEqual(
      { from: report.from, to: report.to, tz: report.tz },
      { from: '2026-04-01', to: '2026-04-30', tz: 'Europe/Moscow' },
    );
    assert.deepEqual(report.buckets[0], {
      bucket: 'under_1d',
      lowerSeconds: 0,
      upperSeconds: 86_400,
      count: 1,
      text: '1',
      share: { value: 1 / 7, text: '14.3%' },
    });
    assert.deepEqual(report.buckets.at(-1)?.upperSeconds, null, 'the last bucket is open-ended');
  });

  test('filters by channel and by owner', async () => {
    assert.deepEqual(countsOf(await distribution('lead-time', `${PERIOD}&channelId=${channelA}`)), {
      under_1d: 1,
      '1d_3d': 1,
      '3d_7d': 0,
      '1w_2w': 0,
      '2w_4w': 0,
      over_4w: 0,
    });
    const owned = await distribution('lead-time', `${PERIOD}&ownerId=${rep.id}`);
    assert.equal(owned.total, 1);
    assert.equal(countsOf(owned)['1w_2w'], 1);
  });
});

describe('first response distribution', () => {
  test('counts every lead of the period by time to its first response, unanswered ones apart', async () => {
    const report = await distribution('first-response', `${PERIOD}&locale=ru`);
    assert.deepEqual(countsOf(report), {
      under_5m: 2,
      '5m_15m': 1,
      '15m_1h': 2,
      '1h_4h': 1,
      '4h_1d': 1,
      over_1d: 1,
      unanswered: 1,
    });
    assert.equal(report.total, 9);
    const unanswered = report.buckets.at(-1);
    assert.deepEqual(
      { lower: unanswered?.lowerSeconds, upper: unanswered?.upperSeconds },
      { lower: null, upper: null },
    );
    assert.equal(report.buckets[1]?.lowerSeconds, 300);
    assert.equal(report.buckets[0]?.share.text, '22,2\u00a0%');
  });

  test('filters by channel: an empty period keeps every bucket at zero', async () => {
    assert.deepEqual(countsOf(await distribution('first-response', `${PERIOD}&channelId=${channelA}`)), {
      under_5m: 1,
      '5m_15m': 1,
      '15m_1h': 0,
      '1h_4h': 0,
      '4h_1d': 0,
      over_1d: 0,
      unanswered: 0,
    });
    const empty = await distribution('first-response', 'from=2025-01-01&to=2025-01-31&tz=Europe/Moscow');
    assert.equal(empty.total, 0);
    assert.ok(empty.buckets.every((b) => b.count === 0 && b.share.value === null));
    assert.equal(empty.buckets.length, 7);
  });
});

describe('access and validation', () => {
  test('marketers, heads and admins see the distributions; a rep and a capture token get 403', async () => {
    const marketer = await createTestUser(ctx, 'marketer');
    assert.equal((await distribution('first-response', PERIOD, marketer.headers)).total, 9);
    for (const headers of [rep.headers, asCapture]) {
      const response = await ctx.app.inject({
        method: 'GET',
        url: `/api/reports/lead-time-distribution?${PERIOD}`,
        headers,
      });
      assert.equal(response.statusCode, 403);
    }
  });

  test('rejects a period that ends before it starts with 422 naming `to`', async () => {
    const response = await ctx.app.inject({
      method: 'GET',
      url: '/api/reports/lead-time-distribution?from=2026-04-30&to=2026-04-01',
      headers: asAdmin,
    });
    assert.equal(response.statusCode, 422);
    assert.deepEqual(
      bodyOf<{ invalid_params: { name: string }[] }>(response).invalid_params.map((p) => p.name),
      ['to'],
    );
  });
});
