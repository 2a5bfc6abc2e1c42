import { bulkhead, type BulkheadPolicy } from 'cockatiel';

/**
 * Politeness towards one upstream: at most `maxConcurrency` requests in flight (cockatiel's
 * bulkhead, with an unbounded queue) and request starts spaced so that no more than
 * `maxRequestsPerSecond` begin in any second (0 = no rate limit). Shared by every call of a source,
 * so parallel syncs and targeted checks together stay within the limits.
 */
export class RequestThrottle {
  private readonly bulkhead: BulkheadPolicy;
  private readonly intervalMs: number;
  private nextStartAt = 0;

  constructor(
    maxConcurrency: number,
    maxRequestsPerSecond: number,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {
    this.bulkhead = bulkhead(maxConcurrency, Number.MAX_SAFE_INTEGER);
    this.intervalMs = maxRequestsPerSecond > 0 ? 1000 / maxRequestsPerSecond : 0;
  }

  run<T>(fn: () => Promise<T>): Promise<T> {
    return this.bulkhead.execute(async () => {
      if (this.intervalMs > 0) {
        // Reserve the next start slot before waiting, so concurrent callers queue in order.
        const now = this.now();
        const startAt = Math.max(now, this.nextStartAt);
        this.nextStartAt = startAt + this.intervalMs;
        if (startAt > now) await this.sleep(startAt - now);
      }
      return fn();
    });
  }
}
