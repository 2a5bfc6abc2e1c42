import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { PolicyPackId } from '@hub/contracts';
import {
  CONNECTORS,
  envShapeOf,
  secretEnvKeys,
  syncCronKey,
  type RegisteredConnector,
} from '@hub/connectors';
import {
  formatIssue,
  PackFileError,
  packFor,
  packIds,
  registerPackDir,
  type OpinionIssuer,
} from '@hub/rules';
import { validateCronExpression } from 'cron';
import { z } from 'zod';
import { parseAllowEntry } from '../common/egress-policy';
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
  .pipe(z.record(z.string(), ZOpinionIssuerOverride))
  .superRefine((overrides, ctx) => {
    for (const id of Object.keys(overrides)) {
      if (!packIds().includes(id)) {
        ctx.addIssue({
          code: 'custom',
          path: [id],
          message: `没有政策包 ${id}；已加载：${packIds().join('、')} / no pack ${id}; loaded: ${packIds().join(', ')}`,
        });
      }
    }
  })
  .transform(
    (overrides) =>
      Object.fromEntries(
        packIds().map((id) => [id, { ...packFor(id).opinionIssuer, ...overrides[id] }]),
      ) as Record<PolicyPackId, OpinionIssuer>,
  )
  .refine(
    (issuers) => {
      const prefixes = Object.values(issuers).map((i) => i.numberPrefix);
      return new Set(prefixes).size === prefixes.length;
    },
    { message: '各市的文号前缀不能相同 / every city needs a document-number prefix of its own' },
  );

/** A comma-separated list, blanks dropped. */
const list = z
  .string()
  .default('')
  .transform((v) =>
    v
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
  );

/** `host` or `host:port`, as an https URL would carry it. */
const robotHost = z
  .string()
  .trim()
  .toLowerCase()
  .refine(
    (v) => {
      try {
        const url = new URL(`https://${v}`);
        return url.host === v && url.pathname === '/' && !url.search && !url.username;
      } catch {
        return false;
      }
    },
    { message: '应为主机名或 主机名:端口，如 oapi.dingtalk.com / a host or host:port' },
  );

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/** An address or a CIDR range (`10.0.0.0/8`, `fd00::/8`), as Express's `trust proxy` takes them. */
function isAddressOrRange(v: string): boolean {
  const [address = '', prefix, ...rest] = v.split('/');
  const family = net.isIP(address);
  if (!family || rest.length) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d{1,3}$/.test(prefix) && bits <= (family === 4 ? 32 : 128);
}

/**
 * Express `trust proxy`: off (`false`, `off`, `0`), a hop count, or a comma-separated list of
 * addresses, CIDR ranges and the names loopback / linklocal / uniquelocal. `true` is refused: it
 * would trust any X-Forwarded-For a client sends, and rate limits count by that address.
 */
const trustProxy = z
  .string()
  .trim()
  .transform((v, ctx): number | string[] | undefined => {
    if (['false', 'off', '0'].includes(v)) return undefined;
    if (/^\d+$/.test(v)) return Number(v);
    if (v === 'true') {
      ctx.addIssue({
        code: 'custom',
        message:
          '不接受 true：这会信任任何客户端自带的 X-Forwarded-For，限速可被绕过；请填写代理跳数（如 1）、loopback 或代理地址 / ' +
          'true is refused: it trusts any X-Forwarded-For a client sends, so rate limits could be evaded; give a hop count (e.g. 1), loopback or the proxy addresses',
      });
      return z.NEVER;
    }
    const entries = v.split(',').map((e) => e.trim());
    const bad = entries.filter((e) => !PROXY_NAMES.includes(e) && !isAddressOrRange(e));
    if (bad.length) {
      ctx.addIssue({
        code: 'custom',
        message:
          `无法识别 ${bad.map((b) => JSON.stringify(b)).join(', ')}：应为代理跳数、${PROXY_NAMES.join(' / ')}、IP 地址或 CIDR 网段（逗号分隔）/ ` +
          `not recognised: ${bad.map((b) => JSON.stringify(b)).join(', ')}; expected a hop count, ${PROXY_NAMES.join(' / ')}, IP addresses or CIDR ranges (comma-separated)`,
      });
      return z.NEVER;
    }
    return entries;
  });

