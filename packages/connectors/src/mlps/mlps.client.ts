import { isAxiosError } from 'axios';
import { MLPS_FILINGS_PATH, MLPS_TOKEN_HEADER, ZMlpsFilingPage, type TMlpsFilingPage } from '@hub/contracts';
import type {
  CircuitStateName,
  ConnectorClient,
  ConnectorDeps,
  PageSink,
  SyncOutcome,
  SyncPage,
  SyncRequest,
  TargetScope,
  RecoveryOutcome,
  RecoveryTarget,
} from '../framework/connector';
import { pagesOf, runPagedSync } from '../framework/paged-sync';
import { coveredWhen, runRecovery, type RecoveryQuery } from '../framework/recovery';
import {
  ResilientHttp,
  resilienceSettings,
  type AttemptContext,
  type JsonResponse,
} from '../framework/resilient-http';
import { UpstreamError } from '../framework/upstream-error';
import type { MlpsConfig } from './mlps.config';
import { mlpsHttpError } from './mlps.http-error';
import { instantToBeijingTime } from './mlps.time';
import { MLPS_KINDS } from './mlps.mapper';
import { filingPage } from './mlps.validation';
import { MLPS_SOURCE } from './mlps.source';

const SOURCE = MLPS_SOURCE;

/**
 * How far before the watermark an incremental sync asks from. The registry's times have whole
 * seconds and `updatedAfter` is read as "strictly after": a filing changed later within the same
 * second as the newest one seen would otherwise be missed for good. Filings of that second come
 * again, and the hub stores a record only when its content changed.
 */
export const MLPS_WATERMARK_OVERLAP_MS = 1_000;

/** Seams for tests: the backoff jitter. */
export interface MlpsClientOptions {
  random?: () => number;
}

type FilingQuery = { updatedAfter?: string; unitCode?: string };

/**
 * Client of the 网络安全等级保护备案系统 query API (mlps-filing.openapi.yaml 1.0.3): a static
 * `X-Api-Token`, bare `{ total, items }` pages by offset and limit, HTML error pages, and zone-less
 * Beijing times that become instants with +08:00 at this edge.
 */
export class MlpsClient implements ConnectorClient {
  private readonly http: ResilientHttp;

  constructor(
    private readonly config: MlpsConfig,
    private readonly deps: ConnectorDeps,
    options: MlpsClientOptions = {},
  ) {
    this.http = new ResilientHttp({
      source: SOURCE,
      baseUrl: config.baseUrl,
      logger: deps.logger,
      headers: { [MLPS_TOKEN_HEADER]: config.token },
      ...resilienceSettings(config),
      ...(options.random ? { random: options.random } : {}),
    });
  }

  circuitState(): CircuitStateName {
    return this.http.circuitState();
  }

  /**
   * Every filing, or in incremental mode those changed after the watermark (an ISO instant, sent
   * as Beijing time a second early, see {@link MLPS_WATERMARK_OVERLAP_MS}), page by page. The new
   * watermark is the latest `updatedAt` among the valid filings seen, as an instant with +08:00.
   * Offset paging cannot tell which filings a change in the listing moved past the offset; when
   * `total` changes during the walk the watermark is kept, so the next sync reads the window again.
   */
  async sync(req: SyncRequest, sink: PageSink): Promise<SyncOutcome> {
    const run = {
      source: SOURCE,
      operation: `${req.mode} sync`,
      logger: this.deps.logger,
      startCursor: req.cursor,
      sink,
      patient: true,
    };
    const query: FilingQuery = {};
    if (req.mode === 'incremental' && req.cursor !== null) {
      const updatedAfter = instantToBeijingTime(req.cursor, MLPS_WATERMARK_OVERLAP_MS);
      if (updatedAfter === null) {
        this.deps.logger.warn(
          { source: SOURCE.id, cursor: req.cursor },
          'watermark is not an ISO instant with a zone; reading every filing instead',
        );
      } else {
        query.updatedAfter = updatedAfter;
      }
    }
    return runPagedSync(run, async (emit) => {
      const latest = new LatestInstant();
      const { listingChanged } = await this.walkFilings(query, req.signal, async (page, pages) => {
        for (const record of page.records) if (record.updatedAt) latest.offer(record.updatedAt);
        await emit(page, { kind: MLPS_KINDS.filing, pages });
      });
      if (listingChanged) {
        this.deps.logger.warn(
          { source: SOURCE.id, cursor: req.cursor },
          'filing count changed during the sync; keeping the watermark so the next sync reads the window again',
        );
        return req.cursor;
      }
      return latest.value ?? req.cursor;
    });
  }

  /**
   * Every filing of the project's construction unit, by `?unitCode=`, the only filter the registry
   * has: there is no project-code filter, so a filing reaches the project through its unit and the
   * hub matches it by project code or system name. A project whose systems another unit operates
   * finds their filings only through a bulk sync.
   */
  async fetchForProject(scope: TargetScope, sink: PageSink): Promise<SyncOutcome> {
    const run = {
      source: SOURCE,
      operation: 'project fetch',
      logger: this.deps.logger,
      startCursor: null,
      sink,
    };
    return runPagedSync(run, async (emit) => {
      await this.walkFilings({ unitCode: scope.unitCode.trim().toUpperCase() }, undefined, (page, pages) =>
        emit(page, { kind: MLPS_KINDS.filing, pages }),
      );
      return null;
    });
  }

