import type { PageSink, RecoveryOutcome, RecoveryTarget } from './connector';
import { runPagedSync, type EmitPage, type PagedSyncRun } from './paged-sync';
import { UpstreamError } from './upstream-error';

/** One filtered query of a recovery (a project's code, a unit, a system), by the key it is known by. */
export interface RecoveryQuery {
  key: string;
  fetch(emit: EmitPage): Promise<void>;
}

/**
 * Runs a recovery's queries one by one, each on its own: a query that fails costs only the projects
 * that need it, never the others. `coverage` then says, from the queries that came back whole, which
 * record kinds of which project were fetched completely. Patient, as the bulk sync it completes.
 */
export async function runRecovery(
  run: Omit<PagedSyncRun, 'startCursor' | 'sink' | 'patient' | 'operation'>,
  sink: PageSink,
  queries: readonly RecoveryQuery[],
  coverage: (done: ReadonlySet<string>) => Map<string, Set<string>>,
): Promise<RecoveryOutcome> {
  const done = new Set<string>();
  let failed = 0;
  let lastError: UpstreamError | null = null;
  const outcome = await runPagedSync(
    { ...run, operation: 'recovery', startCursor: null, sink, patient: true },
    async (emit) => {
      for (const query of queries) {
        if (done.has(query.key)) continue;
        try {
          await query.fetch(emit);
          done.add(query.key);
        } catch (err) {
          if (!(err instanceof UpstreamError)) throw err;
          failed++;
          lastError = err;
          run.logger.warn(
            { source: run.source.id, query: query.key, error: err.message },
            'recovery query failed',
          );
        }
      }
      return null;
    },
  );
  return {
    ...outcome,
    complete: failed === 0,
    pagesFailed: failed,
    error: lastError,
    covered: coverage(done),
    requests: outcome.pagesFetched + failed,
  };
}

/** Projects by code, each covered for `kinds` when every query it needs is done. */
export function coveredWhen(
  targets: readonly RecoveryTarget[],
  needs: (target: RecoveryTarget) => readonly string[],
  kinds: readonly string[],
): (done: ReadonlySet<string>) => Map<string, Set<string>> {
  return (done) =>
    new Map(
      targets
        .filter((t) => needs(t).every((key) => done.has(key)))
        .map((t) => [t.projectCode, new Set(kinds)]),
    );
}
