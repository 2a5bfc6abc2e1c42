import { Injectable } from '@nestjs/common';

/**
 * Whether this process is shutting down. Set first thing on SIGTERM / SIGINT: readiness answers 503
 * from then on so load balancers stop sending work, and failures of work cut short by the shutdown
 * are logged as warnings, not errors.
 */
@Injectable()
export class Lifecycle {
  private stoppingSince: number | null = null;

  get stopping(): boolean {
    return this.stoppingSince !== null;
  }

  beginShutdown(): void {
    this.stoppingSince ??= Date.now();
  }
}

/**
 * Waits until every promise settled or the wall-clock `deadline` (ms since epoch) passed, whichever
 * comes first; true when all settled. Rejections count as settled: the work reports its own failure.
 */
export async function settledBy(work: readonly Promise<unknown>[], deadline: number): Promise<boolean> {
  if (work.length === 0) return true;
  let timer: NodeJS.Timeout | undefined;
  const all = Promise.allSettled(work).then(() => true);
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), Math.max(0, deadline - Date.now()));
  });
  try {
    return await Promise.race([all, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** `work`, or a rejection with `onTimeout()` once `ms` passed first (the work itself goes on). */
export async function within<T>(work: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}
