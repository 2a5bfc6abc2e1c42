import { buildResource } from '../testing/facts.factory';
import { runCheck } from '../testing/checks';
import { cloudUtilisation } from './cloud-utilisation.check';

const params = { minVcpu: 4, maxCpuAvgPct: 10 };

describe(cloudUtilisation.id, () => {
  it('gives PASS when no large resource idles', () => {
    expect(
      runCheck(cloudUtilisation, params, { resources: [buildResource({ cpuAvg30d: 35 })] }).verdict,
    ).toBe('PASS');
  });

  it('gives FAIL for a large resource below the CPU threshold, by its parameters', () => {
    const idle = [buildResource({ vcpu: 8, cpuAvg30d: 5 })];

    expect(runCheck(cloudUtilisation, params, { resources: idle }).verdict).toBe('FAIL');
    expect(runCheck(cloudUtilisation, { ...params, minVcpu: 16 }, { resources: idle }).verdict).toBe('PASS');
  });

  it('gives NOT_APPLICABLE without resources', () => {
    expect(runCheck(cloudUtilisation, params, { resources: [] }).verdict).toBe('NOT_APPLICABLE');
  });

  it('refuses a percentage above 100', () => {
    expect(
      cloudUtilisation.params.safeParse({ minVcpu: 4, maxCpuAvgPct: 120 }).error?.issues[0]?.message,
    ).toBe('必须是 0 到 100 之间的百分比 / must be a percentage from 0 to 100');
  });
});
