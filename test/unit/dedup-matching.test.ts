import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import {
  DEFAULT_MATCHER_CONFIG as config,
  type DuplicateCandidate,
  type DuplicateDecision,
  findDuplicateDecision,
  matchFieldsOf,
  scorePair,
} from '../../src/domain/dedup/index.ts';
import type { MatchFields, NormalizedPerson } from '../../src/domain/types.ts';

function fieldsOf(fields: Partial<NormalizedPerson>): MatchFields {
  return matchFieldsOf({ emails: [], phones: [], custom: {}, ...fields });
}

function score(a: Partial<NormalizedPerson>, b: Partial<NormalizedPerson>) {
  return scorePair(fieldsOf(a), fieldsOf(b), config);
}

/** The decision for `incoming` against one stored lead card `L1`. */
function decide(incoming: Partial<NormalizedPerson>, stored: Partial<NormalizedPerson>): DuplicateDecision {
  return findDuplicateDecision(
    fieldsOf(incoming),
    [{ card: { type: 'lead', id: 'L1' }, fields: fieldsOf(stored) }],
    config,
  );
}

const nameWeights = (() => {
  const rule = config.rules.find((candidate) => candidate.kind === 'personName');
  assert.ok(rule?.kind === 'personName');
  return rule;
})();

test('attaches an inquiry with the same normalized email to the known lead', () => {
  const result = decide(
    { firstName: 'Иван', emails: ['Ivan.Petrov+site@gmail.com'] },
    { firstName: 'Иван', lastName: 'Петров', emails: ['ivanpetrov@gmail.com'] },
  );
  assert.equal(result.decision, 'attach');
  assert.ok(result.decision === 'attach' && result.breakdown.email === 16);
});

test('attaches an inquiry with the same E.164 phone and no name to the known lead', () => {
  const result = decide(
    { phones: ['+79161234567'] },
    { firstName: 'Анна', phones: ['+79161234567', '+74951112233'] },
  );
  assert.equal(result.decision, 'attach');
});

test('counts the same last 7 digits under another country or area code as partial phone agreement', () => {
  const partial = score({ phones: ['+79161234567'] }, { phones: ['+375291234567'] }).breakdown.phone ?? 0;
  const exact = score({ phones: ['+79161234567'] }, { phones: ['+79161234567'] }).breakdown.phone ?? 0;
  const different = score({ phones: ['+79161234567'] }, { phones: ['+79161234568'] }).breakdown.phone ?? 0;
  assert.ok(partial > 0 && partial < exact, `partial ${partial} between 0 and exact ${exact}`);
  assert.ok(different < 0);
  // Six shared digits are a coincidence, not a partial match.
  assert.ok((score({ phones: ['+79161234567'] }, { phones: ['+74957234567'] }).breakdown.phone ?? 0) < 0);
});

test('attaches on a partial phone only when the name agrees too', () => {
  const stored = { firstName: 'Ольга', lastName: 'Смирнова', phones: ['+79161234567'] };
  assert.equal(decide({ phones: ['+74951234567'] }, stored).decision, 'new');
  assert.equal(
    decide({ firstName: 'Olga', lastName: 'Smirnova', phones: ['+74951234567'] }, stored).decision,
    'attach',
  );
});

test('scores a name with typos as a near agreement, well above a different name', () => {
  const typo = score(
    { firstName: 'Екатерина', lastName: 'Петрова' },
    { firstName: 'Екатерниа', lastName: 'Петорва' },
  );
  const other = score(
    { firstName: 'Екатерина', lastName: 'Петрова' },
    { firstName: 'Ольга', lastName: 'Смирнова' },
  );
  assert.ok((typo.breakdown['name.first'] ?? 0) > nameWeights.first.partial);
  assert.ok((typo.breakdown['name.last'] ?? 0) > nameWeights.last.partial);
  assert.ok(
    typo.score < nameWeights.first.agree + nameWeights.last.agree,
    'a typo is worth less than an exact match',
  );
  assert.equal(other.breakdown['name.first'], nameWeights.first.disagree);
  assert.equal(other.breakdown['name.last'], nameWeights.last.disagree);
});

