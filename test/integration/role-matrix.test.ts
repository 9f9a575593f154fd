import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { InjectOptions } from 'fastify';
import type { Role } from '../../src/domain/permissions.ts';
import { updateLead } from '../../src/store/leads.ts';
import { asAdmin, asCapture, bodyOf, capture, createTestContext, type TestContext } from '../helpers/app.ts';
import { createTestUser, type TestUser } from '../helpers/users.ts';

// Who may do what, as one table: each row is an action, each column an actor, each cell the
// status the API must answer. 403 answers are checked to be forbidden problems, 404 answers
// not_found problems (a lead the actor may not see does not exist for them). Add a row for every
// new action; the fixture below is rebuilt for every cell, so rows may change data freely.

type Actor = Role | 'capture';
const ACTORS: Actor[] = ['admin', 'head', 'rep', 'marketer', 'capture'];

type Fixture = {
  users: Record<Role, TestUser>;
  /** A second rep, owner of `leads.other`. */
  otherRep: TestUser;
  /** own: owned by the rep; other: owned by the other rep; pool, spare: unassigned. */
  leads: { own: string; other: string; pool: string; spare: string };
  channelId: string;
};

type Row = {
  action: string;
  request: (f: Fixture) => Omit<InjectOptions, 'headers'>;
  expect: Record<Actor, number>;
};

const everyUser = (status: number, capture = 403): Record<Actor, number> => ({
  admin: status,
  head: status,
  rep: status,
  marketer: status,
  capture,
});

export const MATRIX: Row[] = [
  { action: 'list leads', request: () => ({ method: 'GET', url: '/api/leads' }), expect: everyUser(200) },
  {
    action: 'see the campaign report',
    request: () => ({ method: 'GET', url: '/api/reports/campaigns?from=2026-04-01&to=2026-04-30' }),
    expect: { admin: 200, head: 200, rep: 403, marketer: 200, capture: 403 },
  },
  {
    action: 'see the lead time distribution',
    request: () => ({
      method: 'GET',
      url: '/api/reports/lead-time-distribution?from=2026-04-01&to=2026-04-30',
    }),
    expect: { admin: 200, head: 200, rep: 403, marketer: 200, capture: 403 },
  },
  {
    action: "get the rep's own lead",
    request: (f) => ({ method: 'GET', url: `/api/leads/${f.leads.own}` }),
    expect: everyUser(200),
  },
  {
    action: "get another rep's lead",
    request: (f) => ({ method: 'GET', url: `/api/leads/${f.leads.other}` }),
    expect: { admin: 200, head: 200, rep: 404, marketer: 200, capture: 403 },
  },
  {
    action: 'get a pool lead',
    request: (f) => ({ method: 'GET', url: `/api/leads/${f.leads.pool}` }),
    expect: everyUser(200),
  },
  {
    action: "patch the rep's own lead",
    request: (f) => ({
      method: 'PATCH',
      url: `/api/leads/${f.leads.own}`,
      payload: { company: 'Vector LLC' },
    }),
    expect: { admin: 200, head: 200, rep: 200, marketer: 403, capture: 403 },
  },
  {
    action: "patch another rep's lead",
    request: (f) => ({
      method: 'PATCH',
      url: `/api/leads/${f.leads.other}`,
      payload: { company: 'Vector LLC' },
    }),
    expect: { admin: 200, head: 200, rep: 404, marketer: 403, capture: 403 },
  },
  {
    action: 'patch a pool lead (without claiming it)',
    request: (f) => ({
      method: 'PATCH',
      url: `/api/leads/${f.leads.pool}`,
      payload: { company: 'Vector LLC' },
    }),
    expect: { admin: 200, head: 200, rep: 403, marketer: 403, capture: 403 },
  },
  {
    action: "reassign the rep's own lead by PATCH ownerId",
    request: (f) => ({
      method: 'PATCH',
      url: `/api/leads/${f.leads.own}`,
      payload: { ownerId: f.otherRep.id },
    }),
    expect: { admin: 200, head: 200, rep: 403, marketer: 403, capture: 403 },
  },
  {
    action: 'merge two leads',
    request: (f) => ({
      method: 'POST',
      url: `/api/leads/${f.leads.pool}/merge`,
      payload: { sourceId: f.leads.spare },
    }),
    expect: { admin: 200, head: 200, rep: 403, marketer: 403, capture: 403 },
  },
  {
    action: 'list the duplicate review queue',
    request: () => ({ method: 'GET', url: '/api/duplicates' }),
    expect: everyUser(200),
  },
  {
    action: 'list raw inquiries',
    request: () => ({ method: 'GET', url: '/api/inquiries' }),
    expect: { admin: 200, head: 200, rep: 403, marketer: 200, capture: 403 },
  },
  {
    action: 'capture a lead',
    request: () => ({
      method: 'POST',
      url: '/api/leads',
      payload: { name: 'Walk In', phone: '+79161234567' },
    }),
    expect: { admin: 201, head: 201, rep: 201, marketer: 201, capture: 201 },
  },
  {
    action: 'create a channel',
    request: () => ({ method: 'POST', url: '/api/channels', payload: { code: 'expo', name: 'Exhibition' } }),
    expect: { admin: 201, head: 201, rep: 403, marketer: 201, capture: 403 },
  },
  {
    action: 'change a channel',
    request: (f) => ({ method: 'PATCH', url: `/api/channels/${f.channelId}`, payload: { name: 'Renamed' } }),
    expect: { admin: 200, head: 200, rep: 403, marketer: 200, capture: 403 },
  },
  {
    action: 'create a campaign',
    request: (f) => ({
      method: 'POST',
      url: '/api/campaigns',
      payload: { channelId: f.channelId, name: 'Spring sale' },
    }),
    expect: { admin: 201, head: 201, rep: 403, marketer: 201, capture: 403 },
  },
  {
    action: 'list users',
    request: () => ({ method: 'GET', url: '/api/users' }),
    expect: { admin: 200, head: 200, rep: 403, marketer: 403, capture: 403 },
  },
  {
    action: 'create a user',
    request: () => ({
      method: 'POST',
      url: '/api/users',
      payload: { email: 'newcomer@example.com', name: 'Newcomer', role: 'rep' },
    }),
    expect: { admin: 201, head: 403, rep: 403, marketer: 403, capture: 403 },
  },
  {
    action: "change a user's role",
    request: (f) => ({ method: 'PATCH', url: `/api/users/${f.otherRep.id}`, payload: { role: 'head' } }),
    expect: { admin: 200, head: 403, rep: 403, marketer: 403, capture: 403 },
  },
  {
    action: 'list teams',
    request: () => ({ method: 'GET', url: '/api/teams' }),
    expect: everyUser(200),
  },
  {
    action: 'create a team',
    request: (f) => ({
      method: 'POST',
      url: '/api/teams',
      payload: { name: 'North', memberIds: [f.otherRep.id] },
    }),
    expect: { admin: 201, head: 201, rep: 403, marketer: 403, capture: 403 },
  },
  {
    action: 'record an absence',
    request: (f) => ({
      method: 'POST',
      url: `/api/users/${f.otherRep.id}/absences`,
      payload: { startsAt: '2026-03-10T00:00:00Z', endsAt: '2026-03-12T00:00:00Z' },
    }),
    expect: { admin: 201, head: 201, rep: 403, marketer: 403, capture: 403 },
  },
  {
    action: 'read the visibility setting',
    request: () => ({ method: 'GET', url: '/api/settings/visibility' }),
    expect: everyUser(200),
  },
  {
    action: 'change the visibility setting',
    request: () => ({ method: 'PUT', url: '/api/settings/visibility', payload: { repsSeeAllLeads: true } }),
    expect: { admin: 200, head: 403, rep: 403, marketer: 403, capture: 403 },
  },
  {
    action: 'list API tokens (own, or all for admins)',
    request: () => ({ method: 'GET', url: '/api/tokens' }),
    expect: everyUser(200),
  },
  {
    action: 'create an own API token',
    request: () => ({ method: 'POST', url: '/api/tokens', payload: { name: 'script', scope: 'read' } }),
    expect: { admin: 201, head: 201, rep: 201, marketer: 201, capture: 403 },
  },
  {
    action: 'create a token for another user',
    request: (f) => ({
      method: 'POST',
      url: '/api/tokens',
      payload: { name: 'theirs', scope: 'full', userId: f.otherRep.id },
    }),
    expect: { admin: 201, head: 403, rep: 403, marketer: 403, capture: 403 },
  },
];

