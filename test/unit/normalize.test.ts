import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { normalizeEmail } from '../../src/domain/normalize/email.ts';
import { capitalizeName, normalizePersonName } from '../../src/domain/normalize/name.ts';
import { normalizePhone } from '../../src/domain/normalize/phone.ts';
import { cleanText, storableJson } from '../../src/domain/normalize/text.ts';

describe('cleanText', () => {
  test('applies NFC, drops invisible characters and collapses whitespace', () => {
    // "й" typed as и + combining breve becomes the single precomposed letter.
    assert.equal(cleanText('  Андре\u0438\u0306\u200B \t Петров\uFEFF '), 'Андрей Петров');
  });
  test('gives undefined for empty, blank and missing values', () => {
    assert.equal(cleanText(''), undefined);
    assert.equal(cleanText(' \u200B\n '), undefined);
    assert.equal(cleanText(null), undefined);
    assert.equal(cleanText(undefined), undefined);
  });
  test('cuts absurdly long input to the limit', () => {
    assert.equal(cleanText('x'.repeat(10_000), 100)?.length, 100);
  });
});

describe('storableJson', () => {
  test('replaces NUL, which PostgreSQL cannot store, in nested keys and values', () => {
    assert.deepEqual(storableJson({ 'a\u0000': ['b\u0000c', 1, null] }), {
      'a\uFFFD': ['b\uFFFDc', 1, null],
    });
  });
});

describe('normalizeEmail', () => {
  test('lower-cases the whole address', () => {
    assert.deepEqual(normalizeEmail(' Ivan.Petrov@Example.COM '), {
      ok: true,
      email: 'ivan.petrov@example.com',
      domain: 'example.com',
      disposable: false,
    });
  });
  test('treats an IDN domain in Unicode and in punycode as one address', () => {
    const unicode = normalizeEmail('Ivan@ПРИМЕР.РФ');
    const ascii = normalizeEmail('ivan@xn--e1afmkfd.xn--p1ai');
    assert.ok(unicode.ok && ascii.ok);
    assert.equal(unicode.email, 'ivan@пример.рф');
    assert.equal(ascii.email, unicode.email);
  });
  test('accepts a Cyrillic local part (internationalized email)', () => {
    const result = normalizeEmail('Иван@почта.рф');
    assert.ok(result.ok);
    assert.equal(result.email, 'иван@почта.рф');
  });
  test('strips a mailto: prefix pasted from a link', () => {
    const result = normalizeEmail('mailto:anna@mail.ru');
    assert.ok(result.ok);
    assert.equal(result.email, 'anna@mail.ru');
  });
  test('flags disposable domains from the maintained list, and their subdomains', () => {
    for (const address of ['bot@mailinator.com', 'bot@eu.mailinator.com']) {
      const result = normalizeEmail(address);
      assert.ok(result.ok);
      assert.equal(result.disposable, true, address);
    }
    const ordinary = normalizeEmail('anna@mail.ru');
    assert.ok(ordinary.ok);
    assert.equal(ordinary.disposable, false);
  });
  for (const bad of [
    'plainaddress',
    '@no-local.ru',
    'no-domain@',
    'a@b',
    'two@@at.ru',
    'a..b@x.ru',
    'a@-x.ru',
    'a@x.123',
    'space in@x.ru',
  ]) {
    test(`rejects "${bad}" with a reason`, () => {
      const result = normalizeEmail(bad);
      assert.equal(result.ok, false);
      assert.ok(!result.ok && result.code === 'invalid_email' && result.message.length > 0);
    });
  }
  test('rejects an address longer than 254 characters', () => {
    const result = normalizeEmail(`${'a'.repeat(250)}@x.ru`);
    assert.ok(!result.ok && /254/.test(result.message));
  });
});

