import { timingSafeEqual } from 'node:crypto';
import {
  isMlpsLocalTime,
  MLPS_FILINGS_PATH,
  MLPS_PAGE_LIMIT_DEFAULT,
  MLPS_PAGE_LIMIT_MAX,
  MLPS_TOKEN_HEADER,
  MlpsHttpStatus,
  ZMlpsLocalTime,
} from '@hub/contracts';
import express, { type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import { describeZodError, MAX_LATENCY_MS } from '../../framework/fault-settings';
import { SandboxUsageError } from '../../framework/sandbox-error';
import type {
  FaultResponses,
  SandboxCredentials,
  SandboxModule,
  SandboxModuleContext,
} from '../../framework/sandbox-module';
import { MLPS_DEMO_TOKEN } from './mlps.credentials';
import {
  BAD_GATEWAY_PAGE,
  badRequestPage,
  FORBIDDEN_PAGE,
  INTERNAL_ERROR_PAGE,
  MAINTENANCE_PAGE,
  notFoundPage,
  RATE_LIMITED_PAGE,
} from './mlps.pages';
import { inBeijingHourWindow } from './mlps.schedule';

/** Default port of the MLPS simulator (the contract's `servers` entry). */
export const MLPS_DEFAULT_PORT = 4103;

/** Seconds a throttled client is told to wait. */
const RATE_LIMIT_RETRY_AFTER_SECONDS = 1;

const ZHour = z.number().int().min(0).max(24);
/** `ctx.credentials.mlps`, checked once at start so a bad setting stops the sandbox with its name. */
const ZMlpsSettings = z.object({
  token: z.string().min(1),
  baseLatencyMs: z.number().int().min(0).max(MAX_LATENCY_MS).optional(),
  nightlyMaintenance: z.object({ fromHour: ZHour, toHour: ZHour }).optional(),
});
type MlpsSettings = NonNullable<SandboxCredentials['mlps']>;

const ONCE = { error: 'must be given once, as text' };
const ZWholeNumber = (min: number, max: number) =>
  z
    .string(ONCE)
    .regex(/^[0-9]+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

const ZFilingQuery = z.object({
  offset: ZWholeNumber(0, Number.MAX_SAFE_INTEGER).optional(),
  limit: ZWholeNumber(1, MLPS_PAGE_LIMIT_MAX).optional(),
  updatedAfter: z.string(ONCE).pipe(ZMlpsLocalTime).optional(),
  unitCode: z.string(ONCE).min(1, 'must not be empty').optional(),
});
type FilingQuery = z.infer<typeof ZFilingQuery>;

/** A dataset record with the fields the listing orders and filters by, read once at start. */
interface IndexedFiling {
  record: unknown;
  filingNo: string;
  unitCode: unknown;
  /** the registry time when it is one, else null (never matches `updatedAfter`) */
  updatedAt: string | null;
}

/**
 * 网络安全等级保护备案系统 数据查询接口 (mlps-filing.openapi.yaml): filings by offset and limit with
 * `updatedAfter` and `unitCode`, one filing by number, behind a static `X-Api-Token`. Everything the
 * contract finds unpleasant is kept: no envelope, HTML error pages (403 for a wrong token, 503 for
 * maintenance), zone-less Beijing times. Records are served exactly as the dataset holds them,
 * invalid ones and unknown fields included. Optional slowness (a base latency on every answer) and a
 * nightly maintenance window in Beijing hours, read on `ctx.clock`, come from `ctx.credentials.mlps`.
 */
export const mlpsModule: SandboxModule = {
  source: 'mlps',
  title: '网络安全等级保护备案系统 (mlps)',
  defaultPort: MLPS_DEFAULT_PORT,
  create(ctx: SandboxModuleContext) {
    const settings = readSettings(ctx.credentials.mlps);
    const ordered = orderFilings(ctx.dataset.mlps.filings);
    const byNo = new Map<string, unknown>();
    for (const f of ordered) if (f.filingNo && !byNo.has(f.filingNo)) byNo.set(f.filingNo, f.record);

    const router = express.Router();
    if (settings.baseLatencyMs) router.use(delay(settings.baseLatencyMs));
    const window = settings.nightlyMaintenance;
    if (window) {
      router.use((_req, res, next) => {
        if (!inBeijingHourWindow(ctx.clock(), window)) return next();
        html(res, MlpsHttpStatus.MAINTENANCE, MAINTENANCE_PAGE);
      });
    }
    router.use('/mlps/api', (req, res, next) => {
      if (sameText(req.get(MLPS_TOKEN_HEADER) ?? '', settings.token)) return next();
      ctx.logger.warn({ url: req.originalUrl }, 'request refused: wrong or missing token');
      html(res, MlpsHttpStatus.FORBIDDEN, FORBIDDEN_PAGE);
    });

    router.get(MLPS_FILINGS_PATH, (req, res) => {
      const query = ZFilingQuery.safeParse(req.query);
      if (!query.success) {
        const detail = describeZodError(query.error);
        return html(res, 400, badRequestPage(`请求参数无效：${detail}`, `invalid query: ${detail}`));
      }
      const { offset = 0, limit = MLPS_PAGE_LIMIT_DEFAULT } = query.data;
      const matching = ordered.filter(matches(query.data));
      res.json({
        total: matching.length,
        items: matching.slice(offset, offset + limit).map((f) => f.record),
      });
    });

    router.get(`${MLPS_FILINGS_PATH}/:filingNo`, (req, res) => {
      const filingNo = req.params['filingNo'] ?? '';
      const record = byNo.get(filingNo);
      if (record === undefined) {
        return html(
          res,
          MlpsHttpStatus.NOT_FOUND,
          notFoundPage(`备案证明编号 ${filingNo} 不存在 / no filing ${filingNo}`),
        );
      }
      res.json(record);
    });

    const faults: FaultResponses = {
      rateLimited: (_req, res) => {
        res.set('Retry-After', String(RATE_LIMIT_RETRY_AFTER_SECONDS));
        html(res, MlpsHttpStatus.RATE_LIMITED, RATE_LIMITED_PAGE);
      },
      internalError: (_req, res, random) => {
        // Both happen: the application throws (Tomcat's 500 page) or stops answering nginx (502).
        if (random() < 0.5) html(res, 500, INTERNAL_ERROR_PAGE);
        else html(res, 502, BAD_GATEWAY_PAGE);
      },
      maintenance: (_req, res) => html(res, MlpsHttpStatus.MAINTENANCE, MAINTENANCE_PAGE),
    };

    return {
      router,
      faults,
      notFound: (req: Request, res: Response) =>
        html(res, 404, notFoundPage(`no such path: ${req.method} ${req.path}`)),
      health: () => ({ filings: ordered.length }),
      credentials: { token: settings.token },
    };
  },
};

function readSettings(given: MlpsSettings | undefined): MlpsSettings {
  const parsed = ZMlpsSettings.safeParse(given ?? { token: MLPS_DEMO_TOKEN });
  if (!parsed.success) {
    const detail = describeZodError(parsed.error);
    throw new SandboxUsageError(
      `等保备案模拟器设置无效：${detail}`,
      `invalid MLPS simulator settings: ${detail}`,
    );
  }
  return parsed.data;
}

function html(res: Response, status: number, page: string): void {
  res.status(status).type('html').send(page);
}

/** Holds every answer back by `ms`, as the registry's slowness does; a closed request frees its timer. */
function delay(ms: number): RequestHandler {
  return (_req, res, next) => {
    const timer = setTimeout(() => {
      if (!res.destroyed) next();
    }, ms);
    // A pending delay must never keep the process alive or stop() waiting.
    timer.unref();
    res.once('close', () => clearTimeout(timer));
  };
}

function field(record: unknown, key: string): unknown {
  return typeof record === 'object' && record !== null ? (record as Record<string, unknown>)[key] : undefined;
}

/**
 * Orders by filing number, a key a filing never changes: an offset walk over an unchanged set of
 * filings then visits each once even while filings are updated. The sort is stable, so records with
 * equal (or missing) numbers keep dataset order; such records are still served, never dropped.
 */
function orderFilings(records: readonly unknown[]): IndexedFiling[] {
  return records
    .map((record) => {
      const filingNo = field(record, 'filingNo');
      const updatedAt = field(record, 'updatedAt');
      return {
        record,
        filingNo: typeof filingNo === 'string' ? filingNo : '',
        unitCode: field(record, 'unitCode'),
        updatedAt: typeof updatedAt === 'string' && isMlpsLocalTime(updatedAt) ? updatedAt : null,
      };
    })
    .sort((a, b) => (a.filingNo < b.filingNo ? -1 : a.filingNo > b.filingNo ? 1 : 0));
}

function matches(query: FilingQuery): (f: IndexedFiling) => boolean {
  const { updatedAfter, unitCode } = query;
  // Registry times have one fixed width, so text order is time order.
  return (f) =>
    (updatedAfter === undefined || (f.updatedAt !== null && f.updatedAt > updatedAfter)) &&
    (unitCode === undefined || f.unitCode === unitCode);
}

function sameText(a: string, b: string): boolean {
  const ba = Buffer.from(a);
  const bb = Buffer.from(b);
  return ba.length === bb.length && timingSafeEqual(ba, bb);
}
