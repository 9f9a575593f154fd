import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.ts';
import type { Clock } from '../http/app.ts';
import { createMailer, type Mailer } from '../services/mailer.ts';
import type { Database } from '../store/db.ts';
import { jobs as registeredJobs } from './index.ts';

// The in-process scheduler: a setTimeout loop over a list of jobs, no extra service. Every job
// is safe to run in several processes at once (its queries lock with SKIP LOCKED and mark what
// they did in the same transaction), so each worker of `leadflow start` may run this loop.

export type JobContext = {
  database: Database;
  config: Config;
  clock: Clock;
  log: Pick<FastifyBaseLogger, 'info' | 'warn' | 'error' | 'debug'>;
  /** Undefined when no SMTP server is configured. */
  mailer: Mailer | undefined;
};

export type Job = {
  name: string;
  /** The least time between two runs of this job. */
  everyMs: number;
  /** Does what is due now (per ctx.clock); returns how many items it handled. */
  run: (ctx: JobContext) => Promise<number>;
};

export type JobOutcome = { processed: number } | { error: string };

export function createJobContext(input: Omit<JobContext, 'mailer'> & { mailer?: Mailer }): JobContext {
  return { ...input, mailer: input.mailer ?? createMailer(input.config.mail) };
}

async function runJob(ctx: JobContext, job: Job): Promise<JobOutcome> {
  try {
    const processed = await job.run(ctx);
    if (processed > 0) ctx.log.info({ job: job.name, processed }, 'scheduled job done');
    return { processed };
  } catch (error) {
    // A failing job must never take the server down; it is tried again on the next tick.
    ctx.log.error({ job: job.name, err: error }, 'scheduled job failed');
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** Runs every job once, in order, whatever their period; tests call this instead of waiting. */
export async function runDueJobsOnce(
  ctx: JobContext,
  jobs: readonly Job[] = registeredJobs,
): Promise<Record<string, JobOutcome>> {
  const outcomes: Record<string, JobOutcome> = {};
  for (const job of jobs) outcomes[job.name] = await runJob(ctx, job);
  return outcomes;
}

export type Scheduler = { stop: () => Promise<void> };

/**
 * Starts the loop: a first tick at once (catching up on whatever came due while the server was
 * down), then one every intervalMs, each running the jobs whose period has passed.
 */
export function startScheduler(
  ctx: JobContext,
  options: { intervalMs: number; jobs?: readonly Job[] },
): Scheduler {
  const jobs = options.jobs ?? registeredJobs;
  const lastRun = new Map<string, number>();
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> | undefined;
  let stopped = false;

  const tick = async () => {
    for (const job of jobs) {
      if (stopped) return;
      const now = ctx.clock().getTime();
      const last = lastRun.get(job.name);
      if (last !== undefined && now - last < job.everyMs) continue;
      lastRun.set(job.name, now);
      await runJob(ctx, job);
    }
  };
  const schedule = (delayMs: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      current = tick().finally(() => {
        current = undefined;
        schedule(options.intervalMs);
      });
    }, delayMs);
    timer.unref();
  };
  schedule(0);
  ctx.log.info({ intervalMs: options.intervalMs, jobs: jobs.map((j) => j.name) }, 'scheduler started');

  return {
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current;
      ctx.mailer?.close();
    },
  };
}