test('treats Cyrillic names and their Latin transliterations as the same name', () => {
  const pairs: Array<[string, string]> = [
    ['Иванов', 'Ivanov'],
    ['Щукин', 'Shchukin'],
    ['Щукин', 'Schukin'],
    ['Ёлкина', 'Elkina'],
    ['Ёлкина', 'Yolkina'],
    ['Хрущёв', 'Khrushchev'],
    ['Цой', 'Tsoi'],
  ];
  for (const [cyrillic, latin] of pairs) {
    const result = score({ lastName: cyrillic }, { lastName: latin });
    assert.equal(result.breakdown['name.last'], nameWeights.last.agree, `${cyrillic} / ${latin}`);
  }
  for (const latin of ['Yuri', 'Iurii', 'Yuriy', 'Jurij']) {
    assert.equal(
      score({ firstName: 'Юрий' }, { firstName: latin }).breakdown['name.first'],
      nameWeights.first.agree,
      latin,
    );
  }
});

test('recognizes first and last name swapped, at a small penalty', () => {
  const result = score({ firstName: 'Иванов', lastName: 'Иван' }, { firstName: 'Ivan', lastName: 'Ivanov' });
  assert.equal(result.breakdown['name.first'], nameWeights.first.agree);
  assert.equal(result.breakdown['name.last'], nameWeights.last.agree);
  assert.equal(result.breakdown['name.swapped'], -nameWeights.swappedPenalty);
});

test('does not read two different people as a swapped name (Ivan Petrov is not Petr Ivanov)', () => {
  const result = score({ firstName: 'Иван', lastName: 'Петров' }, { firstName: 'Пётр', lastName: 'Иванов' });
  assert.equal(result.breakdown['name.swapped'], undefined);
  assert.ok(result.score < 0);
});

test('treats a missing value as neutral, not as disagreement', () => {
  const result = score(
    { emails: ['anna@firma.ru'] },
    {
      firstName: 'Анна',
      lastName: 'Козлова',
      emails: ['anna@firma.ru'],
      company: 'Фирма',
      address: { city: 'Тверь' },
    },
  );
  assert.deepEqual(result.breakdown, { email: 16 });
  assert.equal(result.score, 16);
});

test('treats an initial as neutral for the first name', () => {
  const result = score({ firstName: 'И.', lastName: 'Иванов' }, { firstName: 'Иван', lastName: 'Иванов' });
  assert.equal(result.breakdown['name.first'], 0);
});

test('sends a shared email with a different first name (a family) to review, not attach', () => {
  const result = decide(
    { firstName: 'Мария', lastName: 'Иванова', emails: ['ivanovy@mail.ru'] },
    { firstName: 'Иван', lastName: 'Иванов', emails: ['ivanovy@mail.ru'] },
  );
  assert.equal(result.decision, 'review');
  assert.equal(result.reviews[0]?.card.id, 'L1');
});

test('does not attach a different person calling from the same company switchboard', () => {
  const result = decide(
    { firstName: 'Сергей', lastName: 'Кузнецов', phones: ['+74951234567'] },
    { firstName: 'Ольга', lastName: 'Смирнова', phones: ['+74951234567'], company: 'Ромашка' },
  );
  assert.notEqual(result.decision, 'attach');
});

test('does not consider two namesakes with nothing else in common as duplicates', () => {
  assert.equal(
    decide({ firstName: 'Иван', lastName: 'Иванов' }, { firstName: 'Ivan', lastName: 'Ivanov' }).decision,
    'new',
  );
});

test('does not consider two persons with no data duplicates', () => {
  assert.deepEqual(score({}, {}), { score: 0, breakdown: {} });
  assert.deepEqual(decide({}, {}), { decision: 'new', reviews: [] });
});

test('survives 1000-character inputs without matching them to each other', () => {
  const absurd = {
    firstName: 'x'.repeat(1000),
    lastName: 'Щ'.repeat(1000),
    company: 'ООО '.repeat(250),
    emails: [`${'a'.repeat(1000)}@x.ru`],
    phones: ['9'.repeat(1000)],
    address: { line1: 'ул. '.repeat(250), city: 'z'.repeat(1000) },
    custom: { note: 'n'.repeat(1000) },
  };
  const started = performance.now();
  const result = decide(absurd, absurd);
  assert.ok(performance.now() - started < 50);
  assert.deepEqual(result, { decision: 'new', reviews: [] });
});

