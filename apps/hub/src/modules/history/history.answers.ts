import { SEVERITIES } from '@hub/vocabulary';
import { z } from 'zod';
import { apiSchema, ZBilingual, ZInstant, ZVerdict, ZVerdictCounts } from '../../openapi/api-schemas';
import { CHECK_RUN_KINDS } from '../checks/checks.answers';
import { CHANGE_KINDS } from './history.repository';

/** A rule whose verdict for the project differs from the previous run of the timeline. */
export const ZVerdictChange = apiSchema(
  'VerdictChange',
  z.object({
    ruleId: z.string(),
    /** null: the rule was not judged for the project in that run (pack version, new rule) */
    from: ZVerdict.nullable(),
    to: ZVerdict.nullable(),
  }),
);

/** One completed check run as it judged the project. */
export const ZTimelineEntry = apiSchema(
  'TimelineEntry',
  z.object({
    checkRunId: z.string(),
    kind: z.enum(CHECK_RUN_KINDS),
    /** the hub clock the verdicts were computed at */
    asOf: ZInstant,
    /** when the run stored the project's findings */
    evaluatedAt: ZInstant,
    /** ready for acceptance iff no blocking rule, other than a warning-only one, is FAIL or UNKNOWN */
    ready: z.boolean(),
    blockingRuleIds: z.array(z.string()),
    verdicts: ZVerdictCounts,
    /** the run before this one in the timeline; null for the project's first */
    previousCheckRunId: z.string().nullable(),
    /** rules whose verdict differs from that run's, by rule id; empty for the first */
    changes: z.array(ZVerdictChange),
  }),
);

export const ZProjectTimeline = apiSchema(
  'ProjectTimeline',
  z.object({
    projectCode: z.string(),
    name: z.string(),
    packId: z.string(),
    /** completed runs that judged the project, of which `items` are the newest `limit` */
    total: z.number().int(),
    items: z.array(ZTimelineEntry),
  }),
);

export const ZRuleTrendPoint = apiSchema(
  'RuleTrendPoint',
  z.object({
    checkRunId: z.string(),
    asOf: ZInstant,
    /** projects the rule judged in this scan (the sum of `verdicts`) */
    projects: z.number().int(),
    verdicts: ZVerdictCounts,
  }),
);

export const ZRuleTrend = apiSchema(
  'RuleTrend',
  z.object({
    ruleId: z.string(),
    packId: z.string(),
    title: ZBilingual,
    severity: z.string(),
    /** oldest → newest */
    scans: z.array(ZRuleTrendPoint),
  }),
);

export const ZDiffRunView = apiSchema(
  'DiffRun',
  z.object({
    id: z.string(),
    kind: z.enum(CHECK_RUN_KINDS),
    asOf: ZInstant,
    /** projects the run judged */
    projects: z.number().int(),
  }),
);

export const ZDiffItem = apiSchema(
  'DiffItem',
  z.object({
    projectCode: z.string(),
    ruleId: z.string(),
    change: z.enum(CHANGE_KINDS),
    from: ZVerdict.nullable(),
    to: ZVerdict.nullable(),
    severity: z.enum(SEVERITIES),
    /** blocking and not warning-only, so it decides readiness: as `to` judged it (`from` if `to` did not) */
    blocking: z.boolean(),
  }),
);

/** What changed between two completed runs (see GET /api/scans/diff for the classes). */
export const ZScanDiff = apiSchema(
  'ScanDiff',
  z.object({
    from: ZDiffRunView,
    to: ZDiffRunView,
    counts: z.object({
      projectsCompared: z.number().int(),
      projectsAdded: z.number().int(),
      projectsRemoved: z.number().int(),
      /** compared projects with at least one new, regressed or fixed rule */
      projectsChanged: z.number().int(),
      new: z.number().int(),
      regressed: z.number().int(),
      fixed: z.number().int(),
      /** new + regressed: every rule that started failing */
      newlyFailing: z.number().int(),
      stillFailing: z.number().int(),
    }),
    /** one page of the new / regressed / fixed rules, by project code then rule id */
    changes: z.object({
      total: z.number().int(),
      offset: z.number().int(),
      limit: z.number().int(),
      items: z.array(ZDiffItem),
    }),
    /** the first `limit` codes, in code order, of projects judged in one run only */
    projectsAdded: z.array(z.string()),
    projectsRemoved: z.array(z.string()),
  }),
);
