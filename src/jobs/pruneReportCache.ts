import { pruneReportCache as pruneCache } from '../store/reports/cache.ts';
import { pruneRollups } from '../store/reports/rollups.ts';
import type { Job } from './scheduler.ts';

/**
 * Forgets report cache entries no report asked for in a month, report rollups of time zones no
 * longer configured, and the logged changes no entry or kept rollup needs any more, so that no
 * table grows without end. Safe in several processes: all are plain DELETEs of rows every
 * process would delete.
 */
export const pruneReportCache: Job = {
  name: 'prune-report-cache',
  everyMs: 60 * 60 * 1000,
  run: async (ctx) => {
    const rollups = await pruneRollups(ctx.database.db, ctx.config.reports.timeZone);
    const { entries, changes } = await pruneCache(ctx.database.db);
    return rollups + entries + changes;
  },
};
