import type { Bilingual } from '../../api/client';
import type { Verdict } from '../../components/common';

/** The hub's answers the project screens read, as documented at /api/docs. */

/** A policy pack's id; which packs exist is the hub's to say (`usePacks`). */
export type PackId = string;

export const REVIEW_DOMAINS = ['cloud', 'data-sharing', 'security', 'platforms', 'management'] as const;
export type ReviewDomain = (typeof REVIEW_DOMAINS)[number];

/** GET /api/portfolio?page=… */
export interface PortfolioItem {
  code: string;
  name: string;
  unitName: string;
  unitCode: string;
  region: string;
  packId: PackId;
  investment: string;
  /** null when never checked */
  ready: boolean | null;
  checkedAt: string | null;
  counts: Record<Verdict, number>;
  blockingRuleIds: string[];
  reviewStatus: string | null;
  /** rule id → verdict in the latest completed check */
  verdicts: Record<string, Verdict>;
}

export interface PortfolioPage {
  total: number;
  page: number;
  pageSize: number;
  items: PortfolioItem[];
}

/** GET /api/packs/:id/rules */
export interface RuleView {
  id: string;
  pack: PackId;
  title: Bilingual;
  clause: string;
  basis: string;
  basisNote: Bilingual | null;
  severity: string;
  domain: { id: ReviewDomain; zh: string; en: string };
  requirement: Bilingual;
  sources: { id: string; zh: string; en: string }[];
}

/** GET /api/projects/:code */
export interface Project {
  code: string;
  name: string;
  unitName: string;
  unitCode: string;
  region: string;
  policyPack: PackId;
  investment: string;
  category: string;
  domain: string;
  systemNames: string[];
  planYear: number | null;
  approvedOn: string | null;
  /** the registry import that last wrote the row (absent from older hubs) */
  registry?: Omit<RegistryEvidence, 'type' | 'cells'>;
  /** records of the project that failed their contract */
  untrustedRecords?: UntrustedRecordView[];
}

export interface EvidenceRef {
  source: string;
  kind: string;
  externalId: string;
  recordId?: string;
  fetchedAt: string;
  contentHash: string;
  /** set on a record that failed its contract: what is wrong with it (it decided nothing) */
  untrusted?: Bilingual;
}

/** The registry cells a finding read, with the import and row they came from. */
export interface RegistryEvidence {
  type: 'registry';
  importId: string | null;
  fileName: string | null;
  sha256: string | null;
  importedAt: string | null;
  importedBy: string | null;
  rowNumber: number | null;
  cells: { header: string; value: string }[];
}

/** A record of the project that failed its contract (GET /api/projects/:code, untrustedRecords). */
export interface UntrustedRecordView {
  source: string;
  sourceTitle: Bilingual;
  kind: string;
  externalId: string;
  binding: string;
  fetchedAt: string;
  reason: Bilingual;
  payload: unknown;
}

export interface FindingView {
  projectCode: string;
  ruleId: string;
  packId: PackId;
  title: Bilingual;
  clause: string;
  basis: string;
  severity: 'blocking' | 'advisory';
  domain: ReviewDomain;
  verdict: Verdict;
  reason: Bilingual;
  warningOnly: boolean;
  evidence: EvidenceRef[];
  /** null on findings judged before registry cells were cited */
  registry?: RegistryEvidence | null;
  packVersion: number;
  checkRunId: string;
  evaluatedAt: string;
}

/** GET /api/projects/:code/findings */
export interface ProjectFindings {
  projectCode: string;
  checkRunId: string;
  evaluatedAt: string;
  ready: boolean;
  blockingRuleIds: string[];
  findings: FindingView[];
}

/** GET /api/projects/:code/findings/:ruleId/evidence */
export interface FindingEvidence {
  projectCode: string;
  ruleId: string;
  verdict: Verdict;
  checkRunId: string;
  evaluatedAt: string;
  items: {
    source: string;
    sourceTitle: Bilingual;
    kind: string;
    externalId: string;
    fetchedAt: string;
    contentHash: string;
    untrusted: Bilingual | null;
    record: {
      id: string;
      fetchedAt: string;
      contentHash: string;
      upstreamUpdatedAt: string | null;
      tombstone: boolean;
      payload: unknown;
    } | null;
    sameAsEvidence: boolean;
  }[];
  registry: RegistryEvidence | null;
}

/** GET /api/projects/:code/history */
export interface ProjectTimeline {
  projectCode: string;
  name: string;
  packId: string;
  total: number;
  items: {
    checkRunId: string;
    kind: 'targeted' | 'scan';
    asOf: string;
    evaluatedAt: string;
    ready: boolean;
    blockingRuleIds: string[];
    verdicts: Record<Verdict, number>;
    previousCheckRunId: string | null;
    changes: { ruleId: string; from: Verdict | null; to: Verdict | null }[];
  }[];
}

export type BindingStatus = 'pending' | 'confirmed' | 'rejected' | 'code';

/** GET /api/bindings */
export interface BindingView {
  id: string;
  status: BindingStatus;
  score: number | null;
  record: {
    id: string;
    source: string;
    kind: string;
    externalId: string;
    systemName: string | null;
    unitCode: string | null;
    tombstone: boolean;
  };
  project: { code: string; name: string; unitName: string };
  decidedBy: string | null;
  decidedAt: string | null;
}

/** POST /api/bindings/:id/confirm|reject: the binding, and its project judged again on stored data */
export interface BindingDecisionView extends BindingView {
  rejudged: {
    projectCode: string;
    checkRunId: string | null;
    ready: boolean | null;
    blockingRuleIds: string[];
    changes: { ruleId: string; from: Verdict | null; to: Verdict }[];
    message: Bilingual;
    error: Bilingual | null;
  };
}

export const EXEMPTION_CATEGORIES = ['classified', 'internal-equipment', 'higher-rule', 'other'] as const;

/** GET /api/exemptions */
export interface ExemptionView {
  id: string;
  projectCode: string;
  ruleIds: string[];
  reasonCategory: (typeof EXEMPTION_CATEGORIES)[number];
  reasonText: string;
  documentNo: string;
  authority: string;
  validFrom: string;
  validUntil: string;
  attachmentRef: string | null;
  status: 'requested' | 'approved' | 'rejected' | 'revoked';
  isCurrent: boolean;
  daysLeft: number | null;
  requestedBy: string;
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionComment: string | null;
  revokedBy: string | null;
  revokedAt: string | null;
  revocationReason: string | null;
}

/** GET /api/disputes */
export interface DisputeView {
  id: string;
  projectCode: string;
  ruleId: string;
  ruleTitle: Bilingual | null;
  checkRunId: string;
  reason: string;
  raisedBy: string;
  raisedAt: string;
  status: 'open' | 'upheld' | 'dismissed';
  decidedBy: string | null;
  decidedAt: string | null;
  decisionComment: string | null;
  correction: { sources: string[]; sourceTitles: Bilingual[]; text: Bilingual } | null;
}

/** POST /api/checks, GET /api/checks/:id (only what the screen reads) */
export interface CheckReport {
  id: string;
  status: 'running' | 'completed' | 'failed';
  error: string | null;
}

/** Text in the reader's language. */
export { pick } from '@hub/vocabulary';
