import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { asAdmin, bodyOf, createTestContext, type TestContext } from '../helpers/app.ts';

type Channel = { id: string; code: string; name: string; tracking: { kind: string; value: string }[] };
type Campaign = Channel & { channelId: string; pricingModel: string; price: string | null; currency: string };
type Problem = { code: string; invalid_params?: { name: string; reason: string }[] };

let ctx: TestContext;
before(async () => {
  ctx = await createTestContext();
});
after(async () => ctx.close());
beforeEach(async () => ctx.reset());

const send = (method: 'POST' | 'PATCH', url: string, payload: unknown) =>
  ctx.app.inject({ method, url, headers: asAdmin, payload: payload as Record<string, unknown> });

describe('channels and campaigns', () => {
  test('a campaign keeps its pricing and normalized tracking identifiers', async () => {
    const channel = bodyOf<Channel>(
      await send('POST', '/api/channels', { code: 'calls', name: 'Phone calls', origin: 'nets' }),
    );
    const response = await send('POST', '/api/campaigns', {
      channelId: channel.id,
      name: 'Radio spring',
      pricingModel: 'cpc',
      price: 60,
      startsOn: '2026-03-01',
      endsOn: '2026-05-31',
      tracking: [
        { kind: 'tracking_phone', value: '8 (800) 555-35-35' },
        { kind: 'promo_code', value: 'radio ' },
      ],
    });
    assert.equal(response.statusCode, 201);
    const campaign = bodyOf<Campaign>(response);
    assert.equal(campaign.price, '60.0000');
    assert.equal(campaign.currency, 'RUB');
    assert.deepEqual(
      campaign.tracking.sort((a, b) => a.kind.localeCompare(b.kind)),
      [
        { kind: 'promo_code', value: 'RADIO' },
        { kind: 'tracking_phone', value: '+78005553535' },
      ],
    );
    const listed = bodyOf<{ items: Campaign[] }>(
      await ctx.app.inject({
        method: 'GET',
        url: `/api/campaigns?channelId=${channel.id}`,
        headers: asAdmin,
      }),
    );
    assert.deepEqual(
      listed.items.map((c) => c.id),
      [campaign.id],
    );
  });

  test('one identifier cannot tag two campaigns: 409 names it', async () => {
    const channel = bodyOf<Channel>(await send('POST', '/api/channels', { code: 'search', name: 'Search' }));
    await send('POST', '/api/campaigns', {
      channelId: channel.id,
      name: 'A',
      tracking: [{ kind: 'promo_code', value: 'SALE' }],
    });
    const clash = await send('POST', '/api/campaigns', {
      channelId: channel.id,
      name: 'B',
      tracking: [{ kind: 'promo_code', value: 'sale' }],
    });
    assert.equal(clash.statusCode, 409);
    assert.match(bodyOf<Problem>(clash).invalid_params?.[0]?.reason ?? '', /promo_code "SALE"/);
    const names = bodyOf<{ items: Campaign[] }>(
      await ctx.app.inject({ method: 'GET', url: '/api/campaigns', headers: asAdmin }),
    );
    assert.deepEqual(
      names.items.map((c) => c.name),
      ['A'],
      'the failed create left nothing behind',
    );
  });

  test('patching tracking replaces the list; the campaign may keep its own values', async () => {
    const channel = bodyOf<Channel>(await send('POST', '/api/channels', { code: 'social', name: 'Social' }));
    const campaign = bodyOf<Campaign>(
      await send('POST', '/api/campaigns', {
        channelId: channel.id,
        name: 'VK',
        tracking: [{ kind: 'utm_campaign', value: 'vk1' }],
      }),
    );
    const patched = bodyOf<Campaign>(
      await send('PATCH', `/api/campaigns/${campaign.id}`, {
        name: 'VK spring',
        tracking: [
          { kind: 'utm_campaign', value: 'vk1' },
          { kind: 'utm_campaign', value: 'vk2' },
        ],
      }),
    );
    assert.equal(patched.name, 'VK spring');
    assert.deepEqual(patched.tracking.map((t) => t.value).sort(), ['vk1', 'vk2']);
  });

  test('validation: duplicate channel code, unknown channel, reversed dates, bad phone', async () => {
    const channel = bodyOf<Channel>(await send('POST', '/api/channels', { code: 'events', name: 'Events' }));
    const dupe = await send('POST', '/api/channels', { code: 'events', name: 'Again' });
    assert.equal(dupe.statusCode, 409);
    assert.equal(bodyOf<Problem>(dupe).invalid_params?.[0]?.name, 'code');
    const badCode = await send('POST', '/api/channels', { code: 'Has Spaces', name: 'X' });
    assert.equal(badCode.statusCode, 422);
    assert.equal(bodyOf<Problem>(badCode).invalid_params?.[0]?.name, 'code');
    const noChannel = await send('POST', '/api/campaigns', {
      channelId: '0190a0a0-0000-7000-8000-000000000000',
      name: 'X',
    });
    assert.equal(bodyOf<Problem>(noChannel).invalid_params?.[0]?.name, 'channelId');
    const dates = await send('POST', '/api/campaigns', {
      channelId: channel.id,
      name: 'X',
      startsOn: '2026-05-01',
      endsOn: '2026-04-01',
    });
    assert.equal(bodyOf<Problem>(dates).invalid_params?.[0]?.name, 'endsOn');
    const phone = await send('POST', '/api/campaigns', {
      channelId: channel.id,
      name: 'X',
      tracking: [{ kind: 'tracking_phone', value: '123' }],
    });
    assert.equal(phone.statusCode, 422);
    assert.equal(bodyOf<Problem>(phone).invalid_params?.[0]?.name, 'tracking.0.value');
  });
});