let ctx: TestContext;
before(async () => {
  ctx = await createTestContext();
});
after(async () => ctx.close());

async function newLead(name: string, email: string, ownerId: string | null): Promise<string> {
  const response = await capture(ctx, { name, email });
  assert.equal(response.statusCode, 201, response.body);
  const id = bodyOf<{ lead: { id: string } }>(response).lead.id;
  await updateLead(ctx.database.db, id, { ownerId });
  return id;
}

/** A clean database with the fixture: four users of each role, another rep, four leads, a channel. */
async function buildFixture(): Promise<Fixture> {
  await ctx.reset();
  const users = {
    admin: await createTestUser(ctx, 'admin'),
    head: await createTestUser(ctx, 'head'),
    rep: await createTestUser(ctx, 'rep'),
    marketer: await createTestUser(ctx, 'marketer'),
  };
  const otherRep = await createTestUser(ctx, 'rep');
  // Captured together, so the intake pipeline commits them in one batch.
  ctx.clock.advance(60_000);
  const [own, other, pool, spare] = await Promise.all([
    newLead('Olga Ownova', 'olga@own.example', users.rep.id),
    newLead('Pavel Chuzhoy', 'pavel@other.example', otherRep.id),
    newLead('Nina Pulova', 'nina@pool.example', null),
    newLead('Semyon Zapasov', 'semyon@spare.example', null),
  ]);
  const leads = { own, other, pool, spare } as Fixture['leads'];
  const channel = await ctx.app.inject({
    method: 'POST',
    url: '/api/channels',
    headers: asAdmin,
    payload: { code: 'site', name: 'Website' },
  });
  assert.equal(channel.statusCode, 201, channel.body);
  return { users, otherRep, leads, channelId: bodyOf<{ id: string }>(channel).id };
}

