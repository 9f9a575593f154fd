import { pino } from 'pino';
import { loadConfig } from '../../src/config.ts';
import { createJobContext, type JobContext } from '../../src/jobs/scheduler.ts';
import type { Database } from '../../src/store/db.ts';
import { leads } from '../../src/store/schema.ts';
import { tasks } from '../../src/store/schemaWorkflow.ts';
import type { TestContext } from './app.ts';

/** What the scheduler's jobs get in `npm start`, on the test's database and clock. */
export function jobContextOf(
  ctx: TestContext,
  options: { env?: Record<string, string>; database?: Database } = {},
): JobContext {
  const config = loadConfig({ LEADFLOW_DATA_DIR: '/nonexistent-test-data-dir', ...options.env });
  return createJobContext({
    database: options.database ?? ctx.database,
    config,
    clock: ctx.clock.now,
    log: pino({ level: 'silent' }),
  });
}

export async function insertLead(
  ctx: TestContext,
  values: { fullName: string; teamId?: string; ownerId?: string },
): Promise<string> {
  const [row] = await ctx.database.db
    .insert(leads)
    // Already routed: the routing catch-up job leaves it alone, so only the task jobs act on it.
    .values({ kind: 'lead', valid: true, routedAt: ctx.clock.now(), ...values })
    .returning({ id: leads.id });
  if (!row) throw new Error('lead insert returned nothing');
  return row.id;
}

/** A task written straight to the table (the task service is not what these tests are about). */
export async function insertTask(
  ctx: TestContext,
  values: {
    title: string;
    dueAt: Date;
    leadId?: string;
    assigneeId?: string | null;
    firstResponse?: boolean;
    status?: 'open' | 'done' | 'canceled';
  },
): Promise<string> {
  const [row] = await ctx.database.db
    .insert(tasks)
    .values({ type: 'call', createdBy: 'test', ...values })
    .returning({ id: tasks.id });
  if (!row) throw new Error('task insert returned nothing');
  return row.id;
}
