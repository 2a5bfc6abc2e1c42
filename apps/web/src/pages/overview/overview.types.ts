import type { Verdict } from '../../components/common';

/** Review domains in the order the hub lists them (GET /api/findings/summary). */
export const DOMAINS = ['cloud', 'data-sharing', 'security', 'platforms', 'management'] as const;
export type Domain = (typeof DOMAINS)[number];

/** GET /api/findings/summary: readiness and verdict counts over the caller's projects. */
export interface FindingsSummary {
  projects: number;
  checked: number;
  ready: number;
  notReady: number;
  unchecked: number;
  lastCheckedAt: string | null;
  verdicts: Record<Verdict, number>;
  domains: { domain: string; title: { zh: string; en: string }; verdicts: Record<Verdict, number> }[];
}

/** GET /api/scans: one scan of the recent list. */
export interface ScanListItem {
  id: string;
  status: 'running' | 'completed' | 'failed';
  trigger: string | null;
  requestedBy: string | null;
  asOf: string;
  startedAt: string;
  finishedAt: string | null;
  summary: { projects: number; notReady: number; verdicts: Record<string, number> } | null;
  error: string | null;
}

export type { SourceStatus } from '../../api/sources';
