import path from 'node:path';
import { z } from 'zod';
import { repoRoot } from '../infra/paths';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/**
 * Every setting the hub reads from its environment, validated once at boot. Nothing else reads
 * `process.env`. Defaults run the hub against the sandbox with its documented demo credentials.
 */
export const ZHubEnv = z.object({
  /** an external PostgreSQL; when absent the hub runs an embedded one in HUB_DATA_DIR */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  /** embedded database, demo files; relative paths are taken from the working directory */
  HUB_DATA_DIR: z.string().min(1).optional(),
  HUB_HOST: z.string().min(1).default('127.0.0.1'),
  HUB_PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  /** fixed clock for verdicts (ISO instant with offset); the system clock when absent */
  HUB_NOW: z.iso.datetime({ offset: true }).optional(),
  HUB_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** `embedded`: `npm start` runs the sandbox upstreams with the demo city in-process */
  HUB_SANDBOX: z.enum(['embedded', 'off']).default('embedded'),
  /** import the registry workbook and run a full scan when `npm start` boots */
  HUB_SCAN_ON_START: bool.default(true),
  GOV_CLOUD_BASE_URL: z.url().default('http://127.0.0.1:4101'),
  GOV_CLOUD_ACCESS_KEY: z.string().min(1).default('sandbox-gov-cloud-ak'),
  GOV_CLOUD_SECRET_KEY: z.string().min(1).default('sandbox-gov-cloud-sk'),
  GOV_CLOUD_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
});
export type HubEnvInput = z.input<typeof ZHubEnv>;

export interface HubEnv extends Omit<z.infer<typeof ZHubEnv>, 'HUB_DATA_DIR'> {
  HUB_DATA_DIR: string;
}

export class InvalidEnvError extends Error {}

/** Parses the environment, listing every bad key in one error. */
export function loadEnv(source: Record<string, string | undefined> = process.env): HubEnv {
  const relevant = Object.fromEntries(
    Object.keys(ZHubEnv.shape).map((k) => [k, source[k] === '' ? undefined : source[k]]),
  );
  const parsed = ZHubEnv.safeParse(relevant);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new InvalidEnvError(`环境变量配置错误 / invalid environment:\n${lines.join('\n')}`);
  }
  return {
    ...parsed.data,
    HUB_DATA_DIR: path.resolve(parsed.data.HUB_DATA_DIR ?? path.join(repoRoot(), '.data')),
  };
}
