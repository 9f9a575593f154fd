import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { asAdmin, bodyOf, capture, createTestContext, type TestContext } from '../helpers/app.ts';

type Lead = {
  id: string;
  campaignId: string | null;
  valid: boolean;
  problems: { field: string; code: string; message: string }[];
};

let ctx: TestContext;
let campaignId: string;

before(async () => {
  ctx = await createTestContext();
});
after(async () => ctx.close());
beforeEach(async () => {
  await ctx.reset();
  const channel = bodyOf<{ id: string }>(
    await ctx.app.inject({
      method: 'POST',
      url: '/api/channels',
      headers: asAdmin,
      payload: { code: 'partners', name: 'Lead exchange' },
    }),
  );
  // A bought-leads campaign: 500 per valid lead from Moscow with a phone.
  const created = await ctx.app.inject({
    method: 'POST',
    url: '/api/campaigns',
    headers: asAdmin,
    payload: {
      channelId: channel.id,
      name: 'Exchange Moscow',
      pricingModel: 'cpl',
      price: '500',
      tracking: [{ kind: 'partner_key', value: 'exchange-1' }],
      leadFilters: [
        { field: 'address.region', op: 'eq', value: 'Москва' },
        { field: 'phones', op: 'exists' },
      ],
    },
  });
  assert.equal(created.statusCode, 201, created.body);
  campaignId = bodyOf<{ id: string }>(created).id;
});

async function deliver(payload: Record<string, unknown>): Promise<Lead> {
  ctx.clock.advance(60_000);
  const response = await capture(ctx, payload);
  assert.equal(response.statusCode, 201, response.body);
  const { lead } = bodyOf<{ lead: { id: string } }>(response);
  return bodyOf<Lead>(
    await ctx.app.inject({ method: 'GET', url: `/api/leads/${lead.id}`, headers: asAdmin }),
  );
}

describe('buyer filters of bought leads', () => {
  test('a delivery failing a filter is kept as an invalid lead naming the failing field', async () => {
    const outside = await deliver({
      name: 'Пётр Сидоров',
      phone: '+7 916 111-22-33',
      address: { region: 'Тверская область' },
      partnerKey: 'exchange-1',
    });
    assert.equal(outside.campaignId, campaignId);
    assert.equal(outside.valid, false);
    assert.deepEqual(
      outside.problems.map((p) => [p.field, p.code]),
      [['address.region', 'buyer_filter']],
    );
    assert.match(
      outside.problems[0]?.message ?? '',
      /^does not meet the buyer filter address\.region eq "Москва"/,
    );

    const noPhone = await deliver({
      name: 'Анна Ковалёва',
      email: 'anna@example.ru',
      address: { region: 'москва' },
      partnerKey: 'exchange-1',
    });
    assert.equal(noPhone.valid, false);
    assert.deepEqual(
      noPhone.problems.map((p) => [p.field, p.code]),
      [['phones', 'buyer_filter']],
    );
  });

  test('a delivery meeting the filters is valid, and leads of other sources are not filtered', async () => {
    const fits = await deliver({
      name: 'Иван Петров',
      phone: '+7 916 123-45-67',
      address: { region: 'Москва' },
      partnerKey: 'exchange-1',
    });
    assert.deepEqual([fits.campaignId, fits.valid, fits.problems], [campaignId, true, []]);

    const organic = await deliver({ name: 'Олег Смирнов', email: 'oleg@example.ru' });
    assert.deepEqual([organic.campaignId, organic.valid, organic.problems], [null, true, []]);
  });
});
