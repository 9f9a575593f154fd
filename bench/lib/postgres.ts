import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { splitSocketHost } from '../../src/store/db.ts';

export type BenchPostgres = {
  url: string;
  stop: () => Promise<void>;
  description: string;
  /** The database was kept from an earlier run (BENCH_KEEP=1) and may already hold its data. */
  reused: boolean;
};

const PG_BIN = process.env.LEADFLOW_PG_BIN ?? '/usr/lib/postgresql/15/bin';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Runs a PostgreSQL binary, as the `postgres` user when we are root (initdb refuses root). */
function runPg(binary: string, args: string[]): void {
  const command = join(PG_BIN, binary);
  if (process.getuid?.() === 0) {
    const quoted = [command, ...args].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
    execFileSync('su', ['postgres', '-s', '/bin/sh', '-c', quoted], { stdio: 'ignore' });
  } else {
    execFileSync(command, args, { stdio: 'ignore' });
  }
}

/** A postgres.js client for a benchmark's own statements; Unix-socket URLs work as for the server. */
export function benchClient(url: string, options: { max: number }): postgres.Sql {
  const target = splitSocketHost(url);
  return postgres(target.url, {
    ...options,
    onnotice: () => {},
    ...(target.host ? { host: target.host } : {}),
  });
}

/**
 * A fresh database for a benchmark: on the server named by BENCH_DATABASE_URL, or on a throwaway
 * PostgreSQL started from LEADFLOW_PG_BIN (default: Debian's PostgreSQL 15) and removed afterwards.
 * With BENCH_DATABASE_URL and BENCH_KEEP=1 the database outlives the run and is reused by the
 * next one, so iterating on queries does not regenerate the data each time.
 */
export async function benchPostgres(name: string): Promise<BenchPostgres> {
  const serverUrl = process.env.BENCH_DATABASE_URL;
  if (serverUrl) {
    const keep = process.env.BENCH_KEEP === '1';
    const admin = benchClient(serverUrl, { max: 1 });
    const [existing] = await admin`SELECT 1 AS found FROM pg_database WHERE datname = ${name}`;
    const reused = keep && existing !== undefined;
    if (!reused) {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.unsafe(`CREATE DATABASE ${name}`);
    }
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      description: `PostgreSQL at ${url.host} (BENCH_DATABASE_URL${reused ? ', kept from an earlier run' : ''})`,
      reused,
      stop: async () => {
        if (!keep) await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      },
    };
  }
  if (!existsSync(join(PG_BIN, 'initdb'))) {
    console.error(
      `No PostgreSQL: set BENCH_DATABASE_URL=postgres://… or LEADFLOW_PG_BIN to a folder with initdb and pg_ctl.`,
    );
    process.exit(1);
  }
  const dir = mkdtempSync(join(tmpdir(), 'leadflow-bench-pg-'));
  if (process.getuid?.() === 0)
    chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString().trim()), 0);
  const port = await freePort();
  runPg('initdb', ['-D', join(dir, 'data'), '-A', 'trust', '-U', 'postgres', '-E', 'UTF8']);
  runPg('pg_ctl', [
    '-D',
    join(dir, 'data'),
    '-l',
    join(dir, 'log'),
    '-w',
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c shared_buffers=1GB -c max_wal_size=4GB -c max_connections=200`,
    'start',
  ]);
  const version = execFileSync(join(PG_BIN, 'postgres'), ['--version']).toString().trim();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    description: `throwaway ${version} on port ${port}`,
    reused: false,
    stop: async () => {
      runPg('pg_ctl', ['-D', join(dir, 'data'), '-m', 'fast', 'stop']);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
