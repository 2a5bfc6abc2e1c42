import { isAxiosError } from 'axios';
import type { z } from 'zod';
import type { Text } from '@hub/rules';
import {
  SERVICE_PLATFORMS_HEADERS,
  SERVICE_PLATFORMS_PATHS,
  ZHubApplication,
  ZMobileService,
  ZServicePlatformsPage,
  ZYwtbSystem,
  type ServicePlatformRegistry,
  type TServicePlatformsPage,
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
  UpstreamRecord,
} from '../framework/connector';
import { pagesOf, runPagedSync, type EmitPage } from '../framework/paged-sync';
import { readLeniently, validateItems } from '../framework/record-validation';
import { ResilientHttp, resilienceSettings, type JsonResponse } from '../framework/resilient-http';
import { UpstreamError } from '../framework/upstream-error';
import type { ServicePlatformsConfig } from './service-platforms.config';
import { servicePlatformsHttpError, unwrapServicePlatformsEnvelope } from './service-platforms.envelope';
import {
  SERVICE_PLATFORMS_KIND_TITLES,
  SERVICE_PLATFORMS_KINDS,
  hubApplicationRecord,
  mobileServiceRecord,
  ywtbSystemRecord,
} from './service-platforms.mapper';
import { SERVICE_PLATFORMS_SOURCE } from './service-platforms.source';

const SOURCE = SERVICE_PLATFORMS_SOURCE;

/** Seams for tests: the backoff jitter. */
export interface ServicePlatformsClientOptions {
  random?: () => number;
}

/** How one registry's rows become a page of records and problems. */
interface RegistryWalk {
  registry: ServicePlatformRegistry;
  /** the record kind of its rows */
  kind: string;
  toPage(rows: readonly unknown[]): SyncPage;
}

/** What a registry's rows are checked against and mapped with. */
interface RegistrySpec<T> {
  registry: ServicePlatformRegistry;
  kind: string;
  title: Text;
  schema: z.ZodType<T>;
  /** field holding the row's id, read from invalid rows too */
  idField: string;
  /** field holding the row's system (or service, app) name, read from invalid rows too */
  nameField: string;
  toRecord(raw: Record<string, unknown>, value: T): UpstreamRecord;
}

function registryWalk<T>(spec: RegistrySpec<T>): RegistryWalk {
  const { registry, kind, title, schema, idField, nameField, toRecord } = spec;
  const fields = { id: idField, projectCode: 'projectCode', systemName: nameField, unitCode: 'unitCode' };
  return {
    registry,
    kind,
    toPage(rows) {
      const { valid, problems } = validateItems({
        kind,
        title,
        schema,
        idField,
        items: rows,
        attribute: (raw) => readLeniently(raw, fields),
      });
      return { records: valid.map(({ raw, value }) => toRecord(raw, value)), problems };
    },
  };
}

/** The registries in the order they are walked. */
const REGISTRY_WALKS: readonly RegistryWalk[] = [
  registryWalk({
    registry: 'ywtb',
    kind: SERVICE_PLATFORMS_KINDS.ywtbSystem,
    title: SERVICE_PLATFORMS_KIND_TITLES.ywtbSystem,
    schema: ZYwtbSystem,
    idField: 'systemCode',
    nameField: 'systemName',
    toRecord: ywtbSystemRecord,
  }),
  registryWalk({
    registry: 'ybyh',
    kind: SERVICE_PLATFORMS_KINDS.mobileService,
    title: SERVICE_PLATFORMS_KIND_TITLES.mobileService,
    schema: ZMobileService,
    idField: 'serviceId',
    nameField: 'serviceName',
    toRecord: mobileServiceRecord,
  }),
  registryWalk({
    registry: 'brain',
    kind: SERVICE_PLATFORMS_KINDS.hubApplication,
    title: SERVICE_PLATFORMS_KIND_TITLES.hubApplication,
    schema: ZHubApplication,
    idField: 'appId',
    nameField: 'appName',
    toRecord: hubApplicationRecord,
  }),
];

/**
 * Client of the 一网通办 / 岳办岳好 / 城市大脑中枢 registries (service-platforms.openapi.yaml 1.2.0):
 * one gateway, X-App-Key / X-App-Secret headers, `{code: "00000", message, data: {rows, total}}`
 * envelopes and pageNum / pageSize paging. One client walks all three registries.
 *
 * The registries are walked one after the other (一网通办, 岳办岳好, 城市大脑中枢); a registry that still
 * fails after its retries ends the whole run incomplete, and the pages already sunk stay sunk. The
 * remaining registries are not called: they sit behind the same gateway, so the same credentials,
 * throttling and outage would meet them, and the next run lists everything again anyway.
 */
export class ServicePlatformsClient implements ConnectorClient {
  private readonly http: ResilientHttp;

