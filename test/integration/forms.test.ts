import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import {
  ADMIN_TOKEN,
  asAdmin,
  bodyOf,
  CAPTURE_TOKEN,
  capture,
  createTestContext,
  type TestContext,
} from '../helpers/app.ts';
import { createTestUser, type TestUser } from '../helpers/users.ts';

type Form = {
  id: string;
  key: string;
  name: string;
  fields: { name: string; type: string; required: boolean; label: { en: string; ru: string } }[];
  campaignId: string | null;
  channelId: string | null;
  allowedOrigins: string[];
  active: boolean;
};
type Problem = { code: string; invalid_params?: { name: string; reason: string }[] };
type Captured = {
  outcome: string;
  lead: { id: string; campaignId: string | null; channelId: string | null };
};

const SHOP = 'https://shop.example';
const BLOG = 'https://blog.example';

let ctx: TestContext;
let marketer: TestUser;
let rep: TestUser;
let channelId: string;
let campaignId: string;
let otherCampaignId: string;

before(async () => {
  ctx = await createTestContext({ env: { LEADFLOW_PUBLIC_URL: 'https://crm.example.com' } });
});
after(async () => ctx.close());
beforeEach(async () => {
  await ctx.reset();
  ctx.clock.set('2026-03-02T09:00:00.000Z');
  marketer = await createTestUser(ctx, 'marketer');
  rep = await createTestUser(ctx, 'rep');
  const channel = await ctx.app.inject({
    method: 'POST',
    url: '/api/channels',
    headers: asAdmin,
    payload: { code: 'site', name: 'Web site' },
  });
  channelId = bodyOf<{ id: string }>(channel).id;
  const newCampaign = async (name: string) =>
    bodyOf<{ id: string }>(
      await ctx.app.inject({
        method: 'POST',
        url: '/api/campaigns',
        headers: asAdmin,
        payload: { channelId, name },
      }),
    ).id;
  campaignId = await newCampaign('Spring sale');
  otherCampaignId = await newCampaign('Autumn sale');
});

const createForm = (payload: Record<string, unknown>, headers: Record<string, string> = marketer.headers) =>
  ctx.app.inject({ method: 'POST', url: '/api/forms', headers, payload });
const patchForm = (id: string, payload: Record<string, unknown>) =>
  ctx.app.inject({ method: 'PATCH', url: `/api/forms/${id}`, headers: marketer.headers, payload });

async function shopForm(extra: Record<string, unknown> = {}): Promise<Form> {
  const response = await createForm({ name: 'Shop form', campaignId, allowedOrigins: [SHOP], ...extra });
  assert.equal(response.statusCode, 201, response.body);
  return bodyOf<Form>(response);
}

