import type { z } from 'zod';
import {
  ZGovCloudResource,
  ZGovCloudResourcePage,
  ZGovCloudTenant,
  ZGovCloudTenantPage,
  type TGovCloudResource,
} from '@hub/contracts';
import type {
  CircuitStateName,
  ConnectorClient,
  ConnectorDeps,
  PageSink,
  RecoveryOutcome,
  RecoveryTarget,
  SyncOutcome,
  SyncPage,
  SyncRequest,
  TargetScope,
} from '../framework/connector';
import { pagesOf, runPagedSync, type EmitPage } from '../framework/paged-sync';
import { readLeniently, validateItems, type ValidItem } from '../framework/record-validation';
import { coveredWhen, runRecovery, type RecoveryQuery } from '../framework/recovery';
import { ResilientHttp, resilienceSettings } from '../framework/resilient-http';
import { UpstreamError } from '../framework/upstream-error';
import type { GovCloudConfig } from './gov-cloud.config';
import { unwrapGovCloudEnvelope } from './gov-cloud.envelope';
import { GOV_CLOUD_KIND_TITLES, GOV_CLOUD_KINDS, resourceRecord, tenantRecord } from './gov-cloud.mapper';
import { buildPathWithQuery, signGovCloudRequest } from './gov-cloud.signer';
import { GOV_CLOUD_SOURCE } from './gov-cloud.source';

const SOURCE = GOV_CLOUD_SOURCE;
const TENANTS_PATH = '/openapi/v1/tenants';
const RESOURCES_PATH = '/openapi/v1/resources';

/** Seams for tests: the signing clock and nonce, and the backoff jitter. */
export interface GovCloudClientOptions {
  now?: () => number;
  nonce?: () => string;
  random?: () => number;
}

type ResourceQuery = { updatedSince?: string | null; projectCode?: string; tenantId?: string };
/** tenantId → 统一社会信用代码 of the tenant's unit */
type TenantUnits = Map<string, string>;

/**
 * Client of the 市电子政务云平台 资源台账 API (gov-cloud.openapi.yaml 1.4.0): AK/SK-signed GETs,
 * `{code,msg,data}` envelopes, tenants by page number and resources by cursor.
 */
export class GovCloudClient implements ConnectorClient {
  private readonly http: ResilientHttp;
  /** path prefix of baseUrl (a gateway's), part of the signed path */
  private readonly basePath: string;

  constructor(
    private readonly config: GovCloudConfig,
    private readonly deps: ConnectorDeps,
    private readonly options: GovCloudClientOptions = {},
  ) {
    this.basePath = new URL(config.baseUrl).pathname.replace(/\/+$/, '');
    this.http = new ResilientHttp({
      source: SOURCE,
      baseUrl: config.baseUrl,
      logger: deps.logger,
      ...resilienceSettings(config),
      ...(options.random ? { random: options.random } : {}),
    });
  }

  circuitState(): CircuitStateName {
    return this.http.circuitState();
  }

  /**
   * All tenants first (resources take their unit from them), then resources by cursor; in
   * incremental mode only resources changed at or after the cursor. The new cursor is the latest
   * `updatedAt` among the valid resources seen, or the old one when none came.
   */
  async sync(req: SyncRequest, sink: PageSink): Promise<SyncOutcome> {
    const updatedSince = req.mode === 'incremental' ? req.cursor : null;
    const run = {
      source: SOURCE,
      operation: `${req.mode} sync`,
      logger: this.deps.logger,
      startCursor: req.cursor,
      sink,
      patient: true,
    };
    return runPagedSync(run, async (emit) => {
      const units = await this.walkTenants(emit, req.signal);
      const latest = new LatestInstant();
      await this.walkResources({ updatedSince }, req.signal, async (items) => {
        const { page, valid } = resourcePage(items, units);
        for (const { value } of valid) latest.offer(value.updatedAt);
        await emit(page, { kind: GOV_CLOUD_KINDS.resource, pages: null });
      });
      return latest.value ?? req.cursor;
    });
  }

