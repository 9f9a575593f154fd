import {
  type CostMapping,
  type CostRow,
  CsvFormatError,
  type CsvProblem,
  type CsvRecord,
  mappingProblems,
  type ParsedCsv,
  parseCostCsv,
  readCostRow,
  suggestMapping,
} from '../domain/costCsv.ts';
import { normalizeTrackingValue } from '../domain/intake/attribution.ts';
import type { Principal } from '../domain/permissions.ts';
import { invalid, notFound } from '../http/problem.ts';
import type { CostImport, CostImportRow } from '../schemas/costs.ts';
import {
  deleteEarlierImportedDays,
  failStaleCostImports,
  findCostImportById,
  finishCostImport,
  insertCostImport,
  insertDailyStatsBulk,
  listCampaignRefs,
  listRecentCostImports,
  type NewDailyStatRow,
  recordCostImportProgress,
} from '../store/costs.ts';
import type { Database, Executor } from '../store/db.ts';
import { findCampaignById } from '../store/sources.ts';
import { assertCanManageMarketing } from './costs.ts';

// CSV exports of ad cabinets → daily campaign stats. The file is read whole (it is at most the
// body limit), then written in chunks of CHUNK_ROWS rows, one transaction each, with the progress
// recorded after every chunk so that GET /api/cost-imports/{id} shows it while the import runs.
// Bad rows are reported by their line and skipped; the good ones are kept.

export const CHUNK_ROWS = 1000;
const PREVIEW_ROWS = 20;
/** Problems stored on an import; a file that is wrong everywhere gets a summary line after these. */
const MAX_STORED_PROBLEMS = 1000;

export type CostImportInput = {
  csv: string;
  mapping?: CostMapping | undefined;
  campaignId?: string | undefined;
  fileName?: string | undefined;
  replace?: boolean | undefined;
};

type CampaignRef = { id: string; name: string; currency: string };

/** Finds the campaign a row names: its id, its name (case-insensitive) or a utm_campaign value. */
type CampaignResolver = (text: string) => { ok: true; campaign: CampaignRef } | { ok: false; reason: string };

async function campaignResolver(ex: Executor, fixedCampaignId?: string): Promise<CampaignResolver> {
  if (fixedCampaignId) {
    const campaign = await findCampaignById(ex, fixedCampaignId);
    if (!campaign) throw invalid([{ name: 'campaignId', reason: 'no such campaign' }]);
    const ref = { id: campaign.id, name: campaign.name, currency: campaign.currency };
    return () => ({ ok: true, campaign: ref });
  }
  const refs = await listCampaignRefs(ex);
  const byId = new Map(refs.campaigns.map((c) => [c.id, c]));
  const byName = new Map<string, CampaignRef[]>();
  for (const c of refs.campaigns) {
    const key = c.name.trim().toLowerCase();
    byName.set(key, [...(byName.get(key) ?? []), c]);
  }
  const byUtm = new Map(refs.utmCampaigns.map((u) => [u.value, byId.get(u.campaignId)]));
  return (text) => {
    const value = text.trim();
    const exact = byId.get(value.toLowerCase());
    if (exact) return { ok: true, campaign: exact };
    const named = byName.get(value.toLowerCase()) ?? [];
    if (named.length > 1) return { ok: false, reason: `several campaigns are named "${value}"` };
    const found = named[0] ?? byUtm.get(normalizeTrackingValue('utm_campaign', value));
    if (found) return { ok: true, campaign: found };
    return { ok: false, reason: `no campaign with the name, id or utm_campaign "${value}"` };
  };
}

function parseOrInvalid(csv: string, mapping: CostMapping | undefined): ParsedCsv {
  try {
    const parsed = parseCostCsv(csv, mapping);
    if (parsed.headers.length === 0) throw invalid([{ name: 'csv', reason: 'the file is empty' }]);
    return parsed;
  } catch (error) {
    if (error instanceof CsvFormatError) {
      throw invalid([{ name: 'csv', reason: `line ${error.line}: ${error.message}` }]);
    }
    throw error;
  }
}

type ReadRow = CostRow & { campaignId: string; campaignName: string; currency: string };