  /** After a sync lost filing pages: every filing of each target's unit, by `?unitCode=`, each unit once. */
  async recover(
    targets: readonly RecoveryTarget[],
    kinds: readonly string[],
    sink: PageSink,
  ): Promise<RecoveryOutcome> {
    const unit = (t: RecoveryTarget) => t.unitCode.trim().toUpperCase();
    const recoverable = kinds.every((k) => k === MLPS_KINDS.filing);
    const queries: RecoveryQuery[] = recoverable
      ? [...new Set(targets.map(unit))].map((unitCode) => ({
          key: `unit:${unitCode}`,
          fetch: async (emit) => {
            await this.walkFilings({ unitCode }, undefined, (page, pages) =>
              emit(page, { kind: MLPS_KINDS.filing, pages }),
            );
          },
        }))
      : [];
    return runRecovery(
      { source: SOURCE, logger: this.deps.logger },
      sink,
      queries,
      coveredWhen(recoverable ? targets : [], (t) => [`unit:${unit(t)}`], kinds),
    );
  }

  /**
   * One filing by its number: a page with its record, or with a problem when it is invalid. Throws
   * an {@link UpstreamError} (`not-found` for an unknown number) when the call fails.
   */
  async fetchFiling(filingNo: string, signal?: AbortSignal): Promise<SyncPage> {
    const path = `${MLPS_FILINGS_PATH}/${encodeURIComponent(filingNo)}`;
    const { body } = await this.http.execute(
      `GET ${path}`,
      (attempt) => this.get(attempt, path, { filingNo }),
      signal,
    );
    return filingPage([body]).page;
  }

  /** Pages through the listing by offset until `total` is reached, handing each page on. */
  private async walkFilings(
    query: FilingQuery,
    signal: AbortSignal | undefined,
    onPage: (page: SyncPage, pages: number) => Promise<void>,
  ): Promise<{ listingChanged: boolean }> {
    let firstTotal: number | undefined;
    let listingChanged = false;
    for (let offset = 0; ;) {
      const page = await this.getPage({ ...query, offset, limit: this.config.pageSize }, signal);
      firstTotal ??= page.total;
      if (page.total !== firstTotal) listingChanged = true;
      await onPage(filingPage(page.items).page, pagesOf(page.total, this.config.pageSize));
      // The served count, not the requested limit: the registry may cap a page.
      offset += page.items.length;
      if (page.items.length === 0 || offset >= page.total) return { listingChanged };
    }
  }

  /** One list page with retries, checked against the `{ total, items }` shape. */
  private async getPage(
    params: FilingQuery & { offset: number; limit: number },
    signal: AbortSignal | undefined,
  ): Promise<TMlpsFilingPage> {
    const pathWithQuery = withQuery(MLPS_FILINGS_PATH, params);
    return this.http.execute(
      `GET ${pathWithQuery}`,
      async (attempt) => {
        const { status, body } = await this.get(attempt, pathWithQuery);
        const page = ZMlpsFilingPage.safeParse(body);
        if (!page.success) {
          // The registry answered with the wrong shape: retrying would return the same.
          throw UpstreamError.badResponse(SOURCE, body, {
            httpStatus: status,
            retryable: false,
            why: {
              zh: `不是 {total, items} 列表：${page.error.issues[0]?.message ?? ''}`,
              en: `not the {total, items} list: ${page.error.issues[0]?.message ?? ''}`,
            },
          });
        }
        return page.data;
      },
      signal,
    );
  }

  /** One GET; an HTTP error status becomes the registry's typed error, quoting its HTML page. */
  private async get(
    { requestJson }: AttemptContext,
    pathWithQuery: string,
    context: { filingNo?: string } = {},
  ): Promise<JsonResponse> {
    try {
      return await requestJson({ method: 'GET', url: pathWithQuery });
    } catch (err) {
      if (isAxiosError(err) && err.response) throw mlpsHttpError(err.response, err, context);
      throw err;
    }
  }
}

/**
 * `path?k=v&…` with values percent-encoded, a space as `%20`: axios would write `+`, which some
 * Java servers keep as a plus sign, and every watermark holds a space.
 */
function withQuery(path: string, params: Record<string, string | number | undefined>): string {
  const pairs = Object.entries(params)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => `${key}=${encodeURIComponent(String(value))}`);
  return pairs.length ? `${path}?${pairs.join('&')}` : path;
}

/** Keeps the latest of the instants offered, compared as instants. */
class LatestInstant {
  private at = Number.NEGATIVE_INFINITY;
  value: string | null = null;

  offer(instant: string): void {
    const at = Date.parse(instant);
    if (at > this.at) {
      this.at = at;
      this.value = instant;
    }
  }
}
