import { timingSafeEqual } from 'node:crypto';
import {
  DATA_EXCHANGE_PAGE_DEFAULT,
  DATA_EXCHANGE_PAGE_MAX,
  DATA_EXCHANGE_PATHS,
  DATA_EXCHANGE_STATS_DAYS_DEFAULT,
  DATA_EXCHANGE_TOKEN_TTL_SECONDS,
  DataExchangeAssumedErrorCode as Code,
  DataExchangeErrorCode,
} from '@hub/contracts';
import express, { type ErrorRequestHandler, type Request, type Response } from 'express';
import { z } from 'zod';
import { describeZodError } from '../../framework/fault-settings';
import { SandboxUsageError } from '../../framework/sandbox-error';
import type { FaultResponses, SandboxModule, SandboxModuleContext } from '../../framework/sandbox-module';
import { DATA_EXCHANGE_DEMO_CLIENT_ID, DATA_EXCHANGE_DEMO_CLIENT_SECRET } from './data-exchange.credentials';
import { TokenStore } from './data-exchange.tokens';

/** Default port of the data-exchange simulator (the contract's `servers` entry). */
export const DATA_EXCHANGE_DEFAULT_PORT = 4102;

/** How long the per-system statistics endpoint takes to answer unless told otherwise. */
export const DATA_EXCHANGE_SYSTEM_STATS_DELAY_MS = 300;

/** Options of {@link createDataExchangeModule}. */
export interface DataExchangeModuleOptions {
  /**
   * Delay of `GET /api/open/v2/systems/{systemId}/exchange-stats`, which the contract calls slow
   * (default {@link DATA_EXCHANGE_SYSTEM_STATS_DELAY_MS}); tests set 0.
   */
  systemStatsDelayMs?: number;
}

const ONCE = { error: 'must be given once, as text' };
const ZWholeNumber = (min: number, max: number) =>
  z
    .string(ONCE)
    .regex(/^[0-9]+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));
const ZText = z.string(ONCE).min(1, 'must not be empty');
const ZModifiedAfter = z.string(ONCE).pipe(
  z.iso.datetime({
    offset: true,
    error: 'must be an ISO-8601 date-time with offset, e.g. 2025-01-01T00:00:00%2B08:00 (encode + as %2B)',
  }),
);
const ZDays = z
  .string(ONCE)
  .pipe(z.enum(['7', '30', '90'], { error: 'must be 7, 30 or 90' }))
  .transform(Number);

const ZPaging = {
  page: ZWholeNumber(1, Number.MAX_SAFE_INTEGER).optional(),
  size: ZWholeNumber(1, DATA_EXCHANGE_PAGE_MAX).optional(),
};
const ZSystemsQuery = z.object({ ...ZPaging, modifiedAfter: ZModifiedAfter.optional() });
const ZCatalogQuery = z.object({
  ...ZPaging,
  modifiedAfter: ZModifiedAfter.optional(),
  systemId: ZText.optional(),
});
const ZStatsQuery = z.object({ ...ZPaging, days: ZDays.optional() });
const ZSystemStatsQuery = z.object({ days: ZDays.optional() });

/** The token request's form; each field once, as text. */
const ZTokenForm = z.object({
  grant_type: z.string(ONCE),
  client_id: z.string(ONCE).min(1, 'must not be empty'),
  client_secret: z.string(ONCE).min(1, 'must not be empty'),
});

/** A dataset record with the fields the listings order and filter by, read once at start. */
interface Indexed {
  record: unknown;
  /** NaN when the record's modifiedAt does not parse */
  modifiedMs: number;
  id: string;
  systemId: unknown;
}

/**
 * 政务信息资源共享交换平台 开放接口 (data-exchange.openapi.yaml): OAuth2 client-credentials tokens that
 * expire (TOKEN_EXPIRED with HTTP 401), systems, catalogue entries and bulk statistics with 1-based
 * page/size paging, `modifiedAfter` on systems and the catalogue, `systemId` on the catalogue, and
 * the slow per-system statistics. Records are served exactly as the dataset holds them, invalid ones,
 * tombstones and unknown fields included, because the connector must cope with all of them.
 */