/** Reads records into rows for their campaigns, or problems. */
function readRecords(
  records: CsvRecord[],
  parsed: ParsedCsv,
  mapping: CostMapping,
  resolve: CampaignResolver,
): { rows: ReadRow[]; problems: CsvProblem[] } {
  const rows: ReadRow[] = [];
  const problems: CsvProblem[] = [];
  for (const record of records) {
    const read = readCostRow(record, parsed.headers, mapping);
    if (!read.ok) {
      problems.push(...read.problems);
      continue;
    }
    const campaign = resolve(read.row.campaign ?? '');
    if (!campaign.ok) {
      problems.push({ line: record.line, column: mapping.campaign as string, reason: campaign.reason });
      continue;
    }
    rows.push({
      ...read.row,
      campaignId: campaign.campaign.id,
      campaignName: campaign.campaign.name,
      currency: read.row.currency ?? campaign.campaign.currency,
    });
  }
  return { rows, problems };
}

/** Headers, a suggested mapping, and the first rows as they would be imported, with their problems. */
export async function previewCostImport(ex: Executor, input: CostImportInput) {
  const parsed = parseOrInvalid(input.csv, input.mapping);
  const suggestedMapping = suggestMapping(parsed.headers);
  const mapping = input.mapping ?? suggestedMapping;
  const missing = mappingProblems(mapping, parsed.headers, { campaignGiven: Boolean(input.campaignId) });
  // A mapping the caller wrote must be right; a guessed one may be incomplete: say what to map.
  if (input.mapping && missing.length > 0) throw invalid(missing);
  const head = parsed.records.slice(0, PREVIEW_ROWS);
  const read =
    missing.length > 0
      ? { rows: [], problems: missing.map((m) => ({ line: 1, reason: `${m.name}: ${m.reason}` })) }
      : readRecords(head, parsed, mapping, await campaignResolver(ex, input.campaignId));
  return {
    delimiter: parsed.delimiter,
    headers: parsed.headers,
    suggestedMapping,
    mapping,
    totalRows: parsed.records.length,
    rows: read.rows.map((r) => ({
      line: r.line,
      day: r.day,
      campaignId: r.campaignId,
      campaignName: r.campaignName,
      impressions: r.impressions,
      clicks: r.clicks,
      actions: r.actions,
      spend: r.spend,
      currency: r.currency,
    })),
    problems: read.problems,
  };
}

