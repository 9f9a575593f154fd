import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  addWorkingMinutes,
  DEFAULT_SCHEDULE,
  isWithinWorkingHours,
  localDayBounds,
  type WorkSchedule,
} from '../../src/domain/workingHours.ts';

// Europe/Moscow is UTC+3 all year: 09:00 MSK is 06:00Z.
const msk = DEFAULT_SCHEDULE;
const add = (from: string, minutes: number, schedule: WorkSchedule = msk) =>
  addWorkingMinutes(new Date(from), minutes, schedule).toISOString();

describe('addWorkingMinutes', () => {
  test('counts inside the working day', () => {
    // Monday 2026-03-02 10:00 MSK + 15 min
    assert.equal(add('2026-03-02T07:00:00Z', 15), '2026-03-02T07:15:00.000Z');
  });

  test('a lead arriving Friday 17:55 with hours 09–18 is due Monday 09:10', () => {
    assert.equal(add('2026-03-06T14:55:00Z', 15), '2026-03-09T06:10:00.000Z');
  });

  test('a lead arriving at night or on a weekend counts from the next opening', () => {
    assert.equal(add('2026-03-03T20:30:00Z', 15), '2026-03-04T06:15:00.000Z'); // Tue 23:30 → Wed 09:15
    assert.equal(add('2026-03-07T09:00:00Z', 15), '2026-03-09T06:15:00.000Z'); // Saturday → Monday
    assert.equal(add('2026-03-02T04:00:00Z', 0), '2026-03-02T06:00:00.000Z'); // before opening, zero minutes
  });

  test('skips holidays and spans several days', () => {
    const withHoliday = { ...msk, holidays: ['2026-03-09'] };
    assert.equal(add('2026-03-06T14:55:00Z', 15, withHoliday), '2026-03-10T06:10:00.000Z');
    // 9 hours a day: 20 working hours from Monday 09:00 end Wednesday 11:00
    assert.equal(add('2026-03-02T06:00:00Z', 20 * 60), '2026-03-04T08:00:00.000Z');
  });

  test('honours a lunch break and the time zone of the team, across a DST change', () => {
    const split: WorkSchedule = {
      timeZone: 'Europe/Berlin',
      hours: {
        '1': [
          ['09:00', '13:00'],
          ['14:00', '18:00'],
        ],
        '5': [['09:00', '18:00']],
      },
      holidays: [],
    };
    // Monday 2026-03-30 (CEST, UTC+2) 12:50 + 20 min → 14:10 local = 12:10Z
    assert.equal(add('2026-03-30T10:50:00Z', 20, split), '2026-03-30T12:10:00.000Z');
    // Friday 2026-03-27 17:55 CET (UTC+1) + 15 → Monday 09:10 CEST (UTC+2) = 07:10Z
    assert.equal(add('2026-03-27T16:55:00Z', 15, split), '2026-03-30T07:10:00.000Z');
  });

  test('a schedule with no working time falls back to plain minutes', () => {
    assert.equal(add('2026-03-02T07:00:00Z', 15, { ...msk, hours: {} }), '2026-03-02T07:15:00.000Z');
  });
});

describe('isWithinWorkingHours', () => {
  test('inside the span, not at its end, not on weekends', () => {
    assert.equal(isWithinWorkingHours(new Date('2026-03-06T14:59:00Z'), msk), true);
    assert.equal(isWithinWorkingHours(new Date('2026-03-06T15:00:00Z'), msk), false);
    assert.equal(isWithinWorkingHours(new Date('2026-03-07T08:00:00Z'), msk), false);
    assert.equal(isWithinWorkingHours(new Date('2026-03-02T05:59:00Z'), msk), false);
  });
});

describe('localDayBounds', () => {
  test('the local calendar day, not the UTC one', () => {
    const { start, end } = localDayBounds(new Date('2026-03-06T22:00:00Z'), 'Europe/Moscow');
    assert.equal(start.toISOString(), '2026-03-06T21:00:00.000Z');
    assert.equal(end.toISOString(), '2026-03-07T21:00:00.000Z');
  });
});
