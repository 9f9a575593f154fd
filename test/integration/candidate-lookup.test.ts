import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { v7 as uuidv7 } from 'uuid';
import type { Database } from '../../src/store/db.ts';
import { findCandidateProfiles, insertMatchProfiles } from '../../src/store/matching.ts';
import { leads } from '../../src/store/schema.ts';
import { openTestDatabase, resetDatabase } from '../helpers/database.ts';

// The candidate lookup behind every capture, on the database: which stored profiles a new inquiry
// is compared with, given the blocking keys they share. `n:` is the weak (common name) key here.

let database: Database;
before(async () => {
  database = await openTestDatabase();
});
after(async () => database.close());
beforeEach(async () => resetDatabase(database));

/** A lead with one match profile (sharing the lead's id) carrying exactly these keys. */
async function profileWith(keys: string[]): Promise<string> {
  const id = uuidv7();
  await database.db.insert(leads).values({ id, kind: 'lead', valid: true, fullName: id });
  await insertMatchProfiles(database.db, [{ id, card: { type: 'lead', id }, fields: {}, keys }]);
  return id;
}

const lookup = async (keys: string[], limit = 30) =>
  (await findCandidateProfiles(database.db, [{ lookup: 0, keys }], limit, ['n'])).map((c) => c.profileId);

describe('candidate lookup', () => {
  test('a namesake sharing only the common name is not a candidate', async () => {
    await profileWith(['n:IVAN|PETROV', 'e:other@example.com']);
    assert.deepEqual(await lookup(['n:IVAN|PETROV', 'e:ivan@example.com']), []);
  });

  test('a shared name ranks a profile above one that shares only the phone', async () => {
    const phoneOnly = await profileWith(['p:+79261234567']);
    const phoneAndName = await profileWith(['p:+79261234567', 'n:IVAN|PETROV']);
    const laterPhoneOnly = await profileWith(['p:+79261234567', 'n:OLGA|SIDOROVA']);
    // Same phone for all three; the name adds a hit only where it is shared. Ties: newest first.
    assert.deepEqual(await lookup(['p:+79261234567', 'n:IVAN|PETROV']), [
      phoneAndName,
      laterPhoneOnly,
      phoneOnly,
    ]);
  });

  test('the name counts for a profile however many newer namesakes there are', async () => {
    const old = await profileWith(['t:1234567', 'n:IVAN|PETROV']);
    const competitor = await profileWith(['t:1234567']);
    // 250 newer namesakes push the old profile out of the name's newest postings.
    for (let i = 0; i < 250; i++) await profileWith(['n:IVAN|PETROV']);
    const found = await lookup(['t:1234567', 'n:IVAN|PETROV'], 1);
    assert.deepEqual(found, [old], `the old profile shares two keys, ${competitor} only one`);
  });

  test('two weak keys together find a profile with no strong key in common', async () => {
    const both = await profileWith(['n:IVAN|PETROV', 'n:IVAN|PETROFF']);
    await profileWith(['n:IVAN|PETROV']);
    assert.deepEqual(await lookup(['n:IVAN|PETROV', 'n:IVAN|PETROFF']), [both]);
  });

  test('each lookup of a batch gets its own candidates', async () => {
    const a = await profileWith(['e:a@example.com']);
    const b = await profileWith(['p:+79035550011']);
    const found = await findCandidateProfiles(
      database.db,
      [
        { lookup: 0, keys: ['e:a@example.com', 'n:ANNA|KOVAL'] },
        { lookup: 1, keys: [] },
        { lookup: 2, keys: ['p:+79035550011'] },
      ],
      30,
      ['n'],
    );
    assert.deepEqual(
      found.map((c) => [c.lookup, c.profileId]),
      [
        [0, a],
        [2, b],
      ],
    );
  });
});
