import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { leads, settings } from '../../src/store/schema.ts';
import { asAdmin, bodyOf, capture, createTestContext, type TestContext } from '../helpers/app.ts';
import { createTestUser, type TestUser } from '../helpers/users.ts';

type Deal = {
  id: string;
  leadId: string | null;
  amount: string;
  currency: string;
  stage: string;
  status: string;
  lostReason: string | null;
  ownerId: string | null;
  closedAt: string | null;
};
type Detail = {
  lifecycleStage: string;
  timeline: { type: string; data: Record<string, unknown> }[];
};
type Problem = { code: string; invalid_params?: { name: string }[] };

let ctx: TestContext;
let rep: TestUser;
let otherRep: TestUser;
before(async () => {
  ctx = await createTestContext();
});
after(async () => ctx.close());
beforeEach(async () => {
  await ctx.reset();
  ctx.clock.set('2026-03-02T09:00:00.000Z');
  rep = await createTestUser(ctx, 'rep');
  otherRep = await createTestUser(ctx, 'rep');
});

let person = 0;
/** A lead owned by `owner`, converted into a deal; returns both ids. */
async function convertedDeal(
  owner: TestUser,
  deal: Record<string, unknown> = {},
): Promise<{ leadId: string; dealId: string }> {
  person += 1;
  ctx.clock.advance(60_000);
  const lead = bodyOf<{ lead: { id: string } }>(
    await capture(ctx, {
      name: `Buyer Number${String.fromCharCode(64 + person)}`,
      email: `buyer${person}@shop.ru`,
    }),
  ).lead;
  await ctx.database.db.update(leads).set({ ownerId: owner.id }).where(eq(leads.id, lead.id));
  const response = await ctx.app.inject({
    method: 'POST',
    url: `/api/leads/${lead.id}/convert`,
    headers: owner.headers,
    payload: { deal: { amount: '1000.00', ...deal } },
  });
  assert.equal(response.statusCode, 200, response.body);
  return { leadId: lead.id, dealId: bodyOf<{ deal: Deal }>(response).deal.id };
}

const patch = (
  dealId: string,
  payload: Record<string, unknown>,
  headers: Record<string, string> = rep.headers,
) => ctx.app.inject({ method: 'PATCH', url: `/api/deals/${dealId}`, headers, payload });

