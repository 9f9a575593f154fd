import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { loadTeamsWithMembers } from '../../src/services/teams.ts';
import { isUserAbsentAt, listAbsentUserIdsAt } from '../../src/store/users.ts';
import { asAdmin, bodyOf, createTestContext, type TestContext } from '../helpers/app.ts';
import { createTestUser, type TestUser } from '../helpers/users.ts';

type Team = {
  id: string;
  name: string;
  headId: string | null;
  timeZone: string;
  workingHours: Record<string, [string, string][]>;
  holidays: string[];
  assignmentMethod: string;
  onlyWorkingHours: boolean;
  members: { userId: string; name: string; role: string; active: boolean }[];
};
type Problem = { code: string; detail: string; invalid_params: { name: string; reason: string }[] };

let ctx: TestContext;
let head: TestUser;
let repA: TestUser;
let repB: TestUser;
before(async () => {
  ctx = await createTestContext();
});
after(async () => ctx.close());
beforeEach(async () => {
  await ctx.reset();
  head = await createTestUser(ctx, 'head', { name: 'Hanna Head' });
  repA = await createTestUser(ctx, 'rep', { name: 'Anton Rep' });
  repB = await createTestUser(ctx, 'rep', { name: 'Boris Rep' });
});

const send = (
  method: 'POST' | 'PATCH' | 'DELETE' | 'GET',
  url: string,
  payload?: unknown,
  headers = head.headers,
) =>
  ctx.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
const paramsOf = (response: { body: string }) =>
  bodyOf<Problem>(response as never)
    .invalid_params.map((p) => p.name)
    .sort();

describe('teams', () => {
  test('creates a team with defaults, members and head, and lists it', async () => {
    const response = await send('POST', '/api/teams', {
      name: '  Moscow sales ',
      headId: head.id,
      memberIds: [repB.id, repA.id, repA.id],
    });
    assert.equal(response.statusCode, 201, response.body);
    const team = bodyOf<Team>(response);
    assert.equal(team.name, 'Moscow sales');
    assert.equal(team.headId, head.id);
    assert.equal(team.timeZone, 'Europe/Moscow');
    assert.deepEqual(team.workingHours['1'], [['09:00', '18:00']]);
    assert.deepEqual(team.workingHours['7'], []);
    assert.equal(team.assignmentMethod, 'least_loaded');
    assert.equal(team.onlyWorkingHours, false);
    assert.deepEqual(
      team.members.map((m) => [m.name, m.role]),
      [
        ['Anton Rep', 'rep'],
        ['Boris Rep', 'rep'],
      ],
    );
    const listed = bodyOf<{ items: Team[] }>(await send('GET', '/api/teams', undefined, repA.headers));
    assert.deepEqual(
      listed.items.map((t) => t.id),
      [team.id],
      'reps may read teams',
    );
    const loaded = await loadTeamsWithMembers(ctx.database.db);
    assert.deepEqual(
      loaded.map((t) => [t.id, t.members.map((m) => m.userId)]),
      [[team.id, [repA.id, repB.id]]],
    );
  });

  test('stores working hours, holidays and the routing method as given', async () => {
    const response = await send('POST', '/api/teams', {
      name: 'Ural',
      timeZone: 'Asia/Yekaterinburg',
      workingHours: {
        '1': [
          ['14:00', '18:00'],
          ['09:00', '13:00'],
        ],
        '6': [['10:00', '24:00']],
      },
      holidays: ['2026-05-01', '2026-01-01', '2026-05-01'],
      assignmentMethod: 'round_robin',
      onlyWorkingHours: true,
    });
    assert.equal(response.statusCode, 201, response.body);
    const team = bodyOf<Team>(response);
    assert.deepEqual(team.workingHours, {
      '1': [
        ['09:00', '13:00'],
        ['14:00', '18:00'],
      ],
      '6': [['10:00', '24:00']],
    });
    assert.deepEqual(team.holidays, ['2026-01-01', '2026-05-01']);
    assert.equal(team.assignmentMethod, 'round_robin');
    assert.equal(team.onlyWorkingHours, true);
    assert.equal(team.timeZone, 'Asia/Yekaterinburg');
  });

  test('rejects a bad time zone with 422 naming timeZone', async () => {
    for (const timeZone of ['Mars/Olympus', 'MSK+3', '']) {
      const response = await send('POST', '/api/teams', { name: 'X', timeZone });
      assert.equal(response.statusCode, 422, timeZone);
      assert.deepEqual(paramsOf(response), ['timeZone']);
      assert.match(bodyOf<Problem>(response).detail, /IANA time zone/);
    }
  });

  test('rejects bad working hours with 422 naming the day and span', async () => {
    const cases: [unknown, string[]][] = [
      [{ '1': [['09:00', '25:00']] }, ['workingHours.1.0.1']],
      [{ '2': [['18:00', '09:00']] }, ['workingHours.2.0']],
      [
        {
          '3': [
            ['09:00', '13:00'],
            ['12:00', '18:00'],
          ],
        },
        ['workingHours.3'],
      ],
      // Unknown weekdays are named in the reason: 'Unrecognized key: "8"'.
      [{ '8': [['09:00', '18:00']] }, ['workingHours']],
      [{ '1': '09:00-18:00' }, ['workingHours.1']],
    ];
    for (const [workingHours, expected] of cases) {
      const response = await send('POST', '/api/teams', { name: 'X', workingHours });
      assert.equal(response.statusCode, 422, JSON.stringify(workingHours));
      assert.deepEqual(paramsOf(response), expected, JSON.stringify(workingHours));
    }
    const holidays = await send('POST', '/api/teams', { name: 'X', holidays: ['2026-13-01'] });
    assert.deepEqual(paramsOf(holidays), ['holidays.0']);
    const method = await send('POST', '/api/teams', { name: 'X', assignmentMethod: 'random' });
    assert.deepEqual(paramsOf(method), ['assignmentMethod']);
  });

  test('requires the head to be a sales head or admin and members to exist', async () => {
    const response = await send('POST', '/api/teams', {
      name: 'X',
      headId: repA.id,
      memberIds: [repB.id, '0190a0a0-0000-7000-8000-000000000000'],
    });
    assert.equal(response.statusCode, 422);
    const problem = bodyOf<Problem>(response);
    assert.deepEqual(
      problem.invalid_params.map((p) => p.name),
      ['headId', 'memberIds.1'],
    );
    assert.match(problem.invalid_params[0]?.reason ?? '', /sales head or an admin, not a rep/);
  });

  test('changes a team, replacing its members, and deletes it', async () => {
    const team = bodyOf<Team>(await send('POST', '/api/teams', { name: 'South', memberIds: [repA.id] }));
    const patched = await send('PATCH', `/api/teams/${team.id}`, {
      memberIds: [repB.id],
      workingHours: { '5': [['10:00', '16:00']] },
      headId: head.id,
    });
    assert.equal(patched.statusCode, 200, patched.body);
    const body = bodyOf<Team>(patched);
    assert.deepEqual(
      body.members.map((m) => m.userId),
      [repB.id],
    );
    assert.deepEqual(body.workingHours, { '5': [['10:00', '16:00']] });
    assert.equal(body.name, 'South', 'untouched fields stay');
    assert.equal(body.timeZone, 'Europe/Moscow');
    const badPatch = await send('PATCH', `/api/teams/${team.id}`, { timeZone: 'Nowhere/City' });
    assert.deepEqual(paramsOf(badPatch), ['timeZone']);

    assert.equal((await send('DELETE', `/api/teams/${team.id}`)).statusCode, 204);
    const gone = await send('GET', `/api/teams/${team.id}`);
    assert.equal(gone.statusCode, 404);
    assert.equal(bodyOf<Problem>(gone).code, 'not_found');
    assert.equal((await send('DELETE', `/api/teams/${team.id}`)).statusCode, 404);
  });
});