  /**
   * Everything the cloud knows that may belong to one project: all tenants, resources tagged with
   * the project code, and the resources of every tenant of the construction unit (older resources
   * carry no project code). A resource found by more than one query is delivered once.
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
      const unitCode = normaliseCode(scope.unitCode);
      // The tenant list has no filter: the hub's stored tenants of the unit, when it has them, spare
      // listing every tenant of the city; without them the list is walked.
      const stored = scope.known?.[GOV_CLOUD_KINDS.tenant];
      const units: TenantUnits = stored
        ? new Map(stored.map((id) => [id, scope.unitCode]))
        : await this.walkTenants(emit);
      const unitTenants = [...units].filter(([, code]) => normaliseCode(code) === unitCode).map(([id]) => id);
      const queries: ResourceQuery[] = [
        { projectCode: scope.projectCode },
        ...unitTenants.map((tenantId) => ({ tenantId })),
      ];
      const delivered = new Set<string>();
      const reported = new Set<string>();
      // The queries run side by side (the throttle bounds them): a check waits for the slowest one,
      // not for their sum.
      await Promise.all(
        queries.map((query) =>
          this.walkResources(query, undefined, async (items) => {
            const { page } = resourcePage(items, units);
            await emit({
              records: page.records.filter((r) => firstTime(delivered, r.externalId)),
              problems: page.problems.filter(
                (p) => p.externalId === null || firstTime(reported, p.externalId),
              ),
            });
          }),
        ),
      );
      return null;
    });
  }

  /**
   * After a sync lost resource pages: each project's resources by `projectCode`, and those of every
   * tenant of its unit (as stored) by `tenantId`, each tenant asked once. The tenant list itself has
   * no filter, so when its pages were lost nothing is covered.
   */
  async recover(
    targets: readonly RecoveryTarget[],
    kinds: readonly string[],
    sink: PageSink,
  ): Promise<RecoveryOutcome> {
    const recoverable = kinds.every((k) => k === GOV_CLOUD_KINDS.resource);
    const units: TenantUnits = new Map();
    for (const t of targets)
      for (const id of t.known[GOV_CLOUD_KINDS.tenant] ?? []) units.set(id, t.unitCode);
    const once = { records: new Set<string>(), problems: new Set<string>() };
    const query = (key: string, q: ResourceQuery): RecoveryQuery => ({
      key,
      fetch: (emit) =>
        this.walkResources(q, undefined, async (items) => {
          const { page } = resourcePage(items, units);
          await emit(
            {
              records: page.records.filter((r) => firstTime(once.records, r.externalId)),
              problems: page.problems.filter(
                (p) => p.externalId === null || firstTime(once.problems, p.externalId),
              ),
            },
            { kind: GOV_CLOUD_KINDS.resource, pages: null },
          );
        }),
    });
    const needs = (t: RecoveryTarget) => [
      `project:${t.projectCode}`,
      ...(t.known[GOV_CLOUD_KINDS.tenant] ?? []).map((id) => `tenant:${id}`),
    ];
    const queries = recoverable
      ? targets.flatMap((t) => [
          query(`project:${t.projectCode}`, { projectCode: t.projectCode }),
          ...(t.known[GOV_CLOUD_KINDS.tenant] ?? []).map((tenantId) =>
            query(`tenant:${tenantId}`, { tenantId }),
          ),
        ])
      : [];
    return runRecovery(
      { source: SOURCE, logger: this.deps.logger },
      sink,
      queries,
      coveredWhen(recoverable ? targets : [], needs, kinds),
    );
  }

  /** Pages through all tenants, emitting each page; returns the tenant → unit map of the valid ones. */
  private async walkTenants(emit: EmitPage, signal?: AbortSignal): Promise<TenantUnits> {
    const units: TenantUnits = new Map();
    for (let pageNo = 1; ; pageNo++) {
      const page = await this.getPage(
        TENANTS_PATH,
        { pageNo, pageSize: this.config.tenantPageSize },
        ZGovCloudTenantPage,
        signal,
      );
      const { valid, problems } = validateItems({
        kind: GOV_CLOUD_KINDS.tenant,
        title: GOV_CLOUD_KIND_TITLES.tenant,
        schema: ZGovCloudTenant,
        idField: 'tenantId',
        items: page.items,
        // A tenant reaches projects through their resources: kept as untrusted context.
        attribute: (raw) => readLeniently(raw, { id: 'tenantId', unitCode: 'unitCode' }, { context: true }),
      });
      for (const { value } of valid) units.set(value.tenantId, value.unitCode);
      await emit(
        { records: valid.map(({ raw, value }) => tenantRecord(raw, value)), problems },
        { kind: GOV_CLOUD_KINDS.tenant, pages: pagesOf(page.total, page.pageSize) },
      );
      // The served page size, not the requested one: the cloud may cap it.
      if (page.items.length === 0 || pageNo * page.pageSize >= page.total) return units;
    }
  }