const headersOf = (f: Fixture, actor: Actor) => (actor === 'capture' ? asCapture : f.users[actor].headers);

const ID = '0190a0a0-0000-7000-8000-000000000000';
const PLACEHOLDER = {
  users: { admin: { id: ID }, head: { id: ID }, rep: { id: ID }, marketer: { id: ID } },
  otherRep: { id: ID },
  leads: { own: ID, other: ID, pool: ID, spare: ID },
  channelId: ID,
} as unknown as Fixture;

for (const row of MATRIX) {
  // Reads change nothing, so the actors of a read row share one fixture; writes get a fresh one.
  const readOnly = row.request(PLACEHOLDER).method === 'GET';
  describe(row.action, () => {
    let shared: Fixture | undefined;
    for (const actor of ACTORS) {
      const status = row.expect[actor];
      test(`${actor} → ${status}`, async () => {
        if (!readOnly || !shared) shared = await buildFixture();
        const f = shared;
        const response = await ctx.app.inject({ ...row.request(f), headers: headersOf(f, actor) });
        assert.equal(response.statusCode, status, response.body);
        if (status === 403 || status === 404) {
          assert.match(response.headers['content-type'] as string, /^application\/problem\+json/);
          const problem = bodyOf<{ status: number; code: string; detail: string }>(response);
          assert.equal(problem.status, status);
          assert.equal(problem.code, status === 403 ? 'forbidden' : 'not_found');
          assert.ok(problem.detail.length > 10, 'the problem says what was refused');
        }
      });
    }
  });
}

describe('lead visibility of reps', () => {
  type Page = { items: { id: string }[] };
  const listAs = async (user: TestUser) =>
    bodyOf<Page>(await ctx.app.inject({ method: 'GET', url: '/api/leads', headers: user.headers }))
      .items.map((l) => l.id)
      .sort();

  test("a rep sees their own leads and the pool, not another rep's, until reps may see all", async () => {
    const f = await buildFixture();
    const { own, other, pool, spare } = f.leads;
    assert.deepEqual(await listAs(f.users.rep), [own, pool, spare].sort());
    assert.deepEqual(await listAs(f.otherRep), [other, pool, spare].sort());
    assert.deepEqual(await listAs(f.users.head), [own, other, pool, spare].sort());
    assert.deepEqual(await listAs(f.users.marketer), [own, other, pool, spare].sort());

    const search = bodyOf<Page>(
      await ctx.app.inject({ method: 'GET', url: '/api/leads?q=pavel', headers: f.users.rep.headers }),
    );
    assert.deepEqual(search.items, [], 'search does not reach invisible leads');

    const changed = await ctx.app.inject({
      method: 'PUT',
      url: '/api/settings/visibility',
      headers: asAdmin,
      payload: { repsSeeAllLeads: true },
    });
    assert.deepEqual(bodyOf(changed), { repsSeeAllLeads: true });
    assert.deepEqual(await listAs(f.users.rep), [own, other, pool, spare].sort());
    const detail = await ctx.app.inject({
      method: 'GET',
      url: `/api/leads/${other}`,
      headers: f.users.rep.headers,
    });
    assert.equal(detail.statusCode, 200);
    const patch = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/leads/${other}`,
      headers: f.users.rep.headers,
      payload: { company: 'Mine now?' },
    });
    assert.equal(patch.statusCode, 403, 'seeing a lead is not owning it');
    assert.match(bodyOf<{ detail: string }>(patch).detail, /owner/);
  });

  test('LEADFLOW_REPS_SEE_ALL_LEADS sets the default until an admin saves the setting', async () => {
    const open = await createTestContext({ env: { LEADFLOW_REPS_SEE_ALL_LEADS: 'true' } });
    try {
      const rep = await createTestUser(open, 'rep');
      const read = await open.app.inject({
        method: 'GET',
        url: '/api/settings/visibility',
        headers: rep.headers,
      });
      assert.deepEqual(bodyOf(read), { repsSeeAllLeads: true });
      const stranger = await createTestUser(open, 'rep');
      const response = await capture(open, { name: 'Owned Elsewhere', email: 'else@example.com' });
      const id = bodyOf<{ lead: { id: string } }>(response).lead.id;
      await updateLead(open.database.db, id, { ownerId: stranger.id });
      const seen = await open.app.inject({ method: 'GET', url: `/api/leads/${id}`, headers: rep.headers });
      assert.equal(seen.statusCode, 200);
      await open.app.inject({
        method: 'PUT',
        url: '/api/settings/visibility',
        headers: asAdmin,
        payload: { repsSeeAllLeads: false },
      });
      const hidden = await open.app.inject({ method: 'GET', url: `/api/leads/${id}`, headers: rep.headers });
      assert.equal(hidden.statusCode, 404);
    } finally {
      await open.close();
    }
  });
});
