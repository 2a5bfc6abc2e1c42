import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * A bulk sync is patient: a page that still fails once its retries have run out is asked once more,
 * after a pause (and after an open circuit's cool-down), before the sync gives it up. A targeted
 * fetch for a check is not: the reviewer waits for it. The patience of the running sync travels with
 * its calls (AsyncLocalStorage), so no connector threads it through its page walks.
 */
export class Patience {
  /** pages asked again after their retries ran out */
  reasked = 0;
  /** of those, the pages that came the second time */
  recovered = 0;
  /**
   * a second ask failed too: the upstream is down, not flaky, so the run's later calls are not
   * asked again (a recovery of a hundred units must not wait out the circuit a hundred times)
   */
  exhausted = false;
}

const current = new AsyncLocalStorage<Patience>();

/** Runs `fn` with `patience` as the patience of every upstream call it makes. */
export function withPatience<T>(patience: Patience, fn: () => Promise<T>): Promise<T> {
  return current.run(patience, fn);
}

/** The patience of the sync this call belongs to, if it is a patient one. */
export function currentPatience(): Patience | undefined {
  return current.getStore();
}
