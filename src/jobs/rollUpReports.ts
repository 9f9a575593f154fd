import type { Executor } from '../store/db.ts';
import type { EconomicsGrouping } from '../store/reports/cells.ts';
import { recheckRollups, rollUpSpans, type Span, spansToRollUp } from '../store/reports/rollups.ts';
import type { Job } from './scheduler.ts';

export const GROUPINGS: readonly EconomicsGrouping[] = ['campaign', 'channel', 'form', 'owner'];

/** Spans rolled up per grouping and run at most: a new install's history (or spans a change made
 * stale) is worked off over several runs. */
const SPANS_PER_RUN = 64;
/** Days of leads counted per statement at most, so that no statement runs long. */
const DAYS_PER_STATEMENT = 62;

const daysOf = (span: Span) => (Date.parse(span.until) - Date.parse(span.from)) / 86_400_000;

/** Spans in statements of at most DAYS_PER_STATEMENT days (a longer span alone). */
function statementsOf(spans: Span[]): Span[][] {
  const statements: Span[][] = [];
  let current: Span[] = [];
  let days = 0;
  for (const span of spans) {
    if (current.length > 0 && days + daysOf(span) > DAYS_PER_STATEMENT) {
      statements.push(current);
      current = [];
      days = 0;
    }
    current.push(span);
    days += daysOf(span);
  }
  if (current.length > 0) statements.push(current);
  return statements;
}

/** Rolls up at most SPANS_PER_RUN spans of a grouping that need it; returns how many were kept. */
export async function rollUpSome(
  db: Executor,
  grouping: EconomicsGrouping,
  timeZone: string,
): Promise<number> {
  let kept = 0;
  const spans = await spansToRollUp(db, grouping, timeZone, SPANS_PER_RUN);
  for (const statement of statementsOf(spans)) kept += await rollUpSpans(db, grouping, timeZone, statement);
  return kept;
}

/**
 * Keeps the rollups of the economics report for the configured report time zone: rolls up closed
 * days and months not kept yet or made stale by a change, the latest first, and moves the snapshot
 * of untouched spans forward so that old logged changes can be pruned. Safe in several processes
 * (see rollUpSpans).
 */
export const rollUpReports: Job = {
  name: 'roll-up-reports',
  everyMs: 60 * 1000,
  run: async (ctx) => {
    const db = ctx.database.db;
    const timeZone = ctx.config.reports.timeZone;
    let kept = 0;
    for (const grouping of GROUPINGS) kept += await rollUpSome(db, grouping, timeZone);
    await recheckRollups(db);
    return kept;
  },
};
