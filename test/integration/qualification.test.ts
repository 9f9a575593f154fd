import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { asAdmin, bodyOf, capture, createTestContext, type TestContext } from '../helpers/app.ts';
import { createTestUser } from '../helpers/users.ts';

type Lead = {
  id: string;
  status: string;
  statusReason: string | null;
  ownerId: string | null;
  temperature: string | null;
  lifecycleStage: string;
  bant: Record<string, unknown>;
  icpFit: string | null;
};
type TimelineEntry = { type: string; actor: string; data: Record<string, unknown> };
type Problem = { status: number; detail: string; invalid_params?: { name: string; reason: string }[] };

let ctx: TestContext;
before(async () => {
  ctx = await createTestContext();
});
after(async () => ctx.close());
beforeEach(async () => ctx.reset());

let sequence = 0;
async function createLead(ownerId?: string): Promise<Lead> {
  sequence += 1;
  ctx.clock.advance(60_000);
  const lead = bodyOf<{ lead: Lead }>(
    await capture(ctx, { name: `Anna Qualified${sequence}`, email: `anna${sequence}@qual.ru` }),
  ).lead;
  if (!ownerId) return lead;
  const response = await ctx.app.inject({
    method: 'PATCH',
    url: `/api/leads/${lead.id}`,
    headers: asAdmin,
    payload: { ownerId },
  });
  assert.equal(response.statusCode, 200, response.body);
  return bodyOf<Lead>(response);
}

async function timelineOf(id: string, type: string): Promise<TimelineEntry[]> {
  const detail = bodyOf<{ timeline: TimelineEntry[] }>(
    await ctx.app.inject({ method: 'GET', url: `/api/leads/${id}`, headers: asAdmin }),
  );
  return detail.timeline.filter((e) => e.type === type);
}

const post = (url: string, headers: Record<string, string>, payload: Record<string, unknown>) =>
  ctx.app.inject({ method: 'POST', url, headers, payload });

describe('changing a lead status', () => {
  test('writes status_changed with from, to and the acting user', async () => {
    const rep = await createTestUser(ctx, 'rep');
    const lead = await createLead(rep.id);
    const response = await post(`/api/leads/${lead.id}/status`, rep.headers, { status: 'in_progress' });
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(bodyOf<Lead>(response).status, 'in_progress');
    const events = await timelineOf(lead.id, 'status_changed');
    assert.equal(events.length, 1);
    assert.deepEqual(events[0]?.data, { from: 'new', to: 'in_progress', reason: null });
    assert.match(events[0]?.actor ?? '', /^token:/);
  });

  test('junk requires a reason from the list (422 naming `reason`) and keeps it', async () => {
    const lead = await createLead();
    const missing = await post(`/api/leads/${lead.id}/status`, asAdmin, { status: 'junk' });
    assert.equal(missing.statusCode, 422);
    assert.deepEqual(
      bodyOf<Problem>(missing).invalid_params?.map((p) => p.name),
      ['reason'],
    );
    const unknown = await post(`/api/leads/${lead.id}/status`, asAdmin, { status: 'junk', reason: 'bored' });
    assert.equal(unknown.statusCode, 422);
    assert.match(bodyOf<Problem>(unknown).invalid_params?.[0]?.reason ?? '', /spam/);

    const ok = await post(`/api/leads/${lead.id}/status`, asAdmin, { status: 'junk', reason: 'spam' });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(bodyOf<Lead>(ok).statusReason, 'spam');
    const events = await timelineOf(lead.id, 'status_changed');
    assert.deepEqual(events[0]?.data, { from: 'new', to: 'junk', reason: 'spam' });
  });

  test('refused and converted are refused here with 422 naming `status` and the endpoint to use', async () => {
    const lead = await createLead();
    for (const [status, endpoint] of [
      ['refused', '/refuse'],
      ['converted', '/convert'],
    ] as const) {
      const response = await post(`/api/leads/${lead.id}/status`, asAdmin, { status, reason: 'no_budget' });
      assert.equal(response.statusCode, 422);
      const problem = bodyOf<Problem>(response);
      assert.equal(problem.invalid_params?.[0]?.name, 'status');
      assert.ok(problem.invalid_params?.[0]?.reason.includes(endpoint));
    }
    assert.equal((await timelineOf(lead.id, 'status_changed')).length, 0);
  });

  test('an unknown status is 422 naming `status`', async () => {
    const lead = await createLead();
    const response = await post(`/api/leads/${lead.id}/status`, asAdmin, { status: 'thinking' });
    assert.equal(response.statusCode, 422);
    assert.equal(bodyOf<Problem>(response).invalid_params?.[0]?.name, 'status');
  });

  test("a rep cannot change another rep's lead (403) and does not see it when reps see only their own (404)", async () => {
    const owner = await createTestUser(ctx, 'rep');
    const other = await createTestUser(ctx, 'rep');
    const lead = await createLead(owner.id);
    const hidden = await post(`/api/leads/${lead.id}/status`, other.headers, { status: 'in_progress' });
    assert.equal(hidden.statusCode, 404);

    await ctx.app.inject({
      method: 'PUT',
      url: '/api/settings/visibility',
      headers: asAdmin,
      payload: { repsSeeAllLeads: true },
    });
    const denied = await post(`/api/leads/${lead.id}/status`, other.headers, { status: 'in_progress' });
    assert.equal(denied.statusCode, 403, denied.body);
    assert.equal(bodyOf<Problem>(denied).status, 403);
    assert.equal((await timelineOf(lead.id, 'status_changed')).length, 0);
  });
});

