import fs from 'node:fs';
import path from 'node:path';
import { ZSandboxDataset, type TSandboxDataset, type SourceId } from '@hub/contracts';
import { CONNECTORS, envKey, getConnector } from '@hub/connectors';
import { SANDBOX_SOURCE_IDS, startSandbox, writeDemoCity } from '@hub/sandbox';
import type { Logger } from 'pino';
import type { HubEnv } from './config/env';

export interface DemoCity {
  dir: string;
  dataset: TSandboxDataset;
  workbook: string;
}

/**
 * The demo city of `npm start`: generated once into `<dataDir>/demo` (dated at first start, so its
 * ages are realistic), then reused, so a second start serves the same upstream data.
 */
export async function ensureDemoCity(env: HubEnv, now: string, logger: Logger): Promise<DemoCity> {
  const dir = path.join(env.HUB_DATA_DIR, 'demo');
  const datasetFile = path.join(dir, 'dataset.json');
  if (!fs.existsSync(datasetFile)) {
    await writeDemoCity(dir, { now });
    logger.info({ dir }, 'demo city generated');
  }
  const dataset = ZSandboxDataset.parse(JSON.parse(fs.readFileSync(datasetFile, 'utf8')));
  return { dir, dataset, workbook: path.join(dir, 'projects.xlsx') };
}

/** The setting that holds an upstream's base URL (`GOV_CLOUD_BASE_URL`), from its connector. */
export function baseUrlKey(source: SourceId): string {
  const connector = getConnector(source);
  if (!connector) throw new Error(`no connector registered for ${source}`);
  return envKey(connector, 'BASE_URL');
}

/** Settings that point the hub at a running sandbox (e.g. one on ephemeral ports in a test). */
export function envForSandbox(urls: Partial<Record<SourceId, string>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(urls).flatMap(([source, url]) =>
      url !== undefined && getConnector(source) ? [[baseUrlKey(source), url]] : [],
    ),
  );
}

/**
 * Runs the sandbox upstreams in-process on the ports the hub's upstream URLs name: those of the
 * connectors the sandbox has a simulator for.
 */
export async function startEmbeddedSandbox(env: HubEnv, dataset: TSandboxDataset, logger: Logger) {
  const configured = env as unknown as Record<string, string>;
  const urls = Object.fromEntries(
    CONNECTORS.filter((c) => SANDBOX_SOURCE_IDS.includes(c.id)).map((c) => [
      c.id,
      configured[envKey(c, 'BASE_URL')]!,
    ]),
  ) as Record<SourceId, string>;
  const ports = Object.fromEntries(
    Object.entries(urls).map(([source, url]) => [source, Number(new URL(url).port || 80)]),
  ) as Record<SourceId, number>;
  // A second replica on this machine (`npm start` twice) uses the sandbox the first one serves.
  const answering = await Promise.all(
    Object.values(urls).map((url) =>
      fetch(new URL('/__sandbox/health', url), { signal: AbortSignal.timeout(1000) })
        .then((r) => r.ok)
        .catch(() => false),
    ),
  );
  if (answering.every(Boolean)) {
    logger.info({ urls }, 'sandbox upstreams already served here; using them');
    return { urls, stop: async () => {} };
  }
  return startSandbox({
    dataset,
    ports,
    host: new URL(Object.values(urls)[0] ?? 'http://127.0.0.1').hostname,
    // The embedded sandbox reports only problems; the hub announces it after its own URL.
    logger: logger.child({ component: 'sandbox' }, { level: 'warn' }),
  });
}
