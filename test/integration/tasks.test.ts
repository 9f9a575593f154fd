import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { asAdmin, bodyOf, capture, createTestContext, type TestContext } from '../helpers/app.ts';
import { createTestUser, type TestUser } from '../helpers/users.ts';

type Lead = { id: string; ownerId: string | null; status: string; firstResponseAt: string | null };
type Timeline = { type: string; data: Record<string, unknown> }[];
type Task = {
  id: string;
  leadId: string;
  type: string;
  title: string;
  dueAt: string;
  assigneeId: string | null;
  status: string;
  firstResponse: boolean;
  result: string | null;
  overdue: boolean;
};
type Problem = { status: number; invalid_params?: { name: string }[] };
type Board = {
  columns: { status: string; total: number; cards: { id: string; nextTask: { id: string } | null }[] }[];
};

let ctx: TestContext;
before(async () => {
  ctx = await createTestContext();
});
after(async () => ctx.close());
beforeEach(async () => {
  await ctx.reset();
  ctx.clock.set('2026-03-02T09:00:00.000Z'); // Monday 12:00 Moscow
});

type Method = 'GET' | 'POST' | 'PATCH';
const send = (
  method: Method,
  url: string,
  payload?: Record<string, unknown>,
  headers: Record<string, string> = asAdmin,
) => ctx.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload }) });

let sequence = 0;
async function newLead(): Promise<Lead> {
  sequence += 1;
  const response = await capture(ctx, {
    name: `Person${String.fromCharCode(65 + (sequence % 26))} Tasked${sequence}`,
    phone: `+7916444${String(1000 + sequence).slice(-4)}`,
  });
  return bodyOf<{ lead: Lead }>(response).lead;
}

/** A lead claimed by the rep, with its first-response task. */
async function ownedLead(rep: TestUser): Promise<{ lead: Lead; task: Task }> {
  const lead = await newLead();
  assert.equal((await send('POST', `/api/leads/${lead.id}/claim`, undefined, rep.headers)).statusCode, 200);
  const task = bodyOf<{ items: Task[] }>(await send('GET', `/api/tasks?view=all&leadId=${lead.id}`)).items[0];
  if (!task) throw new Error('no first task');
  return { lead, task };
}

const leadOf = async (id: string) =>
  bodyOf<Lead & { timeline: Timeline }>(await send('GET', `/api/leads/${id}`));

describe('completing tasks', () => {
  test('requires a result: 422 naming result when missing or blank', async () => {
    const rep = await createTestUser(ctx, 'rep');
    const { task } = await ownedLead(rep);
    for (const body of [{}, { result: '   ' }]) {
      const response = await send('POST', `/api/tasks/${task.id}/complete`, body, rep.headers);
      assert.equal(response.statusCode, 422);
      assert.deepEqual(
        bodyOf<Problem>(response).invalid_params?.map((p) => p.name),
        ['result'],
      );
    }
  });

  test('the first response records first_response_at, puts the lead in work and sets the next task', async () => {
    const rep = await createTestUser(ctx, 'rep');
    const { lead, task } = await ownedLead(rep);
    ctx.clock.advance(10 * 60_000);
    const response = await send(
      'POST',
      `/api/tasks/${task.id}/complete`,
      { result: 'Talked; wants an offer', next: { type: 'call', title: 'Call back', dueInDays: 3 } },
      rep.headers,
    );
    assert.equal(response.statusCode, 200, response.body);
    const { task: done, next } = bodyOf<{ task: Task; next: Task }>(response);
    assert.equal(done.status, 'done');
    assert.equal(done.result, 'Talked; wants an offer');
    assert.equal(next.title, 'Call back');
    assert.equal(next.assigneeId, rep.id);
    assert.equal(next.dueAt, '2026-03-05T09:10:00.000Z');
    assert.equal(next.status, 'open');

    const detail = await leadOf(lead.id);
    assert.equal(detail.firstResponseAt, '2026-03-02T09:10:00.000Z');
    assert.equal(detail.status, 'in_progress');
    const types = detail.timeline.map((e) => e.type);
    for (const type of ['task_completed', 'first_response', 'status_changed'])
      assert.ok(types.includes(type), type);

    // A later contact does not move the first response.
    ctx.clock.advance(60_000);
    await send('POST', `/api/tasks/${next.id}/complete`, { result: 'No answer' }, rep.headers);
    assert.equal((await leadOf(lead.id)).firstResponseAt, '2026-03-02T09:10:00.000Z');
  });

  test('a completed task cannot be completed again, and another rep cannot complete it', async () => {
    const rep = await createTestUser(ctx, 'rep');
    const stranger = await createTestUser(ctx, 'rep');
    const { task } = await ownedLead(rep);
    const denied = await send(
      'POST',
      `/api/tasks/${task.id}/complete`,
      { result: 'mine now' },
      stranger.headers,
    );
    assert.ok([403, 404].includes(denied.statusCode), denied.body);
    await send('POST', `/api/tasks/${task.id}/complete`, { result: 'done' }, rep.headers);
    const again = await send('POST', `/api/tasks/${task.id}/complete`, { result: 'twice' }, rep.headers);
    assert.equal(again.statusCode, 409);
  });

  test('next needs a due time', async () => {
    const rep = await createTestUser(ctx, 'rep');
    const { task } = await ownedLead(rep);
    const response = await send(
      'POST',
      `/api/tasks/${task.id}/complete`,
      { result: 'ok', next: { type: 'email' } },
      rep.headers,
    );
    assert.equal(response.statusCode, 422);
    assert.deepEqual(
      bodyOf<Problem>(response).invalid_params?.map((p) => p.name),
      ['next.dueAt'],
    );
  });
});

