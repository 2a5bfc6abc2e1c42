import fs from 'node:fs';
import path from 'node:path';
import { POLICY_PACK_IDS, type PolicyPackId } from '@hub/contracts';
import {
  CONNECTORS,
  envShapeOf,
  secretEnvKeys,
  syncCronKey,
  type RegisteredConnector,
} from '@hub/connectors';
import { PACKS, type OpinionIssuer } from '@hub/rules';
import { validateCronExpression } from 'cron';
import { z } from 'zod';
import { repoRoot } from '../infra/paths';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** A cron expression (minute hour day month weekday, Beijing time), or `off`. */
const cron = z
  .string()
  .trim()
  .refine((v) => v === 'off' || validateCronExpression(v).valid, {
    message: '应为 cron 表达式（分 时 日 月 周，北京时间）或 off / a cron expression or off',
  });

/** What HUB_OPINION_ISSUERS may change of a city's opinion issuer; a field left out keeps the pack's. */
const ZOpinionIssuerOverride = z
  .object({
    office: z.string().trim().min(2).max(60).optional(),
    numberPrefix: z
      .string()
      .trim()
      .regex(/^[\u4e00-\u9fff]{1,8}$/, '文号前缀应为 1 至 8 个汉字 / 1 to 8 Chinese characters')
      .optional(),
    title: z.string().trim().min(2).max(60).optional(),
  })
  .strict();

/**
 * Each city's opinion issuer (发文机关, 文号 prefix, title): its pack's defaults, overridden field by
 * field from a JSON object keyed by pack id. Two cities may not share a prefix: their numbers would
 * collide.
 */
const opinionIssuers = z
  .string()
  .optional()
  .transform((text, ctx): unknown => {
    if (text === undefined) return {};
    try {
      return JSON.parse(text);
    } catch {
      ctx.addIssue({
        code: 'custom',
        message: '应为 JSON，如 {"yueyang":{"office":"…"}} / must be JSON keyed by pack id',
      });
      return z.NEVER;
    }
  })
  .pipe(z.partialRecord(z.enum(POLICY_PACK_IDS), ZOpinionIssuerOverride))
  .transform(
    (overrides) =>
      Object.fromEntries(
        POLICY_PACK_IDS.map((id) => [id, { ...PACKS[id].opinionIssuer, ...overrides[id] }]),
      ) as Record<PolicyPackId, OpinionIssuer>,
  )
  .refine(
    (issuers) => {
      const prefixes = Object.values(issuers).map((i) => i.numberPrefix);
      return new Set(prefixes).size === prefixes.length;
    },
    { message: '各市的文号前缀不能相同 / every city needs a document-number prefix of its own' },
  );

