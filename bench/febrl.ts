// FEBRL benchmark helpers: load the synthetic person files, map rows onto NormalizedPerson, and
// evaluate a clustering (which card every record ended up in) against the rec_id ground truth.
// Independent of how candidates are found, so the in-memory harness and the PGlite pipeline share it.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NormalizedPerson } from '../src/domain/types.ts';

export type FebrlRecord = { recId: string; entity: string; person: NormalizedPerson };
export type FebrlDataset = { name: string; records: FebrlRecord[] };

const COLUMNS = [
  'rec_id',
  'given_name',
  'surname',
  'street_number',
  'address_1',
  'address_2',
  'suburb',
  'postcode',
  'state',
  'date_of_birth',
  'soc_sec_id',
] as const;
type Row = Record<(typeof COLUMNS)[number], string | undefined>;

/** The data sets and the order their files are fed in (4a then 4b: linking two files). */
export const FEBRL_DATASETS: ReadonlyArray<{ name: string; files: string[] }> = [
  { name: 'dataset1', files: ['dataset1.csv'] },
  { name: 'dataset2', files: ['dataset2.csv'] },
  { name: 'dataset3', files: ['dataset3.csv'] },
  { name: 'dataset4a+4b', files: ['dataset4a.csv', 'dataset4b.csv'] },
];

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The matcher configuration tuned on these data sets. */
export const FEBRL_MATCHER_CONFIG = join(REPO_ROOT, 'config/matcher.febrl.json');

/** `LEADFLOW_BENCH_DATA` or ../shared/data next to the repository; exits with a clear message when absent. */
export function febrlDirectory(): string {
  const base = process.env.LEADFLOW_BENCH_DATA ?? resolve(REPO_ROOT, '../shared/data');
  const directory = join(base, 'febrl');
  if (!existsSync(join(directory, 'dataset1.csv'))) {
    console.error(
      `FEBRL data not found in ${directory}. Set LEADFLOW_BENCH_DATA to the folder that holds febrl/dataset1.csv.`,
    );
    process.exit(1);
  }
  return directory;
}

function parseRow(line: string): Row {
  // Fields are separated by ", "; a lone "," inside a value never occurs in these files.
  const values = line.split(',').map((value) => value.trim());
  const row = {} as Row;
  COLUMNS.forEach((column, index) => {
    const value = values[index];
    row[column] = value ? value : undefined;
  });
  return row;
}

/** rec-12-org and rec-12-dup-3 are the same person: entity "12". */
export function entityOf(recId: string): string {
  const match = /^rec-(\d+)-/.exec(recId);
  if (!match?.[1]) throw new Error(`Unexpected rec_id "${recId}"`);
  return match[1];
}

export function personOfFebrlRow(row: Row): NormalizedPerson {
  const address = {
    streetNumber: row.street_number,
    line1: row.address_1,
    line2: row.address_2,
    city: row.suburb,
    postcode: row.postcode,
    region: row.state,
  };
  const custom: Record<string, unknown> = {};
  if (row.date_of_birth) custom.date_of_birth = row.date_of_birth;
  if (row.soc_sec_id) custom.soc_sec_id = row.soc_sec_id;
  return {
    ...(row.given_name ? { firstName: row.given_name } : {}),
    ...(row.surname ? { lastName: row.surname } : {}),
    emails: [],
    phones: [],
    address: Object.fromEntries(Object.entries(address).filter(([, value]) => value !== undefined)),
    custom,
  };
}

/** Parses one FEBRL csv (LF or CRLF, with or without a final newline). */
export function parseFebrlCsv(text: string): FebrlRecord[] {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  const [header, ...body] = lines;
  if (!header?.startsWith('rec_id')) throw new Error('Not a FEBRL file: the header must start with rec_id');
  return body.map((line) => {
    const row = parseRow(line);
    const recId = row.rec_id ?? '';
    return { recId, entity: entityOf(recId), person: personOfFebrlRow(row) };
  });
}

export function loadFebrlDataset(
  directory: string,
  dataset: { name: string; files: string[] },
): FebrlDataset {
  const records = dataset.files.flatMap((file) => parseFebrlCsv(readFileSync(join(directory, file), 'utf8')));
  return { name: dataset.name, records };
}

/** Unordered pairs of records (by index) of the same entity. */
export function countTruePairs(records: readonly FebrlRecord[]): number {
  const sizes = new Map<string, number>();
  for (const record of records) sizes.set(record.entity, (sizes.get(record.entity) ?? 0) + 1);
  let pairs = 0;
  for (const size of sizes.values()) pairs += (size * (size - 1)) / 2;
  return pairs;
}

export type PairQuality = {
  truePairs: number;
  predictedPairs: number;
  correctPairs: number;
  precision: number;
  recall: number;
  f1: number;
};

function ratio(numerator: number, denominator: number): number {
  return denominator === 0 ? 0 : numerator / denominator;
}

/**
 * Predicted duplicate pairs are all pairs of records in the same card (`cardOf[i]` is record i's card);
 * compared with the pairs of the same entity.
 */
