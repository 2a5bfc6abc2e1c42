import { bestSystemNameScore, SUGGESTION_SCORE } from '@hub/rules';
import { isAxiosError } from 'axios';
import {
  DATA_EXCHANGE_PATHS,
  ZDataExchangeCatalogEntry,
  ZDataExchangePage,
  ZDataExchangeStats,
  ZDataExchangeSystem,
  type TDataExchangePage,
  type TDataExchangeSystem,
} from '@hub/contracts';
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
import { readLeniently, validateItems, type ValidItem } from '../framework/record-validation';
import { ResilientHttp, resilienceSettings } from '../framework/resilient-http';
import { UpstreamError } from '../framework/upstream-error';
import type { DataExchangeConfig } from './data-exchange.config';
import {
  dataExchangeErrorFromResponse,
  isTokenRejection,
  unwrapDataExchangeEnvelope,
} from './data-exchange.envelope';
import {
  DATA_EXCHANGE_KIND_TITLES,
  DATA_EXCHANGE_KINDS,
  catalogEntryRecord,
  statsExternalId,
  statsRecord,
  systemRecord,
} from './data-exchange.mapper';
import { DataExchangeTokenSource } from './data-exchange.token';
import {
  LatestInstant,
  NO_WATERMARK,
  decodeWatermark,
  encodeWatermark,
  type DataExchangeWatermark,
} from './data-exchange.watermark';
import { DATA_EXCHANGE_SOURCE } from './data-exchange.source';

const SOURCE = DATA_EXCHANGE_SOURCE;

/** Seams for tests: the clock tokens expire by, and the backoff jitter. */
export interface DataExchangeClientOptions {
  now?: () => number;
  random?: () => number;
}

type Query = Record<string, string | number | null | undefined>;

/**
 * Client of the 政务信息资源共享交换平台 open API (data-exchange.openapi.yaml 2.2.0): OAuth2
 * client-credentials bearer tokens, `{success, result}` envelopes, 1-based page/size paging.
 * Scans read systems and the catalogue (incrementally by `modifiedAfter`) and the bulk statistics;
 * the slow per-system statistics endpoint is used only by {@link DataExchangeClient.fetchForProject}.
 */
export class DataExchangeClient implements ConnectorClient {
  private readonly http: ResilientHttp;
  private readonly tokens: DataExchangeTokenSource;

  constructor(
    private readonly config: DataExchangeConfig,
    private readonly deps: ConnectorDeps,
    options: DataExchangeClientOptions = {},
  ) {
    this.http = new ResilientHttp({
      source: SOURCE,
      // axios appends the contract's paths to the base URL, so a gateway's path prefix is kept.
      baseUrl: config.baseUrl,
      logger: deps.logger,
      ...resilienceSettings(config),
      ...(options.random ? { random: options.random } : {}),
    });
    this.tokens = new DataExchangeTokenSource({
      http: this.http,
      clientId: config.clientId,
      clientSecret: config.clientSecret,
      logger: deps.logger,
      now: options.now ?? Date.now,
    });
  }

  circuitState(): CircuitStateName {
    return this.http.circuitState();
  }

