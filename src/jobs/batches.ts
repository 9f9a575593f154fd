// Jobs work in short transactions over bounded batches, so a backlog never holds one long lock.

export const BATCH_SIZE = 100;
const MAX_BATCHES_PER_RUN = 50;

/**
 * Calls handleBatch (one transaction over at most BATCH_SIZE rows) until a batch comes back
 * short, so a backlog is worked off in one run without one endless transaction.
 */
export async function inBatches(handleBatch: () => Promise<number>): Promise<number> {
  let total = 0;
  for (let i = 0; i < MAX_BATCHES_PER_RUN; i++) {
    const handled = await handleBatch();
    total += handled;
    if (handled < BATCH_SIZE) break;
  }
  return total;
}
