import { timingSafeEqual } from 'node:crypto';
import {
  VIDEO_DEVICES_PATH,
  VIDEO_PAGE_SIZE_DEFAULT,
  VIDEO_PAGE_SIZE_MAX,
  VIDEO_PLATFORMS_PATH,
  VideoCode,
  VideoHttpStatus,
} from '@hub/contracts';
import express, { type Request, type Response } from 'express';
import { z } from 'zod';
import { describeZodError } from '../../framework/fault-settings';
import type { FaultResponses, SandboxModule, SandboxModuleContext } from '../../framework/sandbox-module';
import { VIDEO_BAD_REQUEST, VIDEO_DEMO_TOKEN } from './video.credentials';

/** Default port of the video simulator (the contract's `servers` entry). */
export const VIDEO_DEFAULT_PORT = 4104;

/** Seconds a throttled client is told to wait. */
export const VIDEO_RETRY_AFTER_SECONDS = 1;

const ONCE = { error: 'must be given once, as text' };
const ZWholeNumber = (min: number, max: number) =>
  z
    .string(ONCE)
    .regex(/^[0-9]+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

const pagingShape = {
  pageNo: ZWholeNumber(1, Number.MAX_SAFE_INTEGER).optional(),
  pageSize: ZWholeNumber(1, VIDEO_PAGE_SIZE_MAX).optional(),
};

// Parameters the contract does not define are ignored, as the real platform ignores them: platforms
// have no `updatedSince`, so asking for one still lists every platform.
const ZPlatformQuery = z.object(pagingShape);

const ZDeviceQuery = z.object({
  ...pagingShape,
  platformId: z.string(ONCE).min(1, 'must not be empty').optional(),
  updatedSince: z
    .string(ONCE)
    .pipe(
      z.iso.datetime({
        offset: true,
        error:
          'must be an ISO-8601 date-time with offset, e.g. 2025-01-01T00:00:00%2B08:00 (encode + as %2B)',
      }),
    )
    .optional(),
});

/** A dataset device with the fields the listing orders and filters by, read once at start. */
interface IndexedDevice {
  record: unknown;
  /** updatedAt, or registeredAt for a device never changed since it registered */
  changedMs: number;
  deviceId: string;
  platformId: unknown;
}

/**
 * 视频共享交换平台 设备目录接口 (video-sharing.openapi.yaml): cascaded platforms and devices, paged by
 * pageNo/pageSize inside `{code: 200, message, data: {list, total}}`, behind a bearer token. Devices can
 * be filtered by platform and by `updatedSince`; deleted devices stay listed with status `DELETED`.
 * Records are served exactly as the dataset holds them, invalid ones and unknown fields included,
 * because the connector must cope with both.
 */
export const videoModule: SandboxModule = {
  source: 'video',
  title: '视频共享交换平台 (video)',
  defaultPort: VIDEO_DEFAULT_PORT,
  create(ctx: SandboxModuleContext) {
    const credentials = ctx.credentials.video ?? { token: VIDEO_DEMO_TOKEN };
    const platforms = ctx.dataset.video.platforms;
    const devices = orderDevices(ctx.dataset.video.devices);

    const router = express.Router();
    router.use('/vss', (req, res, next) => {
      const problem = bearerProblem(req.get('Authorization'), credentials.token);
      if (!problem) return next();
      ctx.logger.warn({ reason: problem, url: req.originalUrl }, 'request refused');
      res
        .status(VideoHttpStatus.UNAUTHORIZED)
        .set('WWW-Authenticate', 'Bearer realm="vss", error="invalid_token"')
        .json({ code: VideoHttpStatus.UNAUTHORIZED, message: `unauthorized: ${problem}`, data: null });
    });

    router.get(VIDEO_PLATFORMS_PATH, (req, res) => {
      const query = ZPlatformQuery.safeParse(req.query);
      if (!query.success) return badRequest(res, query.error);
      page(res, platforms, query.data);
    });

    router.get(VIDEO_DEVICES_PATH, (req, res) => {
      const query = ZDeviceQuery.safeParse(req.query);
      if (!query.success) return badRequest(res, query.error);
      const { platformId, updatedSince } = query.data;
      const since = updatedSince === undefined ? undefined : Date.parse(updatedSince);
      const matching = devices.filter(
        (d) =>
          (platformId === undefined || d.platformId === platformId) &&
          // A device without a readable change time cannot be said to have changed since anything.
          (since === undefined || d.changedMs >= since),
      );
      page(
        res,
        matching.map((d) => d.record),
        query.data,
      );
    });

    const faults: FaultResponses = {
      rateLimited: (_req, res) => {
        res
          .status(VideoHttpStatus.RATE_LIMITED)
          .set('Retry-After', String(VIDEO_RETRY_AFTER_SECONDS))
          .json({ code: VideoHttpStatus.RATE_LIMITED, message: '请求过于频繁，请稍后再试', data: null });
      },
      // The contract's own example: the service is up but its database is not, said in the body.
      internalError: (_req, res) => envelope(res, VideoCode.INTERNAL, '数据库繁忙', null),
      maintenance: (_req, res) => {
        res
          .status(VideoHttpStatus.MAINTENANCE)
          .json({ code: VideoHttpStatus.MAINTENANCE, message: '系统维护中，请稍后再试', data: null });
      },
    };

    return {
      router,
      faults,
      notFound: (req: Request, res: Response) => {
        res.status(404).json({ code: 404, message: `no such path: ${req.method} ${req.path}`, data: null });
      },
      health: () => ({ platforms: platforms.length, devices: devices.length }),
      credentials: { ...credentials },
    };
  },
};

function page(
  res: Response,
  records: readonly unknown[],
  paging: { pageNo?: number | undefined; pageSize?: number | undefined },
): void {
  const pageNo = paging.pageNo ?? 1;
  const pageSize = paging.pageSize ?? VIDEO_PAGE_SIZE_DEFAULT;
  const start = (pageNo - 1) * pageSize;
  envelope(res, VideoCode.OK, 'success', {
    list: records.slice(start, start + pageSize),
    total: records.length,
  });
}

function envelope(res: Response, code: number, message: string, data: unknown): void {
  res.status(200).json({ code, message, data });
}

function badRequest(res: Response, error: z.ZodError): void {
  res
    .status(VIDEO_BAD_REQUEST)
    .json({ code: VIDEO_BAD_REQUEST, message: `invalid query: ${describeZodError(error)}`, data: null });
}

/** Why an Authorization header does not carry the expected bearer token, or null when it does. */
function bearerProblem(header: string | undefined, token: string): string | null {
  if (!header) return 'missing Authorization header';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) return 'Authorization must be "Bearer <token>"';
  const given = Buffer.from(match[1]!);
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected) ? null : 'invalid token';
}

