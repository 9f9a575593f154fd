import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { eq } from 'drizzle-orm';
import { campaigns, channels, inquiries, leads, timelineEvents } from '../../src/store/schema.ts';
import { campaignDailyStats } from '../../src/store/schemaEconomics.ts';
import { deals } from '../../src/store/schemaWorkflow.ts';
import { asAdmin, bodyOf, createTestContext, type TestContext } from '../helpers/app.ts';
import { createTestUser, type TestUser } from '../helpers/users.ts';

// Every figure below was computed by hand from the fixture in `seed()`; the arithmetic is in the
// comments next to each assertion. The period is April 2026 in Europe/Moscow (UTC+3, no DST):
// 2026-03-31T21:00Z … 2026-04-30T21:00Z.

type Figure = { value: number | null; text: string; decimal?: string | null };
type Row = {
  key: {
    campaignId?: string;
    channelId?: string | null;
    formId?: string;
    ownerId?: string;
    name: string | null;
  };
  period?: string;
  currency: string;
  figures: Record<string, Figure>;
  cplAboveAffordable: boolean | null;
};
type Report = { from: string; to: string; tz: string; by: string | null; items: Row[] };

let ctx: TestContext;
before(async () => {
  ctx = await createTestContext({ env: { LEADFLOW_AVERAGE_MARGIN: '3000' } });
});
after(async () => ctx.close());

type Fixture = {
  search: string;
  tv: string;
  example: string;
  spring: string;
  partner: string;
  dollars: string;
  rep: TestUser;
};
let fx: Fixture;

const at = (iso: string) => new Date(iso);
const hoursAfter = (iso: string, hours: number) => new Date(Date.parse(iso) + hours * 3_600_000);
const minutesAfter = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000);

async function insertLead(values: Partial<typeof leads.$inferInsert> & { createdAt: Date }): Promise<string> {
  const [row] = await ctx.database.db
    .insert(leads)
    .values({ kind: 'lead', valid: true, fullName: 'Fixture Person', ...values })
    .returning({ id: leads.id });
  if (!row) throw new Error('no lead');
  return row.id;
}

