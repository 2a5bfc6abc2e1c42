import type { Bilingual } from '../../api/client';
import type { Verdict } from '../../components/common';

/** GET /api/reviews, /api/reviews/:id */
export interface ReviewView {
  id: string;
  /** the review's own number (审查编号) */
  documentNo: string;
  /** 文号 of the issued opinion; null until decided */
  opinionNo: string | null;
  projectCode: string;
  projectName: string;
  unitCode: string;
  unitName: string;
  status: ReviewStatus;
  appliedBy: string;
  appliedAt: string;
  note: string | null;
  checkRunId: string | null;
  previousCheckRunId: string | null;
  activeCheckRunId: string | null;
  decision: ReviewDecision | null;
  comments: string | null;
  decidedBy: string | null;
  /** the reviewer's name as the opinion prints it */
  reviewerName: string | null;
  decidedAt: string | null;
  overrideReason: string | null;
  /** the decided review this application follows */
  previousReviewId: string | null;
  /** this review's items, earliest deadline first, with those carried from the previous review */
  items: RectificationItem[];
  /** the items done after the previous review, re-checked by this review's check */
  itemHistory: RectificationItem[];
}

export const REVIEW_STATUSES = ['applied', 'checked', 'decided'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];
export const REVIEW_DECISIONS = ['approve', 'reject', 'rectify'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

export interface ItemLink {
  reviewId: string;
  documentNo: string;
  itemId: string;
}

export interface RectificationItem {
  id: string;
  /** the review it belongs to (a history item belongs to the previous review) */
  reviewId: string;
  documentNo: string;
  ruleId: string | null;
  description: string;
  /** 责任单位 / 责任人 */
  owner: string;
  deadline: string;
  status: 'open' | 'done';
  doneBy: string | null;
  doneAt: string | null;
  note: string | null;
  attachment: {
    fileName: string;
    contentType: string;
    size: number;
    sha256: string;
    uploadedAt: string;
    url: string;
  } | null;
  carriedFrom: ItemLink | null;
  carriedTo: ItemLink | null;
  /** set when marked done but a later check still finds the rule FAIL or UNKNOWN */
  recheck: { checkRunId: string; verdict: Verdict; warning: Bilingual } | null;
}

/** A rectification item as the opinion prints it. */
export interface OpinionRectificationItem {
  ruleId: string | null;
  description: string;
  owner: string;
  deadline: string;
  status: 'open' | 'done';
  done: { by: string | null; at: string; note: string | null; attachment: string | null } | null;
  carriedFrom: string | null;
  warning: Bilingual | null;
}

/** POST /api/reviews/:id/check?wait=false (202) */
export interface CheckStarted {
  reviewId: string;
  checkRunId: string;
  status: 'running';
}

export interface CheckStep {
  kind: 'fetch' | 'evaluate';
  source: string | null;
  /** a fetch step's source as operators know it (from the hub's connectors); null for the evaluation */
  title: Bilingual | null;
  status: 'pending' | 'running' | 'succeeded' | 'partial' | 'failed';
  error: string | null;
  ms: number | null;
}

/** GET /api/checks/:id (the fields the review screen reads) */
export interface CheckRunView {
  id: string;
  status: 'running' | 'completed' | 'failed';
  startedAt: string;
  finishedAt: string | null;
  steps: CheckStep[] | null;
  error: string | null;
}

export interface OpinionEvidence {
  source: string;
  sourceTitle: Bilingual;
  kind: string;
  externalId: string;
  fetchedAt: string;
  contentHash: string;
}

export type FindingChange = 'new' | 'fixed' | 'still-failing' | 'unchanged';

export interface OpinionFinding {
  ruleId: string;
  title: Bilingual;
  clause: string;
  basis: string;
  severity: 'blocking' | 'advisory';
  domain: string;
  verdict: Verdict;
  reason: Bilingual;
  warningOnly: boolean;
  evidence: OpinionEvidence[];
  dispute: { status: string; reason: string; decisionComment: string | null } | null;
  exemption: { documentNo: string; authority: string; validUntil: string } | null;
  change: FindingChange | null;
}

export const REVIEW_SECTIONS = ['cloud', 'data-sharing', 'security', 'platforms', 'management'] as const;
export type ReviewSection = (typeof REVIEW_SECTIONS)[number];

export interface OpinionSection {
  domain: ReviewSection;
  title: Bilingual;
  findings: OpinionFinding[];
  remark: string | null;
}

export interface ComparisonEntry {
  ruleId: string;
  title: Bilingual;
  from: Verdict | null;
  to: Verdict | null;
}

/** GET /api/reviews/:id/opinion (json) */
export interface OpinionDocument {
  reviewId: string;
  reviewNo: string;
  /** 文号, null on a draft */
  documentNo: string | null;
  project: { code: string; name: string; unitName: string; unitCode: string; region: string };
  checkRunId: string;
  checkedAt: string;
  status: 'draft' | 'decided';
  ready: boolean;
  blockingRuleIds: string[];
  counts: Record<Verdict, number>;
  sections: OpinionSection[];
  decision: {
    decision: ReviewDecision;
    title: Bilingual;
    comments: string;
    decidedBy: string;
    decidedAt: string;
    override: { reason: string; ruleIds: string[] } | null;
  } | null;
  rectification: OpinionRectificationItem[];
  rectificationHistory: OpinionRectificationItem[];
  remarks: { conclusion: string | null; updatedBy: string; updatedAt: string } | null;
  comparison: {
    previousCheckRunId: string;
    added: ComparisonEntry[];
    removed: ComparisonEntry[];
    changed: ComparisonEntry[];
  } | null;
  generatedAt: string;
}

/** PATCH /api/reviews/:id/opinion */
export interface OpinionRemarksInput {
  conclusion?: string;
  sections?: Partial<Record<ReviewSection, string>>;
}

/** POST /api/reviews/:id/decision */
export interface DecisionInput {
  decision: ReviewDecision;
  comments: string;
  overrideReason?: string;
  rectification: { ruleId?: string | null; description: string; deadline: string; owner?: string }[];
}

export const reviewKey = (id: string) => ['reviews', id] as const;
export const opinionKey = (id: string) => ['reviews', id, 'opinion'] as const;
