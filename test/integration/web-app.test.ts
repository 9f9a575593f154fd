import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { loadConfig } from '../../src/config.ts';
import { DEFAULT_MATCHER_CONFIG } from '../../src/domain/dedup/index.ts';
import { type App, buildApp } from '../../src/http/app.ts';
import type { Database } from '../../src/store/db.ts';
import { bodyOf } from '../helpers/app.ts';
import { openTestDatabase } from '../helpers/database.ts';

const INDEX_HTML = '<!doctype html><html><body><div id="root"></div>leadflow-web-test-index</body></html>';
const ASSET_JS = 'console.log("leadflow-web-test-asset");';

let database: Database;
let distDir: string;
let withBuild: App;
let withoutBuild: App;

async function appServing(webDistDir: string): Promise<App> {
  const app = await buildApp({
    database,
    config: loadConfig({ LOG_LEVEL: 'silent', LEADFLOW_DATA_DIR: '/nonexistent-test-data-dir' }),
    matcher: DEFAULT_MATCHER_CONFIG,
    webDistDir,
  });
  await app.ready();
  return app;
}

before(async () => {
  database = await openTestDatabase();
  distDir = mkdtempSync(path.join(tmpdir(), 'leadflow-web-'));
  mkdirSync(path.join(distDir, 'assets'));
  writeFileSync(path.join(distDir, 'index.html'), INDEX_HTML);
  writeFileSync(path.join(distDir, 'assets', 'index-abc123.js'), ASSET_JS);
  writeFileSync(path.join(distDir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  withBuild = await appServing(distDir);
  withoutBuild = await appServing(path.join(distDir, 'missing'));
});

after(async () => {
  await withBuild.close();
  await withoutBuild.close();
  await database.close();
  rmSync(distDir, { recursive: true, force: true });
});

describe('the web app at /', () => {
  test('/ answers index.html', async () => {
    const response = await withBuild.inject({ method: 'GET', url: '/' });
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /^text\/html/);
    assert.ok(response.body.includes('leadflow-web-test-index'));
  });

  test('a deep link of the client-side router answers index.html (SPA fallback)', async () => {
    for (const url of ['/leads', '/leads/0b7d6a3e-1111-4222-8333-444455556666', '/tasks?view=overdue']) {
      const response = await withBuild.inject({ method: 'GET', url });
      assert.equal(response.statusCode, 200, url);
      assert.ok(response.body.includes('leadflow-web-test-index'), url);
    }
  });

  test('built files are served as they are; hashed assets are cached for long', async () => {
    const asset = await withBuild.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    assert.equal(asset.statusCode, 200);
    assert.equal(asset.body, ASSET_JS);
    assert.match(String(asset.headers['content-type']), /javascript/);
    assert.match(String(asset.headers['cache-control']), /immutable/);
    const icon = await withBuild.inject({ method: 'GET', url: '/favicon.svg' });
    assert.equal(icon.statusCode, 200);
    assert.match(String(icon.headers['content-type']), /^image\/svg\+xml/);
  });

  test('a missing asset is a 404, not index.html', async () => {
    const response = await withBuild.inject({ method: 'GET', url: '/assets/gone-000.js' });
    assert.equal(response.statusCode, 404);
    assert.ok(!response.body.includes('leadflow-web-test-index'));
  });

  test('paths that try to leave the build folder get index.html, never the file', async () => {
    const response = await withBuild.inject({ method: 'GET', url: '/..%2f..%2fetc%2fpasswd' });
    assert.equal(response.statusCode, 200);
    assert.ok(response.body.includes('leadflow-web-test-index'));
    assert.ok(!response.body.includes('root:'));
  });

  test('an unknown /api path stays a problem+json 404', async () => {
    for (const app of [withBuild, withoutBuild]) {
      const response = await app.inject({ method: 'GET', url: '/api/no-such-thing?x=1' });
      assert.equal(response.statusCode, 404);
      assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
      assert.equal(bodyOf<{ code: string }>(response).code, 'not_found');
    }
    const bare = await withBuild.inject({ method: 'GET', url: '/api' });
    assert.equal(bare.statusCode, 404);
    assert.match(String(bare.headers['content-type']), /^application\/problem\+json/);
  });

  test('the API and its docs still answer as before', async () => {
    const health = await withBuild.inject({ method: 'GET', url: '/health' });
    assert.equal(health.statusCode, 200);
    assert.match(String(health.headers['content-type']), /^application\/json/);
    const openapi = await withBuild.inject({ method: 'GET', url: '/openapi.json' });
    assert.equal(openapi.statusCode, 200);
    assert.ok(bodyOf<{ openapi: string }>(openapi).openapi.startsWith('3.'));
    const me = await withBuild.inject({ method: 'GET', url: '/api/auth/me' });
    assert.equal(me.statusCode, 401);
  });

  test('a POST to a non-API path is not answered by the web app', async () => {
    const response = await withBuild.inject({ method: 'POST', url: '/leads', payload: {} });
    assert.equal(response.statusCode, 404);
    assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
  });

  test('without a build, / says how to build the web app', async () => {
    for (const url of ['/', '/leads']) {
      const response = await withoutBuild.inject({ method: 'GET', url });
      assert.equal(response.statusCode, 200, url);
      assert.match(String(response.headers['content-type']), /^text\/html/);
      assert.ok(response.body.includes('npm run build:web'), url);
    }
  });
});

describe('the web app translations', () => {
  const webSource = path.resolve(import.meta.dirname, '../../web/src');
  /** en.json and every per-area <area>.en.json, merged as web/src/i18n.ts merges them. */
  function catalogOf(locale: string): Record<string, unknown> {
    const folder = path.join(webSource, 'i18n');
    const merged: Record<string, unknown> = {};
    for (const name of readdirSync(folder)) {
      if (name !== `${locale}.json` && !name.endsWith(`.${locale}.json`)) continue;
      Object.assign(merged, JSON.parse(readFileSync(path.join(folder, name), 'utf8')));
    }
    return merged;
  }

  /** Dotted keys of a catalog, with plural suffixes (_one, _few, …) folded into the base key. */
  function keysOf(catalog: Record<string, unknown>, prefix = ''): Set<string> {
    const keys = new Set<string>();
    for (const [name, value] of Object.entries(catalog)) {
      const key = `${prefix}${name.replace(/_(zero|one|two|few|many|other)$/, '')}`;
      if (value && typeof value === 'object')
        for (const inner of keysOf(value as Record<string, unknown>, `${key}.`)) keys.add(inner);
      else keys.add(key);
    }
    return keys;
  }

  function sourceFiles(folder: string): string[] {
    return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory()
        ? sourceFiles(path.join(folder, entry.name))
        : /\.tsx?$/.test(entry.name)
          ? [path.join(folder, entry.name)]
          : [],
    );
  }

  test('English and Russian have the same keys', () => {
    const en = [...keysOf(catalogOf('en'))].sort();
    const ru = [...keysOf(catalogOf('ru'))].sort();
    assert.deepEqual(
      en.filter((key) => !ru.includes(key)),
      [],
      'keys missing in ru.json',
    );
    assert.deepEqual(
      ru.filter((key) => !en.includes(key)),
      [],
      'keys missing in en.json',
    );
  });

  test('every literal t("key") of the web app is in the catalogs', () => {
    const known = keysOf(catalogOf('en'));
    const used = new Set<string>();
    for (const file of sourceFiles(webSource)) {
      for (const match of readFileSync(file, 'utf8').matchAll(/\bt\('([a-zA-Z][\w.]*)'/g))
        used.add(match[1] ?? '');
    }
    assert.ok(used.size > 100, `found only ${used.size} keys: is the pattern still right?`);
    assert.deepEqual(
      [...used].filter((key) => !known.has(key)),
      [],
    );
  });

  test('no component renders raw HTML', () => {
    for (const file of sourceFiles(webSource)) {
      assert.ok(!readFileSync(file, 'utf8').includes('dangerouslySetInnerHTML'), file);
    }
  });
});