async function seed(): Promise<Fixture> {
  const db = ctx.database.db;
  const rep = await createTestUser(ctx, 'rep', { name: 'Rita Rep' });
  const [search, tv] = await db
    .insert(channels)
    .values([
      { code: 'search', name: 'Search ads' },
      { code: 'tv', name: 'TV' },
    ])
    .returning({ id: channels.id });
  if (!search || !tv) throw new Error('no channels');
  const [example, spring, partner, dollars] = await db
    .insert(campaigns)
    .values([
      // The worked example of PRODUCT.md §3: 60 per click; own average margin 20 000.
      {
        channelId: search.id,
        name: 'A Worked example',
        pricingModel: 'cpc',
        price: '60',
        averageMargin: '20000',
      },
      // Traditional advertising: a fixed price, spend stated by hand, no impressions.
      { channelId: tv.id, name: 'B TV spring', pricingModel: 'fixed' },
      // Bought leads: 500 per valid lead, no cost rows at all.
      { channelId: search.id, name: 'C Partner leads', pricingModel: 'cpl', price: '500' },
      // Paid in dollars: makes the search channel a mix of currencies.
      { channelId: search.id, name: 'D Dollar banners', pricingModel: 'cpm', price: '100', currency: 'USD' },
    ])
    .returning({ id: campaigns.id });
  if (!example || !spring || !partner || !dollars) throw new Error('no campaigns');

  await db.insert(campaignDailyStats).values([
    // A: 800 impressions, 200 clicks, no spend stated → 200 × 60 = 12 000.
    { campaignId: example.id, day: '2026-04-05', impressions: 800, clicks: 200 },
    // A in May: 100 impressions, 10 clicks → 10 × 60 = 600 (outside April).
    { campaignId: example.id, day: '2026-05-01', impressions: 100, clicks: 10 },
    // B: 50 000 paid, then a refund of 5 000 as a negative correction → 45 000 in April.
    { campaignId: spring.id, day: '2026-04-10', spend: '50000.00' },
    { campaignId: spring.id, day: '2026-04-12', spend: '-5000.00', note: 'refund' },
    { campaignId: spring.id, day: '2026-05-02', spend: '1000.00' },
    // D: 5 000 impressions at 100 USD per thousand → 500 USD; 50 clicks.
    { campaignId: dollars.id, day: '2026-04-03', impressions: 5000, clicks: 50, currency: 'USD' },
  ]);

  // Campaign A: twelve leads in April (Moscow). L1 was created 2026-03-31T22:30Z, which is
  // 01:30 on April 1st in Moscow.
  const base = { channelId: search.id, campaignId: example.id };
  const created = [
    '2026-03-31T22:30:00Z',
    '2026-04-02T09:00:00Z',
    '2026-04-03T09:00:00Z',
    '2026-04-04T09:00:00Z',
    '2026-04-05T09:00:00Z',
    '2026-04-06T09:00:00Z',
    '2026-04-07T09:00:00Z',
    '2026-04-08T09:00:00Z',
    '2026-04-09T09:00:00Z',
    '2026-04-10T09:00:00Z',
    '2026-04-11T09:00:00Z',
    '2026-04-12T09:00:00Z',
  ] as const;
  const c = (i: number) => created[i] as string;
  const ids: string[] = [];
  // L1–L3 became customers (lead times 48 h, 24 h, 72 h); L4 is converted with an open deal (12 h).
  // First responses: L1–L4 after 10, 20, 30, 40 minutes.
  const lifecycle = [
    'customer',
    'customer',
    'customer',
    'sql',
    'mql',
    'iql',
    'iql',
    'iql',
    'iql',
    'iql',
    'iql',
    'iql',
  ];
  const leadTimes = [48, 24, 72, 12];
  for (let i = 0; i < 12; i++) {
    ids.push(
      await insertLead({
        ...base,
        createdAt: at(c(i)),
        lifecycleStage: lifecycle[i] as string,
        attribution: { formId: i < 6 ? 'landing-main' : 'quiz' },
        ownerId: i < 4 ? rep.id : null,
        firstResponseAt: i < 4 ? minutesAfter(c(i), 10 * (i + 1)) : null,
        convertedAt: i < 4 ? hoursAfter(c(i), leadTimes[i] as number) : null,
        status: i < 4 ? 'converted' : i === 11 ? 'refused' : 'new',
        statusReason: i === 11 ? 'not_target' : null,
        // L11 fails the buyer's filters.
        valid: i !== 10,
      }),
    );
  }
  const lead = (n: number) => ids[n - 1] as string;
  // L6 is IQL now but reached MQL once (returned to marketing): it counts as MQL. The stage moves
  // as the app moves it (an update, and its timeline entries), so the milestone trigger sees it.
  await db
    .update(leads)
    .set({ lifecycleStage: 'mql' })
    .where(eq(leads.id, lead(6)));
  await db
    .update(leads)
    .set({ lifecycleStage: 'iql' })
    .where(eq(leads.id, lead(6)));
  await db.insert(timelineEvents).values([
    {
      leadId: lead(6),
      at: at('2026-04-08T10:00:00Z'),
      actor: 'test',
      type: 'lifecycle_changed',
      data: { from: 'iql', to: 'mql' },
    },
    {
      leadId: lead(6),
      at: at('2026-04-09T10:00:00Z'),
      actor: 'test',
      type: 'lifecycle_changed',
      data: { from: 'mql', to: 'iql' },
    },
  ]);
  // Not leads: spam, junk, an interest, a card merged into L7 — all in April, campaign A.
  const spam = await insertLead({ ...base, createdAt: at('2026-04-13T09:00:00Z'), spam: true });
  await insertLead({ ...base, createdAt: at('2026-04-13T10:00:00Z'), status: 'junk', statusReason: 'test' });
  await insertLead({ ...base, createdAt: at('2026-04-13T11:00:00Z'), kind: 'interest' });
  await insertLead({ ...base, createdAt: at('2026-04-13T12:00:00Z'), mergedIntoId: lead(7) });
  // May: one lead of A (not in April even in UTC).
  await insertLead({ ...base, createdAt: at('2026-05-10T09:00:00Z') });

  // Won deals: 10 000 + 15 000 + 5 000 = 30 000 of revenue; L4's deal is open, L5's lost; the
  // spam card's won deal is not a lead's.
  await db.insert(deals).values([
    { title: 'L1', leadId: lead(1), amount: '10000.00', status: 'won' },
    { title: 'L2', leadId: lead(2), amount: '15000.00', status: 'won' },
    { title: 'L3', leadId: lead(3), amount: '5000.00', status: 'won' },
    { title: 'L4', leadId: lead(4), amount: '99999.00', status: 'open' },
    { title: 'L5', leadId: lead(5), amount: '77777.00', status: 'lost' },
    { title: 'spam', leadId: spam, amount: '1000000.00', status: 'won' },
  ]);

  // Inquiries of A in April: the twelve that created L1–L12, the spam one, and a repeat from
  // L2's person attached to L2 (a duplicate: an inquiry, not a lead) → 14. A replayed retry and
  // a failed one do not count.
  const inquiry = (leadId: string | null, receivedAt: string, outcome: string) => ({
    ...base,
    leadId,
    receivedAt: at(receivedAt),
    outcome,
  });
  await db
    .insert(inquiries)
    .values([
      ...ids.map((id, i) => inquiry(id, c(i), 'created')),
      inquiry(spam, '2026-04-13T09:00:00Z', 'created'),
      inquiry(lead(2), '2026-04-20T09:00:00Z', 'attached'),
      inquiry(lead(2), '2026-04-20T09:00:01Z', 'replayed'),
      inquiry(null, '2026-04-21T09:00:00Z', 'failed'),
    ]);

  // C: three leads, two valid → 2 × 500 = 1 000 of spend.
  for (const valid of [true, true, false]) {
    await insertLead({
      channelId: search.id,
      campaignId: partner.id,
      createdAt: at('2026-04-15T09:00:00Z'),
      valid,
    });
  }
  // D: one lead.
  await insertLead({ channelId: search.id, campaignId: dollars.id, createdAt: at('2026-04-16T09:00:00Z') });

  return {
    search: search.id,
    tv: tv.id,
    example: example.id,
    spring: spring.id,
    partner: partner.id,
    dollars: dollars.id,
    rep,
  };
}

