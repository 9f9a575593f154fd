// The fast tuning loop for the matcher: the FEBRL sets through findDuplicateDecision with an
// in-memory stand-in for match_keys (same ranking and limit as the SQL lookup), no database and no
// intake, in seconds. `npm run bench:dedup` measures the real pipeline; run it once a config is tuned.
// Usage: npx tsx bench/dedup-harness.ts [config.json]   (default config/matcher.febrl.json)

import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  blockingKeysOf,
  type DuplicateCandidate,
  findDuplicateDecision,
  type MatcherConfig,
  matchFieldsOf,
} from '../src/domain/dedup/index.ts';
import type { MatchFields } from '../src/domain/types.ts';
import { loadMatcherConfig } from '../src/services/matcherConfig.ts';
import {
  countPairsLostByBlocking,
  FEBRL_DATASETS,
  FEBRL_MATCHER_CONFIG,
  type FebrlDataset,
  type Figures,
  febrlDirectory,
  formatFiguresTable,
  latencyFigures,
  loadFebrlDataset,
  qualityFigures,
  type ReviewedPair,
} from './febrl.ts';

type Profile = { record: number; card: string; fields: MatchFields };

/** match_keys as a Map: SELECT profile_id … GROUP BY profile_id ORDER BY count(*) DESC LIMIT n. */
class InMemoryKeyIndex {
  private readonly profilesByKey = new Map<string, number[]>();
  readonly profiles: Profile[] = [];

  add(profile: Profile, keys: readonly string[]): void {
    const id = this.profiles.push(profile) - 1;
    for (const key of keys) {
      const ids = this.profilesByKey.get(key);
      if (ids) ids.push(id);
      else this.profilesByKey.set(key, [id]);
    }
  }

  candidates(keys: readonly string[], limit: number): Profile[] {
    const shared = new Map<number, number>();
    for (const key of keys) {
      for (const id of this.profilesByKey.get(key) ?? []) shared.set(id, (shared.get(id) ?? 0) + 1);
    }
    return [...shared.entries()]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, limit)
      .map(([id]) => this.profiles[id] as Profile);
  }
}

function runDataset(dataset: FebrlDataset, config: MatcherConfig): Figures {
  const index = new InMemoryKeyIndex();
  const cardOf: string[] = [];
  const candidateRecords: number[][] = [];
  const reviews: ReviewedPair[] = [];
  const recordMs: number[] = [];
  const decideMs: number[] = [];
  dataset.records.forEach((record, position) => {
    const started = performance.now();
    const fields = matchFieldsOf(record.person);
    const keys = blockingKeysOf(fields, config);
    const found = index.candidates(keys, config.maxCandidates);
    const candidates: DuplicateCandidate[] = found.map((profile) => ({
      card: { type: 'lead', id: profile.card },
      fields: profile.fields,
    }));
    const decideStarted = performance.now();
    const decision = findDuplicateDecision(fields, candidates, config);
    const finished = performance.now();
    recordMs.push(finished - started);
    decideMs.push(finished - decideStarted);
    const card = decision.decision === 'attach' ? decision.card.id : `card-${position}`;
    cardOf.push(card);
    candidateRecords.push(found.map((profile) => profile.record));
    for (const review of decision.reviews) reviews.push({ record: position, card: review.card.id });
    index.add({ record: position, card, fields }, keys);
  });
  return {
    ...qualityFigures(dataset.records, cardOf, reviews).figures,
    'pairs lost by blocking': String(countPairsLostByBlocking(dataset.records, cardOf, candidateRecords)),
    ...latencyFigures('record', recordMs),
    ...latencyFigures('decide', decideMs),
  };
}

const configPath = resolve(process.argv[2] ?? FEBRL_MATCHER_CONFIG);
const config = loadMatcherConfig(configPath);
const directory = febrlDirectory();
console.log(`matcher config: ${configPath}`);
const columns = FEBRL_DATASETS.map((dataset) => ({
  name: dataset.name,
  figures: runDataset(loadFebrlDataset(directory, dataset), config),
}));
console.log(formatFiguresTable(columns));
