import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, mock, test } from 'node:test';
import { asc, eq, sql } from 'drizzle-orm';
import { type Job, type JobContext, runDueJobsOnce, startScheduler } from '../../src/jobs/scheduler.ts';
import { setEmailNotifications } from '../../src/services/mailer.ts';
import { loadRoutingSettings, saveRoutingSettings } from '../../src/services/routingSettings.ts';
import { type Database, openPostgres } from '../../src/store/db.ts';
import { notifications, timelineEvents } from '../../src/store/schema.ts';
import { emailOutbox, tasks, teams, users } from '../../src/store/schemaWorkflow.ts';
import { queryRows } from '../../src/store/sql.ts';
import { bodyOf, createTestContext, type TestContext } from '../helpers/app.ts';
import { insertLead, insertTask, jobContextOf } from '../helpers/jobs.ts';
import { createTestUser } from '../helpers/users.ts';

type Notice = { id: string; type: string; leadId: string | null; data: Record<string, unknown> };

let ctx: TestContext;
before(async () => {
  ctx = await createTestContext();
});
after(async () => ctx.close());
beforeEach(async () => {
  await ctx.reset();
  ctx.clock.set('2026-03-02T09:00:00.000Z');
});

const minutes = (n: number) => n * 60_000;
const inMinutes = (n: number) => new Date(ctx.clock.now().getTime() + minutes(n));

const noticesOf = async (type: string) =>
  ctx.database.db
    .select()
    .from(notifications)
    .where(eq(notifications.type, type))
    .orderBy(asc(notifications.id));

const taskRow = async (id: string) => {
  const [row] = await ctx.database.db.select().from(tasks).where(eq(tasks.id, id));
  assert.ok(row);
  return row;
};

const runJobs = async () => {
  const outcomes = await runDueJobsOnce(jobContextOf(ctx));
  for (const [name, outcome] of Object.entries(outcomes)) assert.ok(!('error' in outcome), `${name} failed`);
  return outcomes;
};

