import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { blockingKeysOf, DEFAULT_MATCHER_CONFIG, matchFieldsOf } from '../../src/domain/dedup/index.ts';
import type { MatchFields, NormalizedPerson } from '../../src/domain/types.ts';

function fieldsOf(fields: Partial<NormalizedPerson>): MatchFields {
  return matchFieldsOf({ emails: [], phones: [], custom: {}, ...fields });
}

function keysOf(fields: Partial<NormalizedPerson>): string[] {
  return blockingKeysOf(fieldsOf(fields), DEFAULT_MATCHER_CONFIG);
}

test('flattens a person into lower-case Latin comparison fields', () => {
  const fields = fieldsOf({
    firstName: 'Юрий',
    lastName: 'Ёлкин',
    middleName: 'Петрович',
    emails: ['Ivan@Example.RU'],
    phones: ['+79161234567'],
    company: 'Müller GmbH',
    address: { line1: 'ул. Ленина', streetNumber: '12 А', city: 'Москва', postcode: '101 000', region: 'МО' },
    custom: { inn: '7701234567', tags: ['VIP', 'Опт'], nested: { ignored: true } },
  });
  assert.deepEqual(fields, {
    firstName: 'yurii',
    lastName: 'elkin',
    middleName: 'petrovich',
    emails: ['ivan@example.ru'],
    phones: ['+79161234567'],
    company: 'muller',
    'address.line1': 'ul lenina',
    'address.streetNumber': '12a',
    'address.city': 'moskva',
    'address.postcode': '101000',
    'address.region': 'mo',
    'custom.inn': '7701234567',
    'custom.tags': ['vip', 'opt'],
  });
});

test('reduces emails to the mailbox they deliver to', () => {
  const fields = fieldsOf({ emails: ['Ivan.Petrov+promo@googlemail.com', 'ivan.petrov+x@yandex.ru'] });
  assert.deepEqual(fields.emails, ['ivanpetrov@gmail.com', 'ivan.petrov@yandex.ru']);
});

test('drops legal forms from company names so ООО «Ромашка» and Romashka LLC compare equal', () => {
  assert.equal(fieldsOf({ company: 'ООО «Ромашка»' }).company, fieldsOf({ company: 'Romashka LLC' }).company);
});

test('leaves out empty, garbage and 1000-character values instead of keeping them', () => {
  const long = 'Я'.repeat(1000);
  const fields = fieldsOf({
    firstName: '   ',
    lastName: long,
    company: long,
    phones: ['+1', `+${'9'.repeat(40)}`],
    emails: ['not-an-email'],
    address: { city: '' },
    custom: { note: long, empty: '' },
  });
  assert.deepEqual(fields, {});
});

test('gives a person with no data no blocking keys', () => {
  assert.deepEqual(keysOf({}), []);
});

test('indexes a person by email, E.164 phone, local phone digits and sounds-alike name', () => {
  const keys = keysOf({
    firstName: 'Иван',
    lastName: 'Иванов',
    emails: ['ivan@x.ru'],
    phones: ['+79161234567'],
  });
  assert.ok(keys.includes('e:ivan@x.ru'));
  assert.ok(keys.includes('p:+79161234567'));
  assert.ok(keys.includes('t:1234567'));
  assert.ok(keys.some((key) => key.startsWith('n:')));
  assert.equal(
    new Set(keys).size,
    keys.length,
    'no key twice (match_keys has a primary key on key, profile)',
  );
});

test('gives the same name key to Cyrillic, transliterated and swapped spellings', () => {
  const nameKey = (fields: Partial<NormalizedPerson>) => keysOf(fields).filter((key) => key.startsWith('n:'));
  const cyrillic = nameKey({ firstName: 'Юрий', lastName: 'Щукин' });
  assert.equal(cyrillic.length, 1);
  assert.deepEqual(nameKey({ firstName: 'Iurii', lastName: 'Schukin' }), cyrillic);
  assert.deepEqual(nameKey({ firstName: 'Yuri', lastName: 'Shchukin' }), cyrillic);
  assert.deepEqual(nameKey({ firstName: 'Shchukin', lastName: 'Yuriy' }), cyrillic);
});

test('builds no partial key from a missing part, so keys stay selective', () => {
  // A first name alone is shared by a large fraction of people: not a key.
  assert.deepEqual(keysOf({ firstName: 'Иван' }), []);
  assert.deepEqual(keysOf({ lastName: 'Иванов', company: '' }), []);
});