describe('forms', () => {
  test('a new form has name, phone and email fields, a generated key and normalized origins', async () => {
    const response = await createForm({ name: 'Landing', allowedOrigins: ['https://Shop.Example/'] });
    assert.equal(response.statusCode, 201, response.body);
    const form = bodyOf<Form>(response);
    assert.match(form.key, /^f_[A-Za-z0-9_-]{11}$/);
    assert.deepEqual(
      form.fields.map((f) => [f.name, f.type, f.required]),
      [
        ['name', 'text', true],
        ['phone', 'tel', false],
        ['email', 'email', false],
      ],
    );
    assert.deepEqual(form.allowedOrigins, [SHOP]);
    assert.equal(form.active, true);

    const list = bodyOf<{ items: Form[] }>(
      await ctx.app.inject({ method: 'GET', url: '/api/forms', headers: rep.headers }),
    );
    assert.deepEqual(
      list.items.map((f) => f.key),
      [form.key],
    );
  });

  test('only marketing roles create and change forms', async () => {
    const refused = await createForm({ name: 'Mine' }, rep.headers);
    assert.equal(refused.statusCode, 403);
    const form = await shopForm();
    const patched = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/forms/${form.id}`,
      headers: rep.headers,
      payload: { name: 'Taken over' },
    });
    assert.equal(patched.statusCode, 403);
  });

  test('rejects bad origins, reserved or repeated field names and unknown campaigns, naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ allowedOrigins: ['https://shop.example/contact'] }, 'allowedOrigins.0'],
      [{ allowedOrigins: ['ftp://shop.example'] }, 'allowedOrigins.0'],
      [
        { fields: [{ name: 'utm_source', label: { en: 'Source', ru: 'Источник' }, type: 'text' }] },
        'fields.0.name',
      ],
      [
        {
          fields: [
            { name: 'name', label: { en: 'Name', ru: 'Имя' }, type: 'text' },
            { name: 'name', label: { en: 'Name', ru: 'Имя' }, type: 'text' },
          ],
        },
        'fields',
      ],
      [{ campaignId: '0190a000-0000-7000-8000-000000000000' }, 'campaignId'],
    ];
    for (const [payload, field] of cases) {
      const response = await createForm({ name: 'Bad', ...payload });
      assert.ok(
        [400, 422].includes(response.statusCode),
        `${field}: ${response.statusCode} ${response.body}`,
      );
      const names = bodyOf<Problem>(response).invalid_params?.map((p) => p.name);
      assert.ok(names?.includes(field), `${field} not in ${JSON.stringify(names)}`);
    }
  });

  test('a key already used by a form or listed by another campaign is a conflict', async () => {
    await shopForm({ key: 'spring-form' });
    const again = await createForm({ name: 'Copy', key: 'spring-form' });
    assert.equal(again.statusCode, 409);
    assert.equal(bodyOf<Problem>(again).invalid_params?.[0]?.name, 'key');

    await ctx.app.inject({
      method: 'PATCH',
      url: `/api/campaigns/${otherCampaignId}`,
      headers: asAdmin,
      payload: { tracking: [{ kind: 'form_id', value: 'autumn-form' }] },
    });
    const listed = await createForm({ name: 'Autumn', key: 'autumn-form', campaignId });
    assert.equal(listed.statusCode, 409, listed.body);
  });

  test('captures carrying the form key get the form campaign, and follow it when it changes', async () => {
    const form = await shopForm();
    const first = bodyOf<Captured>(
      await capture(ctx, { name: 'Olga Petrova', email: 'olga@mail.ru', formId: form.key }),
    );
    assert.deepEqual([first.lead.campaignId, first.lead.channelId], [campaignId, channelId]);

    assert.equal((await patchForm(form.id, { campaignId: otherCampaignId })).statusCode, 200);
    const second = bodyOf<Captured>(
      await capture(ctx, { name: 'Ivan Sidorov', email: 'ivan@mail.ru', formId: form.key }),
    );
    assert.equal(second.lead.campaignId, otherCampaignId);

    // Without a campaign the form still names its channel.
    assert.equal((await patchForm(form.id, { campaignId: null, channelId })).statusCode, 200);
    const third = bodyOf<Captured>(
      await capture(ctx, { name: 'Anna Smirnova', email: 'anna@mail.ru', formId: form.key }),
    );
    assert.deepEqual([third.lead.campaignId, third.lead.channelId], [null, channelId]);
  });

  test('the public definition has what the widget renders and nothing else, for active forms only', async () => {
    const form = await shopForm({
      successMessage: { en: 'Thanks, {name}!', ru: 'Спасибо, {name}!' },
    });
    const response = await ctx.app.inject({ method: 'GET', url: `/api/forms/public/${form.key}` });
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.headers['cache-control'], 'no-store');
    const definition = bodyOf<Record<string, unknown>>(response);
    assert.deepEqual(Object.keys(definition).sort(), [
      'consentText',
      'fields',
      'key',
      'serverTime',
      'successMessage',
    ]);
    assert.equal(definition.serverTime, Date.parse('2026-03-02T09:00:00.000Z'));
    assert.deepEqual(definition.successMessage, { en: 'Thanks, {name}!', ru: 'Спасибо, {name}!' });

    await patchForm(form.id, { active: false });
    const inactive = await ctx.app.inject({ method: 'GET', url: `/api/forms/public/${form.key}` });
    assert.equal(inactive.statusCode, 404);
  });

  test('the snippet embeds the widget and a no-script form that captures as a plain form post', async () => {
    const form = await shopForm({
      fields: [
        { name: 'name', label: { en: 'Name <b>', ru: 'Имя' }, type: 'text', required: true },
        { name: 'phone', label: { en: 'Phone', ru: 'Телефон' }, type: 'tel' },
        { name: 'question', label: { en: 'Question', ru: 'Вопрос' }, type: 'textarea' },
      ],
    });
    const response = await ctx.app.inject({
      method: 'GET',
      url: `/api/forms/${form.id}/snippet?token=${CAPTURE_TOKEN}`,
      headers: marketer.headers,
    });
    assert.equal(response.statusCode, 200, response.body);
    const { html } = bodyOf<{ html: string }>(response);
    assert.ok(html.includes(`<div data-leadflow-form="${form.key}"></div>`), html);
    assert.ok(
      html.includes(`<script src="https://crm.example.com/widget.js" data-token="${CAPTURE_TOKEN}" async>`),
    );
    assert.ok(html.includes(`action="https://crm.example.com/api/leads?token=${CAPTURE_TOKEN}"`));
    assert.ok(html.includes('Name &lt;b&gt;'), 'labels are escaped');
    assert.ok(!html.includes('<b>'));
    assert.ok(html.includes('<textarea name="question"></textarea>'));
    assert.ok(html.includes('name="honeypot"'));

    const placeholder = bodyOf<{ html: string }>(
      await ctx.app.inject({
        method: 'GET',
        url: `/api/forms/${form.id}/snippet?lang=ru`,
        headers: marketer.headers,
      }),
    ).html;
    assert.ok(placeholder.includes('data-token="CAPTURE_TOKEN"'));
    assert.ok(placeholder.includes('>Отправить</button>'));

    // What a browser without scripts sends from that form.
    const consent = 'I agree to the processing of my personal data to answer this request.';
    const posted = await ctx.app.inject({
      method: 'POST',
      url: `/api/leads?token=${CAPTURE_TOKEN}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        formId: form.key,
        name: 'Pavel Orlov',
        phone: '+7 912 345-67-89',
        question: 'Do you deliver?',
        honeypot: '',
        consentText: consent,
        consent: 'on',
      }).toString(),
    });
    assert.equal(posted.statusCode, 201, posted.body);
    const lead = bodyOf<{
      lead: {
        campaignId: string;
        phones: string[];
        custom: Record<string, unknown>;
        consent: { given: boolean };
      };
    }>(posted).lead;
    assert.equal(lead.campaignId, campaignId);
    assert.deepEqual(lead.phones, ['+79123456789']);
    assert.equal(lead.custom.question, 'Do you deliver?');
    assert.equal(lead.consent.given, true);
  });

  test('a browser posting the plain form gets a page in its language, not JSON', async () => {
    await shopForm({ successMessage: { en: 'Thanks, {name}!', ru: 'Спасибо, {name}!' } });
    const [form] = bodyOf<{ items: Form[] }>(
      await ctx.app.inject({ method: 'GET', url: '/api/forms', headers: marketer.headers }),
    ).items;
    const post = (fields: Record<string, string>, token = CAPTURE_TOKEN) =>
      ctx.app.inject({
        method: 'POST',
        url: `/api/leads?token=${token}`,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'text/html,application/xhtml+xml,*/*;q=0.8',
          'accept-language': 'ru-RU,ru;q=0.9,en;q=0.8',
          referer: `${SHOP}/landing`,
        },
        payload: new URLSearchParams(fields).toString(),
      });

    const sent = await post({ formId: form?.key ?? '', name: '<b>Olga</b> Petrova', email: 'olga@mail.ru' });
    assert.equal(sent.statusCode, 201);
    assert.equal(sent.headers['content-type'], 'text/html; charset=utf-8');
    assert.ok(sent.body.includes('<p>Спасибо, &lt;b&gt;Olga&lt;/b&gt; Petrova!</p>'), sent.body);
    assert.ok(sent.body.includes(`<a href="${SHOP}/landing">Вернуться на сайт</a>`));

    const rejected = await post({ formId: form?.key ?? '', name: 'Olga Petrova', email: 'not-an-email' });
    assert.equal(rejected.statusCode, 422);
    assert.ok(rejected.body.includes('Не удалось отправить форму:'), rejected.body);
    // The reason is in the visitor's language too.
    assert.ok(rejected.body.includes('email: не адрес электронной почты (нужно имя@домен)'), rejected.body);

    const refused = await post({ name: 'Olga Petrova' }, 'wrong-token');
    assert.equal(refused.statusCode, 401);
    assert.ok(refused.body.includes('Форма настроена неверно'));
  });

  test('GET /widget.js serves the script with cache headers and answers revalidation with 304', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/widget.js' });
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.headers['content-type'], 'text/javascript; charset=utf-8');
    assert.equal(response.headers['cache-control'], 'public, max-age=3600');
    assert.ok(response.body.includes('data-leadflow-form'));
    const etag = response.headers.etag as string;
    const again = await ctx.app.inject({
      method: 'GET',
      url: '/widget.js',
      headers: { 'if-none-match': etag },
    });
    assert.equal(again.statusCode, 304);
  });
});