export function toCostImportDto(row: CostImportRow): CostImport {
  return {
    id: row.id,
    fileName: row.fileName,
    campaignId: row.campaignId,
    mapping: row.mapping,
    status: row.status,
    totalRows: row.totalRows,
    processedRows: row.processedRows,
    importedRows: row.importedRows,
    problems: row.problems,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

/** Imports still writing, so tests, the CLI and a closing server can wait for them. */
const running = new Map<string, Promise<void>>();

/** Resolves when the import has finished (at once when it is not running in this process). */
export async function costImportSettled(id: string): Promise<void> {
  await running.get(id);
}

/** Resolves when every import running in this process has finished. */
export async function costImportsSettled(): Promise<void> {
  await Promise.all(running.values());
}

export type CostImportDeps = {
  database: Database;
  clock: () => Date;
  log?: { error: (obj: unknown, msg: string) => void };
  /** Called after every chunk (the CLI prints progress). */
  onProgress?: (progress: { processedRows: number; totalRows: number; importedRows: number }) => void;
};

/**
 * Checks the file and its mapping, records the import and starts writing it in the background.
 * Answers at once with the import (status running); 422 for a file or mapping that cannot work.
 */
export async function startCostImport(
  deps: CostImportDeps,
  input: CostImportInput & { principal: Principal; createdBy: string },
): Promise<CostImport> {
  assertCanManageMarketing(input.principal);
  const parsed = parseOrInvalid(input.csv, input.mapping);
  const mapping = input.mapping ?? suggestMapping(parsed.headers);
  const missing = mappingProblems(mapping, parsed.headers, { campaignGiven: Boolean(input.campaignId) });
  if (missing.length > 0) throw invalid(missing);
  const resolve = await campaignResolver(deps.database.db, input.campaignId);
  const row = await insertCostImport(deps.database.db, {
    fileName: input.fileName ?? null,
    campaignId: input.campaignId ?? null,
    mapping,
    status: 'running',
    totalRows: parsed.records.length,
    createdBy: input.createdBy,
    createdAt: deps.clock(),
  });
  const work = writeCostImport(deps, {
    importId: row.id,
    parsed,
    mapping,
    resolve,
    replace: input.replace ?? true,
  }).finally(() => running.delete(row.id));
  running.set(row.id, work);
  return toCostImportDto(row);
}

async function writeCostImport(
  deps: CostImportDeps,
  job: {
    importId: string;
    parsed: ParsedCsv;
    mapping: CostMapping;
    resolve: CampaignResolver;
    replace: boolean;
  },
): Promise<void> {
  const { database, clock } = deps;
  const progress = { processedRows: 0, importedRows: 0, totalRows: job.parsed.records.length };
  let storedProblems = 0;
  let unlistedProblems = 0;
  try {
    for (let start = 0; start < job.parsed.records.length; start += CHUNK_ROWS) {
      const chunk = job.parsed.records.slice(start, start + CHUNK_ROWS);
      const { rows, problems } = readRecords(chunk, job.parsed, job.mapping, job.resolve);
      const listed = problems.slice(0, Math.max(0, MAX_STORED_PROBLEMS - storedProblems));
      storedProblems += listed.length;
      unlistedProblems += problems.length - listed.length;
      const at = clock();
      await database.db.transaction(async (tx) => {
        if (job.replace) {
          const days = new Map(
            rows.map((r) => [`${r.campaignId}|${r.day}`, { campaignId: r.campaignId, day: r.day }]),
          );
          await deleteEarlierImportedDays(tx, [...days.values()], job.importId);
        }
        await insertDailyStatsBulk(
          tx,
          rows.map((r) => statRow(r, job.importId, at)),
        );
        await recordCostImportProgress(tx, job.importId, {
          processed: chunk.length,
          imported: rows.length,
          problems: listed,
        });
      });
      progress.processedRows += chunk.length;
      progress.importedRows += rows.length;
      deps.onProgress?.({ ...progress });
    }
    const lastLine = job.parsed.records.at(-1)?.line ?? 1;
    await finishCostImport(database.db, job.importId, {
      status: 'done',
      at: clock(),
      problems:
        unlistedProblems > 0
          ? [{ line: lastLine, reason: `${unlistedProblems} more problems not listed` }]
          : [],
    });
  } catch (error) {
    deps.log?.error({ err: error, importId: job.importId }, 'cost import failed');
    await finishCostImport(database.db, job.importId, {
      status: 'failed',
      at: clock(),
      problems: [{ line: 1, reason: 'the import stopped on an internal error; rows already written stay' }],
    }).catch(() => {});
  }
}

function statRow(row: ReadRow, importId: string, at: Date): NewDailyStatRow {
  return {
    campaignId: row.campaignId,
    day: row.day,
    impressions: row.impressions,
    clicks: row.clicks,
    actions: row.actions,
    spend: row.spend,
    currency: row.currency,
    note: null,
    source: 'import',
    importId,
    createdAt: at,
  };
}

/**
 * An import still "running" this long after it started, and not running in this process, was cut
 * off (the server restarted or crashed while writing): the largest file takes minutes, not this.
 */
export const INTERRUPTED_AFTER_MS = 30 * 60_000;
export const INTERRUPTED_REASON =
  'the import was interrupted (the server stopped) before it finished; rows already written stay, import the file again to complete it';

/**
 * Marks imports that can no longer finish as failed, so none stays "running" forever. `all`: every
 * import not running in this process (at the start of a single-process server, they all were cut
 * off); otherwise only those older than INTERRUPTED_AFTER_MS (another worker may be writing one).
 * Returns the ids marked.
 */
export async function failInterruptedCostImports(
  ex: Executor,
  options: { now: Date; all?: boolean },
): Promise<string[]> {
  return failStaleCostImports(ex, {
    now: options.now,
    runningHere: [...running.keys()],
    olderThan: options.all ? undefined : new Date(options.now.getTime() - INTERRUPTED_AFTER_MS),
    reason: INTERRUPTED_REASON,
  });
}

/** One import; with `now`, an interrupted one is first marked failed. */
export async function getCostImport(ex: Executor, id: string, now?: Date): Promise<CostImport> {
  if (now) await failInterruptedCostImports(ex, { now });
  const row = await findCostImportById(ex, id);
  if (!row) throw notFound(`Cost import ${id}`);
  return toCostImportDto(row);
}

/** The latest imports, newest first (interrupted ones already marked failed). */
export async function listCostImports(
  ex: Executor,
  query: { campaignId?: string | undefined; limit: number; now: Date },
): Promise<CostImport[]> {
  await failInterruptedCostImports(ex, { now: query.now });
  const rows = await listRecentCostImports(ex, query);
  return rows.map(toCostImportDto);
}
