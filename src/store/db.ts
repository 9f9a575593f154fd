import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { citext } from '@electric-sql/pglite/contrib/citext';
import { fuzzystrmatch } from '@electric-sql/pglite/contrib/fuzzystrmatch';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { schemaTables as captureTables } from './schema.ts';
import { economicsTables } from './schemaEconomics.ts';
import { formTables } from './schemaForms.ts';
import { workflowTables } from './schemaWorkflow.ts';

const schemaTables = { ...captureTables, ...workflowTables, ...economicsTables, ...formTables };

type Schema = typeof schemaTables;
/** One type for both drivers, so every query is written once. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Queries take either the database or an open transaction. */
export type Executor = Db | Tx;

export type Database = {
  db: Db;
  driver: 'pglite' | 'postgres';
  /** Concurrent transactions the driver can usefully run (PGlite has one connection). */
  maxConcurrency: number;
  close: () => Promise<void>;
};

export const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

const pgliteExtensions = { pg_trgm, fuzzystrmatch, unaccent, citext };

export async function openPglite(dataDir: string | undefined): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create({ dataDir, extensions: pgliteExtensions });
  const db = drizzlePglite(client, { schema: schemaTables }) as unknown as Db;
  return { db, driver: 'pglite', maxConcurrency: 1, close: () => client.close() };
}

/**
 * Unix-socket URLs as libpq writes them (`postgres://user@localhost:5432/db?host=/var/run/postgresql`):
 * the socket folder moves from the query to the driver's host option.
 */
export function splitSocketHost(url: string): { url: string; host?: string } {
  const parsed = new URL(url);
  const host = parsed.searchParams.get('host');
  if (!host?.startsWith('/')) return { url };
  parsed.searchParams.delete('host');
  return { url: parsed.toString(), host };
}

/**
 * drizzle sends every statement unnamed, and postgres.js then asks the server for the parameter
 * types before each run: two round trips and a fresh parse per statement. Named statements are
 * described once per connection (postgres.js recycles connections within the hour, which bounds
 * the statements kept). The connection plans each run anew (force_custom_plan), so a statement
 * is still planned for its actual values, as an unnamed one was.
 */
function preparingStatements(client: postgres.Sql): postgres.Sql {
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property === 'unsafe') {
        return (query: string, params?: unknown[], options?: postgres.UnsafeQueryOptions) =>
          target.unsafe(query, params as postgres.ParameterOrJSON<never>[], { ...options, prepare: true });
      }
      if (property === 'begin' || property === 'savepoint') {
        // Transactions run on a connection of their own: its statements are named too.
        return (...args: unknown[]) => {
          const run = args.pop() as (tx: postgres.Sql) => unknown;
          const method = Reflect.get(target, property) as (...a: unknown[]) => unknown;
          return method(...args, (tx: postgres.Sql) => run(preparingStatements(tx)));
        };
      }
      return Reflect.get(target, property, receiver);
    },
  });
}

export async function openPostgres(url: string, poolSize = 10): Promise<Database> {
  const target = splitSocketHost(url);
  const client = postgres(target.url, {
    max: poolSize,
    onnotice: () => {},
    connection: { TimeZone: 'UTC', plan_cache_mode: 'force_custom_plan' },
    ...(target.host ? { host: target.host } : {}),
  });
  const db = drizzlePostgres(preparingStatements(client), { schema: schemaTables }) as unknown as Db;
  return { db, driver: 'postgres', maxConcurrency: poolSize, close: () => client.end({ timeout: 5 }) };
}

/** Opens PostgreSQL when a URL is given, otherwise the embedded PGlite under `dataDir/pglite`. */
export async function openDatabase(options: { databaseUrl?: string; dataDir?: string }): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl);
  return openPglite(options.dataDir ? join(options.dataDir, 'pglite') : undefined);
}

export async function migrateDatabase(database: Database): Promise<void> {
  if (database.driver === 'pglite') {
    const db = database.db as unknown as Parameters<typeof migratePglite>[0];
    await migratePglite(db, { migrationsFolder: MIGRATIONS_DIR });
  } else {
    const db = database.db as unknown as Parameters<typeof migratePostgres>[0];
    await migratePostgres(db, { migrationsFolder: MIGRATIONS_DIR });
  }
}
