import { GOV_CLOUD_RESOURCE_PAGE_MAX, GOV_CLOUD_TENANT_PAGE_MAX, GovCloudCode } from '@hub/contracts';
import express, { type Request, type Response } from 'express';
import { z } from 'zod';
import { describeZodError } from '../../framework/fault-settings';
import type { FaultResponses, SandboxModule, SandboxModuleContext } from '../../framework/sandbox-module';
import { NonceStore, verifyGovCloudRequest } from './gov-cloud.auth';
import {
  GOV_CLOUD_BAD_REQUEST,
  GOV_CLOUD_DEMO_ACCESS_KEY,
  GOV_CLOUD_DEMO_SECRET_KEY,
} from './gov-cloud.credentials';
import { decodeCursor, encodeCursor, type ResourceFilter } from './gov-cloud.cursor';

/** Default port of the gov-cloud simulator (the contract's `servers` entry). */
export const GOV_CLOUD_DEFAULT_PORT = 4101;

const DEFAULT_TENANT_PAGE_SIZE = 100;
const DEFAULT_RESOURCE_LIMIT = 500;

/** HTML a gateway shows while the platform is down; clients must cope with a non-JSON 503. */
const MAINTENANCE_PAGE = `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>系统维护中</title></head>
<body><h1>系统维护中</h1><p>市电子政务云平台正在进行例行维护，请稍后再试。</p>
<p>The e-government cloud platform is under maintenance. Please try again later.</p></body></html>
`;

const ONCE = { error: 'must be given once, as text' };
const ZWholeNumber = (min: number, max: number) =>
  z
    .string(ONCE)
    .regex(/^[0-9]+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));
const ZText = z.string(ONCE).min(1, 'must not be empty');

const ZTenantQuery = z.object({
  pageNo: ZWholeNumber(1, Number.MAX_SAFE_INTEGER).optional(),
  pageSize: ZWholeNumber(1, GOV_CLOUD_TENANT_PAGE_MAX).optional(),
});

const ZResourceQuery = z.object({
  cursor: ZText.optional(),
  limit: ZWholeNumber(1, GOV_CLOUD_RESOURCE_PAGE_MAX).optional(),
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
  tenantId: ZText.optional(),
  projectCode: ZText.optional(),
});

/** A dataset record with the fields the listing orders and filters by, read once at start. */
interface IndexedResource {
  record: unknown;
  updatedMs: number;
  resourceId: string;
  tenantId: unknown;
  projectCode: unknown;
}

/**
 * 市电子政务云平台 资源台账开放接口 (gov-cloud.openapi.yaml): tenants, resources with cursor paging and
 * incremental sync, one resource by id, behind the AK/SK signature. Records are served exactly as the
 * dataset holds them, invalid ones and unknown fields included, because the connector must cope with both.
 */