describe('task lists', () => {
  test('mine, overdue, today and upcoming views', async () => {
    const rep = await createTestUser(ctx, 'rep');
    const { lead, task: first } = await ownedLead(rep);
    const later = bodyOf<Task>(
      await send('POST', '/api/tasks', { leadId: lead.id, type: 'meeting', dueInDays: 2 }, rep.headers),
    );
    assert.equal(later.title, 'Meeting');
    ctx.clock.advance(30 * 60_000); // the first-response task (due 09:15) is now overdue
    const view = async (name: string) =>
      bodyOf<{ items: Task[] }>(await send('GET', `/api/tasks?view=${name}`, undefined, rep.headers)).items;
    assert.deepEqual(
      (await view('mine')).map((t) => t.id),
      [first.id, later.id],
    );
    const overdue = await view('overdue');
    assert.deepEqual(
      overdue.map((t) => [t.id, t.overdue]),
      [[first.id, true]],
    );
    assert.deepEqual(
      (await view('today')).map((t) => t.id),
      [first.id],
    );
    assert.deepEqual(
      (await view('upcoming')).map((t) => t.id),
      [later.id],
    );
    // Reps cannot look at other people's lists.
    const other = await createTestUser(ctx, 'rep');
    const denied = await send('GET', `/api/tasks?assigneeId=${rep.id}`, undefined, other.headers);
    assert.equal(denied.statusCode, 403);
    const head = await createTestUser(ctx, 'head');
    const byHead = bodyOf<{ items: Task[] }>(
      await send('GET', `/api/tasks?view=overdue&assigneeId=${rep.id}`, undefined, head.headers),
    );
    assert.deepEqual(
      byHead.items.map((t) => t.id),
      [first.id],
    );
  });

  test('pages through a long list with a cursor, soonest due first, each task once', async () => {
    const rep = await createTestUser(ctx, 'rep');
    const { lead, task: first } = await ownedLead(rep);
    // Two tasks due at the same moment: the id orders them, and neither is lost between pages.
    const created: Task[] = [first];
    for (const dueInDays of [3, 1, 2, 2]) {
      created.push(
        bodyOf<Task>(
          await send('POST', '/api/tasks', { leadId: lead.id, type: 'call', dueInDays }, rep.headers),
        ),
      );
    }
    const expected = [...created]
      .sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.id.localeCompare(b.id))
      .map((t) => t.id);
    const seen: string[] = [];
    const pages: number[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/tasks?view=mine&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = bodyOf<{ items: Task[]; nextCursor: string | null }>(
        await send('GET', url, undefined, rep.headers),
      );
      pages.push(page.items.length);
      seen.push(...page.items.map((t) => t.id));
      cursor = page.nextCursor;
    } while (cursor);
    assert.deepEqual(pages, [2, 2, 1]);
    assert.deepEqual(seen, expected);
    const bad = await send('GET', '/api/tasks?cursor=not-a-cursor', undefined, rep.headers);
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(
      bodyOf<Problem>(bad).invalid_params?.map((p) => p.name),
      ['query.cursor'],
    );
  });

  test('reschedule, reassign and cancel through PATCH, each on the timeline', async () => {
    const rep = await createTestUser(ctx, 'rep');
    const head = await createTestUser(ctx, 'head');
    const { lead, task } = await ownedLead(rep);
    const moved = await send(
      'PATCH',
      `/api/tasks/${task.id}`,
      { dueAt: '2026-03-03T08:00:00.000Z' },
      rep.headers,
    );
    assert.equal(bodyOf<Task>(moved).dueAt, '2026-03-03T08:00:00.000Z');
    const reassigned = await send('PATCH', `/api/tasks/${task.id}`, { assigneeId: head.id }, head.headers);
    assert.equal(bodyOf<Task>(reassigned).assigneeId, head.id);
    const canceled = await send('PATCH', `/api/tasks/${task.id}`, { status: 'canceled' }, head.headers);
    assert.equal(bodyOf<Task>(canceled).status, 'canceled');
    const again = await send('PATCH', `/api/tasks/${task.id}`, { title: 'late' }, head.headers);
    assert.equal(again.statusCode, 409);
    const types = (await leadOf(lead.id)).timeline.map((e) => e.type);
    assert.deepEqual(
      types.filter((t) => t.startsWith('task_')),
      ['task_updated', 'task_updated', 'task_canceled'],
    );
  });

  test('a lead in work with no open task is listed as having no next step', async () => {
    const rep = await createTestUser(ctx, 'rep');
    const { lead, task } = await ownedLead(rep);
    const { lead: busy } = await ownedLead(rep);
    await send('POST', `/api/tasks/${task.id}/complete`, { result: 'Sent the price list' }, rep.headers);
    const list = bodyOf<{ items: Lead[] }>(
      await send('GET', '/api/leads/no-next-step', undefined, rep.headers),
    );
    assert.deepEqual(
      list.items.map((l) => l.id),
      [lead.id],
    );
    assert.ok(!list.items.some((l) => l.id === busy.id));
  });
});