describe('normalizePhone', () => {
  test('turns the Russian trunk prefix 8 into +7', () => {
    const result = normalizePhone('8 (916) 123-45-67', 'RU');
    assert.ok(result.ok);
    assert.equal(result.e164, '+79161234567');
    assert.equal(result.type, 'mobile');
  });
  test('reads +7, 7 and bare ten digits as the same number', () => {
    for (const input of ['+7 916 123 45 67', '79161234567', '9161234567', '+7(916)1234567']) {
      const result = normalizePhone(input, 'RU');
      assert.ok(result.ok, input);
      assert.equal(result.e164, '+79161234567', input);
    }
  });
  test('knows a Moscow landline as fixed line', () => {
    const result = normalizePhone('+7 495 123-45-67', 'RU');
    assert.ok(result.ok);
    assert.equal(result.type, 'fixed_line');
  });
  test('keeps extensions apart, in Russian and English notation', () => {
    for (const [input, ext] of [
      ['+7 495 123-45-67 доб. 123', '123'],
      ['+7 495 123 45 67 ext. 12', '12'],
      ['84951234567#55', '55'],
    ] as const) {
      const result = normalizePhone(input, 'RU');
      assert.ok(result.ok, input);
      assert.equal(result.e164, '+74951234567');
      assert.equal(result.extension, ext);
    }
  });
  test('uses the default region only for numbers without a country code', () => {
    const london = normalizePhone('+44 20 7946 0958', 'RU');
    assert.ok(london.ok);
    assert.equal(london.e164, '+442079460958');
    assert.equal(london.country, 'GB');
    const local = normalizePhone('020 7946 0958', 'GB');
    assert.ok(local.ok);
    assert.equal(local.e164, '+442079460958');
  });
  for (const bad of ['12', 'abc', '+7 916', '0000000000000000', '+999 123 456']) {
    test(`rejects "${bad}"`, () => {
      assert.equal(normalizePhone(bad, 'RU').ok, false);
    });
  }
  test('rejects absurdly long input without parsing it', () => {
    const result = normalizePhone('9'.repeat(10_000), 'RU');
    assert.ok(!result.ok && /64/.test(result.message));
  });
});

describe('normalizePersonName', () => {
  test('splits "Last First Patronymic" in Russian order', () => {
    assert.deepEqual(normalizePersonName({ name: 'иванов иван иванович' }), {
      firstName: 'Иван',
      middleName: 'Иванович',
      lastName: 'Иванов',
      fullName: 'Иван Иванович Иванов',
    });
  });
  test('splits "First Patronymic Last"', () => {
    const name = normalizePersonName({ name: 'Анна Сергеевна Петрова' });
    assert.equal(name.firstName, 'Анна');
    assert.equal(name.middleName, 'Сергеевна');
    assert.equal(name.lastName, 'Петрова');
  });
  test('recognises a surname written first in two words, Cyrillic and Latin', () => {
    assert.deepEqual(
      [normalizePersonName({ name: 'Петров Иван' }), normalizePersonName({ name: 'IVANOV IVAN' })].map(
        (n) => [n.firstName, n.lastName],
      ),
      [
        ['Иван', 'Петров'],
        ['Ivan', 'Ivanov'],
      ],
    );
  });
  test('keeps "First Last" when nothing says otherwise', () => {
    const name = normalizePersonName({ name: 'martin smith' });
    assert.equal(name.firstName, 'Martin');
    assert.equal(name.lastName, 'Smith');
  });
  test('reads "Last, First" lists', () => {
    const name = normalizePersonName({ name: "o'brien, PATRICK" });
    assert.equal(name.firstName, 'Patrick');
    assert.equal(name.lastName, "O'Brien");
  });
  test('keeps surname particles with the surname, in lower case', () => {
    const name = normalizePersonName({ name: 'Ludwig van der Beethoven' });
    assert.equal(name.lastName, 'van der Beethoven');
    assert.equal(name.fullName, 'Ludwig van der Beethoven');
  });
  test('uses explicit parts as given, capitalized', () => {
    assert.deepEqual(normalizePersonName({ firstName: '  пётр ', lastName: 'ЧАЙКОВСКИЙ', name: 'ignored' }), {
      firstName: 'Пётр',
      lastName: 'Чайковский',
      fullName: 'Пётр Чайковский',
    });
  });
  test('gives an empty full name when there is no name', () => {
    assert.deepEqual(normalizePersonName({ name: '   ' }), { fullName: '' });
  });
  test('capitalizes hyphenated and apostrophe names but keeps deliberate mixed case', () => {
    assert.equal(capitalizeName('анна-мария'), 'Анна-Мария');
    assert.equal(capitalizeName("D'ARTAGNAN"), "D'Artagnan");
    assert.equal(capitalizeName('McDonald'), 'McDonald');
  });
});
