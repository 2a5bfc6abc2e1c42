import {
  creditCodeCheckChar,
  type TMlpsCryptoAssessment,
  type TMlpsEvaluation,
  type TMlpsFiling,
} from '@hub/contracts';

/**
 * Factories of MLPS filings valid against the contract by construction, each call with unique
 * numbers, codes, names and times, so tests never share or copy fixtures.
 */

let sequence = 0;
const next = (): number => ++sequence;

/** Base URL and token the connector tests talk to through nock. */
export const MLPS_TEST_BASE_URL = 'http://mlps.test';
export const MLPS_TEST_TOKEN = 'mlps-hub-test-token';

/** Epoch ms of the first factory time; later ones step a minute each, so order is creation order. */
const EPOCH = Date.parse('2025-03-01T09:00:00+08:00');

/** The registry's `yyyy-MM-dd HH:mm:ss` Beijing time of an epoch instant. */
export function registryTime(epochMs: number): string {
  const shifted = new Date(epochMs + 8 * 3_600_000).toISOString();
  return `${shifted.slice(0, 10)} ${shifted.slice(11, 19)}`;
}

/** A valid 统一社会信用代码 that no other call returns. */
export function anMlpsUnitCode(): string {
  const first17 = `1243060${String(next()).padStart(10, '0')}`;
  return `${first17}${creditCodeCheckChar(first17)}`;
}

/** A 备案证明编号 accepted by a Yueyang organ (430600), unique per call. */
export function aFilingNo(division = '430600'): string {
  const n = next();
  return `${division}${String(n % 100_000).padStart(5, '0')}-${String((n * 7) % 100_000).padStart(5, '0')}`;
}

/** Extra, undocumented fields are allowed: the contract says unknown fields may appear. */
type Extra = Record<string, unknown>;

export function anEvaluation(overrides: Partial<TMlpsEvaluation> & Extra = {}): TMlpsEvaluation & Extra {
  const n = next();
  return {
    reportNo: `DJCP-2025-${String(n).padStart(5, '0')}`,
    agency: `湖南省测评中心${n}`,
    evaluatedAt: registryTime(EPOCH + n * 60_000),
    conclusion: 'GOOD',
    score: 85.5,
    ...overrides,
  };
}

export function aCryptoAssessment(
  overrides: Partial<TMlpsCryptoAssessment> & Extra = {},
): TMlpsCryptoAssessment & Extra {
  const n = next();
  return {
    reportNo: `MP-2025-${String(n).padStart(5, '0')}`,
    assessedAt: registryTime(EPOCH + n * 60_000),
    conclusion: 'PASS',
    score: 90,
    ...overrides,
  };
}

export function aFiling(overrides: Partial<TMlpsFiling> & Extra = {}): TMlpsFiling & Extra {
  const n = next();
  return {
    filingNo: aFilingNo(),
    systemName: `岳阳市测试业务系统${n}`,
    unitName: `岳阳市测试单位${n}`,
    unitCode: anMlpsUnitCode(),
    projectCode: `25-430600-${String(n % 10_000).padStart(4, '0')}`,
    level: 3,
    gradedAt: registryTime(EPOCH + n * 60_000),
    filedAt: registryTime(EPOCH + n * 60_000 + 86_400_000),
    status: 'FILED',
    evaluations: [anEvaluation()],
    cryptoAssessments: [aCryptoAssessment()],
    updatedAt: registryTime(EPOCH + n * 60_000 + 2 * 86_400_000),
    ...overrides,
  };
}

/** A bare `{ total, items }` list page, as the registry sends it. */
export function filingListBody(items: unknown[], total: number = items.length) {
  return { total, items };
}

/** An HTML error page like the registry's (and its gateway's): the only error body it sends. */
export function htmlErrorPage(heading: string, message: string): string {
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>${heading}</title><style>body{font-family:sans-serif}</style></head>
<body>
  <h1>${heading}</h1>
  <p>${message}</p>
</body>
</html>
`;
}
