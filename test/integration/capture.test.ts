import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { inquiries } from '../../src/store/schema.ts';
import { queryRows } from '../../src/store/sql.ts';
import { asAdmin, asCapture, bodyOf, capture, createTestContext, type TestContext } from '../helpers/app.ts';

type Lead = Record<string, unknown> & {
  id: string;
  emails: string[];
  phones: string[];
  problems: { code: string }[];
  spamSignals: { code: string }[];
  attribution: Record<string, unknown> & { resolvedBy?: { kind: string } };
};
type CaptureBody = {
  outcome: string;
  inquiryId: string;
  lead?: Lead;
  attachedTo?: { type: string; id: string };
  originalOutcome?: string;
};
type ProblemBody = {
  status: number;
  code: string;
  invalid_params?: { name: string; reason: string }[];
  inquiryId?: string;
};

let ctx: TestContext;
before(async () => {
  ctx = await createTestContext();
});
after(async () => ctx.close());
beforeEach(async () => ctx.reset());

async function inquiriesCount(outcome?: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    ctx.database.db,
    outcome
      ? sql`SELECT count(*)::int AS n FROM inquiries WHERE outcome = ${outcome}`
      : sql`SELECT count(*)::int AS n FROM inquiries`,
  );
  return Number(row?.n);
}

async function leadsCount(): Promise<number> {
  const [row] = await queryRows<{ n: number }>(ctx.database.db, sql`SELECT count(*)::int AS n FROM leads`);
  return Number(row?.n);
}

describe('capturing a lead', () => {
  test('creates a normalized lead with its inquiry and a timeline entry', async () => {
    const response = await capture(ctx, {
      name: 'иванов иван',
      phone: '8 (916) 123-45-67',
      email: 'Ivan@Example.COM',
      company: ' ООО  Ромашка ',
      interest: 'Need 40 chairs',
      utm_source: 'yandex',
    });
    assert.equal(response.statusCode, 201);
    const body = bodyOf<CaptureBody>(response);
    assert.equal(body.outcome, 'created');
    assert.equal(body.lead?.firstName, 'Иван');
    assert.equal(body.lead?.lastName, 'Иванов');
    assert.deepEqual(body.lead?.phones, ['+79161234567']);
    assert.deepEqual(body.lead?.emails, ['ivan@example.com']);
    assert.equal(body.lead?.company, 'ООО Ромашка');
    assert.equal(body.lead?.kind, 'lead');
    assert.equal(body.lead?.valid, true);
    assert.equal(body.lead?.spam, false);
    assert.deepEqual(body.lead?.attribution, { utm_source: 'yandex' });

    const detail = bodyOf<
      Lead & { inquiries: { id: string; rawBody: string; outcome: string }[]; timeline: { type: string }[] }
    >(await ctx.app.inject({ method: 'GET', url: `/api/leads/${body.lead?.id}`, headers: asAdmin }));
    assert.equal(detail.inquiries.length, 1);
    assert.equal(detail.inquiries[0]?.id, body.inquiryId);
    assert.equal(detail.inquiries[0]?.outcome, 'created');
    assert.match(detail.inquiries[0]?.rawBody ?? '', /иванов иван/, 'the raw body is kept verbatim');
    assert.deepEqual(
      detail.timeline.map((e) => e.type),
      ['created', 'routed'],
    );
  });

  test('accepts a plain HTML form post, with the token in the query string', async () => {
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/leads?token=test-capture-token-0123456789',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload:
        'name=Anna+Smirnova&phone=%2B79161112233&phone=%2B79161112244&address%5Bcity%5D=Tver&newsletter=yes',
    });
    assert.equal(response.statusCode, 201);
    const lead = bodyOf<CaptureBody>(response).lead;
    assert.deepEqual(lead?.phones, ['+79161112233', '+79161112244']);
    assert.deepEqual(lead?.address, { city: 'Tver' });
    assert.deepEqual(lead?.custom, { newsletter: 'yes' }, 'unknown fields are kept, not dropped');
  });

  test('keeps unknown JSON fields in custom', async () => {
    const response = await capture(ctx, {
      name: 'Oleg',
      email: 'oleg@mail.ru',
      budget: 50000,
      custom: { source_form: 'quiz' },
    });
    assert.deepEqual(bodyOf<CaptureBody>(response).lead?.custom, { source_form: 'quiz', budget: 50000 });
  });

  test('stores a company with only a switchboard number as an interest to verify', async () => {
    const response = await capture(ctx, { company: 'АО Вектор', phone: '+7 495 123-45-67' });
    assert.equal(response.statusCode, 201);
    const lead = bodyOf<CaptureBody>(response).lead;
    assert.equal(lead?.kind, 'interest');
    assert.equal(lead?.valid, false);
    assert.deepEqual(
      lead?.problems.map((p) => p.code),
      ['switchboard_only'],
    );
  });
});

