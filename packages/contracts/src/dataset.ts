import { z } from 'zod';
import { ZInstant } from './common';

/**
 * Sandbox dataset (project-registry.md "Sandbox dataset"): one JSON file holding every upstream
 * system's records exactly in the contracts' shapes. Records stay `unknown` here: a simulator serves
 * them as they are (a dataset may deliberately hold invalid records), and the connectors validate.
 */
export const ZSandboxDataset = z.object({
  now: ZInstant.optional(),
  govCloud: z.object({ tenants: z.array(z.unknown()), resources: z.array(z.unknown()) }),
  dataExchange: z
    .object({ systems: z.array(z.unknown()), catalog: z.array(z.unknown()), stats: z.array(z.unknown()) })
    .default({ systems: [], catalog: [], stats: [] }),
  mlps: z.object({ filings: z.array(z.unknown()) }).default({ filings: [] }),
  video: z
    .object({ platforms: z.array(z.unknown()), devices: z.array(z.unknown()) })
    .default({ platforms: [], devices: [] }),
  servicePlatforms: z
    .object({ ywtb: z.array(z.unknown()), ybyh: z.array(z.unknown()), brain: z.array(z.unknown()) })
    .default({ ywtb: [], ybyh: [], brain: [] }),
});
export type TSandboxDataset = z.infer<typeof ZSandboxDataset>;
