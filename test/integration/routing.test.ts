import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { reassignLeadsWithMissedSla, routeUnroutedLeads } from '../../src/services/routing.ts';
import { contacts, leads, notifications } from '../../src/store/schema.ts';
import { absences, tasks, teamMembers, teams } from '../../src/store/schemaWorkflow.ts';
import { asAdmin, bodyOf, capture, createTestContext, type TestContext } from '../helpers/app.ts';
import { createTestUser, type TestUser } from '../helpers/users.ts';

type Lead = { id: string; ownerId: string | null; teamId: string | null; assignedAt: string | null };
type Timeline = { type: string; actor: string; data: Record<string, unknown> }[];
type Task = {
  id: string;
  type: string;
  title: string;
  dueAt: string;
  assigneeId: string | null;
  status: string;
  firstResponse: boolean;
};
type Problem = {
  status: number;
  detail: string;
  ownerId?: string;
  ownerName?: string;
  invalid_params?: { name: string }[];
};

let ctx: TestContext;
before(async () => {
  ctx = await createTestContext();
});
after(async () => ctx.close());
beforeEach(async () => {
  await ctx.reset();
  // Monday 2026-03-02 12:00 Moscow time.
  ctx.clock.set('2026-03-02T09:00:00.000Z');
});

const send = (
  method: 'GET' | 'POST' | 'PUT' | 'PATCH',
  url: string,
  payload?: Record<string, unknown>,
  headers = asAdmin,
) => ctx.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload }) });

let sequence = 0;
async function newLead(payload: Record<string, unknown> = {}): Promise<Lead> {
  sequence += 1;
  const response = await capture(ctx, {
    name: `Person${String.fromCharCode(65 + (sequence % 26))} Routed${sequence}`,
    phone: `+7916555${String(1000 + sequence).slice(-4)}`,
    ...payload,
  });
  assert.equal(response.statusCode, 201, response.body);
  return leadOf(bodyOf<{ lead: Lead }>(response).lead.id);
}

const leadOf = async (id: string) =>
  bodyOf<Lead & { timeline: Timeline }>(await send('GET', `/api/leads/${id}`));
const tasksOf = async (leadId: string) =>
  bodyOf<{ items: Task[] }>(await send('GET', `/api/tasks?view=all&leadId=${leadId}`)).items;

async function setRouting(changes: Record<string, unknown>): Promise<void> {
  const current = bodyOf(await send('GET', '/api/settings/routing'));
  const response = await send('PUT', '/api/settings/routing', { ...current, ...changes });
  assert.equal(response.statusCode, 200, response.body);
}

async function makeTeam(options: {
  members: TestUser[];
  headId?: string;
  method?: 'least_loaded' | 'round_robin';
  onlyWorkingHours?: boolean;
}): Promise<string> {
  const [team] = await ctx.database.db
    .insert(teams)
    .values({
      name: 'Sales',
      headId: options.headId ?? null,
      workingHours: {
        '1': [['09:00', '18:00']],
        '2': [['09:00', '18:00']],
        '3': [['09:00', '18:00']],
        '4': [['09:00', '18:00']],
        '5': [['09:00', '18:00']],
      },
      assignmentMethod: options.method ?? 'least_loaded',
      onlyWorkingHours: options.onlyWorkingHours ?? false,
    })
    .returning({ id: teams.id });
  if (!team) throw new Error('no team');
  for (const member of options.members) {
    await ctx.database.db.insert(teamMembers).values({ teamId: team.id, userId: member.id });
  }
  return team.id;
}

async function markAbsent(user: TestUser): Promise<void> {
  await ctx.database.db.insert(absences).values({
    userId: user.id,
    startsAt: new Date('2026-03-01T00:00:00Z'),
    endsAt: new Date('2026-03-20T00:00:00Z'),
    reason: 'vacation',
  });
}

async function rulesTo(target: Record<string, unknown>, conditions: unknown[] = [], position = 0) {
  const response = await send('POST', '/api/assignment-rules', {
    name: `rule ${position}`,
    position,
    conditions,
    target,
  });
  assert.equal(response.statusCode, 201, response.body);
  return bodyOf<{ id: string }>(response).id;
}

