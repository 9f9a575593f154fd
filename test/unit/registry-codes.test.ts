import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  cleanRegistryCode,
  isValidInn,
  isValidKpp,
  isValidOgrn,
  isValidOkpo,
  registryCodeProblems,
} from '../../src/domain/registryCodes.ts';

describe('isValidInn', () => {
  test('accepts a real 10-digit organization INN and a 12-digit personal INN', () => {
    assert.equal(isValidInn('7707083893'), true);
    assert.equal(isValidInn('500100732259'), true);
  });
  test('rejects a wrong check digit in either position of a 12-digit INN', () => {
    assert.equal(isValidInn('7707083894'), false);
    assert.equal(isValidInn('500100732269'), false);
    assert.equal(isValidInn('500100732258'), false);
  });
  test('rejects other lengths and non-digits', () => {
    for (const value of ['770708389', '77070838931', '77070838A3', '', '7707 083893']) {
      assert.equal(isValidInn(value), false, value);
    }
  });
});

describe('isValidKpp', () => {
  test('accepts 9 characters with letters only in the reason part', () => {
    assert.equal(isValidKpp('773601001'), true);
    assert.equal(isValidKpp('7736AB001'), true);
  });
  test('rejects other lengths and letters elsewhere', () => {
    for (const value of ['77360100', '7736010011', 'A73601001', '7736010A1']) {
      assert.equal(isValidKpp(value), false, value);
    }
  });
});

describe('isValidOkpo', () => {
  test('accepts 8 and 10 digits with a valid check digit', () => {
    assert.equal(isValidOkpo('00032537'), true);
    assert.equal(isValidOkpo('0123456789'), true);
  });
  test('rejects a wrong check digit and other lengths', () => {
    assert.equal(isValidOkpo('00032538'), false);
    assert.equal(isValidOkpo('0123456788'), false);
    assert.equal(isValidOkpo('003253'), false);
    assert.equal(isValidOkpo('000325370'), false);
  });
});

describe('isValidOgrn', () => {
  test('accepts a 13-digit OGRN and a 15-digit OGRNIP', () => {
    assert.equal(isValidOgrn('1027700132195'), true);
    assert.equal(isValidOgrn('304500116000157'), true);
  });
  test('rejects a wrong check digit and other lengths', () => {
    assert.equal(isValidOgrn('1027700132196'), false);
    assert.equal(isValidOgrn('304500116000158'), false);
    assert.equal(isValidOgrn('10277001321950'), false);
  });
});

describe('registryCodeProblems', () => {
  test('names each bad field under the prefix and ignores absent ones', () => {
    const problems = registryCodeProblems(
      { taxId: '7707083894', kpp: '773601001', okpo: null, registrationNumber: '123' },
      'company.',
    );
    assert.deepEqual(
      problems.map((p) => p.field),
      ['company.taxId', 'company.registrationNumber'],
    );
    assert.ok(problems.every((p) => p.code === 'invalid_registry_code'));
  });
  test('cleanRegistryCode drops spaces and dashes people type between groups', () => {
    assert.equal(cleanRegistryCode(' 7707 083-893 '), '7707083893');
    assert.equal(cleanRegistryCode('7736ab001'), '7736AB001');
  });
});
