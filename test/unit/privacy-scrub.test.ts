import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { scrubPersonalData } from '../../src/domain/privacy/scrub.ts';

describe('scrubbing personal data from stored facts', () => {
  test('keeps ids, codes, numbers and times; drops names, contacts and free text', () => {
    const owner = '0190aa00-0000-7000-8000-000000000001';
    assert.deepEqual(
      scrubPersonalData({
        inquiryId: owner,
        status: 'in_progress',
        score: 42,
        spam: false,
        at: '2026-03-02T09:00:00.000Z',
        leadName: 'Ольга Новикова',
        added: { emails: ['olga@example.ru'], phones: ['+79161112233'] },
        changes: {
          firstName: { from: 'Ольга', to: 'Оля' },
          status: { from: 'new', to: 'in_progress' },
          ownerId: { from: null, to: owner },
        },
        reply: 'Call me after 6 pm please',
        signals: ['honeypot', 'too_fast'],
        phoneWithoutPlus: '79161112233',
      }),
      {
        inquiryId: owner,
        status: 'in_progress',
        score: 42,
        spam: false,
        at: '2026-03-02T09:00:00.000Z',
        changes: { status: { from: 'new', to: 'in_progress' }, ownerId: { from: null, to: owner } },
        signals: ['honeypot', 'too_fast'],
      },
    );
  });

  test('a lower-case single word under an unknown key is kept only as a code; lists keep their facts', () => {
    assert.deepEqual(scrubPersonalData(['merged', 'Ivan', 'ivan@mail.ru', 3]), ['merged', 3]);
    assert.equal(scrubPersonalData('Иван'), undefined);
  });
});