  constructor(
    private readonly config: ServicePlatformsConfig,
    private readonly deps: ConnectorDeps,
    options: ServicePlatformsClientOptions = {},
  ) {
    this.http = new ResilientHttp({
      source: SOURCE,
      baseUrl: config.baseUrl,
      logger: deps.logger,
      headers: {
        [SERVICE_PLATFORMS_HEADERS.appKey]: config.appKey,
        [SERVICE_PLATFORMS_HEADERS.appSecret]: config.appSecret,
      },
      ...resilienceSettings(config),
      ...(options.random ? { random: options.random } : {}),
    });
  }

  circuitState(): CircuitStateName {
    return this.http.circuitState();
  }

  /**
   * Lists all three registries in full, page by page. The contract has no "updated since" parameter
   * (whatever the general contract README says) and its records carry no change time, so an
   * incremental sync is the same full listing: the watermark stays null. Retired records come back
   * with status OFFLINE and are tombstones; records that vanish are never deleted for their absence.
   * An incomplete run returns the cursor it was given.
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
    return runPagedSync(run, async (emit) => {
      await this.walkAll(emit, req.signal);
      return null;
    });
  }

  /**
   * The registries have no filters (no project code, no unit), so a targeted fetch lists all three
   * in full, exactly as a sync does, and delivers every record: the hub's bindings then pick the
   * project's records by project code or by unit + system name, as for any other source. Matching
   * here as well would risk disagreeing with them.
   */
  async fetchForProject(_scope: TargetScope, sink: PageSink): Promise<SyncOutcome> {
    const run = {
      source: SOURCE,
      operation: 'project fetch',
      logger: this.deps.logger,
      startCursor: null,
      sink,
    };
    return runPagedSync(run, async (emit) => {
      await this.walkAll(emit);
      return null;
    });
  }

  private async walkAll(emit: EmitPage, signal?: AbortSignal): Promise<void> {
    for (const walk of REGISTRY_WALKS) await this.walkRegistry(walk, emit, signal);
  }

  /**
   * Pages through one registry until the rows received reach `total` (counted, not computed from the
   * page size, in case the gateway serves smaller pages than asked) or a page comes back empty.
   * Offset paging over a registry that changes during the walk can skip or repeat a row; repeats are
   * harmless (records are stored by id) and a skipped row is picked up by the next full listing.
   */
  private async walkRegistry(walk: RegistryWalk, emit: EmitPage, signal?: AbortSignal): Promise<void> {
    let received = 0;
    for (let pageNum = 1; ; pageNum++) {
      const page = await this.getPage(walk.registry, pageNum, signal);
      received += page.rows.length;
      await emit(walk.toPage(page.rows), {
        kind: walk.kind,
        pages: pagesOf(page.total, this.config.pageSize),
      });
      if (page.rows.length === 0 || received >= page.total) {
        if (received < page.total) {
          this.deps.logger.warn(
            { source: SOURCE.id, registry: walk.registry, received, total: page.total },
            'listing ended before its total: the registry shrank during the walk',
          );
        }
        return;
      }
    }
  }

  /** One GET with retries; returns the envelope's data checked against the page shape. */
  private async getPage(
    registry: ServicePlatformRegistry,
    pageNum: number,
    signal: AbortSignal | undefined,
  ): Promise<TServicePlatformsPage> {
    const path = SERVICE_PLATFORMS_PATHS[registry];
    const pageSize = this.config.pageSize;
    return this.http.execute(
      `GET ${path}?pageNum=${pageNum}&pageSize=${pageSize}`,
      async ({ requestJson }) => {
        const { status, headers, body } = await requestOrThrowTyped(() =>
          requestJson({ method: 'GET', url: path, params: { pageNum, pageSize } }),
        );
        const data = unwrapServicePlatformsEnvelope(body, status, headers);
        const page = ZServicePlatformsPage.safeParse(data);
        if (!page.success) {
          // The gateway answered with the wrong shape: retrying would return the same.
          throw UpstreamError.badResponse(SOURCE, data, {
            httpStatus: status,
            retryable: false,
            why: {
              zh: `data 不符合分页结构 {rows,total}：${page.error.issues[0]?.message ?? ''}`,
              en: `data is not the {rows,total} page shape: ${page.error.issues[0]?.message ?? ''}`,
            },
          });
        }
        return page.data;
      },
      signal,
    );
  }
}

/**
 * Runs a request and types an HTTP error status at once from the gateway's envelope, which the
 * generic classification would ignore (`A0401` with 401, `B0100` with 500).
 */
async function requestOrThrowTyped(request: () => Promise<JsonResponse>): Promise<JsonResponse> {
  try {
    return await request();
  } catch (err) {
    if (isAxiosError(err) && err.response) throw servicePlatformsHttpError(err.response, err);
    throw err;
  }
}