describe('pool', () => {
  test('a new lead waits in the pool with a first-response call task due in 15 working minutes', async () => {
    const lead = await newLead();
    assert.equal(lead.ownerId, null);
    const [task] = await tasksOf(lead.id);
    assert.equal(task?.type, 'call');
    assert.equal(task?.title, 'Call the lead');
    assert.equal(task?.firstResponse, true);
    assert.equal(task?.assigneeId, null);
    assert.equal(task?.dueAt, '2026-03-02T09:15:00.000Z');
    const [row] = await ctx.database.db.select().from(leads).where(eq(leads.id, lead.id));
    assert.equal(row?.routedAt?.toISOString(), '2026-03-02T09:00:00.000Z');
    const routed = (await leadOf(lead.id)).timeline.find((e) => e.type === 'routed');
    assert.equal(routed?.data.mode, 'pool');
  });

  test('two reps claiming at once: one wins, the other gets 409 naming the winner', async () => {
    const anna = await createTestUser(ctx, 'rep', { name: 'Anna Rep' });
    const boris = await createTestUser(ctx, 'rep', { name: 'Boris Rep' });
    const lead = await newLead();
    const [a, b] = await Promise.all([
      send('POST', `/api/leads/${lead.id}/claim`, undefined, anna.headers),
      send('POST', `/api/leads/${lead.id}/claim`, undefined, boris.headers),
    ]);
    const responses = [a, b].map((r) => r?.statusCode).sort();
    assert.deepEqual(responses, [200, 409]);
    const winner = a?.statusCode === 200 ? anna : boris;
    const loser = bodyOf<Problem>((a?.statusCode === 409 ? a : b) as NonNullable<typeof a>);
    assert.equal(loser.ownerId, winner.id);
    assert.equal(loser.ownerName, winner.name);
    assert.match(loser.detail, new RegExp(winner.name));
    const detail = await leadOf(lead.id);
    assert.equal(detail.ownerId, winner.id);
    assert.deepEqual(
      detail.timeline
        .filter((e) => e.type === 'owner_changed')
        .map((e) => [e.data.from, e.data.to, e.data.reason]),
      [[null, winner.id, 'claimed']],
    );
    // The first-response task went with the lead.
    assert.equal((await tasksOf(lead.id))[0]?.assigneeId, winner.id);
  });

  test('heads do not claim: they assign', async () => {
    const head = await createTestUser(ctx, 'head');
    const lead = await newLead();
    const response = await send('POST', `/api/leads/${lead.id}/claim`, undefined, head.headers);
    assert.equal(response.statusCode, 403);
  });
});

describe('first-response SLA', () => {
  test('a lead arriving Friday 17:55 Moscow time is due Monday 09:10', async () => {
    ctx.clock.set('2026-03-06T14:55:00.000Z');
    const lead = await newLead();
    assert.equal((await tasksOf(lead.id))[0]?.dueAt, '2026-03-09T06:10:00.000Z');
  });

  test('a lead arriving on Saturday with a per-channel SLA of 60 minutes is due Monday 10:00', async () => {
    const channel = bodyOf<{ id: string }>(
      await send('POST', '/api/channels', { code: 'email', name: 'Email' }),
    );
    await setRouting({ channelSlaMinutes: { [channel.id]: 60 } });
    ctx.clock.set('2026-03-07T10:00:00.000Z');
    const lead = await newLead({ channel: 'email', email: 'weekend@client.ru' });
    const [task] = await tasksOf(lead.id);
    assert.equal(task?.type, 'email');
    assert.equal(task?.title, 'Answer the email');
    assert.equal(task?.dueAt, '2026-03-09T07:00:00.000Z');
  });
});