describe('task reminders', () => {
  test('a task moved to a new due time is reminded and marked overdue again', async () => {
    const rep = await createTestUser(ctx, 'rep');
    const leadId = await insertLead(ctx, { fullName: 'Олег Титов', ownerId: rep.id });
    const taskId = await insertTask(ctx, {
      title: 'Call back',
      dueAt: inMinutes(10),
      leadId,
      assigneeId: rep.id,
    });
    await runJobs();
    ctx.clock.advance(minutes(20));
    await runJobs();
    assert.equal((await noticesOf('task_reminder')).length, 1);
    assert.equal((await noticesOf('task_overdue')).length, 1);

    const moved = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/tasks/${taskId}`,
      headers: rep.headers,
      payload: { dueAt: inMinutes(60).toISOString() },
    });
    assert.equal(moved.statusCode, 200, moved.body);
    const row = await taskRow(taskId);
    assert.equal(row.remindedAt, null, 'the new due time re-arms the reminder');
    assert.equal(row.overdueAt, null);

    ctx.clock.advance(minutes(50));
    await runJobs();
    ctx.clock.advance(minutes(20));
    await runJobs();
    assert.equal((await noticesOf('task_reminder')).length, 2);
    assert.equal((await noticesOf('task_overdue')).length, 2);
  });

  test('reminds the assignee once shortly before the task is due, not again on the next run', async () => {
    const rep = await createTestUser(ctx, 'rep');
    const leadId = await insertLead(ctx, { fullName: 'Анна Смирнова', ownerId: rep.id });
    const soon = await insertTask(ctx, {
      title: 'Call back',
      dueAt: inMinutes(10),
      leadId,
      assigneeId: rep.id,
    });
    const later = await insertTask(ctx, { title: 'Send offer', dueAt: inMinutes(120), assigneeId: rep.id });

    const outcomes = await runJobs();
    assert.deepEqual(outcomes['task-reminders'], { processed: 1 });
    await runJobs();

    const response = await ctx.app.inject({ method: 'GET', url: '/api/notifications', headers: rep.headers });
    const inbox = bodyOf<{ items: Notice[]; unreadCount: number }>(response);
    assert.equal(inbox.items.length, 1);
    assert.equal(inbox.unreadCount, 1);
    assert.equal(inbox.items[0]?.type, 'task_reminder');
    assert.equal(inbox.items[0]?.leadId, leadId);
    assert.equal(inbox.items[0]?.data.taskId, soon);
    assert.equal(inbox.items[0]?.data.title, 'Call back');
    assert.equal(inbox.items[0]?.data.leadName, 'Анна Смирнова');
    assert.deepEqual((await taskRow(soon)).remindedAt, ctx.clock.now());
    assert.equal((await taskRow(later)).remindedAt, null);

    // The later task's reminder comes once its due time is within the reminder window.
    ctx.clock.advance(minutes(110));
    await runJobs();
    const reminders = await noticesOf('task_reminder');
    assert.deepEqual(reminders.map((n) => n.data.taskId).sort(), [soon, later].sort());
  });

  test('closed tasks get no reminder, and an unassigned task reminds the sales heads', async () => {
    const head = await createTestUser(ctx, 'head');
    const rep = await createTestUser(ctx, 'rep');
    await insertTask(ctx, { title: 'Done already', dueAt: inMinutes(5), assigneeId: rep.id, status: 'done' });
    const pooled = await insertTask(ctx, { title: 'Assign an owner', dueAt: inMinutes(5) });

    await runJobs();

    const reminders = await noticesOf('task_reminder');
    assert.deepEqual(
      reminders.map((n) => [n.recipientId, n.data.taskId]),
      [[head.id, pooled]],
    );
  });
});

describe('overdue tasks', () => {
  test('marks a task overdue once it is past due and tells its assignee once', async () => {
    const rep = await createTestUser(ctx, 'rep');
    const id = await insertTask(ctx, { title: 'Call back', dueAt: inMinutes(30), assigneeId: rep.id });

    await runJobs();
    assert.equal((await taskRow(id)).overdueAt, null);
    assert.equal((await noticesOf('task_overdue')).length, 0);

    ctx.clock.advance(minutes(31));
    await runJobs();
    await runJobs();

    assert.deepEqual((await taskRow(id)).overdueAt, ctx.clock.now());
    const overdue = await noticesOf('task_overdue');
    assert.equal(overdue.length, 1);
    assert.equal(overdue[0]?.recipientId, rep.id);
    assert.equal(overdue[0]?.data.taskId, id);
  });
});

describe('first-response escalation', () => {
  test('escalates an overdue first response to the head of the lead team, once, on the timeline', async () => {
    const teamHead = await createTestUser(ctx, 'head');
    const otherHead = await createTestUser(ctx, 'head');
    const rep = await createTestUser(ctx, 'rep', { name: 'Пётр Рыбаков' });
    const [team] = await ctx.database.db
      .insert(teams)
      .values({ name: 'Moscow', headId: teamHead.id, workingHours: {} })
      .returning();
    assert.ok(team);
    const leadId = await insertLead(ctx, { fullName: 'Ольга Новикова', teamId: team.id, ownerId: rep.id });
    const firstResponse = await insertTask(ctx, {
      title: 'Call the lead',
      dueAt: inMinutes(60),
      leadId,
      assigneeId: rep.id,
      firstResponse: true,
    });
    // An ordinary overdue task is not escalated.
    await insertTask(ctx, { title: 'Send price list', dueAt: inMinutes(60), leadId, assigneeId: rep.id });

    ctx.clock.advance(minutes(61));
    await runJobs();
    await runJobs();

    const escalations = await noticesOf('first_response_overdue');
    assert.equal(escalations.length, 1);
    assert.equal(escalations[0]?.recipientId, teamHead.id);
    assert.equal(escalations[0]?.leadId, leadId);
    assert.equal(escalations[0]?.data.assigneeName, 'Пётр Рыбаков');
    assert.ok(!escalations.some((n) => n.recipientId === otherHead.id));
    assert.deepEqual((await taskRow(firstResponse)).escalatedAt, ctx.clock.now());

    const timeline = await ctx.database.db
      .select()
      .from(timelineEvents)
      .where(eq(timelineEvents.leadId, leadId));
    assert.deepEqual(
      timeline.map((e) => [e.type, e.actor, e.data.taskId]),
      [['first_response_escalated', 'system:scheduler', firstResponse]],
    );
  });

  test('without a team head, escalates to every active head', async () => {
    const headA = await createTestUser(ctx, 'head');
    const headB = await createTestUser(ctx, 'head');
    await createTestUser(ctx, 'head', { active: false });
    const leadId = await insertLead(ctx, { fullName: 'Без команды' });
    await insertTask(ctx, { title: 'Call the lead', dueAt: inMinutes(-1), leadId, firstResponse: true });

    await runJobs();

    const escalations = await noticesOf('first_response_overdue');
    assert.deepEqual(escalations.map((n) => n.recipientId).sort(), [headA.id, headB.id].sort());
  });
});

describe('first-response escalation switched off', () => {
  test('off in the routing settings, no head hears of it; back on, the heads hear of what is overdue then', async () => {
    const head = await createTestUser(ctx, 'head');
    const leadId = await insertLead(ctx, { fullName: 'Ольга Новикова' });
    const task = await insertTask(ctx, {
      title: 'Call the lead',
      dueAt: inMinutes(-1),
      leadId,
      firstResponse: true,
    });
    await saveRoutingSettings(
      ctx.database.db,
      { ...(await loadRoutingSettings(ctx.database.db)), escalateOnMissedSla: false },
      ctx.clock.now(),
    );

    await runJobs();
    assert.deepEqual(await noticesOf('first_response_overdue'), []);
    assert.equal((await taskRow(task)).escalatedAt, null);

    await saveRoutingSettings(
      ctx.database.db,
      { ...(await loadRoutingSettings(ctx.database.db)), escalateOnMissedSla: true },
      ctx.clock.now(),
    );
    await runJobs();
    assert.deepEqual(
      (await noticesOf('first_response_overdue')).map((n) => [n.recipientId, n.leadId]),
      [[head.id, leadId]],
    );
  });
});

describe('catching up after a restart', () => {
  test('processes every task that came due while the server was down, in one run', async () => {
    const rep = await createTestUser(ctx, 'rep');
    const head = await createTestUser(ctx, 'head');
    const ids: string[] = [];
    // 150 tasks due over the next three days, a third of them first responses: more than one batch.
    for (let i = 0; i < 150; i++)
      ids.push(
        await insertTask(ctx, {
          title: `Task ${i}`,
          dueAt: inMinutes(30 * (i + 1)),
          assigneeId: rep.id,
          firstResponse: i % 3 === 0,
        }),
      );

    ctx.clock.advance(minutes(60 * 24 * 5));
    const outcomes = await runJobs();

    assert.deepEqual(outcomes['overdue-tasks'], { processed: 150 });
    assert.deepEqual(outcomes['escalate-first-response'], { processed: 50 });
    assert.equal((await noticesOf('task_overdue')).length, 150);
    assert.equal(
      (await noticesOf('first_response_overdue')).filter((n) => n.recipientId === head.id).length,
      50,
    );
    // Reminders for tasks already past due would only be noise next to the overdue notice.
    assert.equal((await noticesOf('task_reminder')).length, 0);
    const unmarked = await ctx.database.db.select().from(tasks).where(sql`${tasks.overdueAt} IS NULL`);
    assert.equal(unmarked.length, 0);
  });
});

/** A second connection pool to the test database, as a second server process would open. */
async function openSecondProcessDatabase(): Promise<Database | undefined> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) return undefined;
  const [row] = await queryRows<{ name: string }>(ctx.database.db, sql`SELECT current_database() AS name`);
  const url = new URL(serverUrl);
  url.pathname = `/${row?.name}`;
  return openPostgres(url.toString(), 5);
}

describe('two server processes on one database', () => {
  test('running the jobs concurrently fires exactly one reminder and one email per task', async () => {
    setEmailNotifications(true);
    const second = await openSecondProcessDatabase();
    try {
      const reps = [await createTestUser(ctx, 'rep'), await createTestUser(ctx, 'rep')];
      const ids: string[] = [];
      for (let i = 0; i < 240; i++)
        ids.push(
          await insertTask(ctx, {
            title: `Task ${i}`,
            dueAt: inMinutes(1 + (i % 10)),
            assigneeId: reps[i % 2]?.id ?? null,
          }),
        );
      const first = jobContextOf(ctx);
      const other = jobContextOf(ctx, second ? { database: second } : {});
      const results = await Promise.all([
        runDueJobsOnce(first),
        runDueJobsOnce(other),
        runDueJobsOnce(first),
        runDueJobsOnce(other),
      ]);
      for (const outcomes of results)
        for (const outcome of Object.values(outcomes)) assert.ok(!('error' in outcome));
      const reminded = results
        .map((r) => r['task-reminders'])
        .reduce((sum, o) => sum + (o && 'processed' in o ? o.processed : 0), 0);
      assert.equal(reminded, 240);

      const reminders = await noticesOf('task_reminder');
      assert.equal(reminders.length, 240);
      assert.equal(new Set(reminders.map((n) => n.data.taskId)).size, 240);
      const outbox = await ctx.database.db.select().from(emailOutbox);
      assert.equal(outbox.length, 240);
      const emails = new Map((await ctx.database.db.select().from(users)).map((u) => [u.id, u.email]));
      assert.deepEqual(
        [...new Set(outbox.map((e) => e.to))].sort(),
        reps.map((r) => emails.get(r.id)).sort(),
      );
    } finally {
      setEmailNotifications(false);
      await second?.close();
    }
  });
});

describe('the scheduler loop', () => {
  test('runs each job when its period has passed, survives a failing job, and stops cleanly', async () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    try {
      const runs: string[] = [];
      let tickDone: () => void = () => {};
      const jobs: Job[] = [
        {
          name: 'broken',
          everyMs: 0,
          run: async () => {
            runs.push('broken');
            throw new Error('boom');
          },
        },
        {
          name: 'hourly',
          everyMs: 60 * 60_000,
          run: async () => {
            runs.push('hourly');
            return 1;
          },
        },
        {
          name: 'last',
          everyMs: 0,
          run: async () => {
            runs.push('last');
            tickDone();
            return 0;
          },
        },
      ];
      const nextTick = () => new Promise<void>((resolve) => (tickDone = resolve));
      const errors: unknown[] = [];
      const quiet = (..._args: unknown[]) => {};
      const context: JobContext = {
        ...jobContextOf(ctx),
        log: { info: quiet, warn: quiet, debug: quiet, error: (...args: unknown[]) => errors.push(args[0]) },
      };
      const scheduler = startScheduler(context, { intervalMs: 1000, jobs });

      let done = nextTick();
      mock.timers.tick(0);
      await done;
      assert.deepEqual(runs, ['broken', 'hourly', 'last']);
      assert.equal(errors.length, 1);

      // A second later only the every-tick jobs run; the hourly one waits for its hour.
      await new Promise((resolve) => setImmediate(resolve));
      done = nextTick();
      mock.timers.tick(1000);
      await done;
      assert.deepEqual(runs.slice(3), ['broken', 'last']);

      ctx.clock.advance(60 * 60_000);
      await new Promise((resolve) => setImmediate(resolve));
      done = nextTick();
      mock.timers.tick(1000);
      await done;
      assert.deepEqual(runs.slice(5), ['broken', 'hourly', 'last']);

      await scheduler.stop();
      mock.timers.tick(10_000);
      assert.equal(runs.length, 8);
    } finally {
      mock.timers.reset();
    }
  });
});