describe('status settings', () => {
  test('default statuses come in order with reasons in en and ru', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/api/settings/statuses', headers: asAdmin });
    const settings = bodyOf<{
      statuses: { key: string }[];
      reasons: Record<string, { key: string; labels: { en: string; ru: string } }[]>;
    }>(response);
    assert.deepEqual(
      settings.statuses.map((s) => s.key),
      ['new', 'in_progress', 'clarifying', 'qualified', 'converted', 'refused', 'junk'],
    );
    const noBudget = settings.reasons.refused?.find((r) => r.key === 'no_budget');
    assert.deepEqual(noBudget?.labels, { en: 'No budget', ru: 'Нет бюджета' });
  });

  test('system statuses can be relabelled and reordered, custom ones added, none removed', async () => {
    const head = await createTestUser(ctx, 'head');
    const rep = await createTestUser(ctx, 'rep');
    const current = bodyOf<{ statuses: Record<string, unknown>[]; reasons: Record<string, unknown> }>(
      await ctx.app.inject({ method: 'GET', url: '/api/settings/statuses', headers: asAdmin }),
    );
    const renamed = current.statuses.map((s) =>
      s.key === 'clarifying' ? { ...s, labels: { en: 'Needs details', ru: 'Нужны детали' }, order: 5 } : s,
    );
    const withCustom = {
      ...current,
      statuses: [...renamed, { key: 'meeting_set', labels: { en: 'Meeting set', ru: 'Встреча' }, order: 35 }],
    };
    const denied = await ctx.app.inject({
      method: 'PUT',
      url: '/api/settings/statuses',
      headers: rep.headers,
      payload: withCustom,
    });
    assert.equal(denied.statusCode, 403);

    const saved = await ctx.app.inject({
      method: 'PUT',
      url: '/api/settings/statuses',
      headers: head.headers,
      payload: withCustom,
    });
    assert.equal(saved.statusCode, 200, saved.body);
    const keys = bodyOf<{ statuses: { key: string }[] }>(saved).statuses.map((s) => s.key);
    assert.deepEqual(keys.slice(0, 2), ['clarifying', 'new']);
    assert.ok(keys.includes('meeting_set'));

    const lead = await createLead();
    const custom = await post(`/api/leads/${lead.id}/status`, asAdmin, { status: 'meeting_set' });
    assert.equal(bodyOf<Lead>(custom).status, 'meeting_set');

    const removed = await ctx.app.inject({
      method: 'PUT',
      url: '/api/settings/statuses',
      headers: head.headers,
      payload: { ...current, statuses: current.statuses.filter((s) => s.key !== 'junk') },
    });
    assert.equal(removed.statusCode, 422);
    assert.match(bodyOf<Problem>(removed).detail, /junk/);
  });
});

