import { type StaleEntry, staleEntries } from '../store/reports/cache.ts';
import { refreshKeptBuckets } from '../store/reports/economics.ts';
import type { Job } from './scheduler.ts';

/** Kept buckets recomputed per run at most: a long backlog is worked off over several runs. */
const BUCKETS_PER_RUN = 48;

/**
 * Recomputes kept report buckets that a change made stale (a cost import, a status change in an
 * old month, a renamed campaign), for reports asked for in the last week, so that the next request
 * finds them kept instead of counting them again. Safe in several processes: two runs at once
 * compute the same rows, and the cache keeps the one from the later snapshot.
 */
export const warmReportCache: Job = {
  name: 'warm-report-cache',
  everyMs: 5 * 60 * 1000,
  run: async (ctx) => {
    const stale = await staleEntries(ctx.database.db, { readWithinDays: 7, limit: BUCKETS_PER_RUN });
    const byReport = new Map<string, StaleEntry[]>();
    for (const entry of stale) {
      const id = JSON.stringify(entry.key);
      const entries = byReport.get(id);
      if (entries) entries.push(entry);
      else byReport.set(id, [entry]);
    }
    for (const entries of byReport.values()) {
      const [first] = entries;
      if (!first) continue;
      await refreshKeptBuckets(
        ctx.database.db,
        first.key,
        entries.map((e) => e.bucket),
      );
    }
    return stale.length;
  },
};
