import { isAxiosError } from 'axios';
import {
  VIDEO_DEVICES_PATH,
  VIDEO_PLATFORMS_PATH,
  VideoHttpStatus,
  ZVideoEnvelope,
  ZVideoPage,
  type TVideoDevice,
  type TVideoPage,
  type TVideoPlatform,
} from '@hub/contracts';
import type {
  CircuitStateName,
  ConnectorClient,
  ConnectorDeps,
  PageSink,
  RecordProblem,
  SyncOutcome,
  SyncRequest,
  TargetScope,
  UpstreamRecord,
} from '../framework/connector';
import { canonicalJson } from '../framework/content-hash';
import { pagesOf, runPagedSync, type EmitPage } from '../framework/paged-sync';
import { ResilientHttp, resilienceSettings } from '../framework/resilient-http';
import { UpstreamError } from '../framework/upstream-error';
import type { VideoConfig } from './video.config';
import { unwrapVideoEnvelope, videoAuthError } from './video.envelope';
import { VIDEO_KINDS } from './video.mapper';
import { CityDivisions, devicePage, platformPage } from './video.records';
import { VIDEO_SOURCE } from './video.source';

const SOURCE = VIDEO_SOURCE;

/** Seams for tests: the backoff jitter. */
export interface VideoClientOptions {
  random?: () => number;
}

/** The device listing's filters; none lists every device. */
type DeviceQuery = { platformId?: string; updatedSince?: string | null };

/**
 * Client of the 视频共享交换平台 设备目录接口 (video-sharing.openapi.yaml 3.1.0): bearer-token GETs,
 * `{code: 200, message, data: {list, total}}` envelopes whose non-200 codes are errors even over
 * HTTP 200, and pageNo/pageSize paging.
 *
 * Paging is by offset, not a snapshot: a device changed while a walk is under way moves to the end of
 * the listing (it is ordered by change time), which can shift a not-yet-read device onto a page
 * already read. That device is then missed by this run, and because its own change time may be older
 * than the new watermark, by later incremental runs too; a periodic full sync puts it back.
 */
export class VideoClient implements ConnectorClient {
  private readonly http: ResilientHttp;
  private readonly city: CityDivisions;

  constructor(
    private readonly config: VideoConfig,
    private readonly deps: ConnectorDeps,
    options: VideoClientOptions = {},
  ) {
    this.city = new CityDivisions(config.cityDivisionCodes);
    this.http = new ResilientHttp({
      source: SOURCE,
      baseUrl: config.baseUrl,
      logger: deps.logger,
      headers: { Authorization: `Bearer ${config.token}` },
      ...resilienceSettings(config),
      ...(options.random ? { random: options.random } : {}),
    });
  }

  circuitState(): CircuitStateName {
    return this.http.circuitState();
  }

  /**
   * Every platform (the contract gives platforms no change filter, so they are always listed in
   * full), then devices: all of them in `full` mode, in `incremental` mode only those changed at or
   * after the cursor, deleted ones included as `DELETED` tombstones. The new cursor is the latest
   * change time (`updatedAt`, else `registeredAt`) among the valid devices seen, or the old one when
   * none came.
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
      await this.walkPlatforms(emit, req.signal);
      const latest = new LatestInstant();
      await this.walkDevices({ updatedSince }, req.signal, async (items, pages) => {
        const { page, valid } = devicePage(items, this.city);
        for (const { value } of valid) latest.offer(changedAt(value));
        await emit(page, { kind: VIDEO_KINDS.device, pages });
      });
      return latest.value ?? req.cursor;
    });
  }

  /**
   * Everything the platform knows that may belong to one project. The contract has no project or unit
   * filter, so this is:
   * 1. every platform (emitted in full, as in a sync);
   * 2. the devices of each platform whose project code or owner unit credit code is the project's,
   *    by `platformId=`, so that the project's cascaded devices arrive first;
   * 3. a full device listing, because devices registered directly (no platform) can be found no other
   *    way: it costs as much as a full device sync, and it delivers every device of the city, which
   *    the hub binds to projects as it binds a sync's.
   *
   * A device (or an invalid item) found by more than one query is delivered once.
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
      const platforms = await this.walkPlatforms(emit);
      const projectCode = scope.projectCode.trim();
      const unitCode = normaliseCode(scope.unitCode);
      const ours = platforms.filter(
        (p) =>
          p.projectCode?.trim() === projectCode ||
          (p.ownerUnitCode != null && normaliseCode(p.ownerUnitCode) === unitCode),
      );
      const once = new DeliverOnce();
      const deliver = async (items: unknown[]) => {
        const { page } = devicePage(items, this.city);
        await emit({ records: once.records(page.records), problems: once.problems(page.problems) });
      };
      for (const platform of ours)
        await this.walkDevices({ platformId: platform.platformId }, undefined, deliver);
      await this.walkDevices({}, undefined, deliver);
      return null;
    });
  }

  /** Pages through every platform, emitting each page; returns the valid ones of the city. */
  private async walkPlatforms(emit: EmitPage, signal?: AbortSignal): Promise<TVideoPlatform[]> {
    const platforms: TVideoPlatform[] = [];
    await this.walkPages(VIDEO_PLATFORMS_PATH, {}, signal, async (items, pages) => {
      const { page, valid } = platformPage(items, this.city);
      platforms.push(...valid.map((v) => v.value));
      await emit(page, { kind: VIDEO_KINDS.platform, pages });
    });
    return platforms;
  }