describe('rules and teams', () => {
  test('the first matching rule by position picks the target; unmatched leads fall back to the pool', async () => {
    const wholesaleRep = await createTestUser(ctx, 'rep');
    const retailRep = await createTestUser(ctx, 'rep');
    await setRouting({ defaultMode: 'rules' });
    await rulesTo(
      { type: 'user', userId: retailRep.id },
      [{ field: 'custom.segment', op: 'eq', value: 'retail' }],
      20,
    );
    await rulesTo(
      { type: 'user', userId: wholesaleRep.id },
      [{ field: 'custom.segment', op: 'in', value: ['wholesale', 'опт'] }],
      10,
    );
    await rulesTo(
      { type: 'user', userId: retailRep.id },
      [{ field: 'interest', op: 'contains', value: 'pump' }],
      30,
    );
    const wholesale = await newLead({ segment: 'Опт', interest: 'pumps' });
    const retail = await newLead({ segment: 'retail' });
    const pumps = await newLead({ interest: 'Big pumps' });
    const other = await newLead({ interest: 'valves' });
    assert.equal(wholesale.ownerId, wholesaleRep.id);
    assert.equal(retail.ownerId, retailRep.id);
    assert.equal(pumps.ownerId, retailRep.id);
    assert.equal(other.ownerId, null);
    const routed = (await leadOf(other.id)).timeline.find((e) => e.type === 'routed');
    assert.equal(routed?.data.fallback, 'pool');
    assert.equal((await tasksOf(wholesale.id))[0]?.assigneeId, wholesaleRep.id);
  });

  test('least loaded picks the rep with the fewest open leads and clients, skipping an absent one', async () => {
    const busy = await createTestUser(ctx, 'rep', { name: 'Busy' });
    const away = await createTestUser(ctx, 'rep', { name: 'Away' });
    const free = await createTestUser(ctx, 'rep', { name: 'Free' });
    const teamId = await makeTeam({ members: [busy, away, free] });
    await ctx.database.db.insert(contacts).values({ fullName: 'Client', ownerId: busy.id });
    await markAbsent(away);
    await setRouting({ defaultMode: 'rules' });
    await rulesTo({ type: 'team', teamId });
    const first = await newLead();
    assert.equal(first.ownerId, free.id);
    assert.equal(first.teamId, teamId);
    // Now busy and free carry one each: the tie goes to the earlier member.
    const second = await newLead();
    assert.equal(second.ownerId, busy.id);
  });

  test('round robin takes turns, skipping an absent rep, and remembers the last one', async () => {
    const a = await createTestUser(ctx, 'rep');
    const b = await createTestUser(ctx, 'rep');
    const c = await createTestUser(ctx, 'rep');
    const teamId = await makeTeam({ members: [a, b, c], method: 'round_robin' });
    await markAbsent(b);
    await setRouting({ defaultMode: 'rules' });
    await rulesTo({ type: 'team', teamId });
    const owners = [];
    for (let i = 0; i < 3; i++) owners.push((await newLead()).ownerId);
    assert.deepEqual(owners, [a.id, c.id, a.id]);
    const [team] = await ctx.database.db.select().from(teams).where(eq(teams.id, teamId));
    assert.equal(team?.lastAssignedUserId, a.id);
  });

  test('a team working only in its hours leaves a night lead to its head', async () => {
    const head = await createTestUser(ctx, 'head');
    const rep = await createTestUser(ctx, 'rep');
    const teamId = await makeTeam({ members: [rep], headId: head.id, onlyWorkingHours: true });
    await setRouting({ defaultMode: 'rules' });
    await rulesTo({ type: 'team', teamId });
    ctx.clock.set('2026-03-02T20:00:00.000Z'); // 23:00 Moscow
    const lead = await newLead();
    assert.equal(lead.ownerId, null);
    assert.equal(lead.teamId, teamId);
    const assignTask = (await tasksOf(lead.id)).find((t) => t.type === 'assign_owner');
    assert.equal(assignTask?.assigneeId, head.id);
    assert.equal(assignTask?.dueAt, '2026-03-03T06:15:00.000Z');
  });

  test("a rep's own hours narrow the team's: a morning-shift rep gets no afternoon lead", async () => {
    const morning = await createTestUser(ctx, 'rep', { name: 'Утренняя смена' });
    const allDay = await createTestUser(ctx, 'rep', { name: 'Весь день' });
    const teamId = await makeTeam({ members: [morning, allDay], onlyWorkingHours: true });
    const shift = {
      timeZone: 'Europe/Moscow',
      hours: { '1': [['09:00', '13:00']], '2': [['09:00', '13:00']] },
      holidays: [],
    };
    const patched = await send('PATCH', `/api/users/${morning.id}`, { workSchedule: shift });
    assert.equal(patched.statusCode, 200, patched.body);
    assert.deepEqual(bodyOf<{ workSchedule: unknown }>(patched).workSchedule, shift);
    await setRouting({ defaultMode: 'rules' });
    await rulesTo({ type: 'team', teamId });

    ctx.clock.set('2026-03-02T12:00:00.000Z'); // Monday 15:00 Moscow: only the all-day rep is on
    for (let i = 0; i < 3; i++) assert.equal((await newLead()).ownerId, allDay.id);

    ctx.clock.set('2026-03-03T07:00:00.000Z'); // Tuesday 10:00 Moscow: the morning rep, least loaded
    assert.equal((await newLead()).ownerId, morning.id);

    // Without hours of its own the rep follows the team's again.
    await send('PATCH', `/api/users/${morning.id}`, { workSchedule: null });
    ctx.clock.set('2026-03-03T12:00:00.000Z'); // Tuesday 15:00 Moscow
    assert.equal((await newLead()).ownerId, morning.id);
  });

  test('own hours are checked: a bad time zone or span is a 422 naming the field', async () => {
    const rep = await createTestUser(ctx, 'rep');
    const response = await send('PATCH', `/api/users/${rep.id}`, {
      workSchedule: { timeZone: 'Mars/Olympus', hours: { '1': [['13:00', '09:00']] } },
    });
    assert.equal(response.statusCode, 422);
    assert.deepEqual(
      bodyOf<{ invalid_params: { name: string }[] }>(response)
        .invalid_params.map((p) => p.name)
        .sort(),
      ['workSchedule.hours.1.0', 'workSchedule.timeZone'],
    );
  });
});

