// npm run bench:capture-ceiling — how many leads/s this machine can commit at all, with capture's
// own group commit and write statement and only the rows every new lead must have (see
// lib/writeOnlyServer.ts), on the same preloaded database and load as bench:capture. Whatever the
// pipeline does besides writing (normalizing, looking up duplicates, attributing, scoring, routing)
// can only make bench:capture slower than this.

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

async function main(): Promise<void> {
  const { pg, sql } = await openCaptureDatabase();
  try {
    const [before] = await sql<{ leads: number }[]>`SELECT count(*)::int AS leads FROM leads`;
    const { result, cpu } = await driveCaptureServer({
      args: ['--import', 'tsx', join(ROOT, 'bench/lib/writeOnlyServer.ts')],
      env: { DATABASE_URL: pg.url },
      port: PORT,
      healthPath: '/health',
      token: 'unused',
      firstNew: 100_000_000 + (before?.leads ?? 0),
    });
    const [afterRun] = await sql<{ leads: number }[]>`SELECT count(*)::int AS leads FROM leads`;
    const acknowledged = result['2xx'];
    const written = (afterRun?.leads ?? 0) - (before?.leads ?? 0);
    const errors = result.errors + result.timeouts + result.non2xx;
    printRows('bench:capture-ceiling — committing the rows of new leads, nothing else', [
      ['preloaded leads', PRELOAD.toLocaleString('en'), ''],
      ['duration, s', result.duration.toFixed(1), ''],
      ['connections', String(CONNECTIONS), ''],
      ['committed leads/s (the ceiling)', (acknowledged / result.duration).toFixed(0), ''],
      ['cores: server / PostgreSQL / load / idle', cpu, ''],
      ['latency p50, ms', String(result.latency.p50), ''],
      ['latency p99, ms', String(result.latency.p99), ''],
      ['errors (non-2xx, socket, timeouts)', String(errors), errors === 0 ? 'PASS (0)' : 'FAIL (0)'],
      [
        'leads written',
        written.toLocaleString('en'),
        written >= acknowledged ? 'PASS (every acknowledged one is stored)' : 'FAIL',
      ],
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
