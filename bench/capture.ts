// npm run bench:capture — capture throughput over HTTP on real PostgreSQL.
// Preloads BENCH_PRELOAD leads (default 1,000,000), starts `leadflow start` as its own process on
// that database, then drives POST /api/leads with autocannon for BENCH_DURATION seconds (default 30):
// realistic form payloads, about 20 % of them repeats of known people. Prints leads/s, latency and
// errors, and checks in the database that every acknowledged inquiry is stored.

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { DEFAULT_MATCHER_CONFIG } from '../src/domain/dedup/index.ts';
import { migrateDatabase, openPostgres } from '../src/store/db.ts';
import { personAt } from './lib/people.ts';
import { benchClient, benchPostgres } from './lib/postgres.ts';
import { preloadLeads } from './lib/preload.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const PRELOAD = Number(process.env.BENCH_PRELOAD ?? 1_000_000);
const DURATION = Number(process.env.BENCH_DURATION ?? 30);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);
const REPEAT_SHARE = 0.2;
const PORT = 3900 + Math.floor(Math.random() * 90);
const TOKEN = 'bench-capture-token-0123456789';
const ADMIN = 'bench-admin-token-0123456789';

const CAMPAIGNS = ['spring_sale', 'brand', 'retargeting', 'webinar_march', 'quiz'];

let fresh = 100_000_000;
let sent = 0;

/** One form submission: a new person, or (20 %) a known one coming back, maybe with a new phone. */
function nextPayload(): string {
  sent++;
  const repeat = Math.random() < REPEAT_SHARE && PRELOAD > 0;
  const index = repeat ? Math.floor(Math.random() * PRELOAD) : fresh++;
  const person = personAt(index);
  const now = Date.now();
  return JSON.stringify({
    name: person.name,
    // Repeats come back by email or by phone, like real people do.
    ...(repeat && sent % 2 === 0 ? { phone: person.phone } : { email: person.email, phone: person.phone }),
    ...(person.company ? { company: person.company } : {}),
    interest: 'Please call me back about the price list',
    utm_source: 'yandex',
    utm_medium: 'cpc',
    utm_campaign: CAMPAIGNS[sent % CAMPAIGNS.length],
    landingPage: 'https://example.ru/landing?utm_source=yandex',
    referrer: 'https://yandex.ru/search/',
    formId: 'landing-main',
    visitorId: `v-${index}`,
    consent: true,
    consentText: 'I agree to the processing of my personal data',
    formShownAt: now - 20_000 - (index % 40_000),
  });
}

const randomIp = () => `10.${(sent >> 16) & 255}.${(sent >> 8) & 255}.${sent & 255}`;

