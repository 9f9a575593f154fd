import { v7 as uuidv7 } from 'uuid';
import type { MatcherConfig } from '../../domain/dedup/index.ts';
import type { SpamRules } from '../../domain/intake/detectSpamSignals.ts';
import { storableJson } from '../../domain/normalize/text.ts';
import type { Database } from '../../store/db.ts';
import { insertInquiries } from '../../store/inquiries.ts';
import type { Log } from '../log.ts';
import { Batcher } from './batcher.ts';
import { commitCaptureBatch } from './commitBatch.ts';
import { type PreparedCapture, prepareCapture } from './prepare.ts';
import type { CaptureRequest, CaptureResult } from './types.ts';

export type CaptureServiceOptions = {
  database: Database;
  matcher: MatcherConfig;
  spam: SpamRules;
  defaultRegion: string;
  maxBatch: number;
  log: Log;
  /** The time new leads are scored and routed at. */
  clock: () => Date;
};

export type CaptureService = {
  /** The one intake pipeline every channel calls. Resolves once the inquiry is durable. */
  capture: (request: CaptureRequest) => Promise<CaptureResult>;
  /** Resolves once every capture so far is committed. */
  drained: () => Promise<void>;
};

/**
 * The innermost error message. Query errors wrap the database's own message together with the
 * statement and its parameters, which hold personal data that must not go to logs.
 */
function rootCauseOf(error: unknown): string {
  let current = error;
  while (current instanceof Error && current.cause instanceof Error) current = current.cause;
  return current instanceof Error ? current.message : String(current);
}

export function createCaptureService(options: CaptureServiceOptions): CaptureService {
  const { database, log } = options;
  const commitOptions = { matcher: options.matcher, spam: options.spam, clock: options.clock, log };

  const commitAlone = (item: PreparedCapture) =>
    database.db.transaction(
      async (tx) => (await commitCaptureBatch(tx, [item], commitOptions))[0] as CaptureResult,
    );

  /** Last resort when capturing failed: keep the inquiry on its own with the failure recorded. */
  const keepFailed = async (item: PreparedCapture, error: unknown): Promise<CaptureResult> => {
    const message = rootCauseOf(error);
    const id = uuidv7();
    const r = item.request;
    await insertInquiries(database.db, [
      {
        id,
        receivedAt: r.receivedAt,
        outcome: 'failed',
        error: message.slice(0, 2000),
        // No keys: a retry of a failed inquiry should try again, not replay the failure.
        payloadHash: item.payloadHash,
        externalId: item.externalId ?? null,
        contentType: r.contentType,
        rawBody: r.rawBody === null ? null : (storableJson(r.rawBody) as string),
        ip: r.ip ?? null,
        userAgent: r.userAgent ?? null,
        email: item.email ?? null,
        phone: item.phone ?? null,
        actor: r.actor,
      },
    ]);
    return { outcome: 'failed', inquiryId: id, error: message };
  };

  const runBatch = async (items: PreparedCapture[]): Promise<CaptureResult[]> => {
    try {
      return await database.db.transaction((tx) => commitCaptureBatch(tx, items, commitOptions));
    } catch (batchError) {
      // One bad inquiry must not sink the others: retry each alone, then keep the failures.
      if (items.length > 1) {
        log.warn(
          { cause: rootCauseOf(batchError), size: items.length },
          'capture batch failed, retrying one by one',
        );
      }
      const results: CaptureResult[] = [];
      for (const item of items) {
        try {
          results.push(items.length > 1 ? await commitAlone(item) : await Promise.reject(batchError));
        } catch (error) {
          log.error(
            { cause: rootCauseOf(error), actor: item.request.actor },
            'inquiry could not be captured; kept as failed',
          );
          results.push(await keepFailed(item, error));
        }
      }
      return results;
    }
  };

  const batcher = new Batcher<PreparedCapture, CaptureResult>(runBatch, {
    maxBatch: options.maxBatch,
    concurrency: Math.min(2, database.maxConcurrency),
  });

  const prepareOptions = { defaultRegion: options.defaultRegion, matcher: options.matcher };
  return {
    capture: async (request) => {
      let prepared: PreparedCapture;
      try {
        prepared = prepareCapture(request, prepareOptions);
      } catch (error) {
        log.error(
          { cause: rootCauseOf(error), actor: request.actor },
          'inquiry could not be prepared; kept as failed',
        );
        return keepFailed({ request, payloadHash: '', contactKeys: [], valid: false, problems: [] }, error);
      }
      return batcher.submit(prepared);
    },
    drained: () => batcher.drained(),
  };
}
