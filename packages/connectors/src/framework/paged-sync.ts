import type { SourceId } from '@hub/contracts';
import type { ConnectorLogger, PageSink, SyncOutcome, SyncPage } from './connector';
import { UpstreamError } from './upstream-error';

/** Hands one fetched page to the sink and counts it. */
export type EmitPage = (page: SyncPage) => Promise<void>;

/** What {@link runPagedSync} needs to know about the run. */
export interface PagedSyncRun {
  source: SourceId;
  /** `sync` or `fetchForProject`, for the log line */
  operation: string;
  logger: ConnectorLogger;
  /** the watermark the run started from; the outcome keeps it when the run does not complete */
  startCursor: string | null;
  sink: PageSink;
}

/** Wraps an error thrown by the caller's sink, so it is never mistaken for an upstream failure. */
class SinkFailure {
  constructor(readonly error: unknown) {}
}

/**
 * Runs a connector's page walk and turns it into a {@link SyncOutcome}: counts pages and records,
 * delivers each page to the sink at once (so a failure on page 5 keeps pages 1-4), and ends the
 * outcome incomplete with the typed error when an upstream call fails after its retries.
 * `walk` returns the new watermark; errors from the sink and bugs propagate unchanged.
 */
export async function runPagedSync(
  run: PagedSyncRun,
  walk: (emit: EmitPage) => Promise<string | null>,
): Promise<SyncOutcome> {
  const started = Date.now();
  const counts = { pagesFetched: 0, recordsSeen: 0, recordsInvalid: 0 };
  const emit: EmitPage = async (page) => {
    const invalid = page.problems.filter((p) => !p.warning).length;
    counts.pagesFetched++;
    counts.recordsSeen += page.records.length + invalid;
    counts.recordsInvalid += invalid;
    if (page.problems.length > 0) {
      run.logger.warn(
        {
          source: run.source,
          problems: page.problems.map((p) => ({ kind: p.kind, externalId: p.externalId, issues: p.issues })),
        },
        'upstream records failed validation',
      );
    }
    if (page.records.length === 0 && page.problems.length === 0) return;
    try {
      await run.sink(page);
    } catch (err) {
      throw new SinkFailure(err);
    }
  };

  let outcome: SyncOutcome;
  try {
    const cursor = await walk(emit);
    outcome = { complete: true, pagesFailed: 0, ...counts, cursor, error: null };
  } catch (err) {
    if (err instanceof SinkFailure) throw err.error;
    if (!(err instanceof UpstreamError)) throw err;
    outcome = { complete: false, pagesFailed: 1, ...counts, cursor: run.startCursor, error: err };
  }
  const log = {
    source: run.source,
    operation: run.operation,
    complete: outcome.complete,
    pagesFetched: outcome.pagesFetched,
    recordsSeen: outcome.recordsSeen,
    recordsInvalid: outcome.recordsInvalid,
    durationMs: Date.now() - started,
    error: outcome.error?.toJSON(),
  };
  if (outcome.complete) run.logger.info(log, `${run.operation} finished`);
  else run.logger.error(log, `${run.operation} stopped before the end: ${outcome.error?.message ?? ''}`);
  return outcome;
}