test('attaches to the best of several matching cards and sends the runner-up to review', () => {
  const candidates: DuplicateCandidate[] = [
    {
      card: { type: 'lead', id: 'weak' },
      fields: fieldsOf({
        firstName: 'Анна',
        lastName: 'Козлова',
        address: { city: 'Тверь' },
        company: 'Ромашка',
      }),
    },
    {
      card: { type: 'contact', id: 'strong' },
      fields: fieldsOf({ firstName: 'Анна', lastName: 'Козлова', emails: ['anna@firma.ru'] }),
    },
    { card: { type: 'lead', id: 'unrelated' }, fields: fieldsOf({ firstName: 'Олег', lastName: 'Попов' }) },
  ];
  const incoming = fieldsOf({
    firstName: 'Anna',
    lastName: 'Kozlova',
    emails: ['anna@firma.ru'],
    company: 'Romashka',
    address: { city: 'Tver' },
  });
  const result = findDuplicateDecision(incoming, candidates, config);
  assert.equal(result.decision, 'attach');
  assert.ok(result.decision === 'attach');
  assert.deepEqual(result.card, { type: 'contact', id: 'strong' });
  assert.deepEqual(
    result.reviews.map((review) => review.card.id),
    ['weak'],
  );
});

test('scores a card by its best profile, so an attached inquiry can carry the match', () => {
  const card = { type: 'lead', id: 'L7' } as const;
  const candidates: DuplicateCandidate[] = [
    { card, fields: fieldsOf({ firstName: 'Анна', emails: ['old@firma.ru'] }) },
    { card, fields: fieldsOf({ firstName: 'Анна', phones: ['+79161234567'] }) },
  ];
  const result = findDuplicateDecision(
    fieldsOf({ firstName: 'Анна', phones: ['+79161234567'] }),
    candidates,
    config,
  );
  assert.equal(result.decision, 'attach');
  assert.ok(result.decision === 'attach' && result.breakdown.phone === 15);
});

test('attaches through a profile that agrees even when another profile of the card is vetoed', () => {
  const card = { type: 'lead', id: 'family' } as const;
  const candidates: DuplicateCandidate[] = [
    {
      card,
      fields: fieldsOf({
        firstName: 'Иван',
        lastName: 'Иванов',
        emails: ['ivanovy@mail.ru'],
        company: 'Ромашка',
      }),
    },
    { card, fields: fieldsOf({ firstName: 'Мария', lastName: 'Иванова', emails: ['ivanovy@mail.ru'] }) },
  ];
  const result = findDuplicateDecision(
    fieldsOf({ firstName: 'Мария', emails: ['ivanovy@mail.ru'] }),
    candidates,
    config,
  );
  assert.equal(result.decision, 'attach');
});

test('sends at most maxReviews cards to review, best first', () => {
  const candidates: DuplicateCandidate[] = ['Ольга', 'Мария', 'Анна', 'Елена', 'Ирина'].map(
    (firstName, index) => ({
      card: { type: 'lead', id: `L${index}` },
      fields: fieldsOf({
        firstName,
        lastName: 'Смирнова',
        emails: ['family@mail.ru'],
        ...(index === 3 ? { company: 'Ромашка' } : {}),
      }),
    }),
  );
  const result = findDuplicateDecision(
    fieldsOf({ firstName: 'Пётр', lastName: 'Смирнов', emails: ['family@mail.ru'], company: 'Ромашка' }),
    candidates,
    config,
  );
  assert.equal(result.decision, 'review');
  assert.equal(result.reviews.length, config.maxReviews);
  assert.equal(result.reviews[0]?.card.id, 'L3');
  const scores = result.reviews.map((review) => review.score);
  assert.deepEqual(
    scores,
    [...scores].sort((a, b) => b - a),
  );
});

test('decides among 50 candidates in well under a millisecond', () => {
  const candidates: DuplicateCandidate[] = Array.from({ length: 50 }, (_, index) => ({
    card: { type: 'lead', id: `L${index}` },
    fields: fieldsOf({
      firstName: index % 2 ? 'Александр' : 'Alexandra',
      lastName: `Петров${index}`,
      emails: [`user${index}@mail.ru`],
      phones: [`+7916${String(1000000 + index)}`],
      company: 'Ромашка',
      address: { city: 'Москва', line1: 'ул. Ленина', postcode: '101000' },
    }),
  }));
  const incoming = fieldsOf({
    firstName: 'Aleksandr',
    lastName: 'Petrov7',
    emails: ['user7@mail.ru'],
    company: 'Romashka',
  });
  for (let i = 0; i < 50; i++) findDuplicateDecision(incoming, candidates, config); // warm-up
  const runs = 200;
  const started = performance.now();
  for (let i = 0; i < runs; i++) findDuplicateDecision(incoming, candidates, config);
  const perDecision = (performance.now() - started) / runs;
  assert.ok(perDecision < 1, `${perDecision.toFixed(3)} ms per decision`);
});