async function waitForServer(url: string): Promise<void> {
  for (let attempt = 0; attempt < 300; attempt++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the server did not start');
}

async function preload(sql: ReturnType<typeof benchClient>): Promise<void> {
  const startedPreload = performance.now();
  await preloadLeads(sql, {
    count: PRELOAD,
    matcher: DEFAULT_MATCHER_CONFIG,
    since: new Date(Date.now() - 365 * 86_400_000),
    until: new Date(Date.now() - 86_400_000),
    onProgress: (done) =>
      process.stdout.write(
        `\rpreloading leads: ${done.toLocaleString('en')} / ${PRELOAD.toLocaleString('en')}`,
      ),
  });
  await sql`VACUUM ANALYZE`;
  console.log(
    `\npreloaded ${PRELOAD.toLocaleString('en')} leads in ${((performance.now() - startedPreload) / 1000).toFixed(0)} s`,
  );
}

async function main(): Promise<void> {
  const pg = await benchPostgres('leadflow_bench_capture');
  console.log(`database: ${pg.description}`);
  const database = await openPostgres(pg.url, 4);
  await migrateDatabase(database);
  await database.close();

  const sql = benchClient(pg.url, { max: 2 });
  // BENCH_KEEP=1 (with BENCH_DATABASE_URL) keeps the database: the next run skips the preload and
  // starts from it as the last run left it (a little larger each time).
  if (!pg.reused) await preload(sql);
  else console.log('reusing the database of an earlier run (BENCH_KEEP=1): no preload');
  const [before] = await sql<{ leads: number; inquiries: number }[]>`
    SELECT (SELECT count(*)::int FROM leads) AS leads, (SELECT count(*)::int FROM inquiries) AS inquiries`;
  // New people of this run are new to a kept database too.
  fresh += before?.leads ?? 0;

  // BENCH_SERVER_NODE_ARGS passes flags to the server's node (e.g. "--cpu-prof" to profile it).
  const serverNodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const server = spawn(process.execPath, [...serverNodeArgs, join(ROOT, 'bin/leadflow.js'), 'start'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: pg.url,
      PORT: String(PORT),
      HOST: '127.0.0.1',
      LEADFLOW_ADMIN_TOKEN: ADMIN,
      LEADFLOW_CAPTURE_TOKENS: TOKEN,
      LEADFLOW_TRUST_PROXY: 'true',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  try {
    await waitForServer(`http://127.0.0.1:${PORT}/health`);
    const result = await autocannon({
      url: `http://127.0.0.1:${PORT}`,
      connections: CONNECTIONS,
      duration: DURATION,
      requests: [
        {
          method: 'POST',
          path: '/api/leads',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
          setupRequest: (request) => ({
            ...request,
            body: nextPayload(),
            headers: { ...request.headers, 'x-forwarded-for': randomIp() },
          }),
        },
      ],
    });
    const [afterRun] = await sql<
      { leads: number; inquiries: number; created: number; attached: number; failed: number }[]
    >`
      SELECT (SELECT count(*)::int FROM leads) AS leads,
             (SELECT count(*)::int FROM inquiries) AS inquiries,
             (SELECT count(*)::int FROM inquiries WHERE actor <> 'bench:preload' AND outcome = 'created') AS created,
             (SELECT count(*)::int FROM inquiries WHERE outcome = 'attached') AS attached,
             (SELECT count(*)::int FROM inquiries WHERE outcome IN ('failed', 'rejected')) AS failed`;
    const acknowledged = result['2xx'];
    const errors = result.errors + result.timeouts + result.non2xx;
    const stored = (afterRun?.inquiries ?? 0) - (before?.inquiries ?? 0);
    const capturedPerSecond = acknowledged / result.duration;
    const rows: [string, string, string][] = [
      ['preloaded leads', PRELOAD.toLocaleString('en'), ''],
      ['duration, s', result.duration.toFixed(1), ''],
      ['connections', String(CONNECTIONS), ''],
      [
        'captured leads/s',
        capturedPerSecond.toFixed(0),
        capturedPerSecond >= 5000 ? 'PASS (>= 5000)' : 'FAIL (>= 5000)',
      ],
      ['latency p50, ms', String(result.latency.p50), ''],
      [
        'latency p99, ms',
        String(result.latency.p99),
        result.latency.p99 <= 50 ? 'PASS (<= 50)' : 'FAIL (<= 50)',
      ],
      ['errors (non-2xx, socket, timeouts)', String(errors), errors === 0 ? 'PASS (0)' : 'FAIL (0)'],
      ['acknowledged (2xx)', acknowledged.toLocaleString('en'), ''],
      [
        'stored inquiries',
        stored.toLocaleString('en'),
        stored >= acknowledged ? 'PASS (every acknowledged one is stored)' : 'FAIL',
      ],
      ['  created leads / attached to a known card', `${afterRun?.created} / ${afterRun?.attached}`, ''],
      ['  failed or rejected', String(afterRun?.failed), ''],
    ];
    console.log('\nbench:capture — POST /api/leads over HTTP on loopback');
    for (const [name, value, verdict] of rows)
      console.log(`${name.padEnd(44)} ${value.padStart(12)}  ${verdict}`);
  } finally {
    server.kill('SIGTERM');
    await once(server, 'exit');
    await sql.end();
    await pg.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