describe('deals', () => {
  test('winning a deal closes it and makes its lead a customer, on the timeline', async () => {
    const { leadId, dealId } = await convertedDeal(rep);
    ctx.clock.advance(3_600_000);
    const moved = bodyOf<Deal>(await patch(dealId, { stage: 'contract', amount: '15000.99' }));
    assert.deepEqual(
      [moved.stage, moved.amount, moved.status, moved.closedAt],
      ['contract', '15000.99', 'open', null],
    );

    ctx.clock.advance(3_600_000);
    const won = await patch(dealId, { status: 'won' });
    assert.equal(won.statusCode, 200, won.body);
    assert.equal(bodyOf<Deal>(won).closedAt, ctx.clock.now().toISOString());

    const lead = bodyOf<Detail>(
      await ctx.app.inject({ method: 'GET', url: `/api/leads/${leadId}`, headers: asAdmin }),
    );
    assert.equal(lead.lifecycleStage, 'customer');
    const changes = lead.timeline
      .filter((e) => e.type === 'lifecycle_changed')
      .map((e) => [e.data.from, e.data.to]);
    assert.deepEqual(changes, [
      ['iql', 'sql'],
      ['sql', 'customer'],
    ]);
    const updates = lead.timeline.filter((e) => e.type === 'deal_updated');
    assert.deepEqual(updates.at(-1)?.data.changes, {
      status: { from: 'open', to: 'won' },
      closedAt: { from: null, to: ctx.clock.now().toISOString() },
    });
  });

  test('losing a deal keeps its reason; reopening clears closedAt and the reason', async () => {
    const { dealId } = await convertedDeal(rep);
    const lost = bodyOf<Deal>(await patch(dealId, { status: 'lost', lostReason: 'Too expensive' }));
    assert.deepEqual(
      [lost.status, lost.lostReason, lost.closedAt],
      ['lost', 'Too expensive', ctx.clock.now().toISOString()],
    );
    const reopened = bodyOf<Deal>(await patch(dealId, { status: 'open' }));
    assert.deepEqual([reopened.status, reopened.lostReason, reopened.closedAt], ['open', null, null]);
    const invalid = await patch(dealId, { lostReason: 'Nope' });
    assert.equal(invalid.statusCode, 422);
    assert.deepEqual(
      bodyOf<Problem>(invalid).invalid_params?.map((p) => p.name),
      ['lostReason'],
    );
  });

  test("stages come from the 'deal_stages' setting", async () => {
    await ctx.database.db.insert(settings).values({ key: 'deal_stages', value: ['lead', 'demo', 'invoice'] });
    const { dealId } = await convertedDeal(rep);
    const deal = bodyOf<Deal>(
      await ctx.app.inject({ method: 'GET', url: `/api/deals/${dealId}`, headers: rep.headers }),
    );
    assert.equal(deal.stage, 'lead', 'a new deal starts at the first configured stage');
    const bad = await patch(dealId, { stage: 'contract' });
    assert.equal(bad.statusCode, 422);
    assert.deepEqual(
      bodyOf<Problem>(bad).invalid_params?.map((p) => p.name),
      ['stage'],
    );
    assert.equal(bodyOf<Deal>(await patch(dealId, { stage: 'invoice' })).stage, 'invoice');
  });

  test('rejects amounts that are not exact decimal strings', async () => {
    const { dealId } = await convertedDeal(rep);
    for (const amount of [12.5, '12.345', '-5', '1e3']) {
      const response = await patch(dealId, { amount });
      assert.equal(response.statusCode, 422, String(amount));
      assert.deepEqual(
        bodyOf<Problem>(response).invalid_params?.map((p) => p.name),
        ['amount'],
      );
    }
    assert.equal(
      bodyOf<Deal>(await patch(dealId, { amount: '99999999999999.99' })).amount,
      '99999999999999.99',
    );
  });

  test("a rep lists and changes only their own deals; a head changes anyone's", async () => {
    const mine = await convertedDeal(rep);
    const theirs = await convertedDeal(otherRep, { status: 'won' });
    const listed = bodyOf<{ items: Deal[] }>(
      await ctx.app.inject({ method: 'GET', url: '/api/deals', headers: rep.headers }),
    );
    assert.deepEqual(
      listed.items.map((d) => d.id),
      [mine.dealId],
    );
    const all = bodyOf<{ items: Deal[] }>(
      await ctx.app.inject({ method: 'GET', url: '/api/deals?status=won', headers: asAdmin }),
    );
    assert.deepEqual(
      all.items.map((d) => d.id),
      [theirs.dealId],
    );
    const byLead = bodyOf<{ items: Deal[] }>(
      await ctx.app.inject({ method: 'GET', url: `/api/deals?leadId=${mine.leadId}`, headers: asAdmin }),
    );
    assert.deepEqual(
      byLead.items.map((d) => d.id),
      [mine.dealId],
    );
    const closedInMarch = bodyOf<{ items: Deal[] }>(
      await ctx.app.inject({
        method: 'GET',
        url: '/api/deals?closedFrom=2026-03-01T00:00:00Z&closedTo=2026-04-01T00:00:00Z',
        headers: asAdmin,
      }),
    );
    assert.deepEqual(
      closedInMarch.items.map((d) => d.id),
      [theirs.dealId],
    );

    assert.equal((await patch(theirs.dealId, { stage: 'payment' })).statusCode, 403);
    const head = await createTestUser(ctx, 'head');
    assert.equal((await patch(theirs.dealId, { stage: 'payment' }, head.headers)).statusCode, 200);
  });
});
