import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, beforeEach, describe, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { sessions } from '../../src/store/schemaWorkflow.ts';
import { asAdmin, asCapture, bodyOf, createTestContext, type TestContext } from '../helpers/app.ts';

type User = { id: string; email: string; name: string; role: string; active: boolean; hasPassword: boolean };
type Problem = { status: number; code: string; detail: string; invalid_params?: { name: string }[] };
type Session = { cookie: string; csrfToken: string; headers: Record<string, string> };

let ctx: TestContext;
before(async () => {
  ctx = await createTestContext();
});
after(async () => ctx.close());
beforeEach(async () => ctx.reset());

const PASSWORD = 'first-password-123';

async function createUser(role: string, email: string, password = PASSWORD): Promise<User> {
  const response = await ctx.app.inject({
    method: 'POST',
    url: '/api/users',
    headers: asAdmin,
    payload: { email, name: `${role} person`, role, password },
  });
  assert.equal(response.statusCode, 201, response.body);
  return bodyOf<{ user: User }>(response).user;
}

function sessionCookieOf(response: LightMyRequestResponse) {
  return response.cookies.find((c) => c.name === 'leadflow_session');
}

async function login(email: string, password = PASSWORD): Promise<Session> {
  const response = await ctx.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password },
  });
  assert.equal(response.statusCode, 200, response.body);
  const cookie = sessionCookieOf(response);
  assert.ok(cookie);
  const { csrfToken } = bodyOf<{ csrfToken: string }>(response);
  return {
    cookie: cookie.value,
    csrfToken,
    headers: { cookie: `leadflow_session=${cookie.value}`, 'x-csrf-token': csrfToken },
  };
}

const me = (headers: Record<string, string>) =>
  ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers });
const cookieOnly = (session: Session) => ({ cookie: `leadflow_session=${session.cookie}` });