  /** Follows the resource cursor until `nextCursor` is null, handing each page's items on. */
  private async walkResources(
    query: ResourceQuery,
    signal: AbortSignal | undefined,
    onItems: (items: unknown[]) => Promise<void>,
  ): Promise<void> {
    const followed = new Set<string>();
    let cursor: string | null = null;
    do {
      const page: z.infer<typeof ZGovCloudResourcePage> = await this.getPage(
        RESOURCES_PATH,
        { ...query, limit: this.config.pageSize, cursor },
        ZGovCloudResourcePage,
        signal,
      );
      await onItems(page.items);
      // An empty string would restart from the first page: treat it as the end, like null.
      cursor = page.nextCursor || null;
      if (cursor !== null) {
        if (followed.has(cursor)) {
          throw UpstreamError.badResponse(SOURCE, cursor, {
            retryable: false,
            why: {
              zh: '分页游标重复出现，无法继续翻页',
              en: 'a paging cursor repeated, paging cannot advance',
            },
          });
        }
        followed.add(cursor);
      }
    } while (cursor !== null);
  }

  /** One signed GET with retries; returns the envelope's data checked against the page schema. */
  private async getPage<T>(
    path: string,
    params: Record<string, string | number | null | undefined>,
    schema: z.ZodType<T>,
    signal: AbortSignal | undefined,
  ): Promise<T> {
    const pathWithQuery = buildPathWithQuery(path, params);
    return this.http.execute(
      `GET ${pathWithQuery}`,
      async ({ requestJson }) => {
        // Signed inside the attempt: each retry needs a fresh timestamp and nonce.
        const headers = signGovCloudRequest({
          method: 'GET',
          pathWithQuery: `${this.basePath}${pathWithQuery}`,
          accessKey: this.config.accessKey,
          secretKey: this.config.secretKey,
          ...(this.options.now ? { now: this.options.now } : {}),
          ...(this.options.nonce ? { nonce: this.options.nonce } : {}),
        });
        const { status, body } = await requestJson({
          method: 'GET',
          url: pathWithQuery,
          headers: { ...headers },
        });
        const data = unwrapGovCloudEnvelope(body, status);
        const page = schema.safeParse(data);
        if (!page.success) {
          // The API answered with the wrong shape: retrying would return the same.
          throw UpstreamError.badResponse(SOURCE, data, {
            httpStatus: status,
            retryable: false,
            why: {
              zh: `data 不符合分页结构：${page.error.issues[0]?.message ?? ''}`,
              en: `data is not the page shape: ${page.error.issues[0]?.message ?? ''}`,
            },
          });
        }
        return page.data;
      },
      signal,
    );
  }
}

/** Validates a resource page's items and maps the valid ones to records. */
function resourcePage(
  items: readonly unknown[],
  units: TenantUnits,
): { page: SyncPage; valid: ValidItem<TGovCloudResource>[] } {
  const { valid, problems } = validateItems({
    kind: GOV_CLOUD_KINDS.resource,
    title: GOV_CLOUD_KIND_TITLES.resource,
    schema: ZGovCloudResource,
    idField: 'resourceId',
    items,
    attribute: (raw) => {
      const tenantId = typeof raw['tenantId'] === 'string' ? raw['tenantId'] : null;
      const unitCode = tenantId === null ? null : (units.get(tenantId) ?? null);
      return readLeniently(
        raw,
        { id: 'resourceId', projectCode: 'projectCode', systemName: 'systemName', updatedAt: 'updatedAt' },
        { unitCode },
      );
    },
  });
  const records = valid.map(({ raw, value }) =>
    resourceRecord(raw, value, units.get(value.tenantId) ?? null),
  );
  return { page: { records, problems }, valid };
}

/** Keeps the latest of the instants offered, compared as instants (offsets differ), as sent. */
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

function firstTime(seen: Set<string>, id: string): boolean {
  if (seen.has(id)) return false;
  seen.add(id);
  return true;
}

function normaliseCode(code: string): string {
  return code.trim().toUpperCase();
}
