import type { ConnectorLogger, ListPaging, PageSink, SyncOutcome, SyncPage } from './connector';
import { Patience, withPatience } from './patience';
import type { SourceRef } from './source-ref';
import { UpstreamError } from './upstream-error';

/**
 * Where a fetched page sits: the record kind of its list and how many pages the list has, as the
 * upstream says (null for a cursor-paged list, whose length is not known until its end).
 */
export interface PagePosition {
  kind: string;
  pages: number | null;
}

/** A list's length in pages from its item total and the page size served (at least one page). */
export const pagesOf = (total: number, pageSize: number): number =>
  Math.max(1, Math.ceil(total / Math.max(1, pageSize)));

/** Hands one fetched page to the sink and counts it, by list when the walk says which. */
export type EmitPage = (page: SyncPage, position?: PagePosition) => Promise<void>;

/** What {@link runPagedSync} needs to know about the run. */
export interface PagedSyncRun {
  source: SourceRef;
  /** `sync` or `fetchForProject`, for the log line */
  operation: string;
  logger: ConnectorLogger;
  /** the watermark the run started from; the outcome keeps it when the run does not complete */
  startCursor: string | null;
  sink: PageSink;
  /** a bulk sync: a page lost after its retries is asked once more (see {@link Patience}) */
  patient?: boolean;
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
  const lists = new Map<string, ListPaging>();
  const patience = run.patient ? new Patience() : null;
  const emit: EmitPage = async (page, position) => {
    const invalid = page.problems.filter((p) => !p.warning).length;
    counts.pagesFetched++;
    if (position) {
      // A walk moving to another list has finished the ones before it.
      for (const other of lists.values()) if (other.kind !== position.kind) other.complete = true;
      const list = lists.get(position.kind) ?? {
        kind: position.kind,
        pagesFetched: 0,
        pagesTotal: null,
        complete: false,
      };
      list.pagesFetched++;
      list.pagesTotal = position.pages ?? list.pagesTotal;
      lists.set(position.kind, list);
    }
    counts.recordsSeen += page.records.length + invalid;
    counts.recordsInvalid += invalid;
    if (page.problems.length > 0) {
      run.logger.warn(
        {
          source: run.source.id,
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
  const paging = () =>
    lists.size > 0 || patience?.reasked
      ? {
          paging: {
            lists: [...lists.values()],
            pagesReasked: patience?.reasked ?? 0,
            pagesRecovered: patience?.recovered ?? 0,
          },
        }
      : {};
  try {
    const cursor = await (patience ? withPatience(patience, () => walk(emit)) : walk(emit));
    for (const list of lists.values()) list.complete = true;
    outcome = { complete: true, pagesFailed: 0, ...counts, cursor, error: null, ...paging() };
  } catch (err) {
    if (err instanceof SinkFailure) throw err.error;
    if (!(err instanceof UpstreamError)) throw err;
    // The list the walk stopped in: the pages it still had are the ones lost, when its length is known.
    const last = [...lists.values()].at(-1);
    if (last) last.complete = last.pagesTotal !== null && last.pagesFetched >= last.pagesTotal;
    const lost =
      last?.pagesTotal != null && last.pagesFetched < last.pagesTotal
        ? last.pagesTotal - last.pagesFetched
        : 1;
    outcome = {
      complete: false,
      pagesFailed: lost,
      ...counts,
      cursor: run.startCursor,
      error: err,
      ...paging(),
    };
  }
  const log = {
    source: run.source.id,
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
