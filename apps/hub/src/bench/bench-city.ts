import type { TSandboxDataset } from '@hub/contracts';
import { SANDBOX_SOURCE_IDS, startSandbox } from '@hub/sandbox';
import type { Logger } from 'pino';
import { envForSandbox } from '../demo';

/** The benches' fixed hub clock, so a city generated for it is judged the same in every run. */
export const BENCH_NOW = '2026-11-01T10:00:00+08:00';

/** The sandbox serving `dataset` on free ports, every upstream answering each request `latencyMs` late. */
export function startSlowedSandbox(dataset: TSandboxDataset, latencyMs: number, logger: Logger) {
  return startSandbox({
    dataset,
    ports: Object.fromEntries(SANDBOX_SOURCE_IDS.map((s) => [s, 0])),
    faults: SANDBOX_SOURCE_IDS.map((source) => ({ source, kind: 'latency' as const, value: latencyMs })),
    logger,
  });
}

/**
 * The environment of a hub that only works the job queue against the bench's sandbox: no embedded
 * sandbox, no scan at start, no schedules, quick polling; the bench adds its own keys.
 */
export function queueHubVars(dataDir: string, sandboxUrls: Parameters<typeof envForSandbox>[0]) {
  return {
    HUB_DATA_DIR: dataDir,
    HUB_NOW: BENCH_NOW,
    HUB_LOG_LEVEL: 'warn',
    HUB_SANDBOX: 'off',
    HUB_SCAN_ON_START: 'false',
    HUB_SCAN_CRON: 'off',
    HUB_SYNC_CRON: 'off',
    HUB_JOBS_POLL_SECONDS: '0.5',
    ...envForSandbox(sandboxUrls),
  } satisfies Record<string, string>;
}