describe('board', () => {
  test('columns count only the leads the caller may see', async () => {
    const anna = await createTestUser(ctx, 'rep');
    const boris = await createTestUser(ctx, 'rep');
    const { task: annaTask } = await ownedLead(anna);
    await ownedLead(anna);
    await ownedLead(boris);
    await newLead(); // stays in the pool
    await send('POST', `/api/tasks/${annaTask.id}/complete`, { result: 'Talked' }, anna.headers);

    const columns = async (headers: Record<string, string>, query = '') =>
      bodyOf<Board>(await send('GET', `/api/board${query}`, undefined, headers)).columns;
    const all = (await columns(asAdmin)).filter((c) => c.total > 0);
    assert.deepEqual(
      all.map((c) => [c.status, c.total, c.cards.length]),
      [
        ['new', 3, 3],
        ['in_progress', 1, 1],
      ],
    );
    const everyColumn = await columns(anna.headers);
    assert.deepEqual(
      everyColumn.slice(0, 3).map((c) => c.status),
      ['new', 'in_progress', 'clarifying'],
    );
    const mine = everyColumn.filter((c) => c.total > 0);
    assert.deepEqual(
      mine.map((c) => [c.status, c.total]),
      [
        ['new', 2],
        ['in_progress', 1],
      ],
    );
    const limited = (await columns(asAdmin, '?limit=1')).filter((c) => c.total > 0);
    assert.deepEqual(
      limited.map((c) => [c.status, c.total, c.cards.length]),
      [
        ['new', 3, 1],
        ['in_progress', 1, 1],
      ],
    );
    assert.ok(all[0]?.cards.every((c) => c.nextTask !== null));
  });
});
