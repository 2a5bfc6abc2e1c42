import type { OpinionDocument, PortfolioRow } from '@hub/reports';
import { BASES, DISPUTE_STATUSES, RECTIFICATION_STATUSES, SEVERITIES } from '@hub/vocabulary';
import { z } from 'zod';
import {
  apiSchema,
  type SameShape,
  ZBilingual,
  ZDay,
  ZInstant,
  ZVerdict,
  ZVerdictCounts,
} from '../../openapi/api-schemas';
import { ZReviewDomain } from '../checks/checks.answers';

export const REVIEW_STATUSES = ['applied', 'checked', 'decided'] as const;
export const REVIEW_DECISIONS = ['approve', 'reject', 'rectify'] as const;

const ZItemLink = apiSchema(
  'RectificationItemLink',
  z.object({ reviewId: z.string(), documentNo: z.string(), itemId: z.string() }),
);

/** 整改事项: a rectification item with who did it, the note and the file, and its re-check. */
export const ZRectificationItemView = apiSchema(
  'RectificationItem',
  z.object({
    id: z.string(),
    /** the review the item belongs to (a history item belongs to the previous review) */
    reviewId: z.string(),
    documentNo: z.string(),
    ruleId: z.string().nullable(),
    description: z.string(),
    /** 责任单位 / 责任人 */
    owner: z.string(),
    deadline: ZDay,
    status: z.enum(RECTIFICATION_STATUSES),
    /** 完成人: a person's name */
    doneBy: z.string().nullable(),
    doneAt: ZInstant.nullable(),
    /** 整改说明 */
    note: z.string().nullable(),
    attachment: z
      .object({
        fileName: z.string(),
        contentType: z.string(),
        size: z.number().int(),
        sha256: z.string(),
        uploadedAt: ZInstant,
        /** GET it with the same credentials as the review */
        url: z.string(),
      })
      .nullable(),
    /** the item of the previous review this one carries on */
    carriedFrom: ZItemLink.nullable(),
    /** the item of the next review that carries this one on: it is followed up there */
    carriedTo: ZItemLink.nullable(),
    /**
     * Set when the item is marked done but a check run after that still finds its rule FAIL or
     * UNKNOWN: the verdict, and the warning to show.
     */
    recheck: z.object({ checkRunId: z.string(), verdict: ZVerdict, warning: ZBilingual }).nullable(),
  }),
);

/** A review's own items and the done ones of the review it follows, each re-checked. */
export const ZReviewItems = apiSchema(
  'ReviewItems',
  z.object({
    documentNo: z.string(),
    items: z.array(ZRectificationItemView),
    /** the done items of the previous review (history), re-checked by this review's check */
    history: z.array(ZRectificationItemView),
  }),
);

/** A pre-acceptance review: application → fresh check → opinion → decision → rectification. */
export const ZReviewView = apiSchema(
  'Review',
  z.object({
    id: z.string(),
    /** the review's own number (审查编号), e.g. JSSC-2026-0007 */
    documentNo: z.string(),
    /** 文号 of the issued opinion, e.g. 岳技审〔2026〕3号; null until decided */
    opinionNo: z.string().nullable(),
    projectCode: z.string(),
    projectName: z.string(),
    /** the construction unit (建设单位) of the project */
    unitCode: z.string(),
    unitName: z.string(),
    status: z.enum(REVIEW_STATUSES),
    appliedBy: z.string(),
    appliedAt: ZInstant,
    note: z.string().nullable(),
    checkRunId: z.string().nullable(),
    previousCheckRunId: z.string().nullable(),
    /** a fresh check of the project running now (follow it at GET /api/checks/:id) */
    activeCheckRunId: z.string().nullable(),
    decision: z.enum(REVIEW_DECISIONS).nullable(),
    comments: z.string().nullable(),
    decidedBy: z.string().nullable(),
    /** 审查人 as the opinion prints them (a person's name, never a login) */
    reviewerName: z.string().nullable(),
    decidedAt: ZInstant.nullable(),
    overrideReason: z.string().nullable(),
    /** the review this application follows (its open items are carried into this one) */
    previousReviewId: z.string().nullable(),
    /** 整改事项, earliest deadline first: the decision's own and those carried from the previous review */
    items: z.array(ZRectificationItemView),
    /** the done items of the previous review, re-checked by this review's check */
    itemHistory: z.array(ZRectificationItemView),
  }),
);

/** A check started without waiting (POST /api/reviews/:id/check?wait=false): follow it at GET /api/checks/:id. */
export const ZCheckStarted = apiSchema(
  'CheckStarted',
  z.object({ reviewId: z.string(), checkRunId: z.string(), status: z.literal('running') }),
);

const ZOpinionEvidence = apiSchema(
  'OpinionEvidence',
  z.object({
    source: z.string(),
    sourceTitle: ZBilingual,
    kind: z.string(),
    externalId: z.string(),
    fetchedAt: ZInstant,
    contentHash: z.string(),
  }),
);

