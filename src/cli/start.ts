import cluster from 'node:cluster';
import type { Config } from '../config.ts';
import { buildApp } from '../http/app.ts';
import { createJobContext, startScheduler } from '../jobs/scheduler.ts';
import { loadMatcherConfig } from '../services/matcherConfig.ts';
import { createApiToken } from '../services/tokens.ts';
import { type Database, migrateDatabase, openDatabase } from '../store/db.ts';
import { countActiveFullTokens } from '../store/tokens.ts';
import { countUsers } from '../store/users.ts';

/** A fresh install must be usable at once: with no admin token configured or stored, make one. */
async function bootstrapAdminToken(config: Config, database: Database): Promise<void> {
  if (config.adminToken || (await countActiveFullTokens(database.db)) > 0) return;
  const { token } = await createApiToken(database.db, {
    name: 'first admin (created on first start)',
    scope: 'full',
  });
  console.log(
    `\nNo admin token was configured, so one was created. It is shown only now:\n\n  ${token}\n\n` +
      'Use it as "Authorization: Bearer <token>". Create more with `npx leadflow token create`.\n',
  );
}

/** With no users yet, say how to create the first admin who can log in. */
async function explainFirstLogin(database: Database): Promise<void> {
  if ((await countUsers(database.db)) > 0) return;
  console.log(
    '\nNo users exist yet. Create the first admin, then log in with POST /api/auth/login:\n\n' +
      '  npx leadflow user create --email you@example.com --name "Your Name" --role admin\n' +
      '  (or: npm run leadflow -- user create --email you@example.com --name "Your Name" --role admin)\n\n' +
      'Without --password a strong password is generated and shown once.\n',
  );
}

/** Listens until SIGINT/SIGTERM, then drains in-flight captures and closes the database. */
async function serve(config: Config, database: Database): Promise<void> {
  const matcher = loadMatcherConfig(config.matcherConfigPath);
  const app = await buildApp({ database, config, matcher });
  await app.listen({ port: config.port, host: config.host });
  // Every worker may run the scheduler: its jobs lock rows with SKIP LOCKED, so none fires twice.
  const scheduler = config.scheduler.enabled
    ? startScheduler(createJobContext({ database, config, clock: () => new Date(), log: app.log }), {
        intervalMs: config.scheduler.intervalSeconds * 1000,
      })
    : undefined;
  if (!cluster.isWorker) {
    const where =
      database.driver === 'pglite' ? `embedded PostgreSQL (PGlite) in ${config.dataDir}` : 'PostgreSQL';
    app.log.info(`leadflow is running on ${where}; API docs at http://${config.host}:${config.port}/docs`);
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    await scheduler?.stop();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

/**
 * `leadflow start`: migrate, make sure an admin can log in, then serve, in this process or in
 * LEADFLOW_WORKERS worker processes sharing the port (the primary then only supervises them).
 */
export async function runStart(config: Config): Promise<number> {
  if (cluster.isWorker) {
    await serve(config, await openDatabase(config));
    return -1;
  }
  const database = await openDatabase(config);
  await migrateDatabase(database);
  await bootstrapAdminToken(config, database);
  await explainFirstLogin(database);
  if (config.workers <= 1) {
    await serve(config, database);
    return -1;
  }
  await database.close();
  for (let i = 0; i < config.workers; i++) cluster.fork();
  let stopping = false;
  cluster.on('exit', (worker, code) => {
    if (stopping) return;
    console.error(`worker ${worker.process.pid} exited with ${code}; starting another`);
    cluster.fork();
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      stopping = true;
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    });
  }
  console.log(`leadflow is running with ${config.workers} workers on PostgreSQL, port ${config.port}`);
  return -1;
}
