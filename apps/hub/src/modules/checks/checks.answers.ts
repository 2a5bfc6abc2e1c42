import { REVIEW_DOMAINS } from '@hub/rules';
import { SEVERITIES } from '@hub/vocabulary';
import { z } from 'zod';
import {
  apiSchema,
  ZBilingual,
  ZEvidenceRef,
  ZInstant,
  ZRegistryEvidence,
  ZVerdict,
  ZVerdictCounts,
} from '../../openapi/api-schemas';

export const ZReviewDomain = apiSchema('ReviewDomain', z.enum(REVIEW_DOMAINS));

/** One rule's verdict on a project in one check run. */
export const ZFindingView = apiSchema(
  'Finding',
  z.object({
    projectCode: z.string(),
    ruleId: z.string(),
    packId: z.string(),
    title: ZBilingual,
    clause: z.string(),
    basis: z.string(),
    severity: z.enum(SEVERITIES),
    domain: ZReviewDomain,
    verdict: ZVerdict,
    reason: ZBilingual,
    warningOnly: z.boolean(),
    evidence: z.array(ZEvidenceRef),
    /** the registry cells it read, with the import they came from (null on findings stored before) */
    registry: ZRegistryEvidence.nullable(),
    /** the version of the pack's settings that judged it */
    packVersion: z.number().int(),
    checkRunId: z.string(),
    evaluatedAt: ZInstant,
  }),
);
export type FindingView = z.infer<typeof ZFindingView>;

/**
 * Readiness and verdict counts over every project in the caller's scope, each judged by its latest
 * completed check (as GET /api/findings lists them). Not ready = a blocking, non-warning rule is FAIL
 * or UNKNOWN, as in a scan's summary and the portfolio.
 */
export const ZFindingsSummary = apiSchema(
  'FindingsSummary',
  z.object({
    /** projects in the caller's scope, checked or not */
    projects: z.number().int(),
    /** projects with at least one completed check */
    checked: z.number().int(),
    ready: z.number().int(),
    notReady: z.number().int(),
    /** never checked: neither ready nor not ready */
    unchecked: z.number().int(),
    /** the most recent `asOf` among the checks counted; null when none */
    lastCheckedAt: ZInstant.nullable(),
    /** findings per verdict */
    verdicts: ZVerdictCounts,
    /** findings per verdict in each review domain, every domain listed (zero when no rule of it ran) */
    domains: z.array(z.object({ domain: ZReviewDomain, title: ZBilingual, verdicts: ZVerdictCounts })),
  }),
);
export type FindingsSummary = z.infer<typeof ZFindingsSummary>;

export const CHECK_RUN_STATUSES = ['running', 'completed', 'failed'] as const;
export const CHECK_RUN_KINDS = ['targeted', 'scan'] as const;

export const ZScanSummary = apiSchema(
  'ScanSummary',
  z.object({
    projects: z.number().int(),
    notReady: z.number().int(),
    verdicts: z.record(z.string(), z.number()),
  }),
);

/** One step of a targeted check's progress (GET /api/checks/:id while it runs and after). */
export const ZCheckStep = apiSchema(
  'CheckStep',
  z.object({
    /** `fetch`: one upstream source's targeted query; `evaluate`: the rules judged on what was fetched */
    kind: z.enum(['fetch', 'evaluate']),
    source: z.string().nullable(),
    status: z.enum(['pending', 'running', 'succeeded', 'partial', 'failed']),
    error: z.string().nullable(),
    /** wall time of the step once it ended */
    ms: z.number().nullable(),
    /** a fetch step's source as operators know it; null for the evaluation */
    title: ZBilingual.nullable(),
  }),
);

/** A check run (targeted or scan) with its syncs, progress and, once done, the project's verdict. */
export const ZCheckReport = apiSchema(
  'CheckReport',
  z.object({
    id: z.string(),
    kind: z.enum(CHECK_RUN_KINDS),
    status: z.enum(CHECK_RUN_STATUSES),
    projectCode: z.string().nullable(),
    asOf: ZInstant,
    startedAt: ZInstant,
    finishedAt: ZInstant.nullable(),
    syncs: z.array(
      z.object({
        source: z.string(),
        syncId: z.string(),
        status: z.string(),
        error: z.string().nullable(),
        /** wall time of the sync, when this report comes from the run itself */
        ms: z.number().nullable(),
      }),
    ),
    summary: ZScanSummary.nullable(),
    /** a targeted check's progress, one step per source then the evaluation; null for scans */
    steps: z.array(ZCheckStep).nullable(),
    /** a targeted check's project verdict once completed; null while running and for scans */
    project: z
      .object({
        projectCode: z.string(),
        name: z.string(),
        packId: z.string(),
        ready: z.boolean(),
        blockingRuleIds: z.array(z.string()),
        findings: z.array(ZFindingView),
      })
      .nullable(),
    error: z.string().nullable(),
  }),
);
