import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { asAdmin, bodyOf, capture, createTestContext, type TestContext } from '../helpers/app.ts';
import { createTestUser } from '../helpers/users.ts';

// The lead card shows the review-queue pairs of its own lead: GET /api/duplicates?leadId=…, and
// whether the caller may resolve them.

type Review = { id: string; lead: { id: string }; candidate: { id: string; type: string } };
type Queue = { items: Review[]; canResolve: boolean };

let ctx: TestContext;
before(async () => {
  ctx = await createTestContext();
});
after(async () => ctx.close());
beforeEach(async () => ctx.reset());

const createLead = async (payload: Record<string, unknown>) => {
  ctx.clock.advance(60_000);
  return bodyOf<{ lead: { id: string } }>(await capture(ctx, payload)).lead.id;
};
const queue = async (query: string, headers: Record<string, string> = asAdmin) => {
  const response = await ctx.app.inject({ method: 'GET', url: `/api/duplicates${query}`, headers });
  assert.equal(response.statusCode, 200, response.body);
  return bodyOf<Queue>(response);
};
const pairsOf = (body: Queue) => body.items.map((r) => [r.lead.id, r.candidate.id]);

describe('the review queue of one lead', () => {
  test('lists only the pairs that involve the lead, on either side', async () => {
    // Same phone, other names: uncertain pairs, queued for review.
    const elena = await createLead({ name: 'Елена Козлова', phone: '+79261234567' });
    const dmitry = await createLead({ name: 'Дмитрий Козлов', phone: '+79261234567' });
    const olga = await createLead({ name: 'Ольга Смирнова', phone: '+79035550011' });
    const pavel = await createLead({ name: 'Павел Смирнов', phone: '+79035550011' });

    assert.deepEqual(pairsOf(await queue('')), [
      [dmitry, elena],
      [pavel, olga],
    ]);
    assert.deepEqual(pairsOf(await queue(`?leadId=${elena}`)), [[dmitry, elena]], 'as the candidate');
    assert.deepEqual(pairsOf(await queue(`?leadId=${dmitry}`)), [[dmitry, elena]], 'as the new lead');
    assert.deepEqual(pairsOf(await queue(`?leadId=${pavel}`)), [[pavel, olga]]);

    const [review] = (await queue(`?leadId=${pavel}`)).items;
    await ctx.app.inject({ method: 'POST', url: `/api/duplicates/${review?.id}/dismiss`, headers: asAdmin });
    assert.deepEqual(pairsOf(await queue(`?leadId=${olga}`)), [], 'a dismissed pair is gone');
  });

  test('says that heads and admins may resolve the pairs, and reps and marketers may not', async () => {
    const elena = await createLead({ name: 'Елена Козлова', phone: '+79261234567' });
    await createLead({ name: 'Дмитрий Козлов', phone: '+79261234567' });
    assert.equal((await queue(`?leadId=${elena}`)).canResolve, true);
    const head = await createTestUser(ctx, 'head');
    assert.equal((await queue(`?leadId=${elena}`, head.headers)).canResolve, true);
    for (const role of ['rep', 'marketer'] as const) {
      const user = await createTestUser(ctx, role);
      const body = await queue(`?leadId=${elena}`, user.headers);
      assert.equal(body.canResolve, false, role);
      assert.equal(body.items.length, 1, `${role} sees the pair of two pool leads`);
    }
  });

  test('rejects a leadId that is not an id with 400 naming `leadId`', async () => {
    const response = await ctx.app.inject({
      method: 'GET',
      url: '/api/duplicates?leadId=nope',
      headers: asAdmin,
    });
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /leadId/);
  });
});
