import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { rescoreDecayingLeads } from '../../src/services/scoring.ts';
import { engagementEvents } from '../../src/store/schemaWorkflow.ts';
import { asAdmin, asCapture, bodyOf, capture, createTestContext, type TestContext } from '../helpers/app.ts';
import { createTestUser } from '../helpers/users.ts';

type Lead = { id: string; score: number; lifecycleStage: string; scoreBreakdown: Breakdown[] };
type Breakdown = { ruleId: string; name: string; kind: string; points: number; detail: string };
type Score = { score: number; breakdown: Breakdown[]; computedAt: string };
type Rule = { id: string; name: string };
type TimelineEntry = { type: string; actor: string; data: Record<string, unknown> };

const DAY = 24 * 60 * 60 * 1000;

let ctx: TestContext;
before(async () => {
  ctx = await createTestContext();
});
after(async () => ctx.close());
beforeEach(async () => ctx.reset());

let sequence = 0;
async function createLead(payload: Record<string, unknown> = {}): Promise<Lead> {
  sequence += 1;
  ctx.clock.advance(60_000);
  const response = await capture(ctx, {
    name: `Boris Scored${sequence}`,
    email: `boris${sequence}@score.ru`,
    ...payload,
  });
  return bodyOf<{ lead: Lead }>(response).lead;
}

async function addRule(rule: Record<string, unknown>, headers = asAdmin): Promise<Rule> {
  const response = await ctx.app.inject({
    method: 'POST',
    url: '/api/scoring/rules',
    headers,
    payload: rule,
  });
  assert.equal(response.statusCode, 201, response.body);
  return bodyOf<Rule>(response);
}

const scoreOf = async (id: string) =>
  bodyOf<Score>(await ctx.app.inject({ method: 'GET', url: `/api/leads/${id}/score`, headers: asAdmin }));
const leadOf = async (id: string) =>
  bodyOf<Lead & { timeline: TimelineEntry[] }>(
    await ctx.app.inject({ method: 'GET', url: `/api/leads/${id}`, headers: asAdmin }),
  );

describe('fit rules', () => {
  test('score a lead with a breakdown of exact points per rule, kept on the lead', async () => {
    const lead = await createLead({
      position: 'Commercial Director',
      company: 'Acme',
      custom: { segment: 'SMB' },
    });
    const marketer = await createTestUser(ctx, 'marketer');
    const director = await addRule(
      {
        kind: 'fit',
        name: 'Director',
        points: 20,
        conditions: [{ field: 'position', op: 'contains', value: 'director' }],
      },
      marketer.headers,
    );
    const segment = await addRule({
      kind: 'fit',
      name: 'Target segment',
      points: 10,
      conditions: [{ field: 'custom.segment', op: 'in', value: ['smb', 'mid'] }],
    });
    await addRule({
      kind: 'fit',
      name: 'Big company',
      points: 15,
      conditions: [{ field: 'custom.employees', op: 'gte', value: 500 }],
    });
    const hasCompany = await addRule({
      kind: 'fit',
      name: 'Has company',
      points: 5,
      conditions: [{ field: 'company', op: 'exists' }],
    });

    const score = await scoreOf(lead.id);
    assert.equal(score.score, 35);
    assert.deepEqual(
      score.breakdown.map((b) => [b.ruleId, b.name, b.kind, b.points]),
      [
        [director.id, 'Director', 'fit', 20],
        [segment.id, 'Target segment', 'fit', 10],
        [hasCompany.id, 'Has company', 'fit', 5],
      ],
    );
    const stored = await leadOf(lead.id);
    assert.equal(stored.score, 35);
    assert.deepEqual(stored.scoreBreakdown, score.breakdown);
  });

  test('a lead edit rescores it', async () => {
    const lead = await createLead({ position: 'Engineer' });
    await addRule({
      kind: 'fit',
      name: 'Director',
      points: 20,
      conditions: [{ field: 'position', op: 'contains', value: 'director' }],
    });
    assert.equal((await leadOf(lead.id)).score, 0);
    const response = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/leads/${lead.id}`,
      headers: asAdmin,
      payload: { position: 'IT Director' },
    });
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(bodyOf<Lead>(response).score, 20);
  });

  test('only marketers, heads and admins manage rules; bad rules are 422 naming the field', async () => {
    const rep = await createTestUser(ctx, 'rep');
    const denied = await ctx.app.inject({
      method: 'POST',
      url: '/api/scoring/rules',
      headers: rep.headers,
      payload: { kind: 'fit', name: 'x', points: 1, conditions: [] },
    });
    assert.equal(denied.statusCode, 403);
    const bad = await ctx.app.inject({
      method: 'POST',
      url: '/api/scoring/rules',
      headers: asAdmin,
      payload: { kind: 'fit', name: 'x', points: 1, conditions: [{ field: 'position', op: 'like' }] },
    });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /conditions\.0\.op/);
    const wrongKind = await addRule({ kind: 'fit', name: 'Any', points: 1, conditions: [] });
    const patched = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/scoring/rules/${wrongKind.id}`,
      headers: asAdmin,
      payload: { decayDays: 3 },
    });
    assert.equal(patched.statusCode, 422);
    assert.match(patched.body, /decayDays/);
  });
});

