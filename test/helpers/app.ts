import type { LightMyRequestResponse } from 'fastify';
import { loadConfig } from '../../src/config.ts';
import { DEFAULT_MATCHER_CONFIG, type MatcherConfig } from '../../src/domain/dedup/index.ts';
import { type App, buildApp } from '../../src/http/app.ts';
import type { Database } from '../../src/store/db.ts';
import { openTestDatabase, resetDatabase } from './database.ts';

export const ADMIN_TOKEN = 'test-admin-token-0123456789';
export const CAPTURE_TOKEN = 'test-capture-token-0123456789';

/** A clock the test moves by hand; nothing in the tests sleeps. */
export class TestClock {
  constructor(private current = new Date('2026-03-02T09:00:00.000Z')) {}
  now = (): Date => new Date(this.current);
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
  set(at: Date | string): void {
    this.current = new Date(at);
  }
}

export type TestContext = {
  app: App;
  database: Database;
  clock: TestClock;
  reset: () => Promise<void>;
  close: () => Promise<void>;
};

/** The real app on a real database, as `npm start` builds it, with test tokens and a test clock. */
export async function createTestContext(
  options: { env?: Record<string, string>; matcher?: MatcherConfig } = {},
): Promise<TestContext> {
  const database = await openTestDatabase();
  const clock = new TestClock();
  const config = loadConfig({
    LEADFLOW_ADMIN_TOKEN: ADMIN_TOKEN,
    LEADFLOW_CAPTURE_TOKENS: CAPTURE_TOKEN,
    LOG_LEVEL: 'silent',
    LEADFLOW_DATA_DIR: '/nonexistent-test-data-dir',
    ...options.env,
  });
  const app = await buildApp({
    database,
    config,
    matcher: options.matcher ?? DEFAULT_MATCHER_CONFIG,
    clock: clock.now,
  });
  await app.ready();
  return {
    app,
    database,
    clock,
    // A capture's follow-up (scoring, routing) may still run after its reply: let it finish, or
    // its transaction and the TRUNCATE wait on each other.
    reset: async () => {
      await app.captureSettled();
      await resetDatabase(database);
    },
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

export const asAdmin = { authorization: `Bearer ${ADMIN_TOKEN}` };
export const asCapture = { authorization: `Bearer ${CAPTURE_TOKEN}` };

/** Parses a JSON (or problem+json) reply body. */
export function bodyOf<T = Record<string, unknown>>(response: LightMyRequestResponse): T {
  return JSON.parse(response.body) as T;
}

/**
 * POSTs a capture as a web form would, with a realistic fill time unless told otherwise, and waits
 * for its follow-up (scoring, routing), which runs after the reply.
 */
export async function capture(
  ctx: TestContext,
  payload: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  const response = await ctx.app.inject({
    method: 'POST',
    url: '/api/leads',
    headers: { ...asCapture, ...headers },
    payload,
  });
  await ctx.app.captureSettled();
  return response;
}