  private walkDevices(
    query: DeviceQuery,
    signal: AbortSignal | undefined,
    onItems: (items: unknown[], pages: number) => Promise<void>,
  ): Promise<void> {
    return this.walkPages(VIDEO_DEVICES_PATH, query, signal, onItems);
  }

  /**
   * Requests pageNo 1, 2, … until a page comes back empty or as many items as `total` have arrived,
   * handing each page's items on as soon as it is fetched.
   */
  private async walkPages(
    path: string,
    query: Record<string, string | null | undefined>,
    signal: AbortSignal | undefined,
    onItems: (items: unknown[], pages: number) => Promise<void>,
  ): Promise<void> {
    let received = 0;
    for (let pageNo = 1; ; pageNo++) {
      const page = await this.getPage(path, { ...query, pageNo, pageSize: this.config.pageSize }, signal);
      await onItems(page.list, pagesOf(page.total, this.config.pageSize));
      received += page.list.length;
      if (page.list.length === 0 || received >= page.total) return;
    }
  }

  /** One GET with retries; returns the envelope's data checked against the page schema. */
  private getPage(
    path: string,
    params: Record<string, string | number | null | undefined>,
    signal: AbortSignal | undefined,
  ): Promise<TVideoPage> {
    const url = withQuery(path, params);
    return this.http.execute(
      `GET ${url}`,
      async ({ requestJson }) => {
        let response;
        try {
          response = await requestJson({ method: 'GET', url });
        } catch (err) {
          // A refused token deserves a message that names the token; other statuses keep the
          // framework's classification (429 with Retry-After, 503 maintenance, …).
          if (isAxiosError(err) && err.response?.status === VideoHttpStatus.UNAUTHORIZED) {
            throw refusedToken(err.response.data, err);
          }
          throw err;
        }
        const { status, body } = response;
        const data = unwrapVideoEnvelope(body, status);
        const page = ZVideoPage.safeParse(data);
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

/** `path?a=1&b=2` with the given parameters in order, null and undefined left out. */
function withQuery(path: string, params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== null && value !== undefined) search.set(name, String(value));
  }
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}

/** The auth error of an HTTP 401, quoting the envelope's code and message when the body is one. */
function refusedToken(body: unknown, cause: unknown): UpstreamError {
  let parsed: unknown = body;
  if (typeof body === 'string') {
    try {
      parsed = JSON.parse(body);
    } catch {
      parsed = undefined;
    }
  }
  const envelope = ZVideoEnvelope.safeParse(parsed);
  const said = envelope.success
    ? `HTTP 401, ${envelope.data.code}: ${envelope.data.message ?? ''}`
    : 'HTTP 401';
  return videoAuthError(said, {
    httpStatus: VideoHttpStatus.UNAUTHORIZED,
    ...(envelope.success ? { upstreamCode: envelope.data.code } : {}),
    cause,
  });
}

/** When a device last changed, as the platform's `updatedSince` filter sees it. */
function changedAt(device: TVideoDevice): string {
  return device.updatedAt ?? device.registeredAt;
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

/** Remembers what a targeted fetch delivered, so that overlapping queries deliver each item once. */
class DeliverOnce {
  private readonly recordIds = new Set<string>();
  private readonly problemKeys = new Set<string>();

  records(records: UpstreamRecord[]): UpstreamRecord[] {
    return records.filter((r) => firstTime(this.recordIds, r.externalId));
  }

  /** Problems without a readable id are told apart by their content. */
  problems(problems: RecordProblem[]): RecordProblem[] {
    return problems.filter((p) =>
      firstTime(this.problemKeys, p.externalId ?? `payload:${canonicalJson(p.payload)}`),
    );
  }
}

function firstTime(seen: Set<string>, key: string): boolean {
  if (seen.has(key)) return false;
  seen.add(key);
  return true;
}

function normaliseCode(code: string): string {
  return code.trim().toUpperCase();
}
