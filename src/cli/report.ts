import { stringify } from 'csv-stringify/sync';
import type { Config } from '../config.ts';
import { EconomicsQuerySchema, type FunnelReport } from '../schemas/report.ts';
import {
  economicsCsv,
  economicsReportOf,
  funnelReportOf,
  repsCsv,
  repsReportOf,
} from '../services/reports.ts';
import { migrateDatabase, openDatabase } from '../store/db.ts';
import type { EconomicsGrouping } from '../store/reports/economics.ts';

// `leadflow report <campaigns|channels|forms|owners|funnel|reps> --from --to [--by] [--format] [--tz]`:
// the reports of /api/reports on stdout, straight from the database (as an admin would see them).

export const REPORT_USAGE =
  'leadflow report campaigns|channels|forms|owners|funnel|reps --from YYYY-MM-DD --to YYYY-MM-DD\n' +
  '                [--by day|week|month] [--format json|csv] [--tz Europe/Moscow] [--locale en|ru]';

const GROUPINGS: Record<string, EconomicsGrouping> = {
  campaigns: 'campaign',
  channels: 'channel',
  forms: 'form',
  owners: 'owner',
};

export type ReportOptions = {
  from?: string;
  to?: string;
  by?: string;
  format?: string;
  tz?: string;
  locale?: string;
};

function funnelCsv(report: FunnelReport): string {
  const rows = report.stages.map((s) => [
    s.stage,
    s.count,
    s.dropOff?.count ?? '',
    s.dropOff?.rate.value ?? '',
  ]);
  return stringify([['stage', 'count', 'dropOffCount', 'dropOffRate'], ...rows]);
}

export async function runReport(
  config: Config,
  positionals: string[],
  options: ReportOptions,
): Promise<number> {
  const [kind] = positionals;
  const known = kind !== undefined && (kind in GROUPINGS || kind === 'funnel' || kind === 'reps');
  const parsed = EconomicsQuerySchema.safeParse(
    Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)),
  );
  if (!known || !parsed.success) {
    const problems = parsed.success
      ? []
      : parsed.error.issues.map((issue) => `  --${issue.path.join('.')}: ${issue.message}`);
    console.error([...problems, `Usage: ${REPORT_USAGE}`].join('\n'));
    return 1;
  }
  const q = parsed.data;
  if (q.to < q.from) {
    console.error('  --to: must not be before --from');
    return 1;
  }
  const period = { from: q.from, to: q.to, timeZone: q.tz ?? config.reports.timeZone };
  const database = await openDatabase(config);
  try {
    await migrateDatabase(database);
    const db = database.db;
    let output: string;
    const grouping = GROUPINGS[kind];
    if (grouping) {
      const report = await economicsReportOf(
        db,
        grouping,
        { period, locale: q.locale, ...(q.by ? { by: q.by } : {}) },
        { defaultCurrency: config.defaultCurrency, averageMargin: config.reports.averageMargin },
      );
      output = q.format === 'csv' ? economicsCsv(grouping, report) : JSON.stringify(report, null, 2);
    } else if (kind === 'funnel') {
      const report = await funnelReportOf(db, { period, locale: q.locale });
      output = q.format === 'csv' ? funnelCsv(report) : JSON.stringify(report, null, 2);
    } else {
      const report = await repsReportOf(db, { period, locale: q.locale, now: new Date() });
      output = q.format === 'csv' ? repsCsv(report) : JSON.stringify(report, null, 2);
    }
    process.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
    return 0;
  } finally {
    await database.close();
  }
}
