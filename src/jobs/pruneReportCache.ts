import { pruneReportCache as pruneCache } from '../store/reports/cache.ts';
import type { Job } from './scheduler.ts';

/**
 * Forgets report cache entries no report asked for in a month and the logged changes no entry needs
 * any more, so that neither table grows without end. Safe in several processes: both are plain
 * DELETEs of rows every process would delete.
 */
export const pruneReportCache: Job = {
  name: 'prune-report-cache',
  everyMs: 60 * 60 * 1000,
  run: async (ctx) => {
    const { entries, changes } = await pruneCache(ctx.database.db);
    return entries + changes;
  },
};
