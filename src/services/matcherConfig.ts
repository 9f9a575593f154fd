import { readFileSync } from 'node:fs';
import { DEFAULT_MATCHER_CONFIG, type MatcherConfig, parseMatcherConfig } from '../domain/dedup/index.ts';

/** The duplicate matcher's configuration: a JSON file when LEADFLOW_MATCHER_CONFIG names one. */
export function loadMatcherConfig(path: string | undefined): MatcherConfig {
  if (!path) return DEFAULT_MATCHER_CONFIG;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`LEADFLOW_MATCHER_CONFIG: cannot read ${path}: ${(error as Error).message}`);
  }
  try {
    return parseMatcherConfig(json);
  } catch (error) {
    throw new Error(`LEADFLOW_MATCHER_CONFIG: ${path}: ${(error as Error).message}`);
  }
}
