import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  firstTaskOf,
  isRuleField,
  type LeadAttributes,
  matchRule,
  pickLeastLoaded,
  pickRoundRobin,
  type Rule,
} from '../../src/domain/assignment.ts';

const lead = (over: Partial<LeadAttributes> = {}): LeadAttributes => ({
  interest: 'Pumps',
  region: 'Moscow',
  language: 'ru',
  channelId: 'web',
  campaignId: null,
  score: 40,
  kind: 'lead',
  company: 'Vector',
  position: null,
  temperature: null,
  address: null,
  custom: { segment: 'Wholesale' },
  attribution: { utm_source: 'yandex' },
  ...over,
});

const rule = (id: string, position: number, over: Partial<Rule> = {}): Rule => ({
  id,
  position,
  channelId: null,
  active: true,
  conditions: [],
  target: { type: 'user', userId: id },
  ...over,
});

describe('matchRule', () => {
  test('the first rule by position whose conditions all hold wins', () => {
    const rules = [
      rule('catch-all', 100),
      rule('wholesale', 10, { conditions: [{ field: 'custom.segment', op: 'eq', value: 'wholesale' }] }),
      rule('big', 5, { conditions: [{ field: 'score', op: 'gte', value: 50 }] }),
    ];
    assert.equal(matchRule(rules, lead())?.id, 'wholesale');
    assert.equal(matchRule(rules, lead({ score: 70 }))?.id, 'big');
    assert.equal(matchRule(rules, lead({ custom: { segment: 'retail' } }))?.id, 'catch-all');
  });

  test('all conditions must hold; inactive rules and other channels are skipped', () => {
    const rules = [
      rule('off', 1, { active: false }),
      rule('email-only', 2, { channelId: 'email' }),
      rule('msk-ru', 3, {
        conditions: [
          { field: 'region', op: 'in', value: ['moscow', 'Moscow Oblast'] },
          { field: 'language', op: 'eq', value: 'en' },
        ],
      }),
      rule('yandex', 4, { conditions: [{ field: 'attribution.utm_source', op: 'eq', value: 'Yandex' }] }),
    ];
    assert.equal(matchRule(rules, lead())?.id, 'yandex');
    assert.equal(matchRule(rules, lead({ channelId: 'email' }))?.id, 'email-only');
    assert.equal(matchRule(rules, lead({ language: 'en' }))?.id, 'msk-ru');
    assert.equal(matchRule(rules, lead({ attribution: {} })), undefined);
  });

  test('knows which fields rules may test', () => {
    assert.equal(isRuleField('interest'), true);
    assert.equal(isRuleField('custom.wholesale'), true);
    assert.equal(isRuleField('attribution.utm_campaign'), true);
    assert.equal(isRuleField('passwordHash'), false);
  });
});

describe('choosing a rep inside a team', () => {
  test('least loaded takes the fewest leads and clients, ties to the earlier member', () => {
    assert.equal(
      pickLeastLoaded([
        { userId: 'a', load: 3 },
        { userId: 'b', load: 1 },
        { userId: 'c', load: 1 },
      ]),
      'b',
    );
    assert.equal(pickLeastLoaded([]), undefined);
  });

  test('round robin takes the next member after the last one, skipping the unavailable', () => {
    const members = ['a', 'b', 'c'];
    assert.equal(pickRoundRobin(members, members, null), 'a');
    assert.equal(pickRoundRobin(members, members, 'a'), 'b');
    assert.equal(pickRoundRobin(members, members, 'c'), 'a');
    assert.equal(pickRoundRobin(members, ['a', 'c'], 'a'), 'c'); // b is absent
    assert.equal(pickRoundRobin(members, ['a'], 'a'), 'a');
    assert.equal(pickRoundRobin(members, [], 'a'), undefined);
    // The previous rep left the team: start from the top.
    assert.equal(pickRoundRobin(members, members, 'gone'), 'a');
  });
});

describe('firstTaskOf', () => {
  test('calls form and phone leads, answers email leads', () => {
    assert.deepEqual(
      firstTaskOf({ channelCode: 'web', phones: ['+7'], emails: ['a@b.c'], kind: 'lead' }).type,
      'call',
    );
    assert.deepEqual(
      firstTaskOf({ channelCode: 'email', phones: ['+7'], emails: ['a@b.c'], kind: 'lead' }).type,
      'email',
    );
    assert.deepEqual(firstTaskOf({ channelCode: null, phones: [], emails: ['a@b.c'], kind: 'lead' }), {
      type: 'email',
      title: 'Answer the email',
    });
  });
});