describe('bad input', () => {
  test('answers 422 naming each bad field, and keeps the rejected inquiry', async () => {
    const response = await capture(ctx, {
      name: 'Ivan',
      email: 'ivan@',
      phone: '12',
      formShownAt: { nested: true },
    });
    assert.equal(response.statusCode, 422);
    assert.match(response.headers['content-type'] as string, /^application\/problem\+json/);
    const problem = bodyOf<ProblemBody>(response);
    assert.equal(problem.status, 422);
    assert.equal(problem.code, 'validation_failed');
    assert.deepEqual(
      problem.invalid_params?.map((p) => p.name),
      ['formShownAt'],
    );
    assert.ok(problem.inquiryId);
    // Types fixed, the values are still wrong: both fields are named.
    const second = bodyOf<ProblemBody>(await capture(ctx, { name: 'Ivan', email: 'ivan@', phone: '12' }));
    assert.deepEqual(
      second.invalid_params?.map((p) => p.name),
      ['email', 'phone'],
    );
    assert.ok(second.invalid_params?.every((p) => p.reason.length > 0));
    assert.equal(await inquiriesCount('rejected'), 2);
    assert.equal(await leadsCount(), 0);
    const kept = bodyOf<{ items: { id: string; rawBody: string; problems: unknown[] }[] }>(
      await ctx.app.inject({ method: 'GET', url: '/api/inquiries?outcome=rejected', headers: asAdmin }),
    );
    assert.equal(kept.items.length, 2);
    assert.ok(kept.items.some((i) => i.id === second.inquiryId && i.rawBody.includes('ivan@')));
  });

  test('answers 400 to malformed JSON and keeps the raw text', async () => {
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/leads',
      headers: { ...asCapture, 'content-type': 'application/json' },
      payload: '{"name": "Ivan", "phone": ',
    });
    assert.equal(response.statusCode, 400);
    const problem = bodyOf<ProblemBody>(response);
    assert.equal(problem.code, 'malformed_body');
    const inquiry = bodyOf<{ rawBody: string; outcome: string }>(
      await ctx.app.inject({ method: 'GET', url: `/api/inquiries/${problem.inquiryId}`, headers: asAdmin }),
    );
    assert.equal(inquiry.rawBody, '{"name": "Ivan", "phone": ');
    assert.equal(inquiry.outcome, 'rejected');
  });

  test('answers 415 to an unsupported content type and still keeps what came', async () => {
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/leads',
      headers: { ...asCapture, 'content-type': 'application/xml' },
      payload: '<lead><name>Ivan</name></lead>',
    });
    assert.equal(response.statusCode, 415);
    assert.equal(bodyOf<ProblemBody>(response).code, 'unsupported_media_type');
    assert.equal(await inquiriesCount('rejected'), 1);
  });

  test('rejects a 1 MB body cleanly with 413 and records that it came', async () => {
    const response = await capture(ctx, {
      name: 'Ivan',
      phone: '+79161234567',
      interest: 'x'.repeat(1024 * 1024),
    });
    assert.equal(response.statusCode, 413);
    const problem = bodyOf<ProblemBody>(response);
    assert.equal(problem.code, 'payload_too_large');
    const [row] = await queryRows<{ outcome: string; raw_body: string | null }>(
      ctx.database.db,
      sql`SELECT outcome, raw_body FROM inquiries`,
    );
    assert.equal(row?.outcome, 'rejected');
    assert.equal(row?.raw_body, null);
    assert.equal(await leadsCount(), 0);
  });

  test('answers 422 to a value that is not a string where text is expected', async () => {
    const response = await capture(ctx, { name: ['a', 'b'], phone: '+79161234567' });
    assert.equal(response.statusCode, 422);
    assert.deepEqual(
      bodyOf<ProblemBody>(response).invalid_params?.map((p) => p.name),
      ['name'],
    );
  });

  test('refuses a request without a token (401) and a read token cannot capture (403)', async () => {
    const anonymous = await ctx.app.inject({
      method: 'POST',
      url: '/api/leads',
      payload: { name: 'A', phone: '+79161234567' },
    });
    assert.equal(anonymous.statusCode, 401);
    assert.equal(bodyOf<ProblemBody>(anonymous).code, 'unauthorized');
    const forbidden = await ctx.app.inject({ method: 'GET', url: '/api/leads', headers: asCapture });
    assert.equal(forbidden.statusCode, 403);
    assert.equal(bodyOf<ProblemBody>(forbidden).code, 'forbidden');
  });
});