/** The hub's own settings; each connector's come from its definition (see {@link ZHubEnv}). */
const HUB_SHAPE = {
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
  HUB_CORS_ORIGINS: list.pipe(z.array(z.url({ protocol: /^https?$/ }))),
  /**
   * the origin browsers reach the hub at (`https://hub.example.gov.cn`), against which a signed-in
   * browser's state-changing requests are checked; the request's own Host when absent
   */
  HUB_PUBLIC_ORIGIN: z
    .url({ protocol: /^https?$/ })
    .refine((v) => new URL(v).pathname === '/' && !new URL(v).search, {
      message: '应为来源（协议://主机[:端口]），不含路径 / an origin (scheme://host[:port]) without a path',
    })
    .transform((v) => new URL(v).origin)
    .optional(),
  HUB_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** `embedded`: `npm start` runs the sandbox upstreams with the demo city in-process */
  HUB_SANDBOX: z.enum(['embedded', 'off']).default('embedded'),
  /** import the registry workbook and run a full scan when `npm start` boots */
  HUB_SCAN_ON_START: bool.default(true),
  /**
   * one fixed key that signs session tokens (not rotatable); when neither it nor
   * HUB_SESSION_KEY_FILE is set, the keys are generated into the database
   */
  HUB_SESSION_SECRET: z.string().min(32).optional(),
  /**
   * a file (mode 0600) holding the session signing keys, created when missing and rewritten by
   * `hub keys rotate`; the database then holds none
   */
  HUB_SESSION_KEY_FILE: z.string().min(1).optional(),
  /** how long a sign-in lasts before the user signs in again */
  HUB_SESSION_TTL_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(60),
  /**
   * Express `trust proxy`: behind a reverse proxy, which hops to trust for the client address that
   * rate limits count by (a hop count, `loopback`, or addresses and CIDR ranges); off by default
   */
  HUB_TRUST_PROXY: trustProxy.optional(),
  /** sign-in and token-issuing attempts allowed per client address per minute, across all replicas */
  HUB_AUTH_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  /** targeted checks one user may have running at once, across all replicas */
  HUB_MAX_CONCURRENT_CHECKS_PER_USER: z.coerce.number().int().min(1).max(100).default(2),
  /**
   * on SIGTERM / SIGINT, how long running jobs, checks and requests may take to finish before they
   * are released (jobs go back to the queue, checks are closed as interrupted)
   */
  HUB_SHUTDOWN_GRACE_SECONDS: z.coerce.number().int().min(1).max(600).default(25),
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
  /**
   * hosts notifications may reach although they are not public, comma-separated: names
   * (`siem.intra.gov.cn`, `*.intra.gov.cn`), addresses or CIDRs (`10.20.0.0/16`); none by default
   */
  HUB_NOTIFY_ALLOWED_HOSTS: list.pipe(
    z.array(
      z.string().refine((v) => parseAllowEntry(v) !== null, {
        message:
          '每项应为主机名、*.域名、IP 地址或 CIDR / each entry is a host name, *.domain, an address or a CIDR',
      }),
    ),
  ),
  /** DingTalk robots' host: `oapi.dingtalk.com`, or a government network's own DingTalk */
  HUB_DINGTALK_HOST: robotHost.default('oapi.dingtalk.com'),
  /** WeCom robots' host: `qyapi.weixin.qq.com`, or a government network's own WeCom */
  HUB_WECOM_HOST: robotHost.default('qyapi.weixin.qq.com'),
  /** the From of notification mail, e.g. `合规中枢 <hub@example.gov.cn>`; required with HUB_SMTP_URL */
  HUB_SMTP_FROM: z.string().trim().min(3).optional(),
  /**
   * how each city's review opinions are issued, over its pack's defaults: JSON keyed by pack id, e.g.
   * `{"yueyang":{"office":"岳阳市行政审批服务局","numberPrefix":"岳审技"}}` (office, numberPrefix, title)
   */
  HUB_OPINION_ISSUERS: opinionIssuers,
  /**
   * a directory of further policy packs (`*.pack.yaml`, docs/packs.md), registered after the built-in
   * ones before the rest of the environment is read; a bad file stops the start
   */
  HUB_PACKS_DIR: z.string().min(1).optional(),
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
  'DATABASE_OWNER_URL',
  'HUB_SESSION_SECRET',
  'HUB_OIDC_CLIENT_SECRET',
  'HUB_SMTP_URL',
  ...CONNECTORS.flatMap(secretEnvKeys),
];
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