  /**
   * Systems, then catalogue entries, then the bulk statistics of the configured window. In
   * incremental mode systems and entries are asked for from their watermark (less the configured
   * overlap); statistics have no change time and are read whole every time. The new cursor holds
   * the latest `modifiedAt` of each list; an incomplete sync returns the old one.
   */
  async sync(req: SyncRequest, sink: PageSink): Promise<SyncOutcome> {
    let since: DataExchangeWatermark = NO_WATERMARK;
    if (req.mode === 'incremental') {
      const decoded = decodeWatermark(req.cursor);
      if (decoded === null) {
        this.deps.logger.warn(
          { source: SOURCE.id, cursor: req.cursor },
          'stored cursor is unreadable, reading everything',
        );
      }
      since = decoded ?? NO_WATERMARK;
    }
    const run = {
      source: SOURCE,
      operation: `${req.mode} sync`,
      logger: this.deps.logger,
      startCursor: req.cursor,
      sink,
      patient: true,
    };
    return runPagedSync(run, async (emit) => {
      const systemsSeen = new LatestInstant(since.systems);
      await this.walkPages(
        DATA_EXCHANGE_PATHS.systems,
        { modifiedAfter: this.askFrom(since.systems) },
        req.signal,
        async (items, pages) => {
          const { page, valid } = systemPage(items);
          for (const { value } of valid) systemsSeen.offer(value.modifiedAt);
          await emit(page, { kind: DATA_EXCHANGE_KINDS.system, pages });
        },
      );
      const catalogSeen = new LatestInstant(since.catalog);
      await this.walkPages(
        DATA_EXCHANGE_PATHS.catalog,
        { modifiedAfter: this.askFrom(since.catalog) },
        req.signal,
        async (items, pages) => {
          const { page, valid } = catalogPage(items);
          for (const { value } of valid) catalogSeen.offer(value.modifiedAt);
          await emit(page, { kind: DATA_EXCHANGE_KINDS.catalogEntry, pages });
        },
      );
      await this.walkPages(
        DATA_EXCHANGE_PATHS.stats,
        { days: this.config.statsDays },
        req.signal,
        async (items, pages) => emit(statsPage(items), { kind: DATA_EXCHANGE_KINDS.stats, pages }),
      );
      return encodeWatermark({ systems: systemsSeen.value, catalog: catalogSeen.value });
    });
  }

  /**
   * Everything the platform knows that may belong to one project. The systems list has no project
   * filter, so every system is listed and only those carrying the project code or owned by the
   * construction unit are kept (with the invalid ones that look like theirs); then, for each kept
   * system, its catalogue entries (`systemId` filter) and its statistics from the per-system
   * endpoint (slow, but it spares reading every system's statistics). A system with no statistics
   * for the window (not found) simply has none.
   */
  async fetchForProject(scope: TargetScope, sink: PageSink): Promise<SyncOutcome> {
    const run = {
      source: SOURCE,
      operation: 'project fetch',
      logger: this.deps.logger,
      startCursor: null,
      sink,
    };
    const unitCode = normaliseCode(scope.unitCode);
    const projectCode = scope.projectCode.trim();
    // A unit may run hundreds of systems, each costing a catalogue walk and a slow statistics call:
    // when the project's system names are known, only the unit's systems that could match them count.
    const names = scope.systemNames ?? [];
    const couldMatch = (systemName: unknown) =>
      names.length === 0 ||
      (typeof systemName === 'string' && bestSystemNameScore(systemName, names) >= SUGGESTION_SCORE);
    const belongs = (system: { projectCode?: unknown; unitCode?: unknown; systemName?: unknown }) =>
      (typeof system.projectCode === 'string' && system.projectCode.trim() === projectCode) ||
      (typeof system.unitCode === 'string' &&
        normaliseCode(system.unitCode) === unitCode &&
        couldMatch(system.systemName));

    return runPagedSync(run, async (emit) => {
      const systemIds: string[] = [];
      await this.walkPages(DATA_EXCHANGE_PATHS.systems, {}, undefined, async (items) => {
        const { valid, problems } = validateSystems(items);
        const kept = valid.filter(({ value }) => belongs(value));
        for (const { value } of kept) {
          if (!systemIds.includes(value.systemId)) systemIds.push(value.systemId);
        }
        await emit({
          records: kept.map(({ raw, value }) => systemRecord(raw, value)),
          problems: problems.filter((p) => isRecord(p.payload) && belongs(p.payload)),
        });
      });
      for (const systemId of systemIds) {
        await this.walkPages(DATA_EXCHANGE_PATHS.catalog, { systemId }, undefined, async (items) =>
          emit(catalogPage(items).page),
        );
        await emit(await this.systemStats(systemId));
      }
      return null;
    });
  }