beforeEach(async () => {
  await ctx.reset();
  ctx.clock.set('2026-05-20T09:00:00.000Z');
  fx = await seed();
});

async function report(path: string, headers: Record<string, string> = asAdmin): Promise<Report> {
  const response = await ctx.app.inject({ method: 'GET', url: path, headers });
  assert.equal(response.statusCode, 200, response.body);
  return bodyOf<Report>(response);
}

const values = (row: Row | undefined, names: string[]) =>
  Object.fromEntries(names.map((name) => [name, row?.figures[name]?.value]));
const texts = (row: Row | undefined, names: string[]) =>
  Object.fromEntries(names.map((name) => [name, row?.figures[name]?.text]));
const close = (actual: number | null | undefined, expected: number) =>
  assert.ok(
    actual !== null && actual !== undefined && Math.abs(actual - expected) < 1e-9,
    `${actual} ≈ ${expected}`,
  );

describe('campaign report', () => {
  test('the worked example of PRODUCT.md: CTR 25 %, spend 12 000, CR 6 %, CPL 1 000, CAC 4 000', async () => {
    const body = await report('/api/reports/campaigns?from=2026-04-01&to=2026-04-30');
    assert.equal(body.tz, 'Europe/Moscow');
    const a = body.items.find((row) => row.key.campaignId === fx.example);
    assert.equal(a?.key.name, 'A Worked example');
    assert.equal(a?.key.channelId, fx.search);
    assert.equal(a?.currency, 'RUB');
    assert.deepEqual(
      values(a, [
        'impressions',
        'clicks',
        'ctr',
        'leads',
        'cr',
        'spend',
        'cpl',
        'customers',
        'leadToCustomer',
        'cac',
      ]),
      {
        impressions: 800,
        clicks: 200,
        ctr: 0.25, // 200 / 800
        leads: 12, // L1–L12; spam, junk, interest and the merged card left out
        cr: 0.06, // 12 / 200
        spend: 12000, // 200 clicks × 60
        cpl: 1000, // 12 000 / 12
        customers: 3, // L1–L3 have won deals
        leadToCustomer: 0.25, // 3 / 12
        cac: 4000, // 12 000 / 3
      },
    );
    assert.equal(a?.figures.spend?.decimal, '12000.00');
    assert.deepEqual(texts(a, ['ctr', 'cr', 'leadToCustomer']), {
      ctr: '25%',
      cr: '6%',
      leadToCustomer: '25%',
    });
    // Intl separates the currency code with a no-break space.
    assert.equal(a?.figures.cpl?.text.replace(/\s/g, ' '), 'RUB 1,000.00');
  });

  test('inquiries, target leads, MQL/SQL, revenue, ROMI, lead and response times, affordable CPL', async () => {
    const body = await report('/api/reports/campaigns?from=2026-04-01&to=2026-04-30');
    const a = body.items.find((row) => row.key.campaignId === fx.example);
    assert.deepEqual(
      values(a, ['inquiries', 'validLeads', 'targetLeads', 'mql', 'sql', 'revenue', 'romi', 'affordableCpl']),
      {
        inquiries: 14, // 12 created + the spam one + the duplicate attached to L2; replayed and failed left out
        validLeads: 11, // L11 is invalid
        targetLeads: 10, // 11 valid minus L12, refused as not_target
        mql: 6, // L1–L3 customer, L4 sql, L5 mql, L6 mql in its history
        sql: 4, // L1–L4
        revenue: 30000, // 10 000 + 15 000 + 5 000; the spam card's won deal is not a lead's
        romi: 1.5, // (30 000 − 12 000) / 12 000
        affordableCpl: 5000, // campaign margin 20 000 × 25 %
      },
    );
    close(a?.figures.mqlRate?.value, 0.5); // 6 / 12
    close(a?.figures.sqlRate?.value, 1 / 3); // 4 / 12
    // Lead times 12, 24, 48, 72 h: median (24 + 48) / 2 = 36; p90 at rank 0.9 × 3 = 2.7 → 48 + 0.7 × 24 = 64.8.
    close(a?.figures.leadTimeMedianHours?.value, 36);
    close(a?.figures.leadTimeP90Hours?.value, 64.8);
    assert.equal(a?.figures.leadTimeP90Hours?.text, '64.8 h');
    // First responses 10, 20, 30, 40 min → median 25.
    close(a?.figures.firstResponseMedianMinutes?.value, 25);
    // CPL 1 000 is below the affordable 5 000.
    assert.equal(a?.cplAboveAffordable, false);
  });

  test('spend only: zero impressions and clicks give n/a, zero leads give no CPL; a refund lowers spend', async () => {
    const body = await report('/api/reports/campaigns?from=2026-04-01&to=2026-04-30');
    const b = body.items.find((row) => row.key.campaignId === fx.spring);
    assert.deepEqual(
      values(b, ['impressions', 'clicks', 'ctr', 'leads', 'cr', 'spend', 'cpl', 'cac', 'romi']),
      {
        impressions: 0,
        clicks: 0,
        ctr: null, // 0 / 0
        leads: 0,
        cr: null, // 0 / 0 clicks
        spend: 45000, // 50 000 − 5 000 refund; May's 1 000 is outside
        cpl: null, // 45 000 / 0 leads
        cac: null,
        romi: -1, // (0 − 45 000) / 45 000
      },
    );
    assert.deepEqual(texts(b, ['ctr', 'cpl', 'affordableCpl']), {
      ctr: 'n/a',
      cpl: 'n/a',
      affordableCpl: 'n/a',
    });
    assert.equal(b?.cplAboveAffordable, null);
    const ru = await report('/api/reports/campaigns?from=2026-04-01&to=2026-04-30&locale=ru');
    assert.equal(ru.items.find((row) => row.key.campaignId === fx.spring)?.figures.ctr?.text, 'н/д');
  });

  test('a CPL campaign costs valid leads × price; the default margin flags a CPL above the affordable one', async () => {
    const body = await report('/api/reports/campaigns?from=2026-04-01&to=2026-04-30');
    const cRow = body.items.find((row) => row.key.campaignId === fx.partner);
    // 2 valid leads × 500 = 1 000; CPL 1 000 / 3 leads.
    assert.equal(cRow?.figures.spend?.decimal, '1000.00');
    close(cRow?.figures.cpl?.value, 1000 / 3);
    // No customers: lead-to-customer 0 / 3 = 0, affordable CPL = 3 000 (LEADFLOW_AVERAGE_MARGIN) × 0 = 0.
    assert.equal(cRow?.figures.affordableCpl?.value, 0);
    assert.equal(cRow?.cplAboveAffordable, true);
    const d = body.items.find((row) => row.key.campaignId === fx.dollars);
    // 5 000 / 1 000 × 100 USD = 500 USD; 1 lead.
    assert.equal(d?.currency, 'USD');
    assert.equal(d?.figures.spend?.text, '$500.00');
  });

  test('a lead created at 22:30 UTC on March 31st belongs to April in Moscow, to March in UTC', async () => {
    const moscow = await report(
      `/api/reports/campaigns?from=2026-04-01&to=2026-04-30&campaignId=${fx.example}`,
    );
    assert.equal(moscow.items.length, 1);
    assert.equal(moscow.items[0]?.figures.leads?.value, 12);
    const utc = await report(
      `/api/reports/campaigns?from=2026-04-01&to=2026-04-30&tz=UTC&campaignId=${fx.example}`,
    );
    assert.equal(utc.items[0]?.figures.leads?.value, 11); // L1 is in March in UTC
    assert.equal(utc.items[0]?.figures.inquiries?.value, 13);
    const march = await report(
      `/api/reports/campaigns?from=2026-03-01&to=2026-03-31&tz=UTC&campaignId=${fx.example}`,
    );
    assert.equal(march.items[0]?.figures.leads?.value, 1);
  });

  test('monthly dynamics: one row per campaign and month', async () => {
    const body = await report(
      `/api/reports/campaigns?from=2026-04-01&to=2026-05-31&by=month&campaignId=${fx.example}`,
    );
    assert.equal(body.by, 'month');
    assert.deepEqual(
      body.items.map((row) => [
        row.period,
        row.figures.leads?.value,
        row.figures.clicks?.value,
        row.figures.spend?.value,
      ]),
      [
        ['2026-04-01', 12, 200, 12000],
        ['2026-05-01', 1, 10, 600], // 10 clicks × 60
      ],
    );
    // May: CPL 600 / 1 = 600, CR 1 / 10 = 10 %.
    const may = body.items[1];
    assert.deepEqual(values(may, ['cpl', 'cr']), { cpl: 600, cr: 0.1 });
    const tv = await report(
      `/api/reports/campaigns?from=2026-04-01&to=2026-05-31&by=month&channelId=${fx.tv}`,
    );
    assert.deepEqual(
      tv.items.map((row) => [row.period, row.figures.spend?.decimal]),
      [
        ['2026-04-01', '45000.00'],
        ['2026-05-01', '1000.00'],
      ],
    );
  });
});

