import { allSourcesFailed, buildProject } from '../../testing/facts.factory';
import { judge } from '../../testing/rules.factory';
import { yueyangPack, builtinRule } from '../../testing/packs';
const yyPlan = builtinRule('YY-PLAN');

describe(yyPlan.id, () => {
  const sut = (planYear: number | null, supplementaryPlan: boolean | null) =>
    judge(yueyangPack, yyPlan.id, { project: buildProject({ planYear, supplementaryPlan }) });

  it('passes a project in the annual plan, naming the year', () => {
    const finding = sut(2025, false);

    expect(finding.verdict).toBe('PASS');
    expect(finding.reason).toEqual({ zh: '列入 2025 年度计划', en: 'In the 2025 annual plan' });
  });

  it('passes a project in the supplementary plan of a year', () => {
    expect(sut(2025, true).reason.zh).toBe('列入 2025 年度增补计划');
  });

  it('passes a supplementary-plan project whose year was not recorded', () => {
    const finding = sut(null, true);

    expect(finding.verdict).toBe('PASS');
    expect(finding.reason.en).toBe('In a supplementary plan (plan year not recorded)');
  });

  it.each([false, null])('fails a project in no plan (supplementary plan: %s)', (supplementary) => {
    const finding = sut(null, supplementary);

    expect(finding.verdict).toBe('FAIL');
    expect(finding.reason.zh).toContain('未列入年度计划或增补计划（计划年度：空');
  });

  it('reads the registry only: an upstream outage does not make it UNKNOWN', () => {
    const finding = judge(yueyangPack, yyPlan.id, {
      project: buildProject({ planYear: null, supplementaryPlan: false }),
      sources: allSourcesFailed(),
    });

    expect(finding.verdict).toBe('FAIL');
  });
});
