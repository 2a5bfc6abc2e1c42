import {
  MLPS_TOMBSTONE_STATUSES,
  mlpsAcceptingDivision,
  ZMlpsFiling,
  type TMlpsFiling,
} from '@hub/contracts';
import type { CryptoAssessmentFact, FilingFact, MlpsEvaluationFact } from '@hub/rules';
import type { UpstreamRecord } from '../framework/connector';
import { beijingTimeToInstant } from './mlps.time';

/** Record kinds of the MLPS source. */
export const MLPS_KINDS = { filing: 'filing' } as const;

/** How operators call each kind. */
export const MLPS_KIND_TITLES = { filing: { zh: '等保备案', en: 'MLPS filing' } } as const;

/**
 * Maps a stored filing payload to the canonical fact: registry times become instants with +08:00,
 * evaluations and assessments are put newest first whatever order they came in. Pure; throws a
 * ZodError when the payload is not a valid filing (only validated records are stored as records).
 */
export function toFilingFact(payload: unknown): FilingFact {
  const f = ZMlpsFiling.parse(payload);
  const evaluations: MlpsEvaluationFact[] = (f.evaluations ?? []).map((e) => ({
    reportNo: e.reportNo,
    agency: e.agency ?? null,
    evaluatedAt: instant(e.evaluatedAt),
    conclusion: e.conclusion,
    score: e.score ?? null,
  }));
  const cryptoAssessments: CryptoAssessmentFact[] = (f.cryptoAssessments ?? []).map((a) => ({
    reportNo: a.reportNo,
    assessedAt: instant(a.assessedAt),
    conclusion: a.conclusion,
    score: a.score ?? null,
  }));
  return {
    filingNo: f.filingNo,
    acceptingDivision: mlpsAcceptingDivision(f.filingNo),
    systemName: f.systemName,
    unitName: f.unitName,
    unitCode: f.unitCode,
    projectCode: f.projectCode ?? null,
    level: f.level as FilingFact['level'],
    gradedAt: nullableInstant(f.gradedAt),
    filedAt: nullableInstant(f.filedAt),
    status: f.status,
    evaluations: newestFirst(evaluations, (e) => e.evaluatedAt),
    cryptoAssessments: newestFirst(cryptoAssessments, (a) => a.assessedAt),
    updatedAt: instant(f.updatedAt),
  };
}

/** A validated filing as an upstream record; REVOKED and CANCELLED filings are tombstones. */
export function filingRecord(raw: Record<string, unknown>, filing: TMlpsFiling): UpstreamRecord {
  return {
    kind: MLPS_KINDS.filing,
    externalId: filing.filingNo,
    payload: raw,
    projectCode: filing.projectCode ?? null,
    systemName: filing.systemName,
    unitCode: filing.unitCode,
    updatedAt: instant(filing.updatedAt),
    tombstone: MLPS_TOMBSTONE_STATUSES.includes(filing.status),
  };
}

/** A registry time of a validated filing as an instant; the schema already refused impossible dates. */
function instant(local: string): string {
  const converted = beijingTimeToInstant(local);
  if (converted === null) throw new RangeError(`not a registry time: ${local}`);
  return converted;
}

function nullableInstant(local: string | null | undefined): string | null {
  return local == null ? null : instant(local);
}

/** Newest first by instant; the sort is stable, so equal times keep the registry's order. */
function newestFirst<T>(items: T[], at: (item: T) => string): T[] {
  return items
    .map((item) => ({ item, ms: Date.parse(at(item)) }))
    .sort((a, b) => b.ms - a.ms)
    .map(({ item }) => item);
}