describe('channel, form and owner reports', () => {
  test('a channel mixing currencies reports money as n/a with currency "mixed"', async () => {
    const body = await report('/api/reports/channels?from=2026-04-01&to=2026-04-30');
    const search = body.items.find((row) => row.key.channelId === fx.search);
    assert.equal(search?.key.name, 'Search ads');
    assert.equal(search?.currency, 'mixed');
    assert.deepEqual(values(search, ['impressions', 'clicks', 'leads', 'spend', 'cpl', 'revenue', 'romi']), {
      impressions: 5800, // 800 + 5 000
      clicks: 250, // 200 + 50
      leads: 16, // A 12 + C 3 + D 1
      spend: null,
      cpl: null,
      revenue: null,
      romi: null,
    });
    // Lead and response times of the channel's campaigns pooled (only A's leads L1–L4 have any).
    close(search?.figures.leadTimeMedianHours?.value, 36);
    close(search?.figures.leadTimeP90Hours?.value, 64.8);
    close(search?.figures.firstResponseMedianMinutes?.value, 25);
    const tv = body.items.find((row) => row.key.channelId === fx.tv);
    assert.deepEqual(values(tv, ['spend', 'leads']), { spend: 45000, leads: 0 });
    assert.equal(tv?.figures.leadTimeMedianHours?.value, null);
    assert.equal(tv?.currency, 'RUB');
  });

  test('forms and owners count leads, with no spend of their own', async () => {
    const forms = await report('/api/reports/forms?from=2026-04-01&to=2026-04-30');
    assert.deepEqual(
      forms.items.map((row) => [row.key.formId, row.figures.leads?.value, row.figures.inquiries?.value]),
      [
        ['landing-main', 6, 7], // L1–L6; inquiries 6 + the duplicate attached to L2
        ['quiz', 6, 6],
        // No form: C's three leads and D's one; the spam card's inquiry (it has no form either).
        [null, 4, 1],
      ],
    );
    assert.equal(forms.items[0]?.figures.spend?.value, null);
    assert.equal(forms.items[0]?.figures.cpl?.text, 'n/a');
    const owners = await report('/api/reports/owners?from=2026-04-01&to=2026-04-30');
    // Rita, then the leads nobody owns (L5–L12, C's three, D's one), so the rows add up.
    assert.deepEqual(
      owners.items.map((row) => [row.key, row.figures.leads?.value]),
      [
        [{ ownerId: fx.rep.id, name: 'Rita Rep' }, 4],
        [{ ownerId: null, name: null }, 12],
      ],
    );
    // L1–L4: 3 customers of 4.
    assert.deepEqual(values(owners.items[0], ['leads', 'customers', 'leadToCustomer', 'revenue']), {
      leads: 4,
      customers: 3,
      leadToCustomer: 0.75,
      revenue: 30000,
    });
  });
});