describe('manual assignment', () => {
  test('the head gets an "assign an owner" task; assigning moves the work and closes it', async () => {
    const head = await createTestUser(ctx, 'head', { name: 'Head' });
    const rep = await createTestUser(ctx, 'rep', { name: 'Rep' });
    await setRouting({ defaultMode: 'manual' });
    const lead = await newLead();
    assert.equal(lead.ownerId, null);
    const before = await tasksOf(lead.id);
    const assignTask = before.find((t) => t.type === 'assign_owner');
    assert.equal(assignTask?.assigneeId, head.id);
    assert.match(assignTask?.title ?? '', /^Assign an owner/);
    const headQueue = bodyOf<{ items: Task[] }>(
      await send('GET', '/api/tasks?view=mine', undefined, head.headers),
    );
    assert.deepEqual(
      headQueue.items.map((t) => t.id),
      [assignTask?.id],
    );

    const response = await send(
      'POST',
      `/api/leads/${lead.id}/assign`,
      { ownerId: rep.id, reason: 'speaks Tatar' },
      head.headers,
    );
    assert.equal(response.statusCode, 200, response.body);
    assert.deepEqual(bodyOf(response), {
      leadId: lead.id,
      ownerId: rep.id,
      previousOwnerId: null,
      assignedAt: '2026-03-02T09:00:00.000Z',
    });
    const after = await tasksOf(lead.id);
    assert.equal(after.find((t) => t.type === 'assign_owner')?.status, 'done');
    assert.equal(after.find((t) => t.firstResponse)?.assigneeId, rep.id);
    const [note] = await ctx.database.db
      .select()
      .from(notifications)
      .where(eq(notifications.recipientId, rep.id));
    assert.equal(note?.type, 'lead_assigned');
  });

  test('assigning refuses absent and inactive users with 422, and reps with 403', async () => {
    const head = await createTestUser(ctx, 'head');
    const away = await createTestUser(ctx, 'rep');
    const gone = await createTestUser(ctx, 'rep', { active: false });
    await markAbsent(away);
    const lead = await newLead();
    for (const user of [away, gone]) {
      const response = await send('POST', `/api/leads/${lead.id}/assign`, { ownerId: user.id }, head.headers);
      assert.equal(response.statusCode, 422);
      assert.deepEqual(
        bodyOf<Problem>(response).invalid_params?.map((p) => p.name),
        ['ownerId'],
      );
    }
    const byRep = await send('POST', `/api/leads/${lead.id}/assign`, { ownerId: away.id }, away.headers);
    assert.equal(byRep.statusCode, 403);
  });

  test('reassignment keeps every change on the timeline with from, to and reason', async () => {
    const head = await createTestUser(ctx, 'head');
    const first = await createTestUser(ctx, 'rep');
    const second = await createTestUser(ctx, 'rep');
    const lead = await newLead();
    await send('POST', `/api/leads/${lead.id}/assign`, { ownerId: first.id }, head.headers);
    ctx.clock.advance(60_000);
    await send(
      'POST',
      `/api/leads/${lead.id}/assign`,
      { ownerId: second.id, reason: 'first is overloaded' },
      head.headers,
    );
    const timeline = (await leadOf(lead.id)).timeline.filter((e) => e.type === 'owner_changed');
    assert.deepEqual(
      timeline.map((e) => [e.data.from, e.data.to, e.data.reason]),
      [
        [null, first.id, 'assigned'],
        [first.id, second.id, 'first is overloaded'],
      ],
    );
    assert.equal((await tasksOf(lead.id))[0]?.assigneeId, second.id);
  });
});