/** The hub's own settings; each connector's come from its definition (see {@link ZHubEnv}). */
const HUB_SHAPE = {
  /** an external PostgreSQL; when absent the hub runs an embedded one in HUB_DATA_DIR */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  /** embedded database, demo files; relative paths are taken from the working directory */
  HUB_DATA_DIR: z.string().min(1).optional(),
  HUB_HOST: z.string().min(1).default('127.0.0.1'),
  HUB_PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  /** fixed clock for verdicts (ISO instant with offset); the system clock when absent */
  HUB_NOW: z.iso.datetime({ offset: true }).optional(),
  /** origins allowed to call the API from a browser, comma-separated; none by default */
  HUB_CORS_ORIGINS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.url({ protocol: /^https?$/ }))),
  HUB_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** `embedded`: `npm start` runs the sandbox upstreams with the demo city in-process */
  HUB_SANDBOX: z.enum(['embedded', 'off']).default('embedded'),
  /** import the registry workbook and run a full scan when `npm start` boots */
  HUB_SCAN_ON_START: bool.default(true),
  /** key that signs session tokens; generated once and kept in the database when absent */
  HUB_SESSION_SECRET: z.string().min(32).optional(),
  /** how long a sign-in lasts before the user signs in again */
  HUB_SESSION_TTL_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(60),
  /**
   * Express `trust proxy`: behind a reverse proxy, which hops to trust for the client address that
   * rate limits count by (`loopback`, a hop count, or addresses); off by default
   */
  HUB_TRUST_PROXY: z.string().optional(),
  /** sign-in and token-issuing attempts allowed per client address per minute */
  HUB_AUTH_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  /** the city's unified identity platform (统一身份认证平台); OIDC sign-in is off when absent */
  HUB_OIDC_ISSUER: z.url().optional(),
  HUB_OIDC_CLIENT_ID: z.string().min(1).optional(),
  HUB_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** where the identity platform sends the browser back; defaults to this hub's callback route */
  HUB_OIDC_REDIRECT_URI: z.url().optional(),
  HUB_OIDC_SCOPES: z.string().default('openid profile'),
  /** ID-token claim that carries the hub role, and the one that carries an applicant's credit code */
  HUB_OIDC_ROLE_CLAIM: z.string().min(1).default('hub_role'),
  HUB_OIDC_UNIT_CLAIM: z.string().min(1).default('unit_code'),
  /** allow an identity platform served over plain http (only for a platform inside the host) */
  HUB_OIDC_ALLOW_HTTP: bool.default(false),
  /**
   * What this process does: `all` (API, scheduler and job workers), `api` (API and scheduler, no
   * workers) or `worker` (workers and scheduler, no API). Any number share one database.
   */
  HUB_ROLE: z.enum(['all', 'api', 'worker']).default('all'),
  /** full scans, Beijing time: every night at 02:00 */
  HUB_SCAN_CRON: cron.default('0 2 * * *'),
  /**
   * incremental syncs of every source, Beijing time; each source's own `<PREFIX>_SYNC_CRON` wins over
   * it, and without either a source syncs on its connector's default schedule
   */
  HUB_SYNC_CRON: cron.optional(),
  /** a job not finished in this time is taken to have died with its worker and is retried elsewhere */
  HUB_JOB_EXPIRE_SECONDS: z.coerce.number().int().min(2).default(900),
  /** how often the queue looks for expired jobs (and other upkeep) */
  HUB_JOBS_MAINTENANCE_SECONDS: z.coerce.number().int().min(1).default(30),
  /** how often an idle worker asks for work */
  HUB_JOBS_POLL_SECONDS: z.coerce.number().min(0.5).default(2),
  /** projects judged per evaluation job of a scan (more, smaller jobs spread wider over replicas) */
  HUB_SCAN_BATCH_SIZE: z.coerce.number().int().min(1).max(5000).default(500),
  /**
   * After a bulk sync lost pages, at most this many projects (in code order) have their records of
   * the lost lists fetched by the contract's filters; the others stay UNKNOWN on that source.
   */
  HUB_RECOVERY_MAX_PROJECTS: z.coerce.number().int().min(0).max(100_000).default(2_000),
  /** scan history (findings of every scan) is kept this long; runs under review or dispute stay */
  HUB_HISTORY_RETENTION_DAYS: z.coerce.number().int().min(1).default(400),
  /**
   * outgoing mail for notification subscriptions: `smtp://user:pass@host:587` (STARTTLS when the
   * server offers it) or `smtps://user:pass@host:465`; email subscriptions are offered only when set
   */
  HUB_SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  /** the From of notification mail, e.g. `合规中枢 <hub@example.gov.cn>`; required with HUB_SMTP_URL */
  HUB_SMTP_FROM: z.string().trim().min(3).optional(),
  /**
   * how each city's review opinions are issued, over its pack's defaults: JSON keyed by pack id, e.g.
   * `{"yueyang":{"office":"岳阳市行政审批服务局","numberPrefix":"岳审技"}}` (office, numberPrefix, title)
   */
  HUB_OPINION_ISSUERS: opinionIssuers,
};

type Intersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

