import fs from 'node:fs';
import path from 'node:path';
import { ZSandboxDataset, type TSandboxDataset, type SourceId } from '@hub/contracts';
import { startSandbox, writeDemoCity } from '@hub/sandbox';
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

/** Runs the sandbox upstreams in-process on the ports the hub's upstream URLs name. */
export async function startEmbeddedSandbox(env: HubEnv, dataset: TSandboxDataset, logger: Logger) {
  const ports: Partial<Record<SourceId, number>> = {
    'gov-cloud': Number(new URL(env.GOV_CLOUD_BASE_URL).port || 80),
  };
  return startSandbox({
    dataset,
    ports,
    host: new URL(env.GOV_CLOUD_BASE_URL).hostname,
    logger: logger.child({ component: 'sandbox' }),
  });
}
