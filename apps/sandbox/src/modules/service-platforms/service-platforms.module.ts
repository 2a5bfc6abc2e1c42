import { timingSafeEqual } from 'node:crypto';
import {
  SERVICE_PLATFORMS_HEADERS,
  SERVICE_PLATFORMS_PAGE_DEFAULT,
  SERVICE_PLATFORMS_PAGE_MAX,
  SERVICE_PLATFORMS_PATHS,
  SERVICE_PLATFORM_REGISTRIES,
  ServicePlatformsCode,
} from '@hub/contracts';
import express, { type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import { describeZodError } from '../../framework/fault-settings';
import type { FaultResponses, SandboxModule, SandboxModuleContext } from '../../framework/sandbox-module';
import {
  SERVICE_PLATFORMS_DEMO_APP_KEY,
  SERVICE_PLATFORMS_DEMO_APP_SECRET,
  ServicePlatformsSandboxCode,
} from './service-platforms.credentials';

/** Default port of the service-platforms gateway simulator (the contract's `servers` entry). */
export const SERVICE_PLATFORMS_DEFAULT_PORT = 4105;

/** HTML the gateway shows while the platforms are down; clients must cope with a non-JSON 503. */
const MAINTENANCE_PAGE = `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>系统维护中</title></head>
<body><h1>系统维护中</h1><p>政务服务平台统一网关正在维护，请稍后再试。</p>
<p>The government service platform gateway is under maintenance. Please try again later.</p></body></html>
`;

const ONCE = { error: 'must be given once, as text' };
const ZWholeNumber = (min: number, max: number) =>
  z
    .string(ONCE)
    .regex(/^[0-9]+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

/** The contract's only parameters; anything else is ignored, as the gateway ignores it. */
const ZListQuery = z.object({
  pageNum: ZWholeNumber(1, Number.MAX_SAFE_INTEGER).optional(),
  pageSize: ZWholeNumber(1, SERVICE_PLATFORMS_PAGE_MAX).optional(),
});

/**
 * 一网通办 / 岳办岳好 / 城市大脑中枢 对接登记接口 (service-platforms.openapi.yaml): three registries
 * behind one gateway with X-App-Key / X-App-Secret, pageNum / pageSize paging and the
 * `{code: "00000", message, data: {rows, total}}` envelope. There are no filters and no "updated
 * since": every listing is the whole registry in dataset order, OFFLINE records included. Records are
 * served exactly as the dataset holds them, invalid ones and unknown fields included.
 */
export const servicePlatformsModule: SandboxModule = {
  source: 'service-platforms',
  title: '政务服务平台网关 一网通办/岳办岳好/城市大脑中枢 (service-platforms)',
  defaultPort: SERVICE_PLATFORMS_DEFAULT_PORT,
  create(ctx: SandboxModuleContext) {
    const credentials = ctx.credentials.servicePlatforms ?? {
      appKey: SERVICE_PLATFORMS_DEMO_APP_KEY,
      appSecret: SERVICE_PLATFORMS_DEMO_APP_SECRET,
    };
    const registries = ctx.dataset.servicePlatforms;

    const authenticate: RequestHandler = (req, res, next) => {
      const refusal = authProblem(req, credentials);
      if (refusal === null) return next();
      ctx.logger.warn({ reason: refusal, url: req.originalUrl }, 'request refused');
      sendError(res, 401, ServicePlatformsCode.UNAUTHORIZED, refusal);
    };

    const router = express.Router();
    for (const registry of SERVICE_PLATFORM_REGISTRIES) {
      const rows = registries[registry];
      router.get(SERVICE_PLATFORMS_PATHS[registry], authenticate, (req, res) => {
        const query = ZListQuery.safeParse(req.query);
        if (!query.success) {
          return sendError(
            res,
            400,
            ServicePlatformsSandboxCode.BAD_REQUEST,
            `invalid query: ${describeZodError(query.error)}`,
          );
        }
        const pageNum = query.data.pageNum ?? 1;
        const pageSize = query.data.pageSize ?? SERVICE_PLATFORMS_PAGE_DEFAULT;
        const start = (pageNum - 1) * pageSize;
        res.status(200).json({
          code: ServicePlatformsCode.OK,
          message: 'success',
          data: { total: rows.length, rows: rows.slice(start, start + pageSize) },
        });
      });
    }

    const faults: FaultResponses = {
      // The gateway throttles in-band: HTTP 200 with B0001, no Retry-After.
      rateLimited: (_req, res) =>
        sendError(res, 200, ServicePlatformsCode.SYSTEM_BUSY, 'system busy, please retry later'),
      internalError: (_req, res, random) => {
        // The gateway passes a failing service's answer through with 500; the service may also answer 200.
        const status = random() < 0.5 ? 500 : 200;
        sendError(res, status, ServicePlatformsSandboxCode.INTERNAL_ERROR, 'system execution error');
      },
      maintenance: (_req, res) => {
        res.status(503).type('html').send(MAINTENANCE_PAGE);
      },
    };

    return {
      router,
      faults,
      notFound: (req: Request, res: Response) =>
        sendError(res, 404, ServicePlatformsSandboxCode.NOT_FOUND, `no such path: ${req.method} ${req.path}`),
      health: () => ({
        ywtb: registries.ywtb.length,
        ybyh: registries.ybyh.length,
        brain: registries.brain.length,
      }),
      credentials: { ...credentials },
    };
  },
};

/** Error answers carry `{code, message}` and no data, as the contract shows them. */
function sendError(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ code, message });
}

/** Why the app credentials are refused, or null when they are right. */
function authProblem(req: Request, expected: { appKey: string; appSecret: string }): string | null {
  const key = req.get(SERVICE_PLATFORMS_HEADERS.appKey);
  const secret = req.get(SERVICE_PLATFORMS_HEADERS.appSecret);
  if (!key || !secret) {
    const missing = [
      key ? '' : SERVICE_PLATFORMS_HEADERS.appKey,
      secret ? '' : SERVICE_PLATFORMS_HEADERS.appSecret,
    ];
    return `missing header(s): ${missing.filter((h) => h !== '').join(', ')}`;
  }
  // One message for both, so a caller cannot learn which of the two was right.
  const keyRight = sameText(key, expected.appKey);
  const secretRight = sameText(secret, expected.appSecret);
  return keyRight && secretRight ? null : 'invalid app key or app secret';
}

function sameText(a: string, b: string): boolean {
  const ba = Buffer.from(a);
  const bb = Buffer.from(b);
  return ba.length === bb.length && timingSafeEqual(ba, bb);
}