describe('retries', () => {
  test('the same Idempotency-Key returns the original lead and creates nothing', async () => {
    const payload = { name: 'Anna Petrova', phone: '+79161230000' };
    const first = await capture(ctx, payload, { 'idempotency-key': 'form-123' });
    const again = await capture(ctx, payload, { 'idempotency-key': 'form-123' });
    assert.equal(first.statusCode, 201);
    assert.equal(again.statusCode, 200);
    const body = bodyOf<CaptureBody>(again);
    assert.equal(body.outcome, 'replayed');
    assert.equal(body.originalOutcome, 'created');
    assert.equal(body.lead?.id, bodyOf<CaptureBody>(first).lead?.id);
    assert.equal(body.inquiryId, bodyOf<CaptureBody>(first).inquiryId);
    assert.equal(again.headers['idempotent-replayed'], 'true');
    assert.equal(await leadsCount(), 1);
    assert.equal(await inquiriesCount(), 1);
  });

  test('concurrent retries with one key still make one lead', async () => {
    const payload = { name: 'Boris Orlov', email: 'boris@orlov.ru' };
    const responses = await Promise.all(
      Array.from({ length: 5 }, () => capture(ctx, payload, { 'idempotency-key': 'burst-1' })),
    );
    const outcomes = responses.map((r) => bodyOf<CaptureBody>(r).outcome).sort();
    assert.deepEqual(outcomes, ['created', 'replayed', 'replayed', 'replayed', 'replayed']);
    assert.equal(await leadsCount(), 1);
  });

  test('a key reused for a different request is refused with 422', async () => {
    await capture(ctx, { name: 'Anna', phone: '+79161230000' }, { 'idempotency-key': 'k1' });
    const other = await capture(ctx, { name: 'Olga', phone: '+79161239999' }, { 'idempotency-key': 'k1' });
    assert.equal(other.statusCode, 422);
    assert.equal(bodyOf<ProblemBody>(other).code, 'idempotency_key_reused');
    assert.equal(await leadsCount(), 1);
  });

  test('the same external id from the same partner is a retry; from another partner it is not', async () => {
    const delivery = {
      name: 'Pavel Sidorov',
      phone: '+79035550000',
      externalId: 'order-7',
      partnerKey: 'p-alpha',
    };
    const first = bodyOf<CaptureBody>(await capture(ctx, delivery));
    const retry = bodyOf<CaptureBody>(await capture(ctx, { ...delivery, interest: 'resent' }));
    assert.equal(retry.outcome, 'replayed');
    assert.equal(retry.lead?.id, first.lead?.id);
    const other = bodyOf<CaptureBody>(
      await capture(ctx, { ...delivery, partnerKey: 'p-beta', phone: '+79035551111', name: 'Other Person' }),
    );
    assert.equal(other.outcome, 'created');
  });

  test('a replay of a rejected request gives the same 422', async () => {
    const bad = { name: 'Ivan', email: 'nope' };
    const first = bodyOf<ProblemBody>(await capture(ctx, bad, { 'idempotency-key': 'bad-1' }));
    const again = await capture(ctx, bad, { 'idempotency-key': 'bad-1' });
    assert.equal(again.statusCode, 422);
    assert.deepEqual(
      bodyOf<ProblemBody>(again).invalid_params?.map((p) => p.name),
      ['email'],
    );
    assert.equal(bodyOf<ProblemBody>(again).inquiryId, first.inquiryId);
    assert.equal(await inquiriesCount(), 1);
  });
});

