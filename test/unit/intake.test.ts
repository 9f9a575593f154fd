import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { referrerDomain, resolveSource, trackingLookupsOf } from '../../src/domain/intake/attribution.ts';
import { classifyLead } from '../../src/domain/intake/classifyLead.ts';
import { detectSpamSignals } from '../../src/domain/intake/detectSpamSignals.ts';
import { normalizeCapture } from '../../src/domain/intake/normalizeCapture.ts';
import { searchNeedleOf, searchTextOf } from '../../src/domain/intake/searchText.ts';
import { normalizePhone } from '../../src/domain/normalize/phone.ts';
import type { NormalizedPerson } from '../../src/domain/types.ts';

const ctx = { defaultRegion: 'RU', receivedAt: new Date('2026-03-02T09:00:00Z'), ip: '203.0.113.5' };
const phone = (raw: string) => {
  const result = normalizePhone(raw, 'RU');
  if (!result.ok) throw new Error(raw);
  return result;
};
const person = (p: Partial<NormalizedPerson>): NormalizedPerson => ({
  emails: [],
  phones: [],
  custom: {},
  ...p,
});

describe('normalizeCapture', () => {
  test('cleans a form submission into a person, its source and consent', () => {
    const result = normalizeCapture(
      {
        name: 'иванов иван',
        email: 'Ivan@Mail.RU',
        phone: ['8 916 123-45-67', '+7 (916) 123 45 67'],
        utm_source: 'yandex',
        utm_campaign: 'Spring',
        gclid: 'abc',
        consent: 'on',
        consentText: 'I agree to processing of my personal data',
        formId: 'main',
        favourite_color: 'green',
      },
      ctx,
    );
    assert.ok(result.ok);
    const { capture } = result;
    assert.equal(capture.person.firstName, 'Иван');
    assert.equal(capture.person.lastName, 'Иванов');
    assert.deepEqual(capture.person.emails, ['ivan@mail.ru']);
    assert.deepEqual(capture.person.phones, ['+79161234567'], 'the same phone twice is kept once');
    assert.deepEqual(capture.attribution, {
      utm_source: 'yandex',
      utm_campaign: 'Spring',
      formId: 'main',
      clickIds: { gclid: 'abc' },
    });
    assert.deepEqual(capture.consent, {
      given: true,
      text: 'I agree to processing of my personal data',
      at: '2026-03-02T09:00:00.000Z',
      source: 'form:main',
      ip: '203.0.113.5',
    });
    assert.deepEqual(
      capture.person.custom,
      { favourite_color: 'green' },
      'unknown fields are kept in custom',
    );
  });

  test('names each bad contact field with its position', () => {
    const result = normalizeCapture(
      { name: 'Anna', email: ['anna@mail.ru', 'not-an-email'], phone: '12' },
      ctx,
    );
    assert.ok(!result.ok);
    assert.deepEqual(
      result.problems.map((p) => [p.field, p.code]),
      [
        ['email[1]', 'invalid_email'],
        ['phone', 'invalid_phone'],
      ],
    );
  });

  test('refuses an inquiry that identifies nobody', () => {
    const result = normalizeCapture({ interest: 'hello', utm_source: 'x' }, ctx);
    assert.ok(!result.ok);
    assert.equal(result.problems[0]?.field, 'name');
  });

  test('refuses a bare name: there is no way to reach the person', () => {
    const result = normalizeCapture({ name: 'Anna' }, ctx);
    assert.ok(!result.ok);
    assert.equal(result.problems[0]?.field, 'phone');
    assert.equal(result.problems[0]?.code, 'required');
  });

  test('reads the form-shown time as epoch milliseconds or ISO time', () => {
    const epoch = normalizeCapture({ name: 'A', phone: '+79161234567', formShownAt: '1772441990000' }, ctx);
    const iso = normalizeCapture(
      { name: 'A', phone: '+79161234567', formShownAt: '2026-03-02T08:59:50Z' },
      ctx,
    );
    assert.ok(epoch.ok && iso.ok);
    assert.equal(epoch.capture.formShownAt?.getTime(), 1772441990000);
    assert.equal(iso.capture.formShownAt?.toISOString(), '2026-03-02T08:59:50.000Z');
  });
});

describe('classifyLead', () => {
  test('a named person with a phone is a valid lead', () => {
    assert.deepEqual(
      classifyLead(person({ firstName: 'Ivan', phones: ['+79161234567'] }), [phone('+79161234567')]),
      {
        kind: 'lead',
        valid: true,
        problems: [],
      },
    );
  });
  test('a company with only a switchboard number is an interest to verify', () => {
    const result = classifyLead(person({ company: 'ООО Ромашка', phones: ['+74951234567'] }), [
      phone('+74951234567'),
    ]);
    assert.equal(result.kind, 'interest');
    assert.equal(result.valid, false);
    assert.deepEqual(
      result.problems.map((p) => p.code),
      ['switchboard_only'],
    );
  });
  test('a company landline with an extension is not a bare switchboard', () => {
    const result = classifyLead(person({ company: 'ООО Ромашка', phones: ['+74951234567'] }), [
      phone('+7 495 123-45-67 доб. 12'),
    ]);
    assert.deepEqual(
      result.problems.map((p) => p.code),
      ['no_person'],
    );
  });
  test('a named person with only a postal address is an interest without contact', () => {
    const result = classifyLead(person({ firstName: 'Ivan', address: { city: 'Tver' } }), []);
    assert.equal(result.kind, 'interest');
    assert.deepEqual(
      result.problems.map((p) => p.code),
      ['no_contact'],
    );
  });
});

