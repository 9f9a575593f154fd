import type { Database } from '../store/db.ts';
import type { CaptureResult } from './capture/types.ts';
import { routeCapturedLeads } from './routing.ts';
import { scoreNewLeads } from './scoring.ts';

/**
 * What happens to new leads once their capture is durable: score them (routing rules may read the
 * score), then route them to an owner with a first task. Anything that fails here is retried by the
 * scheduler's routing catch-up, since the leads stay with routed_at null.
 */
export async function followUpCapturedLeads(
  deps: { database: Database; clock: () => Date },
  results: CaptureResult[],
): Promise<void> {
  const created = results.flatMap((r) => (r.outcome === 'created' ? [r.leadId] : []));
  if (created.length === 0) return;
  await deps.database.db.transaction((tx) => scoreNewLeads(tx, created, deps.clock()));
  await routeCapturedLeads(deps, results);
}