describe('duplicates', () => {
  test('a repeat inquiry from a known person attaches to the card, adds the new phone and notifies', async () => {
    const first = bodyOf<CaptureBody>(
      await capture(ctx, { name: 'Иван Петров', email: 'ivan.petrov@mail.ru' }),
    );
    ctx.clock.advance(3600_000);
    const repeat = await capture(ctx, {
      name: 'Ivan Petrov',
      email: 'IVAN.PETROV@mail.ru',
      phone: '+7 916 555 44 33',
    });
    assert.equal(repeat.statusCode, 200);
    const body = bodyOf<CaptureBody>(repeat);
    assert.equal(body.outcome, 'attached');
    assert.deepEqual(body.attachedTo, { type: 'lead', id: first.lead?.id });
    assert.equal(await leadsCount(), 1);

    const detail = bodyOf<
      Lead & { inquiries: unknown[]; timeline: { type: string; data: Record<string, unknown> }[] }
    >(await ctx.app.inject({ method: 'GET', url: `/api/leads/${first.lead?.id}`, headers: asAdmin }));
    assert.equal(detail.inquiries.length, 2);
    assert.deepEqual(detail.phones, ['+79165554433']);
    const attached = detail.timeline.find((e) => e.type === 'inquiry_attached');
    assert.deepEqual(attached?.data.added, { emails: [], phones: ['+79165554433'] });
    const [notice] = await queryRows<{ type: string; lead_id: string }>(
      ctx.database.db,
      sql`SELECT type, lead_id FROM notifications`,
    );
    assert.deepEqual(notice, { type: 'repeat_inquiry', lead_id: first.lead?.id });
  });

  test('an inquiry from an existing client attaches to the contact, not a new lead', async () => {
    const contact = bodyOf<{ id: string }>(
      await ctx.app.inject({
        method: 'POST',
        url: '/api/contacts',
        headers: asAdmin,
        payload: { name: 'Мария Смирнова', phones: ['+7 903 111-22-33'] },
      }),
    );
    const response = bodyOf<CaptureBody>(
      await capture(ctx, { name: 'Smirnova Maria', phone: '89031112233' }),
    );
    assert.equal(response.outcome, 'attached');
    assert.deepEqual(response.attachedTo, { type: 'contact', id: contact.id });
    assert.equal(await leadsCount(), 0);
  });

  test('an uncertain match creates the lead and queues the pair for review', async () => {
    const first = bodyOf<CaptureBody>(await capture(ctx, { name: 'Елена Козлова', phone: '+79261234567' }));
    // Same phone, clearly another person: a family phone or a shared office line.
    const second = bodyOf<CaptureBody>(await capture(ctx, { name: 'Дмитрий Козлов', phone: '+79261234567' }));
    assert.equal(second.outcome, 'created');
    const queue = bodyOf<{ items: { lead: { id: string }; candidate: { id: string; type: string } }[] }>(
      await ctx.app.inject({ method: 'GET', url: '/api/duplicates', headers: asAdmin }),
    );
    assert.equal(queue.items.length, 1);
    assert.equal(queue.items[0]?.lead.id, second.lead?.id);
    assert.deepEqual(queue.items[0]?.candidate.id, first.lead?.id);
  });

  test('an inquiry matching two known cards attaches to one and queues the pair once', async () => {
    const byEmail = bodyOf<CaptureBody>(
      await capture(ctx, { name: 'Anna Orlova', email: 'anna.orlova@mail.ru' }),
    );
    const byPhone = bodyOf<CaptureBody>(await capture(ctx, { name: 'Anna Orlova', phone: '+79161234000' }));
    const payload = { name: 'Anna Orlova', email: 'anna.orlova@mail.ru', phone: '+79161234000' };
    const both = bodyOf<CaptureBody>(await capture(ctx, payload));
    assert.equal(both.outcome, 'attached');
    await capture(ctx, payload);
    const queue = bodyOf<{ items: { lead: { id: string }; candidate: { id: string } }[] }>(
      await ctx.app.inject({ method: 'GET', url: '/api/duplicates', headers: asAdmin }),
    );
    const pairs = queue.items.map((r) => [r.lead.id, r.candidate.id].sort().join('|'));
    assert.deepEqual(
      pairs,
      [[byEmail.lead?.id, byPhone.lead?.id].sort().join('|')],
      'one open review for the pair',
    );
  });

  test('two new people in one burst do not merge, one person twice in a burst does', async () => {
    const responses = await Promise.all([
      capture(ctx, { name: 'Alexey Volkov', email: 'volkov@corp.ru' }),
      capture(ctx, { name: 'Alexey Volkov', email: 'volkov@corp.ru', phone: '+79160000001' }),
      capture(ctx, { name: 'Nina Zaitseva', email: 'nina@corp.ru' }),
    ]);
    const outcomes = responses.map((r) => bodyOf<CaptureBody>(r).outcome);
    // Concurrent requests have no defined order: either of Volkov's may come first.
    assert.deepEqual(outcomes.slice(0, 2).sort(), ['attached', 'created']);
    assert.equal(outcomes[2], 'created');
    assert.equal(await leadsCount(), 2);
  });
});