describe('after capture', () => {
  test('a repeat inquiry attached to a known card notifies the card owner', async () => {
    const rep = await createTestUser(ctx, 'rep');
    const person = { name: 'Known Client', email: 'known@client.ru', phone: '+79167770011' };
    const lead = bodyOf<{ lead: Lead }>(await capture(ctx, person)).lead;
    await send('POST', `/api/leads/${lead.id}/claim`, undefined, rep.headers);
    ctx.clock.advance(3_600_000);
    const again = await capture(ctx, { ...person, message: 'Any news?' });
    assert.equal(bodyOf<{ outcome: string }>(again).outcome, 'attached');
    const notes = await ctx.database.db
      .select()
      .from(notifications)
      .where(eq(notifications.type, 'repeat_inquiry'));
    assert.deepEqual(
      notes.map((n) => [n.recipientId, n.leadId]),
      [[rep.id, lead.id]],
    );
  });

  test('spam gets no owner and no task, but is marked routed', async () => {
    const response = await capture(ctx, {
      name: 'Bot Botov',
      email: 'bot@example.org',
      honeypot: 'https://cheap-pills.example',
    });
    const lead = bodyOf<{ lead: Lead & { spam: boolean } }>(response).lead;
    assert.equal(lead.spam, true);
    assert.deepEqual(await tasksOf(lead.id), []);
    const skipped = (await leadOf(lead.id)).timeline.find((e) => e.type === 'routing_skipped');
    assert.equal(skipped?.data.reason, 'spam');
  });

  test('the catch-up routes leads left unrouted, once', async () => {
    const lead = await newLead();
    await ctx.database.db.delete(tasks).where(eq(tasks.leadId, lead.id));
    await ctx.database.db.update(leads).set({ routedAt: null }).where(eq(leads.id, lead.id));
    const deps = { database: ctx.database, clock: ctx.clock.now };
    assert.equal(await routeUnroutedLeads(deps, 10), 1);
    assert.equal(await routeUnroutedLeads(deps, 10), 0);
    assert.equal((await tasksOf(lead.id)).length, 1);
  });

  test('when routing fails the lead is still captured, unrouted, and the catch-up routes it', async () => {
    const rep = await createTestUser(ctx, 'rep');
    const teamId = await makeTeam({ members: [rep] });
    await setRouting({ defaultMode: 'rules' });
    await rulesTo({ type: 'team', teamId });
    // A real failure inside routing: the table of absences it reads is briefly gone.
    await ctx.database.db.execute(sql`ALTER TABLE absences RENAME TO absences_away`);
    let lead: Lead;
    try {
      lead = await newLead();
    } finally {
      await ctx.database.db.execute(sql`ALTER TABLE absences_away RENAME TO absences`);
    }
    assert.equal(lead.ownerId, null);
    assert.deepEqual(await tasksOf(lead.id), []);
    const [stored] = await ctx.database.db
      .select({ routedAt: leads.routedAt })
      .from(leads)
      .where(eq(leads.id, lead.id));
    assert.equal(stored?.routedAt, null);
    assert.equal(await routeUnroutedLeads({ database: ctx.database, clock: ctx.clock.now }, 10), 1);
    assert.equal((await leadOf(lead.id)).ownerId, rep.id);
    assert.equal((await tasksOf(lead.id))[0]?.assigneeId, rep.id);
  });

  test('a missed first-response SLA moves the lead to another rep of the team when enabled', async () => {
    const slow = await createTestUser(ctx, 'rep');
    const other = await createTestUser(ctx, 'rep');
    const teamId = await makeTeam({ members: [slow, other], method: 'round_robin' });
    await setRouting({ defaultMode: 'rules' });
    await rulesTo({ type: 'team', teamId });
    const lead = await newLead();
    assert.equal(lead.ownerId, slow.id);
    const deps = { database: ctx.database, clock: ctx.clock.now };
    ctx.clock.advance(20 * 60_000);
    assert.equal(await reassignLeadsWithMissedSla(deps), 0); // disabled by default
    await setRouting({ autoReassignOnMissedSla: true });
    assert.equal(await reassignLeadsWithMissedSla(deps), 1);
    const detail = await leadOf(lead.id);
    assert.equal(detail.ownerId, other.id);
    const change = detail.timeline.filter((e) => e.type === 'owner_changed').at(-1);
    assert.deepEqual(
      [change?.data.from, change?.data.to, change?.data.reason],
      [slow.id, other.id, 'first_response_sla_missed'],
    );
    const [task] = await tasksOf(lead.id);
    assert.equal(task?.assigneeId, other.id);
    assert.equal(task?.dueAt, '2026-03-02T09:35:00.000Z');
    assert.equal(await reassignLeadsWithMissedSla(deps), 0);
  });
});