describe('CORS for the embeddable form', () => {
  const preflight = (url: string, origin: string, method = 'POST') =>
    ctx.app.inject({
      method: 'OPTIONS',
      url,
      headers: {
        origin,
        'access-control-request-method': method,
        'access-control-request-headers': 'authorization, content-type, idempotency-key',
      },
    });

  test('a preflight from an allowed origin may post with a token; another origin gets no CORS headers', async () => {
    await shopForm();
    const allowed = await preflight('/api/leads', SHOP);
    assert.equal(allowed.statusCode, 204);
    assert.equal(allowed.headers['access-control-allow-origin'], SHOP);
    assert.equal(allowed.headers['access-control-allow-methods'], 'POST');
    assert.equal(
      allowed.headers['access-control-allow-headers'],
      'authorization, content-type, idempotency-key',
    );
    assert.equal(allowed.headers.vary, 'Origin');

    const other = await preflight('/api/leads', BLOG);
    assert.equal(other.statusCode, 204);
    assert.equal(other.headers['access-control-allow-origin'], undefined);
    assert.equal(other.headers['access-control-allow-headers'], undefined);
  });

  test('captures from an allowed origin carry the header, even when the token is refused', async () => {
    await shopForm();
    const sent = await capture(ctx, { name: 'Olga Petrova', email: 'olga@mail.ru' }, { origin: SHOP });
    assert.equal(sent.statusCode, 201);
    assert.equal(sent.headers['access-control-allow-origin'], SHOP);

    const refused = await ctx.app.inject({
      method: 'POST',
      url: '/api/leads',
      headers: { origin: SHOP, authorization: 'Bearer wrong-token' },
      payload: { name: 'Olga Petrova' },
    });
    assert.equal(refused.statusCode, 401);
    assert.equal(refused.headers['access-control-allow-origin'], SHOP);

    const elsewhere = await capture(ctx, { name: 'Ivan Sidorov', email: 'ivan@mail.ru' }, { origin: BLOG });
    assert.equal(elsewhere.statusCode, 201, 'CORS is for browsers: the server still takes the capture');
    assert.equal(elsewhere.headers['access-control-allow-origin'], undefined);
  });

  test("a form's definition is readable only from that form's own origins", async () => {
    const shop = await shopForm();
    const blog = bodyOf<Form>(await createForm({ name: 'Blog form', allowedOrigins: [BLOG] }));
    const read = (key: string, origin: string) =>
      ctx.app.inject({ method: 'GET', url: `/api/forms/public/${key}`, headers: { origin } });
    assert.equal((await read(shop.key, SHOP)).headers['access-control-allow-origin'], SHOP);
    assert.equal((await read(blog.key, SHOP)).headers['access-control-allow-origin'], undefined);
    assert.equal((await read(blog.key, BLOG)).headers['access-control-allow-origin'], BLOG);
  });

  test('the allow-list follows form changes at once', async () => {
    const form = await shopForm();
    assert.equal((await preflight('/api/leads', SHOP)).headers['access-control-allow-origin'], SHOP);
    await patchForm(form.id, { active: false });
    assert.equal((await preflight('/api/leads', SHOP)).headers['access-control-allow-origin'], undefined);
    await patchForm(form.id, { active: true, allowedOrigins: [BLOG] });
    assert.equal((await preflight('/api/leads', SHOP)).headers['access-control-allow-origin'], undefined);
    assert.equal((await preflight('/api/leads', BLOG)).headers['access-control-allow-origin'], BLOG);
  });

  test('other API routes never get CORS headers', async () => {
    await shopForm();
    const list = await ctx.app.inject({
      method: 'GET',
      url: '/api/leads',
      headers: { origin: SHOP, authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    assert.equal(list.statusCode, 200);
    assert.equal(list.headers['access-control-allow-origin'], undefined);
  });
});
