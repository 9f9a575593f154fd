import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  generatePassword,
  hashPassword,
  verifyAgainstDecoy,
  verifyPassword,
} from '../../src/services/auth/passwords.ts';

describe('password hashing', () => {
  test('stores scrypt with its parameters and a random salt, never the password', async () => {
    const first = await hashPassword('correct horse battery');
    const second = await hashPassword('correct horse battery');
    assert.match(first, /^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{86}$/);
    assert.notEqual(first, second, 'each hash has its own salt');
    assert.ok(!first.includes('correct'));
  });

  test('accepts the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('correct horse battery');
    assert.equal(await verifyPassword('correct horse battery', stored), true);
    assert.equal(await verifyPassword('correct horse batterY', stored), false);
    assert.equal(await verifyPassword('', stored), false);
  });

  test('treats composed and decomposed Unicode as the same password', async () => {
    const stored = await hashPassword('пароль-ёлка-2026');
    assert.equal(await verifyPassword('пароль-е\u0308лка-2026', stored), true);
  });

  test('never matches a malformed or foreign hash', async () => {
    for (const stored of [
      '',
      'plain',
      'bcrypt$2b$10$abc',
      'scrypt$0$8$1$c2FsdA$aGFzaA',
      'scrypt$16384$8$1$c2FsdA$short',
    ]) {
      assert.equal(await verifyPassword('anything', stored), false, stored);
    }
  });

  test('the decoy check for unknown emails always fails', async () => {
    assert.equal(await verifyAgainstDecoy('whatever'), false);
  });

  test('generated passwords are long and different each time', () => {
    const a = generatePassword();
    const b = generatePassword();
    assert.ok(a.length >= 20);
    assert.notEqual(a, b);
  });
});