describe('routing settings and rules API', () => {
  test('rejects a bad time zone and an unknown rule field with 422 naming them', async () => {
    const current = bodyOf<Record<string, unknown>>(await send('GET', '/api/settings/routing'));
    assert.equal(current.slaMinutes, 15);
    const bad = await send('PUT', '/api/settings/routing', {
      ...current,
      schedule: { timeZone: 'Mars/Olympus', hours: {}, holidays: [] },
    });
    assert.equal(bad.statusCode, 422);
    assert.deepEqual(
      bodyOf<Problem>(bad).invalid_params?.map((p) => p.name),
      ['schedule.timeZone'],
    );
    const rule = await send('POST', '/api/assignment-rules', {
      name: 'x',
      conditions: [{ field: 'passwordHash', op: 'eq', value: 1 }],
      target: { type: 'pool' },
    });
    assert.equal(rule.statusCode, 422);
    assert.deepEqual(
      bodyOf<Problem>(rule).invalid_params?.map((p) => p.name),
      ['conditions.0.field'],
    );
  });

  test('reps cannot change routing', async () => {
    const rep = await createTestUser(ctx, 'rep');
    const response = await send(
      'POST',
      '/api/assignment-rules',
      { name: 'mine', target: { type: 'pool' } },
      rep.headers,
    );
    assert.equal(response.statusCode, 403);
  });

  test('rules are listed by position, changed and deleted', async () => {
    const second = await rulesTo({ type: 'pool' }, [], 20);
    const first = await rulesTo({ type: 'manual' }, [], 10);
    const list = bodyOf<{ items: { id: string }[] }>(await send('GET', '/api/assignment-rules'));
    assert.deepEqual(
      list.items.map((r) => r.id),
      [first, second],
    );
    const patched = await send('PATCH', `/api/assignment-rules/${second}`, { position: 1 });
    assert.equal(bodyOf<{ position: number }>(patched).position, 1);
    const deleted = await ctx.app.inject({
      method: 'DELETE',
      url: `/api/assignment-rules/${first}`,
      headers: asAdmin,
    });
    assert.equal(deleted.statusCode, 204);
    const after = bodyOf<{ items: { id: string }[] }>(await send('GET', '/api/assignment-rules'));
    assert.deepEqual(
      after.items.map((r) => r.id),
      [second],
    );
  });
});
