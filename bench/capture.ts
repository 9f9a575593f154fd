// npm run bench:capture — capture throughput over HTTP on real PostgreSQL.
// Preloads BENCH_PRELOAD leads (default 1,000,000), starts `leadflow start` as its own process on
// that database, then drives POST /api/leads with autocannon for BENCH_DURATION seconds (default 30):
// realistic form payloads, about 20 % of them repeats of known people. Prints leads/s, latency and
// errors, and checks in the database that every acknowledged inquiry is stored.

import { join } from 'node:path';
import {
  CONNECTIONS,
  driveCaptureServer,
  openCaptureDatabase,
  PRELOAD,
  printRows,
  ROOT,
} from './lib/captureLoad.ts';

const PORT = 3900 + Math.floor(Math.random() * 90);
const TOKEN = 'bench-capture-token-0123456789';
const ADMIN = 'bench-admin-token-0123456789';

async function main(): Promise<void> {
  const { pg, sql } = await openCaptureDatabase();
  try {
    const [before] = await sql<{ leads: number; inquiries: number }[]>`
      SELECT (SELECT count(*)::int FROM leads) AS leads, (SELECT count(*)::int FROM inquiries) AS inquiries`;
    const { result, cpu } = await driveCaptureServer({
      args: [join(ROOT, 'bin/leadflow.js'), 'start'],
      env: {
        DATABASE_URL: pg.url,
        LEADFLOW_ADMIN_TOKEN: ADMIN,
        LEADFLOW_CAPTURE_TOKENS: TOKEN,
        LEADFLOW_TRUST_PROXY: 'true',
        LOG_LEVEL: 'warn',
      },
      port: PORT,
      healthPath: '/health',
      token: TOKEN,
      // New people of this run are new to a kept database too.
      firstNew: 100_000_000 + (before?.leads ?? 0),
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
    printRows('bench:capture — POST /api/leads over HTTP on loopback', [
      ['preloaded leads', PRELOAD.toLocaleString('en'), ''],
      ['duration, s', result.duration.toFixed(1), ''],
      ['connections', String(CONNECTIONS), ''],
      [
        'captured leads/s',
        capturedPerSecond.toFixed(0),
        capturedPerSecond >= 5000 ? 'PASS (>= 5000)' : 'FAIL (>= 5000)',
      ],
      ['cores: server / PostgreSQL / load / idle', cpu, ''],
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
    ]);
  } finally {
    await sql.end();
    await pg.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