describe('login and sessions', () => {
  test('logs in with a hashed session cookie, answers me, and logs out', async () => {
    const user = await createUser('rep', 'Rep.One@Example.com');
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'rep.one@example.com', password: PASSWORD },
    });
    assert.equal(response.statusCode, 200);
    const body = bodyOf<{ user: User; csrfToken: string }>(response);
    assert.equal(body.user.id, user.id);
    assert.equal(body.user.email, 'rep.one@example.com');
    assert.equal(body.user.hasPassword, true);
    assert.ok(!('passwordHash' in body.user));
    assert.match(body.csrfToken, /^[\w-]{43}$/);
    const cookie = sessionCookieOf(response);
    assert.ok(cookie);
    assert.match(cookie.value, /^[\w-]{43}$/);
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Lax');
    assert.equal(cookie.path, '/');
    assert.equal(cookie.secure, undefined, 'plain http: not Secure');
    const stored = await ctx.database.db.select().from(sessions);
    assert.deepEqual(
      stored.map((s) => s.id),
      [createHash('sha256').update(cookie.value).digest('hex')],
      'only the hash of the secret is stored',
    );

    const who = await me({ cookie: `leadflow_session=${cookie.value}` });
    assert.equal(who.statusCode, 200);
    const whoBody = bodyOf<{ user: User; principal: { role: string; kind: string }; csrfToken: string }>(who);
    assert.equal(whoBody.user.id, user.id);
    assert.deepEqual(whoBody.principal, { kind: 'user', name: 'rep person', role: 'rep', scope: 'full' });
    assert.equal(whoBody.csrfToken, body.csrfToken);

    const out = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: `leadflow_session=${cookie.value}`, 'x-csrf-token': body.csrfToken },
    });
    assert.equal(out.statusCode, 204);
    assert.equal(sessionCookieOf(out)?.value, '', 'the cookie is cleared');
    const after = await me({ cookie: `leadflow_session=${cookie.value}` });
    assert.equal(after.statusCode, 401);
    assert.equal(bodyOf<Problem>(after).code, 'unauthorized');
  });

  test('answers an unknown email and a wrong password with the same 401', async () => {
    await createUser('rep', 'known@example.com');
    const attempts = await Promise.all(
      [
        { email: 'unknown@example.com', password: PASSWORD },
        { email: 'known@example.com', password: 'wrong-password-1' },
      ].map((payload) => ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload })),
    );
    for (const response of attempts) {
      assert.equal(response.statusCode, 401);
      assert.equal(sessionCookieOf(response), undefined);
      const problem = bodyOf<Problem>(response);
      assert.equal(problem.code, 'unauthorized');
      assert.equal(problem.detail, 'The email or the password is not correct.');
    }
  });

  test('slows password guessing: the 11th attempt on one account within 15 minutes gets 429', async () => {
    await createUser('rep', 'guessed@example.com');
    const attempt = (email: string) =>
      ctx.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email, password: 'guess-guess-1' },
      });
    for (let i = 0; i < 10; i++) assert.equal((await attempt('guessed@example.com')).statusCode, 401);
    const limited = await attempt('Guessed@Example.com');
    assert.equal(limited.statusCode, 429);
    assert.match(limited.headers['content-type'] as string, /application\/problem\+json/);
    assert.equal(bodyOf<Problem>(limited).code, 'rate_limited');
    assert.equal(
      (await attempt('someone-else@example.com')).statusCode,
      401,
      'other accounts are not locked',
    );
  });

  test('sets a Secure cookie over https', async () => {
    await createUser('rep', 'secure@example.com');
    const https = await createTestContext({ env: { LEADFLOW_TRUST_PROXY: 'true' } });
    try {
      await https.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: asAdmin,
        payload: { email: 'secure@example.com', name: 'S', role: 'rep', password: PASSWORD },
      });
      const response = await https.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'x-forwarded-proto': 'https' },
        payload: { email: 'secure@example.com', password: PASSWORD },
      });
      assert.equal(response.statusCode, 200);
      assert.equal(sessionCookieOf(response)?.secure, true);
    } finally {
      await https.close();
    }
  });

  test('a session ends after LEADFLOW_SESSION_DAYS', async () => {
    await createUser('rep', 'expiring@example.com');
    const session = await login('expiring@example.com');
    ctx.clock.advance(13 * 24 * 3600_000);
    assert.equal((await me(cookieOnly(session))).statusCode, 200);
    ctx.clock.advance(2 * 24 * 3600_000);
    const expired = await me(cookieOnly(session));
    assert.equal(expired.statusCode, 401);
    assert.match(bodyOf<Problem>(expired).detail, /session has ended/);
  });

  test('a token that belongs to no user has no user in me', async () => {
    const response = await me(asAdmin);
    assert.equal(response.statusCode, 200);
    const body = bodyOf<{ user: null; principal: { role: string; kind: string }; csrfToken: null }>(response);
    assert.equal(body.user, null);
    assert.equal(body.csrfToken, null);
    assert.deepEqual(body.principal, {
      kind: 'token',
      name: 'LEADFLOW_ADMIN_TOKEN',
      role: 'admin',
      scope: 'full',
    });
  });
});

describe('CSRF protection of cookie sessions', () => {
  test('refuses an unsafe request with the cookie but without the header, naming the header', async () => {
    await createUser('head', 'head@example.com');
    const session = await login('head@example.com');
    const payload = { name: 'North' };
    for (const headers of [cookieOnly(session), { ...cookieOnly(session), 'x-csrf-token': 'forged' }]) {
      const refused = await ctx.app.inject({ method: 'POST', url: '/api/teams', headers, payload });
      assert.equal(refused.statusCode, 403);
      assert.match(refused.headers['content-type'] as string, /application\/problem\+json/);
      const problem = bodyOf<Problem>(refused);
      assert.equal(problem.code, 'forbidden');
      assert.match(problem.detail, /x-csrf-token/);
    }
    const safe = await ctx.app.inject({ method: 'GET', url: '/api/teams', headers: cookieOnly(session) });
    assert.equal(safe.statusCode, 200, 'reads need no CSRF token');
    const allowed = await ctx.app.inject({
      method: 'POST',
      url: '/api/teams',
      headers: session.headers,
      payload,
    });
    assert.equal(allowed.statusCode, 201, allowed.body);
    assert.equal(bodyOf<{ name: string }>(allowed).name, 'North');
  });

  test('bearer tokens need no CSRF token, even with a cookie alongside', async () => {
    await createUser('rep', 'rep@example.com');
    const session = await login('rep@example.com');
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/teams',
      headers: { ...asAdmin, cookie: `leadflow_session=${session.cookie}` },
      payload: { name: 'By token' },
    });
    assert.equal(response.statusCode, 201, 'the bearer token (admin) wins over the rep cookie');
  });
});

