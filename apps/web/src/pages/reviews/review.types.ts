import type { RequestBody, Schemas } from '../../api/schema';

/** GET /api/reviews, /api/reviews/:id */
export type ReviewView = Schemas['Review'];

export const REVIEW_STATUSES = ['applied', 'checked', 'decided'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];
export const REVIEW_DECISIONS = ['approve', 'reject', 'rectify'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

export type ItemLink = Schemas['RectificationItemLink'];

export type RectificationItem = Schemas['RectificationItem'];

/** A rectification item as the opinion prints it. */
export type OpinionRectificationItem = Schemas['OpinionRectificationItem'];

/** POST /api/reviews/:id/check?wait=false (202) */
export type CheckStarted = Schemas['CheckStarted'];

export type CheckStep = Schemas['CheckStep'];

/** GET /api/checks/:id (the fields the review screen reads) */
export type CheckRunView = Schemas['CheckReport'];

export type OpinionEvidence = Schemas['OpinionEvidence'];

export type FindingChange = 'new' | 'fixed' | 'still-failing' | 'unchanged';

export type OpinionFinding = Schemas['OpinionFinding'];

export const REVIEW_SECTIONS = ['cloud', 'data-sharing', 'security', 'platforms', 'management'] as const;
export type ReviewSection = (typeof REVIEW_SECTIONS)[number];

export type OpinionSection = Schemas['OpinionDocument']['sections'][number];

export type ComparisonEntry = Schemas['OpinionComparisonEntry'];

/** GET /api/reviews/:id/opinion (json) */
export type OpinionDocument = Schemas['OpinionDocument'];

/** PATCH /api/reviews/:id/opinion */
export type OpinionRemarksInput = RequestBody<'/api/reviews/{id}/opinion', 'patch'>;

/** POST /api/reviews/:id/decision */
export type DecisionInput = RequestBody<'/api/reviews/{id}/decision', 'post'>;

export const reviewKey = (id: string) => ['reviews', id] as const;
export const opinionKey = (id: string) => ['reviews', id, 'opinion'] as const;
