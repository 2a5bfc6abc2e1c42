import { creditCodeCheckChar, type TMlpsFiling } from '@hub/contracts';

/**
 * Filings for the simulator's tests, valid against the contract by construction and unique per
 * call; tests override only what they are about (and may break a record on purpose).
 */

let sequence = 0;

const EPOCH = Date.parse('2025-03-01T09:00:00+08:00');

/** The registry's `yyyy-MM-dd HH:mm:ss` Beijing time, `minutes` after the factory's epoch. */
export function registryTimeAt(minutes: number): string {
  const shifted = new Date(EPOCH + minutes * 60_000 + 8 * 3_600_000).toISOString();
  return `${shifted.slice(0, 10)} ${shifted.slice(11, 19)}`;
}

/** A valid 统一社会信用代码 no other call returns. */
export function aUnitCode(): string {
  sequence += 1;
  const first17 = `1343060${String(sequence).padStart(10, '0')}`;
  return `${first17}${creditCodeCheckChar(first17)}`;
}

export function aSandboxFiling(
  overrides: Partial<TMlpsFiling> & Record<string, unknown> = {},
): TMlpsFiling & Record<string, unknown> {
  sequence += 1;
  const n = sequence;
  return {
    filingNo: `43060043${String(n % 1000).padStart(3, '0')}-${String(n % 100_000).padStart(5, '0')}`,
    systemName: `岳阳市模拟业务系统${n}`,
    unitName: `岳阳市模拟单位${n}`,
    unitCode: aUnitCode(),
    projectCode: `25-430600-${String(n % 10_000).padStart(4, '0')}`,
    level: 2,
    gradedAt: registryTimeAt(n),
    filedAt: registryTimeAt(n + 60),
    status: 'FILED',
    evaluations: [
      {
        reportNo: `DJCP-${n}`,
        agency: '湖南省测评中心',
        evaluatedAt: registryTimeAt(n + 120),
        conclusion: 'GOOD',
        score: 88,
      },
    ],
    cryptoAssessments: [],
    updatedAt: registryTimeAt(n + 180),
    ...overrides,
  };
}
