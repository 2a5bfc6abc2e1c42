import fs from 'node:fs';
import path from 'node:path';
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

/**
 * Every setting the hub reads from its environment, validated once at boot. Nothing else reads
 * `process.env`. Defaults run the hub against the sandbox with its documented demo credentials.
 */
export const ZHubEnv = z.object({
  /**
   * an external PostgreSQL; when absent the hub runs an embedded one in HUB_DATA_DIR. The role the
   * hub runs as: the application role (not a superuser, owns no table; see README)
   */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  /**
   * with DATABASE_URL: the owner of the schema, for migrations, pg-boss's schema and the
   * application role's privileges at start. Absent: DATABASE_URL does all of it (one role)
   */
  DATABASE_OWNER_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  /**
   * when the role of DATABASE_URL could rewrite the audit trail (a superuser, or the tables' owner):
   * `warn` logs it and reports it with every audit verification, `refuse` does not start
   */
  HUB_DATABASE_ROLE_CHECK: z.enum(['warn', 'refuse']).default('warn'),
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
  /** incremental syncs of every source, Beijing time: hourly at minute 15; per source below */
  HUB_SYNC_CRON: cron.default('15 * * * *'),
  GOV_CLOUD_SYNC_CRON: cron.optional(),
  DATA_EXCHANGE_SYNC_CRON: cron.optional(),
  MLPS_SYNC_CRON: cron.optional(),
  VIDEO_SYNC_CRON: cron.optional(),
  SERVICE_PLATFORMS_SYNC_CRON: cron.optional(),
  /** a job not finished in this time is taken to have died with its worker and is retried elsewhere */
  HUB_JOB_EXPIRE_SECONDS: z.coerce.number().int().min(2).default(900),
  /** how often the queue looks for expired jobs (and other upkeep) */
  HUB_JOBS_MAINTENANCE_SECONDS: z.coerce.number().int().min(1).default(30),
  /** how often an idle worker asks for work */
  HUB_JOBS_POLL_SECONDS: z.coerce.number().min(0.5).default(2),
  /** projects judged per evaluation job of a scan (more, smaller jobs spread wider over replicas) */
  HUB_SCAN_BATCH_SIZE: z.coerce.number().int().min(1).max(5000).default(500),
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
   * the 32-byte key of the audit chain's HMAC, kept outside the database (hex, mode 0600); generated
   * at first start. Default `<HUB_DATA_DIR>/audit.key`. Every replica needs the same file
   */
  HUB_AUDIT_KEY_FILE: z.string().min(1).optional(),
  /**
   * append-only JSON lines recording the audit chain's head and length, outside the database.
   * Default `<HUB_DATA_DIR>/audit-checkpoints.jsonl`
   */
  HUB_AUDIT_CHECKPOINT_FILE: z.string().min(1).optional(),
  /** how often a running hub records a checkpoint (also at start, at shutdown and after verify) */
  HUB_AUDIT_CHECKPOINT_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 3600)
    .default(300),
  /** also POST every checkpoint as JSON to this address */
  HUB_AUDIT_CHECKPOINT_WEBHOOK: z.url({ protocol: /^https?$/ }).optional(),
  /** also send every checkpoint to a syslog collector (RFC 5424): `udp://host:514` or `tcp://host:601` */
  HUB_AUDIT_CHECKPOINT_SYSLOG: z
    .url({ protocol: /^(udp|tcp)$/ })
    .refine((v) => URL.canParse(v) && new URL(v).hostname !== '' && new URL(v).port !== '', {
      message: '应为 udp://主机:端口 或 tcp://主机:端口 / expected udp://host:port or tcp://host:port',
    })
    .optional(),
  GOV_CLOUD_BASE_URL: z.url().default('http://127.0.0.1:4101'),
  GOV_CLOUD_ACCESS_KEY: z.string().min(1).default('sandbox-gov-cloud-ak'),
  GOV_CLOUD_SECRET_KEY: z.string().min(1).default('sandbox-gov-cloud-sk'),
  GOV_CLOUD_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  DATA_EXCHANGE_BASE_URL: z.url().default('http://127.0.0.1:4102'),
  DATA_EXCHANGE_CLIENT_ID: z.string().min(1).default('sandbox-data-exchange-client'),
  DATA_EXCHANGE_CLIENT_SECRET: z.string().min(1).default('sandbox-data-exchange-secret'),
  MLPS_BASE_URL: z.url().default('http://127.0.0.1:4103'),
  MLPS_API_TOKEN: z.string().min(1).default('sandbox-mlps-token'),
  /** the MLPS registry is slow (p50 ~300 ms, stalls of 10 s): a longer timeout than the others */
  MLPS_TIMEOUT_MS: z.coerce.number().int().positive().default(15_000),
  VIDEO_BASE_URL: z.url().default('http://127.0.0.1:4104'),
  VIDEO_TOKEN: z.string().min(1).default('sandbox-video-token'),
  SERVICE_PLATFORMS_BASE_URL: z.url().default('http://127.0.0.1:4105'),
  SERVICE_PLATFORMS_APP_KEY: z.string().min(1).default('sandbox-service-platforms-key'),
  SERVICE_PLATFORMS_APP_SECRET: z.string().min(1).default('sandbox-service-platforms-secret'),
});

/** Settings that may instead be read from a file named by `<KEY>_FILE` (mounted secrets). */
const SECRET_KEYS = [
  'DATABASE_URL',
  'DATABASE_OWNER_URL',
  'HUB_SESSION_SECRET',
  'HUB_OIDC_CLIENT_SECRET',
  'GOV_CLOUD_SECRET_KEY',
  'DATA_EXCHANGE_CLIENT_SECRET',
  'MLPS_API_TOKEN',
  'VIDEO_TOKEN',
  'SERVICE_PLATFORMS_APP_SECRET',
  'HUB_SMTP_URL',
] as const;
export type HubEnvInput = z.input<typeof ZHubEnv>;

export interface HubEnv extends Omit<
  z.infer<typeof ZHubEnv>,
  'HUB_DATA_DIR' | 'HUB_AUDIT_KEY_FILE' | 'HUB_AUDIT_CHECKPOINT_FILE'
> {
  HUB_DATA_DIR: string;
  HUB_AUDIT_KEY_FILE: string;
  HUB_AUDIT_CHECKPOINT_FILE: string;
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
  if (parsed.data.DATABASE_OWNER_URL && !parsed.data.DATABASE_URL) {
    throw new InvalidEnvError(
      '环境变量配置错误 / invalid environment:\n  DATABASE_OWNER_URL: 需与 DATABASE_URL 同时配置（嵌入式数据库自行管理两个角色）/ ' +
        'only with DATABASE_URL (the embedded database manages both roles itself)',
    );
  }
  const dataDir = path.resolve(parsed.data.HUB_DATA_DIR ?? path.join(repoRoot(), '.data'));
  return {
    ...parsed.data,
    HUB_DATA_DIR: dataDir,
    HUB_AUDIT_KEY_FILE: path.resolve(parsed.data.HUB_AUDIT_KEY_FILE ?? path.join(dataDir, 'audit.key')),
    HUB_AUDIT_CHECKPOINT_FILE: path.resolve(
      parsed.data.HUB_AUDIT_CHECKPOINT_FILE ?? path.join(dataDir, 'audit-checkpoints.jsonl'),
    ),
  };
}