/** One connector's keys: its settings under its prefix, and its sync schedule. */
type ConnectorEnvShape<D> = D extends { envPrefix: infer P extends string; settings: infer S }
  ? { [K in keyof S & string as `${P}_${K}`]: S[K] } & {
      [K in `${P}_SYNC_CRON`]: ReturnType<typeof cron.optional>;
    }
  : never;

/**
 * Each registered connector's keys (`GOV_CLOUD_BASE_URL`, `MLPS_API_TOKEN`, `MLPS_SYNC_CRON`, …), with
 * the defaults its connector declares: a connector added to `CONNECTORS` is configured here unseen.
 */
function connectorShape(): Intersection<ConnectorEnvShape<RegisteredConnector>> {
  return Object.fromEntries(
    CONNECTORS.flatMap((connector) => [
      ...Object.entries(envShapeOf(connector)),
      [syncCronKey(connector), cron.optional()],
    ]),
  ) as Intersection<ConnectorEnvShape<RegisteredConnector>>;
}

/**
 * Every setting the hub reads from its environment, validated once at boot, in one schema so that
 * every bad key is listed at once. Nothing else reads `process.env`. Defaults run the hub against the
 * sandbox with its documented demo credentials.
 */
export const ZHubEnv = z.object({ ...HUB_SHAPE, ...connectorShape() });

/**
 * Settings that may instead be read from a file named by `<KEY>_FILE` (mounted secrets): the hub's own
 * and every connector's declared secrets. The logger redacts them too.
 */
export const SECRET_KEYS: readonly string[] = [
  'DATABASE_URL',
  'HUB_SESSION_SECRET',
  'HUB_OIDC_CLIENT_SECRET',
  'HUB_SMTP_URL',
  ...CONNECTORS.flatMap(secretEnvKeys),
];
export type HubEnvInput = z.input<typeof ZHubEnv>;

export interface HubEnv extends Omit<z.infer<typeof ZHubEnv>, 'HUB_DATA_DIR'> {
  HUB_DATA_DIR: string;
}

export class InvalidEnvError extends Error {}

/** Parses the environment, listing every bad key in one error. */
export function loadEnv(source: Record<string, string | undefined> = process.env): HubEnv {
  const relevant: Record<string, string | undefined> = Object.fromEntries(
    Object.keys(ZHubEnv.shape).map((k) => [k, source[k] === '' ? undefined : source[k]]),
  );
  const fileErrors: string[] = [];
  for (const key of SECRET_KEYS) {
    const file = source[`${key}_FILE`];
    if (!file) continue;
    if (relevant[key] !== undefined) fileErrors.push(`  ${key}_FILE: ${key} is set too; give one of them`);
    else if (!fs.existsSync(file)) fileErrors.push(`  ${key}_FILE: no such file ${file}`);
    else relevant[key] = fs.readFileSync(file, 'utf8').trim();
  }
  const parsed = ZHubEnv.safeParse(relevant);
  if (!parsed.success || fileErrors.length) {
    const lines = [
      ...fileErrors,
      ...(parsed.error?.issues ?? []).map((i) => `  ${i.path.join('.')}: ${i.message}`),
    ];
    throw new InvalidEnvError(`环境变量配置错误 / invalid environment:\n${lines.join('\n')}`);
  }
  const oidcKeys = ['HUB_OIDC_ISSUER', 'HUB_OIDC_CLIENT_ID', 'HUB_OIDC_CLIENT_SECRET'] as const;
  const oidcGiven = oidcKeys.filter((k) => parsed.data[k] !== undefined);
  if (oidcGiven.length > 0 && oidcGiven.length < oidcKeys.length) {
    const missing = oidcKeys.filter((k) => parsed.data[k] === undefined).join(', ');
    throw new InvalidEnvError(
      `环境变量配置错误 / invalid environment:\n  ${missing}: OIDC 登录需要同时配置 / required together with ${oidcGiven.join(', ')}`,
    );
  }
  return {
    ...parsed.data,
    HUB_DATA_DIR: path.resolve(parsed.data.HUB_DATA_DIR ?? path.join(repoRoot(), '.data')),
  };
}