describe('qualification', () => {
  test('sets temperature, lifecycle, BANT and ICP fit, each change on the timeline', async () => {
    const rep = await createTestUser(ctx, 'rep');
    const lead = await createLead(rep.id);
    const response = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/leads/${lead.id}/qualification`,
      headers: rep.headers,
      payload: {
        temperature: 'hot',
        lifecycleStage: 'sql',
        reason: 'budget confirmed',
        bant: {
          budget: { value: '1 000 000 RUB', note: 'this quarter' },
          need: { value: 'CRM for 20 reps' },
        },
        icpFit: 'good',
      },
    });
    assert.equal(response.statusCode, 200, response.body);
    const updated = bodyOf<Lead>(response);
    assert.equal(updated.temperature, 'hot');
    assert.equal(updated.lifecycleStage, 'sql');
    assert.equal(updated.icpFit, 'good');
    assert.deepEqual(updated.bant, {
      budget: { value: '1 000 000 RUB', note: 'this quarter' },
      need: { value: 'CRM for 20 reps', note: null },
    });
    assert.deepEqual((await timelineOf(lead.id, 'lifecycle_changed'))[0]?.data, {
      from: 'iql',
      to: 'sql',
      reason: 'budget confirmed',
      by: 'user',
    });
    assert.deepEqual((await timelineOf(lead.id, 'temperature_changed'))[0]?.data, { from: null, to: 'hot' });
    assert.deepEqual((await timelineOf(lead.id, 'icp_fit_changed'))[0]?.data, { from: null, to: 'good' });
    const bant = (await timelineOf(lead.id, 'bant_changed'))[0]?.data as { changes: Record<string, unknown> };
    assert.deepEqual(Object.keys(bant.changes).sort(), ['budget', 'need']);

    // Clearing one BANT item leaves the others.
    const cleared = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/leads/${lead.id}/qualification`,
      headers: rep.headers,
      payload: { bant: { need: null } },
    });
    assert.deepEqual(Object.keys(bodyOf<Lead>(cleared).bant), ['budget']);
  });

  test('a rep cannot qualify another rep’s lead; bad values are 422 naming the field', async () => {
    const owner = await createTestUser(ctx, 'rep');
    const marketer = await createTestUser(ctx, 'marketer');
    const lead = await createLead(owner.id);
    const denied = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/leads/${lead.id}/qualification`,
      headers: marketer.headers,
      payload: { temperature: 'cold' },
    });
    assert.equal(denied.statusCode, 403);
    const bad = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/leads/${lead.id}/qualification`,
      headers: asAdmin,
      payload: { temperature: 'boiling' },
    });
    assert.equal(bad.statusCode, 422);
    assert.equal(bodyOf<Problem>(bad).invalid_params?.[0]?.name, 'temperature');
  });

  test('returning to marketing puts a sales-stage lead back to MQL with the reason', async () => {
    const lead = await createLead();
    await ctx.app.inject({
      method: 'PATCH',
      url: `/api/leads/${lead.id}/qualification`,
      headers: asAdmin,
      payload: { lifecycleStage: 'sal' },
    });
    const missing = await post(`/api/leads/${lead.id}/return-to-marketing`, asAdmin, {});
    assert.equal(missing.statusCode, 422);
    assert.equal(bodyOf<Problem>(missing).invalid_params?.[0]?.name, 'reason');

    const response = await post(`/api/leads/${lead.id}/return-to-marketing`, asAdmin, {
      reason: 'not ready until next year',
    });
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(bodyOf<Lead>(response).lifecycleStage, 'mql');
    assert.deepEqual((await timelineOf(lead.id, 'returned_to_marketing'))[0]?.data, {
      from: 'sal',
      to: 'mql',
      reason: 'not ready until next year',
    });
    const lifecycle = await timelineOf(lead.id, 'lifecycle_changed');
    assert.deepEqual(lifecycle.at(-1)?.data, {
      from: 'sal',
      to: 'mql',
      reason: 'not ready until next year',
      by: 'user',
    });
  });
});