describe('engagement rules', () => {
  test('decay by half-life: 10 points 14 days ago with a 7-day half-life is 2.5, shown as 3', async () => {
    const lead = await createLead({ email: 'decay@score.ru' });
    const rule = await addRule({
      kind: 'engagement',
      name: 'Pricing page',
      points: 10,
      eventType: 'page_view',
      urlPattern: '*/pricing*',
      decayDays: 7,
    });
    const occurredAt = new Date(ctx.clock.now().getTime() - 14 * DAY).toISOString();
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/events',
      headers: asCapture,
      payload: { type: 'page_view', url: 'https://acme.test/pricing', email: 'DECAY@score.ru', occurredAt },
    });
    assert.equal(response.statusCode, 202, response.body);
    const score = await scoreOf(lead.id);
    assert.equal(score.score, 3);
    assert.equal(score.breakdown[0]?.ruleId, rule.id);
    assert.equal(score.breakdown[0]?.points, 3);
    assert.equal((await leadOf(lead.id)).score, 3);

    // A week later the event is worth 1.25 → 1; GET computes at the clock, the job refreshes the stored score.
    ctx.clock.advance(7 * DAY);
    assert.equal((await scoreOf(lead.id)).score, 1);
    assert.equal((await leadOf(lead.id)).score, 3);
    const job = await rescoreDecayingLeads(ctx.database, ctx.clock.now());
    assert.deepEqual(job, { leads: 1, promoted: 0 });
    assert.equal((await leadOf(lead.id)).score, 1);
  });
});

describe('lifecycle promotion', () => {
  test('passing a threshold promotes to MQL with a lifecycle_changed event by score; no demotion', async () => {
    const lead = await createLead({ position: 'CEO' });
    const sales = await createLead({ position: 'CEO' });
    await ctx.app.inject({
      method: 'PATCH',
      url: `/api/leads/${sales.id}/qualification`,
      headers: asAdmin,
      payload: { lifecycleStage: 'sal' },
    });
    const settings = await ctx.app.inject({
      method: 'PUT',
      url: '/api/settings/scoring',
      headers: asAdmin,
      payload: { thresholds: [{ minScore: 100, stage: 'mql' }] },
    });
    assert.equal(settings.statusCode, 200, settings.body);
    const beyond = await ctx.app.inject({
      method: 'PUT',
      url: '/api/settings/scoring',
      headers: asAdmin,
      payload: { thresholds: [{ minScore: 100, stage: 'sql' }] },
    });
    assert.equal(beyond.statusCode, 422);

    const rule = await addRule({
      kind: 'fit',
      name: 'C-level',
      points: 100,
      conditions: [{ field: 'position', op: 'in', value: ['CEO', 'CFO'] }],
    });
    const promoted = await leadOf(lead.id);
    assert.equal(promoted.lifecycleStage, 'mql');
    const events = promoted.timeline.filter((e) => e.type === 'lifecycle_changed');
    assert.equal(events.length, 1);
    assert.deepEqual(events[0]?.data, {
      from: 'iql',
      to: 'mql',
      reason: 'score 100 reached 100',
      by: 'score',
      score: 100,
    });
    assert.equal(events[0]?.actor, 'system:scoring');
    assert.equal((await leadOf(sales.id)).lifecycleStage, 'sal');

    const removed = await ctx.app.inject({
      method: 'DELETE',
      url: `/api/scoring/rules/${rule.id}`,
      headers: asAdmin,
    });
    assert.equal(removed.statusCode, 204);
    const after = await leadOf(lead.id);
    assert.equal(after.score, 0);
    assert.equal(after.lifecycleStage, 'mql');
    assert.equal(after.timeline.filter((e) => e.type === 'lifecycle_changed').length, 1);
  });
});

describe('new leads', () => {
  test('capture links earlier anonymous events of the visitor to the new lead and scores it', async () => {
    await addRule({
      kind: 'engagement',
      name: 'Webinar',
      points: 30,
      eventType: 'webinar',
    });
    const sent = await ctx.app.inject({
      method: 'POST',
      url: '/api/events',
      headers: asCapture,
      payload: [
        { type: 'webinar', visitorId: 'v-123' },
        { type: 'webinar', visitorId: 'v-other' },
      ],
    });
    assert.deepEqual(
      bodyOf<{ events: { leadId: string | null }[] }>(sent).events.map((e) => e.leadId),
      [null, null],
    );
    const lead = await createLead({ visitorId: 'v-123' });
    // The capture reply already carries the score: the row was written scored.
    assert.equal(lead.score, 30);
    const stored = await leadOf(lead.id);
    assert.equal(stored.score, 30);
    assert.equal(stored.scoreBreakdown[0]?.name, 'Webinar');
    const events = await ctx.database.db
      .select({ visitorId: engagementEvents.visitorId, leadId: engagementEvents.leadId })
      .from(engagementEvents);
    assert.deepEqual(events.map((e) => [e.visitorId, e.leadId]).sort(), [
      ['v-123', lead.id],
      ['v-other', null],
    ]);
  });
});