describe('spam', () => {
  test('a filled honeypot and a too fast form flag the lead, which is kept and visible', async () => {
    const shownAt = ctx.clock.now().getTime() - 800;
    const response = await capture(ctx, {
      name: 'Bot Botov',
      email: 'bot@example.org',
      honeypot: 'https://cheap-pills.example',
      formShownAt: shownAt,
    });
    assert.equal(response.statusCode, 201);
    const lead = bodyOf<CaptureBody>(response).lead;
    assert.equal(lead?.spam, true);
    assert.deepEqual(
      lead?.spamSignals.map((s) => s.code),
      ['honeypot', 'too_fast'],
    );
    const list = bodyOf<{ items: Lead[] }>(
      await ctx.app.inject({ method: 'GET', url: '/api/leads?spam=true', headers: asAdmin }),
    );
    assert.deepEqual(
      list.items.map((l) => l.id),
      [lead?.id],
    );
  });

  test('a disposable email flags the lead', async () => {
    const lead = bodyOf<CaptureBody>(
      await capture(ctx, { name: 'Temp Person', email: 'x1@mailinator.com' }),
    ).lead;
    assert.equal(lead?.spam, true);
    assert.deepEqual(
      lead?.spamSignals.map((s) => s.code),
      ['disposable_email'],
    );
  });

  test('a flood from one address flags the submissions past the limit', async () => {
    const ctxFlood = ctx;
    const results: boolean[] = [];
    for (let i = 0; i < 12; i++) {
      ctxFlood.clock.advance(5_000);
      const response = await ctxFlood.app.inject({
        method: 'POST',
        url: '/api/leads',
        headers: asCapture,
        remoteAddress: '198.51.100.7',
        payload: { name: `Person Number${String.fromCharCode(65 + i)}`, email: `p${i}@site${i}.ru` },
      });
      results.push(Boolean(bodyOf<CaptureBody>(response).lead?.spam));
    }
    // Default limit: 10 earlier inquiries from the address within 10 minutes.
    assert.deepEqual(results, [...Array(10).fill(false), true, true]);
  });

  test('a flood with one phone from many addresses flags the inquiries past the limit', async () => {
    const signals: string[][] = [];
    for (let i = 0; i < 12; i++) {
      ctx.clock.advance(5_000);
      const response = await ctx.app.inject({
        method: 'POST',
        url: '/api/leads',
        headers: asCapture,
        remoteAddress: `203.0.113.${i + 1}`,
        payload: { name: 'Fedor Floodov', phone: '+7 916 555-77-88' },
      });
      assert.ok(response.statusCode < 300, response.body);
      const { inquiryId } = bodyOf<{ inquiryId: string }>(response);
      const [row] = await ctx.database.db
        .select({ spamSignals: inquiries.spamSignals })
        .from(inquiries)
        .where(eq(inquiries.id, inquiryId));
      signals.push((row?.spamSignals ?? []).map((s) => s.code));
    }
    // The same 10-in-10-minutes limit, counted per phone whatever the address.
    assert.deepEqual(
      signals.map((codes) => codes.includes('flood_contact')),
      [...Array(10).fill(false), true, true],
    );
  });
});

