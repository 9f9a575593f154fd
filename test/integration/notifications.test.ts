import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { notifyUser } from '../../src/services/notifications.ts';
import { notifications } from '../../src/store/schema.ts';
import { emailOutbox } from '../../src/store/schemaWorkflow.ts';
import { asAdmin, bodyOf, createTestContext, type TestContext } from '../helpers/app.ts';
import { createTestUser, type TestUser } from '../helpers/users.ts';

type Notice = {
  id: string;
  type: string;
  leadId: string | null;
  data: Record<string, unknown>;
  createdAt: string;
  readAt: string | null;
};
type Page = { items: Notice[]; nextCursor: string | null; unreadCount: number };

let ctx: TestContext;
before(async () => {
  ctx = await createTestContext();
});
after(async () => ctx.close());
beforeEach(async () => {
  await ctx.reset();
  ctx.clock.set('2026-03-02T09:00:00.000Z');
});

/** One notice per call, a minute apart, so the order is known. */
async function notify(user: TestUser, n: number) {
  ctx.clock.advance(60_000);
  const row = await notifyUser(ctx.database.db, {
    recipientId: user.id,
    type: 'task_overdue',
    data: { title: `Task ${n}` },
    dedupKey: `test:${user.id}:${n}`,
    at: ctx.clock.now(),
  });
  assert.ok(row);
  return row.id;
}

const list = async (user: { headers: Record<string, string> }, query = '') =>
  ctx.app.inject({ method: 'GET', url: `/api/notifications${query}`, headers: user.headers });

describe('listing notifications', () => {
  test("pages through the caller's own notices, newest first, without repeats or gaps", async () => {
    const rep = await createTestUser(ctx, 'rep');
    const other = await createTestUser(ctx, 'rep');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await notify(rep, i));
    await notify(other, 99);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = bodyOf<Page>(await list(rep, `?limit=2${cursor ? `&cursor=${cursor}` : ''}`));
      assert.equal(page.unreadCount, 5);
      seen.push(...page.items.map((n) => n.id));
      cursor = page.nextCursor;
    } while (cursor);
    assert.deepEqual(seen, [...ids].reverse());

    const first = bodyOf<Page>(await list(rep, '?limit=1')).items[0];
    assert.deepEqual(first, {
      id: ids[4],
      type: 'task_overdue',
      leadId: null,
      contactId: null,
      data: { title: 'Task 4' },
      createdAt: '2026-03-02T09:05:00.000Z',
      readAt: null,
    });
  });

  test('filters to unread notices', async () => {
    const rep = await createTestUser(ctx, 'rep');
    const a = await notify(rep, 1);
    const b = await notify(rep, 2);
    await ctx.app.inject({ method: 'POST', url: `/api/notifications/${a}/read`, headers: rep.headers });

    const unread = bodyOf<Page>(await list(rep, '?unread=true'));
    assert.deepEqual(
      unread.items.map((n) => n.id),
      [b],
    );
    assert.equal(unread.unreadCount, 1);
    assert.equal(bodyOf<Page>(await list(rep, '?unread=false')).items.length, 2);
  });

  test('rejects a cursor it did not issue with 400 naming query.cursor', async () => {
    const rep = await createTestUser(ctx, 'rep');
    const response = await list(rep, '?cursor=garbage');
    assert.equal(response.statusCode, 400);
    const problem = bodyOf<{ invalid_params: { name: string }[] }>(response);
    assert.equal(problem.invalid_params[0]?.name, 'query.cursor');
  });

  test('refuses a token that acts for no user with 403', async () => {
    const response = await list({ headers: asAdmin });
    assert.equal(response.statusCode, 403);
    assert.match(String(response.headers['content-type']), /problem\+json/);
    assert.match(bodyOf<{ detail: string }>(response).detail, /no user/);
  });
});

describe('marking notifications read', () => {
  test('marks one read at the current time and keeps the first read time', async () => {
    const rep = await createTestUser(ctx, 'rep');
    const id = await notify(rep, 1);
    ctx.clock.set('2026-03-02T10:00:00.000Z');

    const response = await ctx.app.inject({
      method: 'POST',
      url: `/api/notifications/${id}/read`,
      headers: rep.headers,
    });
    assert.equal(response.statusCode, 200);
    assert.equal(bodyOf<Notice>(response).readAt, '2026-03-02T10:00:00.000Z');

    ctx.clock.advance(60_000);
    const again = await ctx.app.inject({
      method: 'POST',
      url: `/api/notifications/${id}/read`,
      headers: rep.headers,
    });
    assert.equal(bodyOf<Notice>(again).readAt, '2026-03-02T10:00:00.000Z');
    assert.equal(bodyOf<Page>(await list(rep)).unreadCount, 0);
  });

  test("answers 404 for someone else's notice and leaves it unread", async () => {
    const rep = await createTestUser(ctx, 'rep');
    const other = await createTestUser(ctx, 'rep');
    const id = await notify(other, 1);

    const response = await ctx.app.inject({
      method: 'POST',
      url: `/api/notifications/${id}/read`,
      headers: rep.headers,
    });
    assert.equal(response.statusCode, 404);
    assert.equal(bodyOf<Page>(await list(other)).unreadCount, 1);
  });

  test("marks all of the caller's notices read, and no one else's", async () => {
    const rep = await createTestUser(ctx, 'rep');
    const other = await createTestUser(ctx, 'rep');
    for (let i = 0; i < 3; i++) await notify(rep, i);
    await notify(other, 1);

    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/notifications/read-all',
      headers: rep.headers,
    });
    assert.deepEqual(bodyOf(response), { updated: 3 });
    assert.equal(bodyOf<Page>(await list(rep)).unreadCount, 0);
    assert.ok(bodyOf<Page>(await list(rep)).items.every((n) => n.readAt === ctx.clock.now().toISOString()));
    assert.equal(bodyOf<Page>(await list(other)).unreadCount, 1);
  });
});

describe('notifyUser', () => {
  test('notifies once per dedup key, and queues no email when SMTP is not configured', async () => {
    const rep = await createTestUser(ctx, 'rep');
    const notice = {
      recipientId: rep.id,
      type: 'lead_assigned',
      dedupKey: 'assigned:x',
      at: ctx.clock.now(),
    };
    assert.ok(await notifyUser(ctx.database.db, notice));
    assert.equal(await notifyUser(ctx.database.db, notice), undefined);

    assert.equal((await ctx.database.db.select().from(notifications)).length, 1);
    assert.equal((await ctx.database.db.select().from(emailOutbox)).length, 0);
  });
});
