import { z } from 'zod';
import { apiSchema, ZInstant } from '../../openapi/api-schemas';
import { CHECK_RUN_STATUSES, ZCheckReport, ZScanSummary } from '../checks/checks.answers';

const ZDoneOfTotal = z.object({ done: z.number().int(), total: z.number().int() });

/** A scan's progress on the shared job queue, and its report once done. */
export const ZScanProgress = apiSchema(
  'ScanProgress',
  z.object({
    id: z.string(),
    status: z.enum(CHECK_RUN_STATUSES),
    trigger: z.string().nullable(),
    requestedBy: z.string().nullable(),
    startedAt: ZInstant,
    finishedAt: ZInstant.nullable(),
    /** jobs done / total; the total counts evaluation batches before they exist, from the project count */
    jobs: z.object({ done: z.number().int(), failed: z.number().int(), total: z.number().int() }),
    phases: z.object({
      sync: ZDoneOfTotal,
      bind: ZDoneOfTotal,
      evaluate: ZDoneOfTotal,
      finish: ZDoneOfTotal,
    }),
    /** which replica completed how many of its jobs */
    replicas: z.record(z.string(), z.number().int()),
    report: ZCheckReport.nullable(),
    error: z.string().nullable(),
  }),
);

/** A scan in the list of recent scans: when it ran, who started it, and what it found. */
export const ZScanListItem = apiSchema(
  'ScanListItem',
  z.object({
    id: z.string(),
    status: z.enum(CHECK_RUN_STATUSES),
    trigger: z.string().nullable(),
    requestedBy: z.string().nullable(),
    /** the hub clock the verdicts were computed at */
    asOf: ZInstant,
    startedAt: ZInstant,
    finishedAt: ZInstant.nullable(),
    /** projects judged, how many not ready, findings per verdict; null until the scan completed */
    summary: ZScanSummary.nullable(),
    error: z.string().nullable(),
  }),
);
