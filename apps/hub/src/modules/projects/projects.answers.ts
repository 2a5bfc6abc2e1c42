import { ZProject } from '@hub/contracts';
import { z } from 'zod';
import {
  apiSchema,
  ZBilingual,
  ZInstant,
  ZJson,
  ZRegistryEvidence,
  ZRegistryProvenance,
  ZVerdict,
} from '../../openapi/api-schemas';
import { ZFindingView } from '../checks/checks.answers';

/** A project as the registry describes it. */
export const ZProjectView = apiSchema('Project', ZProject);

export const ZProjectPage = apiSchema(
  'ProjectPage',
  z.object({
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    items: z.array(ZProjectView),
  }),
);

/** A record of the project that failed its contract, as the project screen lists it. */
export const ZUntrustedRecordView = apiSchema(
  'UntrustedRecord',
  z.object({
    source: z.string(),
    sourceTitle: ZBilingual,
    kind: z.string(),
    externalId: z.string(),
    /** how it reached the project: code, confirmed or suggested */
    binding: z.string(),
    fetchedAt: ZInstant,
    /** the record, the fields and what is wrong with each */
    reason: ZBilingual,
    payload: ZJson,
  }),
);

/** GET /api/projects/:code: the project, the registry import that last wrote it, its untrusted records. */
export const ZProjectDetail = apiSchema(
  'ProjectDetail',
  ZProject.extend({ registry: ZRegistryProvenance, untrustedRecords: z.array(ZUntrustedRecordView) }),
);

/** GET /api/projects/:code/findings: the latest completed check of the project. */
export const ZProjectFindings = apiSchema(
  'ProjectFindings',
  z.object({
    projectCode: z.string(),
    checkRunId: z.string(),
    evaluatedAt: ZInstant,
    ready: z.boolean(),
    blockingRuleIds: z.array(z.string()),
    findings: z.array(ZFindingView),
  }),
);

/** One record a finding rests on: the reference the finding kept, and the stored record it names. */
export const ZEvidenceItem = apiSchema(
  'EvidenceItem',
  z.object({
    source: z.string(),
    sourceTitle: ZBilingual,
    kind: z.string(),
    externalId: z.string(),
    /** when the hub fetched the record the verdict was computed on */
    fetchedAt: ZInstant,
    /** sha256 of the canonical payload the verdict was computed on */
    contentHash: z.string(),
    /** set on a record that failed its contract: what is wrong with it (it decided nothing) */
    untrusted: ZBilingual.nullable(),
    /**
     * The record as it last arrived from the upstream (null when no longer stored). Only the latest
     * version of a record is kept: `sameAsEvidence` says whether it is still the one judged.
     */
    record: z
      .object({
        id: z.string(),
        fetchedAt: ZInstant,
        contentHash: z.string(),
        upstreamUpdatedAt: ZInstant.nullable(),
        tombstone: z.boolean(),
        payload: ZJson,
      })
      .nullable(),
    sameAsEvidence: z.boolean(),
  }),
);

/** GET /api/projects/:code/findings/:ruleId/evidence */
export const ZFindingEvidence = apiSchema(
  'FindingEvidence',
  z.object({
    projectCode: z.string(),
    ruleId: z.string(),
    verdict: ZVerdict,
    checkRunId: z.string(),
    evaluatedAt: ZInstant,
    items: z.array(ZEvidenceItem),
    /** the registry cells the finding read, with the import and row they came from */
    registry: ZRegistryEvidence.nullable(),
  }),
);