describe('attribution', () => {
  test('resolves channel and campaign in order: partner key, tracking phone, promo code, UTM, form, referrer', async () => {
    const channel = bodyOf<{ id: string }>(
      await ctx.app.inject({
        method: 'POST',
        url: '/api/channels',
        headers: asAdmin,
        payload: {
          code: 'search',
          name: 'Search ads',
          tracking: [{ kind: 'referrer_domain', value: 'yandex.ru' }],
        },
      }),
    );
    const make = async (name: string, tracking: { kind: string; value: string }[]) =>
      bodyOf<{ id: string }>(
        await ctx.app.inject({
          method: 'POST',
          url: '/api/campaigns',
          headers: asAdmin,
          payload: { channelId: channel.id, name, tracking },
        }),
      ).id;
    const partner = await make('Partner', [{ kind: 'partner_key', value: 'pk-1' }]);
    const phone = await make('Phone', [{ kind: 'tracking_phone', value: '8 800 555-35-35' }]);
    const promo = await make('Promo', [{ kind: 'promo_code', value: 'spring' }]);
    const utm = await make('UTM', [{ kind: 'utm_campaign', value: 'Spring_Sale' }]);
    const form = await make('Form', [{ kind: 'form_id', value: 'landing-1' }]);

    const all = {
      partnerKey: 'pk-1',
      trackingPhone: '+78005553535',
      promoCode: 'SPRING',
      utm_campaign: 'spring_sale',
      formId: 'landing-1',
      referrer: 'https://yandex.ru/search',
    };
    const expectations: [Record<string, string>, string | null, string][] = [
      [all, partner, 'partner_key'],
      [{ ...all, partnerKey: 'unknown' }, phone, 'tracking_phone'],
      [{ ...all, partnerKey: '', trackingPhone: '' }, promo, 'promo_code'],
      [{ utm_campaign: 'SPRING_SALE', formId: 'landing-1' }, utm, 'utm_campaign'],
      [{ formId: 'landing-1', referrer: 'https://yandex.ru/' }, form, 'form_id'],
      [{ referrer: 'https://www.yandex.ru/maps' }, null, 'referrer_domain'],
    ];
    for (const [index, [source, campaignId, resolvedKind]] of expectations.entries()) {
      const lead = bodyOf<CaptureBody>(
        await capture(ctx, { name: `Person${index} Test`, email: `p${index}@test.ru`, ...source }),
      ).lead;
      assert.equal(lead?.campaignId, campaignId, `case ${index}`);
      assert.equal(lead?.channelId, channel.id, `case ${index}`);
      assert.equal(lead?.attribution.resolvedBy?.kind, resolvedKind, `case ${index}`);
    }
  });

  test('keeps every raw source value, known or not', async () => {
    const lead = bodyOf<CaptureBody>(
      await capture(ctx, {
        name: 'Raw Values',
        email: 'raw@values.ru',
        utm_source: 'vk',
        utm_medium: 'cpc',
        utm_content: 'banner-2',
        landingPage: 'https://shop.ru/sale?utm_source=vk',
        yclid: '123',
        visitorId: 'v-42',
      }),
    ).lead;
    assert.deepEqual(lead?.attribution, {
      utm_source: 'vk',
      utm_medium: 'cpc',
      utm_content: 'banner-2',
      landingPage: 'https://shop.ru/sale?utm_source=vk',
      visitorId: 'v-42',
      clickIds: { yclid: '123' },
    });
    assert.equal(lead?.channelId, null);
  });
});

describe('failures', () => {
  test('an inquiry whose capture fails is kept with the failure, and can be reprocessed', async () => {
    // A real database failure: a trigger that refuses one name.
    await ctx.database.db.execute(
      sql.raw(`CREATE OR REPLACE FUNCTION refuse_crash() RETURNS trigger AS $$
        BEGIN IF NEW.first_name = 'Crash' THEN RAISE EXCEPTION 'simulated outage'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`),
    );
    await ctx.database.db.execute(
      sql.raw(
        'CREATE TRIGGER refuse_crash BEFORE INSERT ON leads FOR EACH ROW EXECUTE FUNCTION refuse_crash()',
      ),
    );
    try {
      const responses = await Promise.all([
        capture(ctx, { name: 'Crash Test', phone: '+79160000002' }),
        capture(ctx, { name: 'Fine Person', phone: '+79160000003' }),
      ]);
      assert.equal(responses[0]?.statusCode, 202);
      assert.equal(bodyOf<CaptureBody>(responses[0] as never).outcome, 'failed');
      assert.equal(responses[1]?.statusCode, 201, 'one failing inquiry does not sink the others');
      const failedId = bodyOf<CaptureBody>(responses[0] as never).inquiryId;
      const failed = bodyOf<{ outcome: string; error: string; rawBody: string }>(
        await ctx.app.inject({ method: 'GET', url: `/api/inquiries/${failedId}`, headers: asAdmin }),
      );
      assert.equal(failed.outcome, 'failed');
      assert.match(failed.error, /simulated outage/);
      assert.match(failed.rawBody, /Crash Test/);

      await ctx.database.db.execute(sql.raw('DROP TRIGGER refuse_crash ON leads'));
      const reprocessed = await ctx.app.inject({
        method: 'POST',
        url: `/api/inquiries/${failedId}/reprocess`,
        headers: asAdmin,
      });
      assert.equal(bodyOf<{ outcome: string }>(reprocessed).outcome, 'created');
      assert.equal(await leadsCount(), 2);
    } finally {
      await ctx.database.db.execute(sql.raw('DROP TRIGGER IF EXISTS refuse_crash ON leads'));
    }
  });
});