export function createDataExchangeModule(options: DataExchangeModuleOptions = {}): SandboxModule {
  const systemStatsDelayMs = options.systemStatsDelayMs ?? DATA_EXCHANGE_SYSTEM_STATS_DELAY_MS;
  return {
    source: 'data-exchange',
    title: '政务信息资源共享交换平台 (data-exchange)',
    defaultPort: DATA_EXCHANGE_DEFAULT_PORT,
    create(ctx: SandboxModuleContext) {
      const given = ctx.credentials.dataExchange;
      const credentials = {
        clientId: given?.clientId ?? DATA_EXCHANGE_DEMO_CLIENT_ID,
        clientSecret: given?.clientSecret ?? DATA_EXCHANGE_DEMO_CLIENT_SECRET,
      };
      const ttlSeconds = given?.tokenTtlSeconds ?? DATA_EXCHANGE_TOKEN_TTL_SECONDS;
      if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1) {
        throw new SandboxUsageError(
          `数据共享交换平台的令牌有效期应为正整数秒，收到 ${ttlSeconds}`,
          `the data-exchange token lifetime must be a whole number of seconds from 1, got ${ttlSeconds}`,
        );
      }
      const tokens = new TokenStore(ttlSeconds, ctx.clock);
      const { systems, catalog, stats } = ctx.dataset.dataExchange;
      const orderedSystems = orderByModified(systems, 'systemId');
      const orderedCatalog = orderByModified(catalog, 'resourceCode');
      const knownSystems = new Set(orderedSystems.map((s) => s.id));

      const router = express.Router();

      router.post(
        DATA_EXCHANGE_PATHS.token,
        express.urlencoded({ extended: false, limit: '16kb' }),
        (req, res) => {
          if (!req.is('application/x-www-form-urlencoded') || typeof req.body !== 'object') {
            return fail(
              res,
              400,
              Code.INVALID_REQUEST,
              'the body must be a form (Content-Type: application/x-www-form-urlencoded)',
            );
          }
          const form = ZTokenForm.safeParse(req.body);
          if (!form.success) {
            return fail(res, 400, Code.INVALID_REQUEST, `invalid form: ${describeZodError(form.error)}`);
          }
          if (form.data.grant_type !== 'client_credentials') {
            return fail(
              res,
              400,
              Code.UNSUPPORTED_GRANT_TYPE,
              `grant_type must be client_credentials, got ${form.data.grant_type}`,
            );
          }
          if (
            !sameText(form.data.client_id, credentials.clientId) ||
            !sameText(form.data.client_secret, credentials.clientSecret)
          ) {
            ctx.logger.warn({ clientId: form.data.client_id }, 'token refused: bad client credentials');
            return fail(res, 401, Code.INVALID_CLIENT, 'client authentication failed');
          }
          const { accessToken, expiresIn } = tokens.issue();
          res
            .status(200)
            .set('Cache-Control', 'no-store')
            .json({ access_token: accessToken, token_type: 'Bearer', expires_in: expiresIn });
        },
      );
      const unreadableForm: ErrorRequestHandler = (err: unknown, req, res, next) => {
        if (req.path !== DATA_EXCHANGE_PATHS.token || res.headersSent) return next(err);
        const detail = err instanceof Error ? err.message : String(err);
        fail(res, 400, Code.INVALID_REQUEST, `the form could not be read: ${detail}`);
      };
      router.use(unreadableForm);

      router.use('/api/open/v2', (req, res, next) => {
        const match = /^Bearer\s+(\S+)\s*$/i.exec(req.get('Authorization') ?? '');
        if (!match)
          return fail(res, 401, Code.INVALID_TOKEN, 'missing bearer token (Authorization: Bearer …)');
        const state = tokens.check(match[1]!);
        if (state === 'valid') return next();
        ctx.logger.warn({ state, url: req.originalUrl }, 'request refused: token not valid');
        if (state === 'expired') {
          return fail(
            res,
            401,
            DataExchangeErrorCode.TOKEN_EXPIRED,
            'access token expired, request a new one',
          );
        }
        fail(res, 401, Code.INVALID_TOKEN, 'access token unknown to the platform');
      });

      router.get(DATA_EXCHANGE_PATHS.systems, (req, res) => {
        const query = ZSystemsQuery.safeParse(req.query);
        if (!query.success) return badQuery(res, query.error);
        const since = sinceMs(query.data.modifiedAfter);
        servePage(
          res,
          orderedSystems.filter((s) => since === undefined || s.modifiedMs > since),
          query.data,
        );
      });

      router.get(DATA_EXCHANGE_PATHS.catalog, (req, res) => {
        const query = ZCatalogQuery.safeParse(req.query);
        if (!query.success) return badQuery(res, query.error);
        const since = sinceMs(query.data.modifiedAfter);
        const { systemId } = query.data;
        servePage(
          res,
          orderedCatalog.filter(
            (c) =>
              (since === undefined || c.modifiedMs > since) &&
              (systemId === undefined || c.systemId === systemId),
          ),
          query.data,
        );
      });

      router.get(DATA_EXCHANGE_PATHS.stats, (req, res) => {
        const query = ZStatsQuery.safeParse(req.query);
        if (!query.success) return badQuery(res, query.error);
        const days = query.data.days ?? DATA_EXCHANGE_STATS_DAYS_DEFAULT;
        servePage(
          res,
          stats.filter((s) => inWindow(s, days)).map((record) => ({ record })),
          query.data,
        );
      });

      // Not DATA_EXCHANGE_PATHS.systemStats(':systemId'): that would percent-encode the route parameter.
      router.get('/api/open/v2/systems/:systemId/exchange-stats', async (req, res) => {
        const query = ZSystemStatsQuery.safeParse(req.query);
        if (!query.success) return badQuery(res, query.error);
        const days = query.data.days ?? DATA_EXCHANGE_STATS_DAYS_DEFAULT;
        const systemId = String(req.params['systemId']);
        if (systemStatsDelayMs > 0) {
          await sleep(systemStatsDelayMs);
          if (res.destroyed || res.headersSent) return;
        }
        const record = stats.find((s) => field(s, 'systemId') === systemId && field(s, 'days') === days);
        if (record !== undefined) return ok(res, record);
        if (!knownSystems.has(systemId) && !stats.some((s) => field(s, 'systemId') === systemId)) {
          return fail(res, 404, Code.NOT_FOUND, `system ${systemId} is not registered on the platform`);
        }
        fail(res, 404, Code.NOT_FOUND, `system ${systemId} has no exchange statistics over ${days} days`);
      });

      const faults: FaultResponses = {
        rateLimited: (_req, res) => {
          res.set('Retry-After', '1');
          fail(res, 429, Code.RATE_LIMITED, '请求过于频繁，请稍后再试 / too many requests');
        },
        internalError: (_req, res, random) => {
          // The platform fails both ways in practice: its gateway answers a bare 500, its service an
          // error envelope with HTTP 200.
          if (random() < 0.5) res.status(500).type('text/plain').send('Internal Server Error');
          else fail(res, 200, Code.SYSTEM_ERROR, '系统异常，请稍后重试 / internal error');
        },
        maintenance: (_req, res) => {
          fail(
            res,
            503,
            Code.SERVICE_UNAVAILABLE,
            '平台维护中，请稍后再试 / the platform is under maintenance, try again later',
          );
        },
      };

      return {
        router,
        faults,
        notFound: (req: Request, res: Response) => {
          fail(res, 404, Code.NOT_FOUND, `no such path: ${req.method} ${req.path}`);
        },
        health: () => ({
          systems: systems.length,
          catalog: catalog.length,
          stats: stats.length,
          tokenTtlSeconds: ttlSeconds,
          tokensIssued: tokens.issued,
          tokensRemembered: tokens.size,
        }),
        credentials: { ...credentials },
      };
    },
  };
}