  /**
   * After a sync lost catalogue or statistics pages: each project's systems' catalogue entries (by
   * `systemId`) and statistics (per-system endpoint), each system asked once. The systems list has no
   * filter, so when its pages were lost nothing is covered.
   */
  async recover(
    targets: readonly RecoveryTarget[],
    kinds: readonly string[],
    sink: PageSink,
  ): Promise<RecoveryOutcome> {
    const recoverable = kinds.every(
      (k) => k === DATA_EXCHANGE_KINDS.catalogEntry || k === DATA_EXCHANGE_KINDS.stats,
    );
    const systems = [...new Set(targets.flatMap((t) => t.known[DATA_EXCHANGE_KINDS.system] ?? []))];
    const queries: RecoveryQuery[] = recoverable
      ? systems.map((systemId) => ({
          key: `system:${systemId}`,
          fetch: async (emit) => {
            await this.walkPages(DATA_EXCHANGE_PATHS.catalog, { systemId }, undefined, async (items, pages) =>
              emit(catalogPage(items).page, { kind: DATA_EXCHANGE_KINDS.catalogEntry, pages }),
            );
            await emit(await this.systemStats(systemId), { kind: DATA_EXCHANGE_KINDS.stats, pages: null });
          },
        }))
      : [];
    return runRecovery(
      { source: SOURCE, logger: this.deps.logger },
      sink,
      queries,
      coveredWhen(
        recoverable ? targets : [],
        (t) => (t.known[DATA_EXCHANGE_KINDS.system] ?? []).map((id) => `system:${id}`),
        kinds,
      ),
    );
  }

  /** One system's statistics from the slow per-system endpoint; an empty page when it has none. */
  private async systemStats(systemId: string): Promise<SyncPage> {
    let result: unknown;
    try {
      result = await this.getResult(
        DATA_EXCHANGE_PATHS.systemStats(systemId),
        { days: this.config.statsDays },
        undefined,
        (data) => data,
      );
    } catch (err) {
      if (err instanceof UpstreamError && err.code === 'not-found') {
        this.deps.logger.debug({ source: SOURCE.id, systemId }, 'system has no exchange statistics');
        return { records: [], problems: [] };
      }
      throw err;
    }
    if (result === null) return { records: [], problems: [] };
    return statsPage([result]);
  }

  /**
   * Pages 1, 2, … of a list endpoint until `total` records have been read (or a page comes back
   * empty), handing each page's records on as soon as it arrives. A platform that caps `size` below
   * the one asked for is followed at its own size from page 2 on, so no record is skipped.
   */
  private async walkPages(
    path: string,
    query: Query,
    signal: AbortSignal | undefined,
    onRecords: (records: unknown[], pages: number) => Promise<void>,
  ): Promise<void> {
    let size = this.config.pageSize;
    let read = 0;
    for (let page = 1; ; page++) {
      const result: TDataExchangePage = await this.getResult(
        path,
        { ...query, page, size },
        signal,
        (data, status) => {
          const parsed = ZDataExchangePage.safeParse(data);
          if (parsed.success) return parsed.data;
          // The API answered with the wrong shape: retrying would return the same.
          throw UpstreamError.badResponse(SOURCE, data, {
            httpStatus: status,
            retryable: false,
            why: {
              zh: `result 不符合分页结构：${parsed.error.issues[0]?.message ?? ''}`,
              en: `result is not the page shape: ${parsed.error.issues[0]?.message ?? ''}`,
            },
          });
        },
      );
      await onRecords(result.records, pagesOf(result.total, result.size || size));
      read += result.records.length;
      if (result.records.length === 0 || read >= result.total) return;
      if (page === 1 && result.size < size) size = result.size;
    }
  }

  /**
   * One authorised GET with retries, returning the envelope's `result` as `parse` reads it (inside
   * the attempt, so a wrong shape is classified there). When the platform refuses the token itself
   * (HTTP 401, `TOKEN_EXPIRED`) a new token is fetched and the call repeated once.
   */
  private async getResult<T>(
    path: string,
    query: Query,
    signal: AbortSignal | undefined,
    parse: (result: unknown, httpStatus: number) => T,
  ): Promise<T> {
    const url = withQuery(path, query);
    const call = (token: string) =>
      this.http.execute(
        `GET ${url}`,
        async ({ requestJson }) => {
          let response;
          try {
            response = await requestJson({
              method: 'GET',
              url,
              headers: { Authorization: `Bearer ${token}` },
            });
          } catch (err) {
            if (isAxiosError(err) && err.response) throw dataExchangeErrorFromResponse(err.response, err);
            throw err;
          }
          return parse(unwrapDataExchangeEnvelope(response.body, response.status), response.status);
        },
        signal,
      );

    const token = await this.tokens.get(signal);
    try {
      return await call(token);
    } catch (err) {
      if (!isTokenRejection(err)) throw err;
      this.tokens.invalidate(token);
      this.deps.logger.warn(
        {
          source: SOURCE.id,
          operation: `GET ${url}`,
          upstreamCode: err.upstreamCode,
          httpStatus: err.httpStatus,
        },
        'access token refused, fetching a new one and retrying once',
      );
    }
    const fresh = await this.tokens.get(signal);
    try {
      return await call(fresh);
    } catch (err) {
      if (!isTokenRejection(err)) throw err;
      this.tokens.invalidate(fresh);
      throw freshTokenRefused(err);
    }
  }