export function evaluateClusters(records: readonly FebrlRecord[], cardOf: readonly string[]): PairQuality {
  const byCard = new Map<string, Map<string, number>>();
  records.forEach((record, index) => {
    const card = cardOf[index];
    if (card === undefined) throw new Error(`Record ${index} has no card`);
    const entities = byCard.get(card) ?? new Map<string, number>();
    entities.set(record.entity, (entities.get(record.entity) ?? 0) + 1);
    byCard.set(card, entities);
  });
  let predictedPairs = 0;
  let correctPairs = 0;
  for (const entities of byCard.values()) {
    let size = 0;
    for (const count of entities.values()) {
      size += count;
      correctPairs += (count * (count - 1)) / 2;
    }
    predictedPairs += (size * (size - 1)) / 2;
  }
  const truePairs = countTruePairs(records);
  const precision = ratio(correctPairs, predictedPairs);
  const recall = ratio(correctPairs, truePairs);
  const f1 = ratio(2 * precision * recall, precision + recall);
  return { truePairs, predictedPairs, correctPairs, precision, recall, f1 };
}

/** A pair sent to review: the incoming record and the card it was compared with. */
export type ReviewedPair = { record: number; card: string };

/** How many review pairs are true: the card holds (in the end) a record of the incoming record's entity. */
export function countTrueReviewPairs(
  records: readonly FebrlRecord[],
  cardOf: readonly string[],
  reviews: readonly ReviewedPair[],
): number {
  const entitiesByCard = new Map<string, Set<string>>();
  records.forEach((record, index) => {
    const card = cardOf[index] as string;
    const entities = entitiesByCard.get(card) ?? new Set<string>();
    entities.add(record.entity);
    entitiesByCard.set(card, entities);
  });
  return reviews.filter((review) => {
    const entity = records[review.record]?.entity;
    return entity !== undefined && entitiesByCard.get(review.card)?.has(entity) === true;
  }).length;
}

/**
 * True pairs (earlier i, later j) where, when j arrived, no fetched candidate belonged to i's card:
 * the matcher never saw them, whatever it would have scored. `candidateRecords[j]` lists the records
 * whose profiles were fetched for j (every record is one profile, and cards never merge).
 */
export function countPairsLostByBlocking(
  records: readonly FebrlRecord[],
  cardOf: readonly string[],
  candidateRecords: ReadonlyArray<readonly number[]>,
): number {
  const earlierByEntity = new Map<string, number[]>();
  let lost = 0;
  records.forEach((record, j) => {
    const earlier = earlierByEntity.get(record.entity) ?? [];
    if (earlier.length) {
      const reachedCards = new Set((candidateRecords[j] ?? []).map((i) => cardOf[i]));
      for (const i of earlier) if (!reachedCards.has(cardOf[i])) lost++;
    }
    earlier.push(j);
    earlierByEntity.set(record.entity, earlier);
  });
  return lost;
}

/** The q-quantile (0..1) of a list of numbers; 0 for an empty list. */
export function quantile(values: readonly number[], q: number): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}

// Reporting shared by bench/dedup.ts (through the intake pipeline) and bench/dedup-harness.ts (in memory).

/** Figures a data set's run is reported with; labels are the rows of the printed table. */
export type Figures = Record<string, string>;

/** Pair quality of a clustering and its review pairs, as printed figures. */
export function qualityFigures(
  records: readonly FebrlRecord[],
  cardOf: readonly string[],
  reviews: readonly ReviewedPair[],
): { quality: PairQuality; figures: Figures } {
  const quality = evaluateClusters(records, cardOf);
  const trueReviews = countTrueReviewPairs(records, cardOf, reviews);
  return {
    quality,
    figures: {
      records: String(records.length),
      'true pairs': String(quality.truePairs),
      'predicted pairs': String(quality.predictedPairs),
      'correct pairs': String(quality.correctPairs),
      precision: quality.precision.toFixed(4),
      recall: quality.recall.toFixed(4),
      F1: quality.f1.toFixed(4),
      'review pairs (true)': `${reviews.length} (${trueReviews})`,
    },
  };
}

/** p50 and p99 of a list of durations in milliseconds. */
export function latencyFigures(name: string, durations: readonly number[]): Figures {
  return {
    [`${name} p50 ms`]: quantile(durations, 0.5).toFixed(3),
    [`${name} p99 ms`]: quantile(durations, 0.99).toFixed(3),
  };
}

/**
 * One column per data set (plus any extra column, such as targets) and one row per figure of the
 * first column: fits a terminal. Figures a column lacks stay blank.
 */
export function formatFiguresTable(columns: ReadonlyArray<{ name: string; figures: Figures }>): string {
  const labels = Object.keys(columns[0]?.figures ?? {});
  const rows = [
    ['', ...columns.map((column) => column.name)],
    ...labels.map((label) => [label, ...columns.map((column) => column.figures[label] ?? '')]),
  ];
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((row) => row[c]?.length ?? 0))) ?? [];
  const line = (row: string[]) =>
    row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join('  ');
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [line(rows[0] ?? []), rule, ...rows.slice(1).map(line)].join('\n');
}