const ZOpinionFinding = apiSchema(
  'OpinionFinding',
  z.object({
    ruleId: z.string(),
    title: ZBilingual,
    clause: z.string(),
    basis: z.enum(BASES),
    severity: z.enum(SEVERITIES),
    domain: ZReviewDomain,
    verdict: ZVerdict,
    reason: ZBilingual,
    warningOnly: z.boolean(),
    evidence: z.array(ZOpinionEvidence),
    dispute: z
      .object({
        status: z.enum(DISPUTE_STATUSES),
        reason: z.string(),
        decisionComment: z.string().nullable(),
      })
      .nullable(),
    exemption: z.object({ documentNo: z.string(), authority: z.string(), validUntil: ZDay }).nullable(),
    change: z.enum(['new', 'fixed', 'still-failing', 'unchanged']).nullable(),
  }),
);

const ZOpinionComparisonEntry = apiSchema(
  'OpinionComparisonEntry',
  z.object({ ruleId: z.string(), title: ZBilingual, from: ZVerdict.nullable(), to: ZVerdict.nullable() }),
);

const ZOpinionRectificationItem = apiSchema(
  'OpinionRectificationItem',
  z.object({
    ruleId: z.string().nullable(),
    description: z.string(),
    owner: z.string(),
    deadline: ZDay,
    status: z.enum(RECTIFICATION_STATUSES),
    done: z
      .object({
        by: z.string().nullable(),
        at: ZInstant,
        note: z.string().nullable(),
        attachment: z.string().nullable(),
      })
      .nullable(),
    carriedFrom: z.string().nullable(),
    warning: ZBilingual.nullable(),
  }),
);

/** 技术审查意见 as JSON: the document the PDF, HTML and xlsx render. */
export const ZOpinionDocument = apiSchema(
  'OpinionDocument',
  z.object({
    reviewId: z.string(),
    reviewNo: z.string(),
    /** 文号, null on a draft */
    documentNo: z.string().nullable(),
    issuer: z.object({ office: z.string(), title: z.string() }),
    project: z.object({
      code: z.string(),
      name: z.string(),
      unitName: z.string(),
      unitCode: z.string(),
      region: z.string(),
      regionName: z.string().nullable(),
      investment: z.string(),
      packId: z.string(),
      packTitle: ZBilingual,
      packVersion: z.number().int(),
    }),
    checkRunId: z.string(),
    checkedAt: ZInstant,
    status: z.enum(['draft', 'decided']),
    ready: z.boolean(),
    blockingRuleIds: z.array(z.string()),
    counts: ZVerdictCounts,
    sections: z.array(
      z.object({
        domain: ZReviewDomain,
        title: ZBilingual,
        findings: z.array(ZOpinionFinding),
        remark: z.string().nullable(),
      }),
    ),
    decision: z
      .object({
        decision: z.enum(REVIEW_DECISIONS),
        title: ZBilingual,
        comments: z.string(),
        decidedBy: z.string(),
        reviewerName: z.string().nullable(),
        decidedAt: ZInstant,
        override: z.object({ reason: z.string(), ruleIds: z.array(z.string()) }).nullable(),
      })
      .nullable(),
    rectification: z.array(ZOpinionRectificationItem),
    rectificationHistory: z.array(ZOpinionRectificationItem),
    remarks: z
      .object({ conclusion: z.string().nullable(), updatedBy: z.string(), updatedAt: ZInstant })
      .nullable(),
    comparison: z
      .object({
        previousCheckRunId: z.string(),
        added: z.array(ZOpinionComparisonEntry),
        removed: z.array(ZOpinionComparisonEntry),
        changed: z.array(ZOpinionComparisonEntry),
      })
      .nullable(),
    generatedAt: ZInstant,
  }),
);
// The reports package renders the same document: its interface and this schema must agree.
// `packId` is a PolicyPackId there, a string here (any loaded pack).
type WireOpinion = Omit<OpinionDocument, 'project'> & {
  project: Omit<OpinionDocument['project'], 'packId'> & { packId: string };
};
export const opinionMatchesReports: SameShape<z.infer<typeof ZOpinionDocument>, WireOpinion> = true;

/** A project of the portfolio: readiness, verdict counts and per-rule verdicts of its latest check. */
export const ZPortfolioItem = apiSchema(
  'PortfolioItem',
  z.object({
    code: z.string(),
    name: z.string(),
    unitName: z.string(),
    unitCode: z.string(),
    region: z.string(),
    packId: z.string(),
    investment: z.string(),
    /** null when never checked */
    ready: z.boolean().nullable(),
    checkedAt: ZInstant.nullable(),
    counts: ZVerdictCounts,
    blockingRuleIds: z.array(z.string()),
    reviewStatus: z.string().nullable(),
    /** rule id → verdict of the latest completed check; empty when never checked */
    verdicts: z.record(z.string(), ZVerdict),
  }),
);
type WirePortfolioRow = Omit<PortfolioRow, 'packId'> & { packId: string };
export const portfolioMatchesReports: SameShape<
  Omit<z.infer<typeof ZPortfolioItem>, 'verdicts'>,
  WirePortfolioRow
> = true;

export const ZPortfolioPage = apiSchema(
  'PortfolioPage',
  z.object({
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    items: z.array(ZPortfolioItem),
  }),
);

/** JSON with `page` or `pageSize`: one page; without them every row; csv and xlsx every row. */
export const ZPortfolioAnswer = z.union([ZPortfolioPage, z.array(ZPortfolioItem)]);
