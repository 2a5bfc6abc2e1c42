import type PgBoss from 'pg-boss';
import type { Logger } from 'pino';

interface BossPlans {
  completeJobs(schema: string): string;
  failJobsById(schema: string): string;
}

interface BossDb {
  executeSql(text: string, values?: unknown[]): Promise<unknown>;
}

/**
 * pg-boss 10 records a worker's outcome (complete, or fail and retry) without awaiting it (its
 * manager's `watch` calls `this.complete(…)` / `this.fail(…)` and moves on): when that write is refused — the database is unreachable, or the connection was cut —
 * the rejection is unhandled and ends the process. The outcome is not lost by dropping it: a job
 * whose completion was not recorded stays active, expires after HUB_JOB_EXPIRE_SECONDS and is handed
 * out again, and the scan's own task rows make its effect happen once. So those two statements, and
 * only they, are caught here and logged; every other statement fails as it did.
 */
export function guardJobCompletions(boss: PgBoss, schema: string, logger: Logger): JobOutcomeWrites {
  // The statements pg-boss's manager sends for them, byte for byte (its plans are not typed).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const plans = require('pg-boss/src/plans') as BossPlans;
  const outcomes = new Map([
    [plans.completeJobs(schema), 'complete'],
    [plans.failJobsById(schema), 'fail'],
  ]);
  const db = boss.getDb() as BossDb;
  const execute = db.executeSql.bind(db);
  const inFlight = new Set<Promise<unknown>>();
  db.executeSql = (text, values) => {
    const outcome = outcomes.get(text);
    if (!outcome) return execute(text, values);
    const write = execute(text, values).catch((e: unknown) => {
      logger.warn(
        { err: e, outcome, queue: values?.[0], jobIds: values?.[1] },
        'job outcome not recorded; the job expires and is handed out again',
      );
      return { rows: [{ count: '0' }] };
    });
    inFlight.add(write);
    void write.finally(() => inFlight.delete(write));
    return write;
  };
  return {
    settled: async () => {
      // pg-boss issues the write a few microtasks after the handler settles: let it, then wait for it.
      await new Promise((resolve) => setImmediate(resolve));
      await Promise.allSettled([...inFlight]);
    },
  };
}

/** The job outcomes pg-boss is writing now. */
export interface JobOutcomeWrites {
  /** resolves once every outcome already under way has been written (or refused and logged) */
  settled(): Promise<void>;
}