/** The data-exchange simulator with the contract's slow per-system statistics (300 ms). */
export const dataExchangeModule: SandboxModule = createDataExchangeModule();

function ok(res: Response, result: unknown): void {
  res.status(200).json({ success: true, result });
}

function fail(res: Response, status: number, errorCode: string, errorMsg: string): void {
  res.status(status).json({ success: false, errorCode, errorMsg });
}

function badQuery(res: Response, error: z.ZodError): void {
  fail(res, 400, Code.INVALID_PARAMETER, `invalid query: ${describeZodError(error)}`);
}

function servePage(
  res: Response,
  matching: readonly Pick<Indexed, 'record'>[],
  paging: { page?: number | undefined; size?: number | undefined },
): void {
  const page = paging.page ?? 1;
  const size = paging.size ?? DATA_EXCHANGE_PAGE_DEFAULT;
  const start = (page - 1) * size;
  ok(res, {
    total: matching.length,
    page,
    size,
    records: matching.slice(start, start + size).map((r) => r.record),
  });
}

function field(record: unknown, key: string): unknown {
  return typeof record === 'object' && record !== null ? (record as Record<string, unknown>)[key] : undefined;
}

function sinceMs(modifiedAfter: string | undefined): number | undefined {
  return modifiedAfter === undefined ? undefined : Date.parse(modifiedAfter);
}

/**
 * A statistics record belongs to the window its `days` names. One whose `days` is not a number
 * cannot be placed and is served in every window, so the connector still sees and reports it.
 */
function inWindow(record: unknown, days: number): boolean {
  const value = field(record, 'days');
  return typeof value === 'number' ? value === days : true;
}

/**
 * Orders by modifiedAt, then id, so page numbers stay stable between requests; the sort is stable,
 * so equal keys keep dataset order. A record whose modifiedAt does not parse sorts first: it is still
 * served, never dropped, but it cannot be said to have changed after anything (`modifiedAfter`).
 */
function orderByModified(records: readonly unknown[], idField: string): Indexed[] {
  return records
    .map((record) => {
      const modifiedAt = field(record, 'modifiedAt');
      const id = field(record, idField);
      return {
        record,
        modifiedMs: typeof modifiedAt === 'string' ? Date.parse(modifiedAt) : Number.NaN,
        id: typeof id === 'string' ? id : '',
        systemId: field(record, 'systemId'),
      };
    })
    .sort((a, b) => {
      const am = Number.isNaN(a.modifiedMs) ? Number.NEGATIVE_INFINITY : a.modifiedMs;
      const bm = Number.isNaN(b.modifiedMs) ? Number.NEGATIVE_INFINITY : b.modifiedMs;
      if (am !== bm) return am < bm ? -1 : 1;
      return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => {
    // Unref'd: a request still waiting must not keep a stopping sandbox's process alive.
    setTimeout(resolve, ms).unref();
  });
}

function sameText(a: string, b: string): boolean {
  const ba = Buffer.from(a);
  const bb = Buffer.from(b);
  return ba.length === bb.length && timingSafeEqual(ba, bb);
}
