import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { DEFAULT_MATCHER_CONFIG } from '../../src/domain/dedup/index.ts';
import { migrateDatabase, openPostgres } from '../../src/store/db.ts';
import { capturePayloads } from './capturePayloads.ts';
import { cpuShares, cpuSnapshot } from './cpuShare.ts';
import { type BenchPostgres, benchClient, benchPostgres } from './postgres.ts';
import { preloadLeads } from './preload.ts';

/** The repository, where the servers run. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const PRELOAD = Number(process.env.BENCH_PRELOAD ?? 1_000_000);
export const DURATION = Number(process.env.BENCH_DURATION ?? 30);
export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);

export type CaptureDatabase = { pg: BenchPostgres; sql: ReturnType<typeof benchClient> };

/**
 * The capture benchmarks' database: migrated and preloaded with PRELOAD leads, or, with BENCH_KEEP=1
 * and BENCH_DATABASE_URL, the one an earlier run left (a little larger each time).
 */
export async function openCaptureDatabase(): Promise<CaptureDatabase> {
  const pg = await benchPostgres('leadflow_bench_capture');
  console.log(`database: ${pg.description}`);
  const database = await openPostgres(pg.url, 4);
  await migrateDatabase(database);
  await database.close();
  const sql = benchClient(pg.url, { max: 2 });
  if (pg.reused) {
    console.log('reusing the database of an earlier run (BENCH_KEEP=1): no preload');
    return { pg, sql };
  }
  const started = performance.now();
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
    `\npreloaded ${PRELOAD.toLocaleString('en')} leads in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
  return { pg, sql };
}

async function waitForServer(url: string): Promise<void> {
  for (let attempt = 0; attempt < 300; attempt++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the server did not start');
}

/**
 * Starts a server as its own process (`args` after node's own flags; BENCH_SERVER_NODE_ARGS adds
 * flags such as "--cpu-prof"), waits for `healthPath`, drives POST /api/leads on it with
 * autocannon for DURATION seconds, and stops it. `cpu` says how many cores the server, PostgreSQL,
 * the load generator and idleness took during the run.
 */
export async function driveCaptureServer(options: {
  args: string[];
  env: Record<string, string>;
  port: number;
  healthPath: string;
  token: string;
  /** Index of the first new person: beyond everyone the database already holds. */
  firstNew: number;
}): Promise<{ result: autocannon.Result; cpu: string }> {
  const serverNodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const server: ChildProcess = spawn(process.execPath, [...serverNodeArgs, ...options.args], {
    cwd: ROOT,
    env: { ...process.env, ...options.env, PORT: String(options.port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const payloads = capturePayloads(PRELOAD, options.firstNew);
  try {
    await waitForServer(`http://127.0.0.1:${options.port}${options.healthPath}`);
    const before = cpuSnapshot(server.pid);
    const result = await autocannon({
      url: `http://127.0.0.1:${options.port}`,
      connections: CONNECTIONS,
      duration: DURATION,
      requests: [
        {
          method: 'POST',
          path: '/api/leads',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${options.token}` },
          setupRequest: (request) => ({
            ...request,
            body: payloads.next(),
            headers: { ...request.headers, 'x-forwarded-for': payloads.ip() },
          }),
        },
      ],
    });
    return { result, cpu: cpuShares(before, cpuSnapshot(server.pid)) };
  } finally {
    server.kill('SIGTERM');
    await once(server, 'exit');
  }
}

/** Prints a benchmark's table: name, value, verdict. */
export function printRows(title: string, rows: [string, string, string][]): void {
  console.log(`\n${title}`);
  for (const [name, value, verdict] of rows)
    console.log(`${name.padEnd(44)} ${value.padStart(12)}  ${verdict}`);
}
