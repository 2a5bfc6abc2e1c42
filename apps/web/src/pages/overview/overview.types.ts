import type { Schemas } from '../../api/schema';

/** Review domains in the order the hub lists them (GET /api/findings/summary). */
export const DOMAINS = ['cloud', 'data-sharing', 'security', 'platforms', 'management'] as const;
export type Domain = (typeof DOMAINS)[number];

/** GET /api/findings/summary: readiness and verdict counts over the caller's projects. */
export type FindingsSummary = Schemas['FindingsSummary'];

/** GET /api/scans: one scan of the recent list. */
export type ScanListItem = Schemas['ScanListItem'];

export type { SourceStatus } from '../../api/sources';