describe('detectSpamSignals', () => {
  const rules = { minFillSeconds: 3, floodLimit: 5, floodWindowSeconds: 600 };
  const base = {
    receivedAt: new Date('2026-03-02T09:00:00Z'),
    emailDisposable: false,
    recentFromIp: 0,
    recentFromContact: 0,
  };
  test('finds nothing in an ordinary submission', () => {
    assert.deepEqual(
      detectSpamSignals({ ...base, formShownAt: new Date('2026-03-02T08:59:40Z') }, rules),
      [],
    );
  });
  test('flags a filled honeypot, a too fast form, floods and a disposable email', () => {
    const signals = detectSpamSignals(
      {
        ...base,
        honeypot: 'http://spam',
        formShownAt: new Date('2026-03-02T08:59:59Z'),
        emailDisposable: true,
        recentFromIp: 5,
        recentFromContact: 7,
      },
      rules,
    );
    assert.deepEqual(
      signals.map((s) => s.code),
      ['honeypot', 'too_fast', 'flood_ip', 'flood_contact', 'disposable_email'],
    );
    assert.match(signals[1]?.detail ?? '', /1\.0 s/);
  });
  test('does not flag a flood below the limit', () => {
    assert.deepEqual(detectSpamSignals({ ...base, recentFromIp: 4, recentFromContact: 4 }, rules), []);
  });
});

describe('attribution', () => {
  test('lists identifiers in priority order, normalized', () => {
    assert.deepEqual(
      trackingLookupsOf({
        referrer: 'https://www.Google.com/search?q=x',
        formId: 'f1',
        utm_source: 'Yandex',
        utm_campaign: 'Spring',
        promoCode: ' spring10 ',
        trackingPhone: '+74950000000',
        partnerKey: 'pk-1',
      }),
      [
        { kind: 'partner_key', value: 'pk-1' },
        { kind: 'tracking_phone', value: '+74950000000' },
        { kind: 'promo_code', value: 'SPRING10' },
        { kind: 'utm_campaign', value: 'spring' },
        { kind: 'utm_source', value: 'yandex' },
        { kind: 'form_id', value: 'f1' },
        { kind: 'referrer_domain', value: 'google.com' },
      ],
    );
  });
  test('the first identifier naming a campaign wins over later ones', () => {
    const resolved = resolveSource(
      [
        { kind: 'promo_code', value: 'SPRING10' },
        { kind: 'utm_campaign', value: 'autumn' },
      ],
      [
        { kind: 'utm_campaign', value: 'autumn', channelId: null, campaignId: 'c-autumn' },
        { kind: 'promo_code', value: 'SPRING10', channelId: null, campaignId: 'c-spring' },
      ],
      (id) => (id === 'c-spring' ? 'ch-search' : 'ch-social'),
      null,
    );
    assert.deepEqual(resolved, {
      campaignId: 'c-spring',
      channelId: 'ch-search',
      resolvedBy: { kind: 'promo_code', value: 'SPRING10' },
    });
  });
  test('a channel-only identifier sets the channel when no campaign is known', () => {
    const resolved = resolveSource(
      [{ kind: 'referrer_domain', value: 'vk.com' }],
      [{ kind: 'referrer_domain', value: 'vk.com', channelId: 'ch-social', campaignId: null }],
      () => null,
      'ch-hint',
    );
    assert.deepEqual(resolved, {
      campaignId: null,
      channelId: 'ch-social',
      resolvedBy: { kind: 'referrer_domain', value: 'vk.com' },
    });
  });
  test('falls back to the sender’s channel hint', () => {
    assert.deepEqual(
      resolveSource([], [], () => null, 'ch-email'),
      { campaignId: null, channelId: 'ch-email' },
    );
  });
  test('ignores a referrer that is not a URL', () => {
    assert.equal(referrerDomain('not a url'), undefined);
  });
});

describe('search text', () => {
  test('holds the name in both scripts, emails, phone digits and the company', () => {
    const text = searchTextOf({
      fullName: 'Иван Петров',
      emails: ['ivan@mail.ru'],
      phones: ['+79161234567'],
      company: 'Ромашка',
    });
    for (const needle of [
      'иван петров',
      'ivan petrov',
      'ivan@mail.ru',
      '9161234567',
      'ромашка',
      'romashka',
    ]) {
      assert.ok(text.includes(needle), needle);
    }
  });
  test('a phone typed with 8 searches as +7 digits', () => {
    assert.equal(searchNeedleOf('8 (916) 123-45-67'), '79161234567');
    assert.equal(searchNeedleOf('Петров'), 'петров');
  });
});