function field(record: unknown, key: string): unknown {
  return typeof record === 'object' && record !== null ? (record as Record<string, unknown>)[key] : undefined;
}

/**
 * Orders devices by change time, then deviceId: the newest change last, as an incremental client
 * expects. A device without `updatedAt` (optional in the contract) has not changed since it
 * registered, so `registeredAt` stands in; one with neither readable sorts first and is still served,
 * never dropped. The sort is stable, so paging is deterministic.
 */
function orderDevices(records: readonly unknown[]): IndexedDevice[] {
  return records
    .map((record) => {
      const changed = field(record, 'updatedAt') ?? field(record, 'registeredAt');
      const deviceId = field(record, 'deviceId');
      const changedMs = typeof changed === 'string' ? Date.parse(changed) : Number.NaN;
      return {
        record,
        changedMs: Number.isNaN(changedMs) ? Number.NEGATIVE_INFINITY : changedMs,
        deviceId: typeof deviceId === 'string' ? deviceId : '',
        platformId: field(record, 'platformId'),
      };
    })
    .sort((a, b) =>
      a.changedMs !== b.changedMs
        ? a.changedMs - b.changedMs
        : a.deviceId < b.deviceId
          ? -1
          : a.deviceId > b.deviceId
            ? 1
            : 0,
    );
}
