/**
 * Work that follows durable captures (scoring, routing) without holding up their replies: results
 * pushed while a run is going on wait and go together into the next run, so a busy server does
 * one follow-up for many batches. Runs one at a time, which also keeps round-robin order simple,
 * and takes at most `maxItems` per run: a long run held the event loop and its locks so long that
 * captures waiting beside it saw p99 latencies of seconds (bench:capture: 50 gave the best figures).
 */
export class FollowUpQueue<T> {
  private pending: T[] = [];
  private running: Promise<void> | null = null;

  constructor(
    private readonly run: (items: T[]) => Promise<void>,
    private readonly onError: (error: unknown) => void,
    private readonly maxItems = 50,
  ) {}

  push(items: T[]): void {
    if (items.length === 0) return;
    this.pending.push(...items);
    this.running ??= this.drain();
  }

  /** Resolves once everything pushed so far has been followed up. */
  idle(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  private async drain(): Promise<void> {
    while (this.pending.length > 0) {
      const items = this.pending.splice(0, this.maxItems);
      try {
        await this.run(items);
      } catch (error) {
        this.onError(error);
      }
    }
    this.running = null;
  }
}