  /** `modifiedAfter` for a watermark: moved back by the overlap, or absent for a full read. */
  private askFrom(watermark: string | null): string | undefined {
    if (watermark === null) return undefined;
    if (this.config.incrementalOverlapMs === 0) return watermark;
    return new Date(Date.parse(watermark) - this.config.incrementalOverlapMs).toISOString();
  }
}

/** The error a caller sees when even a token fetched just now is refused. */
function freshTokenRefused(err: UpstreamError): UpstreamError {
  const said = `${err.upstreamCode ?? `HTTP ${err.httpStatus ?? '?'}`}`;
  return new UpstreamError({
    source: SOURCE,
    code: 'auth',
    retryable: false,
    ...(err.httpStatus === undefined ? {} : { httpStatus: err.httpStatus }),
    ...(err.upstreamCode === undefined ? {} : { upstreamCode: err.upstreamCode }),
    detail: {
      zh: `拒绝了刚获取的访问令牌（${said}），请检查中枢与平台的时钟是否一致、令牌有效期设置，以及该客户端的接口授权`,
      en: `refused an access token issued moments before (${said}); check that the hub's and the platform's clocks agree, the token lifetime, and the client's API grants`,
    },
    cause: err,
  });
}

function validateSystems(items: readonly unknown[]) {
  return validateItems({
    kind: DATA_EXCHANGE_KINDS.system,
    title: DATA_EXCHANGE_KIND_TITLES.system,
    schema: ZDataExchangeSystem,
    idField: 'systemId',
    items,
    attribute: (raw) =>
      readLeniently(raw, {
        id: 'systemId',
        projectCode: 'projectCode',
        systemName: 'systemName',
        unitCode: 'unitCode',
        updatedAt: 'modifiedAt',
      }),
  });
}

function systemPage(items: readonly unknown[]): {
  page: SyncPage;
  valid: ValidItem<TDataExchangeSystem>[];
} {
  const { valid, problems } = validateSystems(items);
  return { page: { records: valid.map(({ raw, value }) => systemRecord(raw, value)), problems }, valid };
}

function catalogPage(items: readonly unknown[]) {
  const { valid, problems } = validateItems({
    kind: DATA_EXCHANGE_KINDS.catalogEntry,
    title: DATA_EXCHANGE_KIND_TITLES.catalogEntry,
    schema: ZDataExchangeCatalogEntry,
    idField: 'resourceCode',
    items,
    attribute: (raw) =>
      readLeniently(raw, { id: 'resourceCode', parent: 'systemId', updatedAt: 'modifiedAt' }),
  });
  return {
    page: { records: valid.map(({ raw, value }) => catalogEntryRecord(raw, value)), problems },
    valid,
  };
}

function statsPage(items: readonly unknown[]): SyncPage {
  const { valid, problems } = validateItems({
    kind: DATA_EXCHANGE_KINDS.stats,
    title: DATA_EXCHANGE_KIND_TITLES.stats,
    schema: ZDataExchangeStats,
    idField: 'systemId',
    items,
    attribute: (raw) => {
      // One record per system and window: without a readable window it cannot replace its record.
      const days = typeof raw['days'] === 'number' ? raw['days'] : null;
      const index = readLeniently(raw, { id: 'systemId', parent: 'systemId' });
      return index && days !== null
        ? { ...index, externalId: statsExternalId(index.externalId, days) }
        : null;
    },
  });
  return { records: valid.map(({ raw, value }) => statsRecord(raw, value)), problems };
}

/** `path?a=1&b=2`, skipping absent values; URLSearchParams encodes `+` in an offset as %2B. */
function withQuery(path: string, query: Query): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== null && value !== undefined) params.set(name, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function normaliseCode(code: string): string {
  return code.trim().toUpperCase();
}
