import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import {
  countPairsLostByBlocking,
  countTrueReviewPairs,
  evaluateClusters,
  type FebrlRecord,
  parseFebrlCsv,
} from '../../bench/febrl.ts';

const HEADER =
  'rec_id, given_name, surname, street_number, address_1, address_2, suburb, postcode, state, date_of_birth, soc_sec_id';

function records(...entities: string[]): FebrlRecord[] {
  return entities.map((entity, index) => ({
    recId: `rec-${entity}-${index}`,
    entity,
    person: { emails: [], phones: [], custom: {} },
  }));
}

test('parses a CRLF FEBRL file without a final newline, empty fields as missing', () => {
  const text = `${HEADER}\r\nrec-7-org, , waller, 6, tullaroop street, , st james, 4011, wa, 19081209, 6988048\r\nrec-7-dup-0, lachlan, berry, , , , , , , , `;
  const [original, duplicate] = parseFebrlCsv(text);
  assert.deepEqual(original, {
    recId: 'rec-7-org',
    entity: '7',
    person: {
      lastName: 'waller',
      emails: [],
      phones: [],
      address: {
        streetNumber: '6',
        line1: 'tullaroop street',
        city: 'st james',
        postcode: '4011',
        region: 'wa',
      },
      custom: { date_of_birth: '19081209', soc_sec_id: '6988048' },
    },
  });
  assert.equal(duplicate?.entity, '7');
  assert.deepEqual(duplicate?.person, {
    firstName: 'lachlan',
    lastName: 'berry',
    emails: [],
    phones: [],
    address: {},
    custom: {},
  });
});

test('rejects a file that is not FEBRL', () => {
  assert.throws(() => parseFebrlCsv('id,name\n1,x'), /header/);
});

test('counts all pairs inside a card as predicted and scores them against same-entity pairs', () => {
  // Entities: a a a b c; cards: {0,1} {2} {3,4}: one correct pair of three true, one wrong pair.
  const quality = evaluateClusters(records('a', 'a', 'a', 'b', 'c'), ['k1', 'k1', 'k2', 'k3', 'k3']);
  assert.deepEqual(
    { truePairs: quality.truePairs, predicted: quality.predictedPairs, correct: quality.correctPairs },
    { truePairs: 3, predicted: 2, correct: 1 },
  );
  assert.equal(quality.precision, 0.5);
  assert.equal(quality.recall, 1 / 3);
  assert.equal(quality.f1, 0.4);
});

test('gives zero, not NaN, for precision and F1 when nothing was predicted', () => {
  const quality = evaluateClusters(records('a', 'a'), ['k1', 'k2']);
  assert.deepEqual([quality.precision, quality.recall, quality.f1], [0, 0, 0]);
});

test('counts a true pair as lost by blocking when the earlier record card was not fetched', () => {
  const data = records('a', 'b', 'a', 'a');
  const cards = ['k0', 'k1', 'k2', 'k0'];
  // Record 2 fetched only record 1 (lost pair 0-2); record 3 fetched record 0 (pair 0-3 reached, 2-3 lost).
  assert.equal(countPairsLostByBlocking(data, cards, [[], [], [1], [0]]), 2);
});

test('counts a review pair as true when the card holds the same entity', () => {
  const data = records('a', 'b', 'a');
  assert.equal(
    countTrueReviewPairs(
      data,
      ['k0', 'k1', 'k2'],
      [
        { record: 2, card: 'k0' },
        { record: 2, card: 'k1' },
      ],
    ),
    1,
  );
});
