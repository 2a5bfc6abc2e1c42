import type { Schemas } from '../../api/schema';

/** The hub's answers the project screens read, as documented at /api/docs. */

/** A policy pack's id; which packs exist is the hub's to say (`usePacks`). */
export type PackId = string;

export const REVIEW_DOMAINS = ['cloud', 'data-sharing', 'security', 'platforms', 'management'] as const;
export type ReviewDomain = (typeof REVIEW_DOMAINS)[number];

/** GET /api/portfolio?page=… */
export type PortfolioItem = Schemas['PortfolioItem'];

export type PortfolioPage = Schemas['PortfolioPage'];

/** GET /api/packs/:id/rules */
export type RuleView = Schemas['Rule'];

/** GET /api/projects/:code */
export type Project = Schemas['ProjectDetail'];

export type EvidenceRef = Schemas['EvidenceRef'];

/** The registry cells a finding read, with the import and row they came from. */
export type RegistryEvidence = Schemas['RegistryEvidence'];

/** A record of the project that failed its contract (GET /api/projects/:code, untrustedRecords). */
export type UntrustedRecordView = Schemas['UntrustedRecord'];

export type FindingView = Schemas['Finding'];

/** GET /api/projects/:code/findings */
export type ProjectFindings = Schemas['ProjectFindings'];

/** GET /api/projects/:code/findings/:ruleId/evidence */
export type FindingEvidence = Schemas['FindingEvidence'];

/** GET /api/projects/:code/history */
export type ProjectTimeline = Schemas['ProjectTimeline'];

export type BindingStatus = Schemas['Binding']['status'];

/** GET /api/bindings */
export type BindingView = Schemas['Binding'];

/** POST /api/bindings/:id/confirm|reject: the binding, and its project judged again on stored data */
export type BindingDecisionView = Schemas['BindingDecision'];

export const EXEMPTION_CATEGORIES = ['classified', 'internal-equipment', 'higher-rule', 'other'] as const;

/** GET /api/exemptions */
export type ExemptionView = Schemas['Exemption'];

/** GET /api/disputes */
export type DisputeView = Schemas['Dispute'];

/** POST /api/checks, GET /api/checks/:id (only what the screen reads) */
export type CheckReport = Schemas['CheckReport'];

/** Text in the reader's language. */
export { pick } from '@hub/vocabulary';
