import { VERDICTS, type Verdict } from '../../components/common';
import { type PackId, REVIEW_DOMAINS, type ReviewDomain } from './project.types';

/**
 * The filters of the project screens as they stand in the URL, so that a view can be shared. The
 * names are the ones the overview links with: q, unit, region, pack, readiness, rule, verdict, domain.
 */
export interface ProjectFilters {
  q?: string;
  /** unit credit code (统一社会信用代码) */
  unit?: string;
  /** 6-digit division code */
  region?: string;
  pack?: PackId;
  readiness?: Readiness;
  rule?: string;
  verdict?: Verdict;
  domain?: ReviewDomain;
}

export const READINESS = ['ready', 'notReady', 'unchecked'] as const;
export type Readiness = (typeof READINESS)[number];

export const FILTER_KEYS = ['q', 'unit', 'region', 'pack', 'readiness', 'rule', 'verdict', 'domain'] as const;

export const UNIT_CODE = /^[0-9A-Z]{18}$/;
export const REGION_CODE = /^[0-9]{6}$/;
/** what a pack id looks like; the hub refuses one it has not loaded */
export const PACK_ID = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

const matching = (pattern: RegExp, value: string | null): string | undefined =>
  value !== null && pattern.test(value) ? value : undefined;
const oneOf = <T extends string>(values: readonly T[], value: string | null): T | undefined =>
  value !== null && (values as readonly string[]).includes(value) ? (value as T) : undefined;

/** The filters a URL names; a value the hub would refuse is left out rather than sent. */
export function filtersFromSearch(params: URLSearchParams): ProjectFilters {
  const text = (key: string, max: number) => {
    const v = params.get(key)?.trim();
    return v ? v.slice(0, max) : undefined;
  };
  const unit = params.get('unit')?.trim().toUpperCase();
  const region = params.get('region')?.trim();
  return {
    q: text('q', 100),
    unit: unit && UNIT_CODE.test(unit) ? unit : undefined,
    region: region && REGION_CODE.test(region) ? region : undefined,
    pack: matching(PACK_ID, params.get('pack')),
    readiness: oneOf(READINESS, params.get('readiness')),
    rule: text('rule', 50),
    verdict: oneOf(VERDICTS, params.get('verdict')),
    domain: oneOf(REVIEW_DOMAINS, params.get('domain')),
  };
}

const API_READINESS: Record<Readiness, string> = {
  ready: 'ready',
  notReady: 'not-ready',
  unchecked: 'unchecked',
};

/** The filters as GET /api/portfolio takes them. */
export function portfolioQuery(f: ProjectFilters): Record<string, string | undefined> {
  return {
    q: f.q,
    unitCode: f.unit,
    region: f.region,
    pack: f.pack,
    readiness: f.readiness ? API_READINESS[f.readiness] : undefined,
    ruleId: f.rule,
    verdict: f.verdict,
    domain: f.domain,
  };
}

export const PAGE_SIZES = [20, 50, 100] as const;

export function pagingFromSearch(params: URLSearchParams): { page: number; pageSize: number } {
  const page = Number(params.get('page'));
  const pageSize = Number(params.get('pageSize'));
  return {
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    pageSize: (PAGE_SIZES as readonly number[]).includes(pageSize) ? pageSize : PAGE_SIZES[0],
  };
}