/** zod's own messages for the checks that have none of ours: Chinese first, English second. */
function bilingual(issue: Parameters<z.core.$ZodErrorMap>[0]): string | undefined {
  const text = (map: z.core.$ZodErrorMap) => {
    const m = map(issue);
    return typeof m === 'string' ? m : m?.message;
  };
  const zh = text(z.locales.zhCN().localeError);
  const en = text(z.locales.en().localeError);
  return zh && en ? `${zh} / ${en}` : (zh ?? en);
}

/**
 * Registers the packs of HUB_PACKS_DIR after the built-in ones (once per directory); a bad file is an
 * invalid environment naming file, line and key. `loadEnv` calls it first, since the pack ids it
 * loads are what HUB_OPINION_ISSUERS and every list of packs accept.
 */
export function registerEnvPacks(source: Record<string, string | undefined> = process.env): void {
  const dir = source.HUB_PACKS_DIR;
  if (!dir) return;
  try {
    registerPackDir(dir);
  } catch (error) {
    const lines =
      error instanceof PackFileError
        ? error.issues.map((i) => `  HUB_PACKS_DIR: ${formatIssue(i)}`)
        : [
            `  HUB_PACKS_DIR: ${
              error instanceof Error && 'zh' in error && 'en' in error
                ? `${String(error.zh)} / ${String(error.en)}`
                : `无法读取政策包目录 ${dir} / cannot read the pack directory ${dir}: ${error instanceof Error ? error.message : String(error)}`
            }`,
          ];
    throw new InvalidEnvError(`环境变量配置错误 / invalid environment:\n${lines.join('\n')}`);
  }
}

/** Parses the environment, listing every bad key in one error. */
export function loadEnv(source: Record<string, string | undefined> = process.env): HubEnv {
  registerEnvPacks(source);
  const relevant: Record<string, string | undefined> = Object.fromEntries(
    Object.keys(ZHubEnv.shape).map((k) => [k, source[k] === '' ? undefined : source[k]]),
  );
  const fileErrors: string[] = [];
  for (const key of SECRET_KEYS) {
    const file = source[`${key}_FILE`];
    if (!file) continue;
    if (relevant[key] !== undefined)
      fileErrors.push(`  ${key}_FILE: 同时设置了 ${key}，请只给其一 / ${key} is set too; give one of them`);
    else if (!fs.existsSync(file)) fileErrors.push(`  ${key}_FILE: 文件不存在 / no such file ${file}`);
    else relevant[key] = fs.readFileSync(file, 'utf8').trim();
  }
  const parsed = ZHubEnv.safeParse(relevant, { error: bilingual });
  if (!parsed.success || fileErrors.length) {
    const lines = [
      ...fileErrors,
      ...(parsed.error?.issues ?? []).map((i) => `  ${i.path.join('.')}: ${i.message}`),
    ];
    throw new InvalidEnvError(`环境变量配置错误 / invalid environment:\n${lines.join('\n')}`);
  }
  if (parsed.data.HUB_SESSION_SECRET && parsed.data.HUB_SESSION_KEY_FILE) {
    throw new InvalidEnvError(
      '环境变量配置错误 / invalid environment:\n  HUB_SESSION_KEY_FILE: 与 HUB_SESSION_SECRET 只能设置其一 / give HUB_SESSION_SECRET or HUB_SESSION_KEY_FILE, not both',
    );
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