describe('password change', () => {
  test('changes the password and ends the other sessions, keeping the current one', async () => {
    await createUser('rep', 'changer@example.com');
    const current = await login('changer@example.com');
    const other = await login('changer@example.com');
    const change = (payload: Record<string, string>) =>
      ctx.app.inject({ method: 'POST', url: '/api/auth/password', headers: current.headers, payload });

    const wrong = await change({ currentPassword: 'not-my-password', newPassword: 'second-password-456' });
    assert.equal(wrong.statusCode, 422);
    assert.deepEqual(
      bodyOf<Problem>(wrong).invalid_params?.map((p) => p.name),
      ['currentPassword'],
    );
    const short = await change({ currentPassword: PASSWORD, newPassword: 'short' });
    assert.equal(short.statusCode, 422);
    assert.deepEqual(
      bodyOf<Problem>(short).invalid_params?.map((p) => p.name),
      ['newPassword'],
    );

    const done = await change({ currentPassword: PASSWORD, newPassword: 'second-password-456' });
    assert.equal(done.statusCode, 204, done.body);
    assert.equal((await me(cookieOnly(other))).statusCode, 401, 'the other session died');
    assert.equal((await me(cookieOnly(current))).statusCode, 200, 'the current session lives');
    const old = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'changer@example.com', password: PASSWORD },
    });
    assert.equal(old.statusCode, 401);
    await login('changer@example.com', 'second-password-456');
  });
});

describe('users and their tokens', () => {
  test('a deactivated user can no longer log in, and their sessions and tokens stop working', async () => {
    const user = await createUser('rep', 'leaving@example.com');
    const session = await login('leaving@example.com');
    const created = await ctx.app.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: session.headers,
      payload: { name: 'my script', scope: 'read' },
    });
    assert.equal(created.statusCode, 201, created.body);
    const token = bodyOf<{ token: string; userId: string; scope: string }>(created);
    assert.equal(token.userId, user.id);
    const asToken = { authorization: `Bearer ${token.token}` };
    assert.equal((await me(asToken)).statusCode, 200, 'works (and is now cached)');

    const disabled = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/users/${user.id}`,
      headers: asAdmin,
      payload: { active: false },
    });
    assert.equal(disabled.statusCode, 200);
    assert.equal(bodyOf<User>(disabled).active, false);

    assert.equal((await me(asToken)).statusCode, 401, 'the token stopped at once');
    assert.equal((await me(cookieOnly(session))).statusCode, 401, 'the session ended');
    const again = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'leaving@example.com', password: PASSWORD },
    });
    assert.equal(again.statusCode, 401);
    assert.equal(bodyOf<Problem>(again).detail, 'The email or the password is not correct.');
  });

  test('creating a user without a password returns a generated one that logs in', async () => {
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: asAdmin,
      payload: { email: 'New@Example.com', name: '  Новый Менеджер ', role: 'head' },
    });
    assert.equal(response.statusCode, 201);
    const body = bodyOf<{ user: User; generatedPassword: string }>(response);
    assert.equal(body.user.name, 'Новый Менеджер');
    assert.equal(body.user.email, 'new@example.com');
    assert.ok(body.generatedPassword.length >= 20);
    await login('new@example.com', body.generatedPassword);

    const duplicate = await ctx.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: asAdmin,
      payload: { email: 'NEW@example.com', name: 'Other', role: 'rep' },
    });
    assert.equal(duplicate.statusCode, 409);
    assert.deepEqual(
      bodyOf<Problem>(duplicate).invalid_params?.map((p) => p.name),
      ['email'],
    );
    const bad = await ctx.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: asAdmin,
      payload: { email: 'not-an-email', name: '', role: 'boss', password: 'short' },
    });
    assert.equal(bad.statusCode, 422);
    assert.deepEqual(
      bodyOf<Problem>(bad)
        .invalid_params?.map((p) => p.name)
        .sort(),
      ['email', 'name', 'password', 'role'],
    );
  });

  test("an admin's password reset ends the user's sessions", async () => {
    const user = await createUser('marketer', 'reset@example.com');
    const session = await login('reset@example.com');
    const reset = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/users/${user.id}`,
      headers: asAdmin,
      payload: { password: 'admin-chosen-password' },
    });
    assert.equal(reset.statusCode, 200);
    assert.equal((await me(cookieOnly(session))).statusCode, 401);
    await login('reset@example.com', 'admin-chosen-password');
  });

  test('an admin cannot deactivate or demote themself', async () => {
    await createUser('admin', 'boss@example.com');
    const session = await login('boss@example.com');
    const self = bodyOf<{ user: User }>(await me(session.headers)).user;
    for (const payload of [{ active: false }, { role: 'rep' }]) {
      const response = await ctx.app.inject({
        method: 'PATCH',
        url: `/api/users/${self.id}`,
        headers: session.headers,
        payload,
      });
      assert.equal(response.statusCode, 409);
      assert.match(bodyOf<Problem>(response).detail, /your own account/);
    }
  });
});