export const govCloudModule: SandboxModule = {
  source: 'gov-cloud',
  title: '市电子政务云平台 (gov-cloud)',
  defaultPort: GOV_CLOUD_DEFAULT_PORT,
  create(ctx: SandboxModuleContext) {
    const credentials = ctx.credentials.govCloud ?? {
      accessKey: GOV_CLOUD_DEMO_ACCESS_KEY,
      secretKey: GOV_CLOUD_DEMO_SECRET_KEY,
    };
    const nonces = new NonceStore();
    const tenants = ctx.dataset.govCloud.tenants;
    const ordered = orderResources(ctx.dataset.govCloud.resources);
    const byId = new Map<string, unknown>();
    for (const r of ctx.dataset.govCloud.resources) {
      const id = field(r, 'resourceId');
      if (typeof id === 'string' && !byId.has(id)) byId.set(id, r);
    }

    const router = express.Router();
    router.use('/openapi', (req, res, next) => {
      const failure = verifyGovCloudRequest(req, { ...credentials, clock: ctx.clock, nonces });
      if (!failure) return next();
      ctx.logger.warn({ code: failure.code, reason: failure.msg, url: req.originalUrl }, 'request refused');
      envelope(res, failure.code, failure.msg, null);
    });

    router.get('/openapi/v1/tenants', (req, res) => {
      const query = ZTenantQuery.safeParse(req.query);
      if (!query.success) return badRequest(res, query.error);
      const pageNo = query.data.pageNo ?? 1;
      const pageSize = query.data.pageSize ?? DEFAULT_TENANT_PAGE_SIZE;
      const start = (pageNo - 1) * pageSize;
      envelope(res, GovCloudCode.OK, 'ok', {
        total: tenants.length,
        pageNo,
        pageSize,
        items: tenants.slice(start, start + pageSize),
      });
    });

    router.get('/openapi/v1/resources', (req, res) => {
      const query = ZResourceQuery.safeParse(req.query);
      if (!query.success) return badRequest(res, query.error);
      const { cursor, limit = DEFAULT_RESOURCE_LIMIT, ...filter } = query.data;
      let offset = 0;
      if (cursor !== undefined) {
        const decoded = decodeCursor(cursor, filter);
        if ('error' in decoded) return envelope(res, GOV_CLOUD_BAD_REQUEST, decoded.error, null);
        offset = decoded.offset;
      }
      const matching = ordered.filter(matches(filter));
      const end = offset + limit;
      envelope(res, GovCloudCode.OK, 'ok', {
        items: matching.slice(offset, end).map((r) => r.record),
        nextCursor: end < matching.length ? encodeCursor(end, filter) : null,
      });
    });

    router.get('/openapi/v1/resources/:resourceId', (req, res) => {
      const id = req.params['resourceId'];
      const record = id === undefined ? undefined : byId.get(id);
      if (record === undefined)
        return envelope(res, GovCloudCode.NOT_FOUND, `resource ${id} not found`, null);
      envelope(res, GovCloudCode.OK, 'ok', record);
    });

    const faults: FaultResponses = {
      rateLimited: (_req, res) =>
        envelope(res, GovCloudCode.RATE_LIMITED, 'rate limited', { retryAfterSeconds: 1 }),
      internalError: (_req, res, random) => {
        // The platform fails both ways in practice: its gateway answers a bare 500, its service an envelope.
        if (random() < 0.5) res.status(500).type('text/plain').send('Internal Server Error');
        else envelope(res, GovCloudCode.INTERNAL, 'internal error', null);
      },
      maintenance: (_req, res) => {
        res.status(503).type('html').send(MAINTENANCE_PAGE);
      },
    };

    return {
      router,
      faults,
      notFound: (req: Request, res: Response) => {
        res
          .status(404)
          .json({ code: GovCloudCode.NOT_FOUND, msg: `no such path: ${req.method} ${req.path}`, data: null });
      },
      health: () => ({ tenants: tenants.length, resources: ordered.length, noncesRemembered: nonces.size }),
      credentials: { ...credentials },
    };
  },
};

function envelope(res: Response, code: number, msg: string, data: unknown): void {
  res.status(200).json({ code, msg, data });
}

function badRequest(res: Response, error: z.ZodError): void {
  envelope(res, GOV_CLOUD_BAD_REQUEST, `invalid query: ${describeZodError(error)}`, null);
}

function field(record: unknown, key: string): unknown {
  return typeof record === 'object' && record !== null ? (record as Record<string, unknown>)[key] : undefined;
}

/**
 * Orders by updatedAt, then resourceId, as the contract's "newest change last" requires; the sort is
 * stable, so records with equal keys keep dataset order and paging stays deterministic. A record whose
 * updatedAt does not parse sorts first: it is still served, never dropped.
 */
function orderResources(records: readonly unknown[]): IndexedResource[] {
  return records
    .map((record) => {
      const updatedAt = field(record, 'updatedAt');
      const resourceId = field(record, 'resourceId');
      const updatedMs = typeof updatedAt === 'string' ? Date.parse(updatedAt) : Number.NaN;
      return {
        record,
        updatedMs: Number.isNaN(updatedMs) ? Number.NEGATIVE_INFINITY : updatedMs,
        resourceId: typeof resourceId === 'string' ? resourceId : '',
        tenantId: field(record, 'tenantId'),
        projectCode: field(record, 'projectCode'),
      };
    })
    .sort((a, b) =>
      a.updatedMs !== b.updatedMs
        ? a.updatedMs - b.updatedMs
        : a.resourceId < b.resourceId
          ? -1
          : a.resourceId > b.resourceId
            ? 1
            : 0,
    );
}

function matches(filter: ResourceFilter): (r: IndexedResource) => boolean {
  // A record without a readable updatedAt cannot be said to have changed since anything.
  const since = filter.updatedSince === undefined ? undefined : Date.parse(filter.updatedSince);
  return (r) =>
    (since === undefined || r.updatedMs >= since) &&
    (filter.tenantId === undefined || r.tenantId === filter.tenantId) &&
    (filter.projectCode === undefined || r.projectCode === filter.projectCode);
}
