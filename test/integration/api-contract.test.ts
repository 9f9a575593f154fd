import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ADMIN_TOKEN, bodyOf, createTestContext, type TestContext } from '../helpers/app.ts';

let ctx: TestContext;
before(async () => {
  ctx = await createTestContext();
});
after(async () => ctx.close());

test('serves an OpenAPI 3 document generated from the route schemas', async () => {
  const response = await ctx.app.inject({ method: 'GET', url: '/openapi.json' });
  assert.equal(response.statusCode, 200);
  const doc = bodyOf<{
    openapi: string;
    paths: Record<string, Record<string, { requestBody?: unknown; responses: Record<string, unknown> }>>;
  }>(response);
  assert.match(doc.openapi, /^3\./);
  for (const path of [
    '/api/leads',
    '/api/leads/{id}',
    '/api/leads/{id}/merge',
    '/api/duplicates',
    '/api/contacts',
    '/api/channels',
    '/api/campaigns',
  ]) {
    assert.ok(doc.paths[path], `${path} is documented`);
  }
  const captureOp = doc.paths['/api/leads']?.post;
  assert.ok(captureOp?.requestBody, 'the capture body is documented');
  assert.ok(captureOp?.responses['201'] && captureOp.responses['422'], 'its answers are documented');
  const docs = await ctx.app.inject({ method: 'GET', url: '/docs' });
  assert.ok([200, 302].includes(docs.statusCode), 'the rendered docs are served');
});

test('every API route requires a token (none is public by accident)', async () => {
  const doc = bodyOf<{ paths: Record<string, Record<string, unknown>> }>(
    await ctx.app.inject({ method: 'GET', url: '/openapi.json' }),
  );
  const publicPaths = new Set(['/health', '/api/auth/login', '/api/forms/public/{key}']);
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const method of Object.keys(operations)) {
      if (publicPaths.has(path)) continue;
      const url = path.replace('{id}', '0190a0a0-0000-7000-8000-000000000000');
      const response = await ctx.app.inject({
        method: method.toUpperCase() as 'GET',
        url,
        payload: method === 'get' ? undefined : {},
      });
      assert.equal(response.statusCode, 401, `${method.toUpperCase()} ${path} without a token`);
      assert.equal(bodyOf<{ code: string }>(response).code, 'unauthorized');
    }
  }
});

test('unknown routes and wrong tokens answer with problems, not HTML', async () => {
  const missing = await ctx.app.inject({
    method: 'GET',
    url: '/api/nothing-here',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
  });
  assert.equal(missing.statusCode, 404);
  assert.match(missing.headers['content-type'] as string, /application\/problem\+json/);
  const wrong = await ctx.app.inject({
    method: 'GET',
    url: '/api/leads',
    headers: { authorization: 'Bearer wrong-token' },
  });
  assert.equal(wrong.statusCode, 401);
  assert.match(bodyOf<{ detail: string }>(wrong).detail, /not valid/);
});

test('a database token created by the CLI service works with its scope', async () => {
  const { createApiToken } = await import('../../src/services/tokens.ts');
  const { token } = await createApiToken(ctx.database.db, { name: 'reporting', scope: 'read' });
  const read = await ctx.app.inject({
    method: 'GET',
    url: '/api/leads',
    headers: { authorization: `Bearer ${token}` },
  });
  assert.equal(read.statusCode, 200);
  const write = await ctx.app.inject({
    method: 'POST',
    url: '/api/channels',
    headers: { authorization: `Bearer ${token}` },
    payload: { code: 'x', name: 'X' },
  });
  assert.equal(write.statusCode, 403);
});