describe('API token scopes', () => {
  test('a capture token cannot read leads, a read token cannot write', async () => {
    const capture = await ctx.app.inject({ method: 'GET', url: '/api/leads', headers: asCapture });
    assert.equal(capture.statusCode, 403);
    assert.match(bodyOf<Problem>(capture).detail, /capture scope/);

    const created = await ctx.app.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: asAdmin,
      payload: { name: 'dashboard', scope: 'read' },
    });
    assert.equal(created.statusCode, 201);
    const read = { authorization: `Bearer ${bodyOf<{ token: string }>(created).token}` };
    assert.equal((await ctx.app.inject({ method: 'GET', url: '/api/leads', headers: read })).statusCode, 200);
    const write = await ctx.app.inject({
      method: 'POST',
      url: '/api/teams',
      headers: read,
      payload: { name: 'x' },
    });
    assert.equal(write.statusCode, 403);
    assert.equal(bodyOf<Problem>(write).code, 'forbidden');
  });

  test('users see and revoke only their own tokens; admins see and issue any', async () => {
    const rep = await createUser('rep', 'tokens-rep@example.com');
    const other = await createUser('rep', 'tokens-other@example.com');
    const session = await login('tokens-rep@example.com');
    const mine = bodyOf<{ id: string; token: string }>(
      await ctx.app.inject({
        method: 'POST',
        url: '/api/tokens',
        headers: session.headers,
        payload: { name: 'site form', scope: 'capture' },
      }),
    );
    const forOther = await ctx.app.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: session.headers,
      payload: { name: 'sneaky', scope: 'full', userId: other.id },
    });
    assert.equal(forOther.statusCode, 403);
    assert.match(bodyOf<Problem>(forOther).detail, /Only admins/);
    const issued = await ctx.app.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: asAdmin,
      payload: { name: 'for other', scope: 'full', userId: other.id },
    });
    assert.equal(issued.statusCode, 201);
    const otherTokenId = bodyOf<{ id: string }>(issued).id;

    const listed = bodyOf<{ items: { id: string; userId: string }[] }>(
      await ctx.app.inject({ method: 'GET', url: '/api/tokens', headers: session.headers }),
    );
    assert.deepEqual(
      listed.items.map((t) => t.id),
      [mine.id],
    );
    const all = bodyOf<{ items: { id: string }[] }>(
      await ctx.app.inject({ method: 'GET', url: '/api/tokens', headers: asAdmin }),
    );
    assert.deepEqual(all.items.map((t) => t.id).sort(), [mine.id, otherTokenId].sort());

    const notMine = await ctx.app.inject({
      method: 'DELETE',
      url: `/api/tokens/${otherTokenId}`,
      headers: session.headers,
    });
    assert.equal(notMine.statusCode, 404);
    const revoked = await ctx.app.inject({
      method: 'DELETE',
      url: `/api/tokens/${mine.id}`,
      headers: session.headers,
    });
    assert.equal(revoked.statusCode, 204);
    const capture = await ctx.app.inject({
      method: 'POST',
      url: '/api/leads',
      headers: { authorization: `Bearer ${mine.token}` },
      payload: { name: 'Test Person', email: 'p@example.com' },
    });
    assert.equal(capture.statusCode, 401, 'a revoked token stops at once in this process');
    assert.equal(rep.role, 'rep');
  });
});