describe('report formats and access', () => {
  test('CSV has one column per figure, numbers only', async () => {
    const response = await ctx.app.inject({
      method: 'GET',
      url: `/api/reports/campaigns?from=2026-04-01&to=2026-04-30&format=csv&campaignId=${fx.example}`,
      headers: asAdmin,
    });
    assert.equal(response.statusCode, 200, response.body);
    assert.match(String(response.headers['content-type']), /^text\/csv/);
    const [row] = parse(response.body, { columns: true }) as Record<string, string>[];
    assert.equal(row?.campaignId, fx.example);
    assert.equal(row?.name, 'A Worked example');
    assert.deepEqual([row?.ctr, row?.cpl, row?.cac, row?.spendDecimal], ['0.25', '1000', '4000', '12000.00']);
  });

  test('a rep may not see campaign economics; bad periods are refused naming the field', async () => {
    const denied = await ctx.app.inject({
      method: 'GET',
      url: '/api/reports/campaigns?from=2026-04-01&to=2026-04-30',
      headers: fx.rep.headers,
    });
    assert.equal(denied.statusCode, 403);
    for (const path of ['campaigns', 'channels', 'forms', 'owners', 'funnel', 'reps']) {
      const anonymous = await ctx.app.inject({
        method: 'GET',
        url: `/api/reports/${path}?from=2026-04-01&to=2026-04-30`,
      });
      assert.equal(anonymous.statusCode, 401, path);
    }
    const marketer = await createTestUser(ctx, 'marketer');
    const allowed = await report('/api/reports/channels?from=2026-04-01&to=2026-04-30', marketer.headers);
    assert.equal(allowed.items.length, 2);
    const backwards = await ctx.app.inject({
      method: 'GET',
      url: '/api/reports/campaigns?from=2026-04-30&to=2026-04-01',
      headers: asAdmin,
    });
    assert.equal(backwards.statusCode, 422);
    assert.deepEqual(
      bodyOf<{ invalid_params: { name: string }[] }>(backwards).invalid_params.map((p) => p.name),
      ['to'],
    );
    const badZone = await ctx.app.inject({
      method: 'GET',
      url: '/api/reports/campaigns?from=2026-04-01&to=2026-04-30&tz=Mars/Olympus',
      headers: asAdmin,
    });
    // Query strings failing their schema are 400 in this API (bodies are 422), naming the parameter.
    assert.equal(badZone.statusCode, 400, badZone.body);
    assert.deepEqual(
      bodyOf<{ invalid_params: { name: string }[] }>(badZone).invalid_params.map((p) => p.name),
      ['querystring.tz'],
    );
  });
});