describe('absences', () => {
  test('records a leave that makes the rep absent only while it lasts', async () => {
    const created = await send('POST', `/api/users/${repA.id}/absences`, {
      startsAt: '2026-03-10T00:00:00+03:00',
      endsAt: '2026-03-17T00:00:00+03:00',
      reason: 'vacation',
    });
    assert.equal(created.statusCode, 201, created.body);
    const absence = bodyOf<{ id: string; userId: string; startsAt: string; endsAt: string; reason: string }>(
      created,
    );
    assert.deepEqual(
      { ...absence, id: undefined },
      {
        id: undefined,
        userId: repA.id,
        startsAt: '2026-03-09T21:00:00.000Z',
        endsAt: '2026-03-16T21:00:00.000Z',
        reason: 'vacation',
        createdAt: '2026-03-02T09:00:00.000Z',
      },
    );
    const db = ctx.database.db;
    assert.equal(await isUserAbsentAt(db, repA.id, new Date('2026-03-09T20:59:59Z')), false);
    assert.equal(await isUserAbsentAt(db, repA.id, new Date('2026-03-09T21:00:00Z')), true);
    assert.equal(
      await isUserAbsentAt(db, repA.id, new Date('2026-03-16T21:00:00Z')),
      false,
      'ends exclusive',
    );
    assert.deepEqual(
      [...(await listAbsentUserIdsAt(db, [repA.id, repB.id], new Date('2026-03-12T12:00:00Z')))],
      [repA.id],
    );

    const own = await send('GET', `/api/users/${repA.id}/absences`, undefined, repA.headers);
    assert.deepEqual(
      bodyOf<{ items: { id: string }[] }>(own).items.map((a) => a.id),
      [absence.id],
    );
    const others = await send('GET', `/api/users/${repA.id}/absences`, undefined, repB.headers);
    assert.equal(others.statusCode, 403);
    assert.equal(bodyOf<Problem>(others).code, 'forbidden');

    assert.equal((await send('DELETE', `/api/users/${repA.id}/absences/${absence.id}`)).statusCode, 204);
    assert.equal(await isUserAbsentAt(db, repA.id, new Date('2026-03-12T12:00:00Z')), false);
  });

  test('rejects an absence that ends before it starts, naming endsAt', async () => {
    const response = await send('POST', `/api/users/${repA.id}/absences`, {
      startsAt: '2026-03-10T00:00:00Z',
      endsAt: '2026-03-09T00:00:00Z',
    });
    assert.equal(response.statusCode, 422);
    assert.deepEqual(paramsOf(response), ['endsAt']);
    const unknown = await send('POST', '/api/users/0190a0a0-0000-7000-8000-000000000000/absences', {
      startsAt: '2026-03-10T00:00:00Z',
      endsAt: '2026-03-11T00:00:00Z',
    });
    assert.equal(unknown.statusCode, 404);
  });

  test('reps cannot record absences', async () => {
    const response = await send(
      'POST',
      `/api/users/${repA.id}/absences`,
      { startsAt: '2026-03-10T00:00:00Z', endsAt: '2026-03-11T00:00:00Z' },
      repA.headers,
    );
    assert.equal(response.statusCode, 403);
    assert.match(bodyOf<Problem>(response).detail, /sales heads and admins/);
    assert.ok(asAdmin);
  });
});
