import { allSourcesFailed, buildChenzhouProject } from '../../testing/facts.factory';
import { judge } from '../../testing/rules.factory';
import { chenzhouPack, builtinRule } from '../../testing/packs';
const czPlan = builtinRule('CZ-PLAN');

describe(czPlan.id, () => {
  const sut = (planYear: number | null, caseByCaseDecision: string | null) =>
    judge(chenzhouPack, czPlan.id, { project: buildChenzhouProject({ planYear, caseByCaseDecision }) });

  it('passes a project in the annual plan', () => {
    const finding = sut(2025, null);

    expect(finding.verdict).toBe('PASS');
    expect(finding.reason).toEqual({ zh: '列入 2025 年度项目计划', en: 'In the 2025 annual plan' });
  });

  it('passes a project outside the plan with a case-by-case decision, naming it', () => {
    const finding = sut(null, '郴数政领〔2025〕6号');

    expect(finding.verdict).toBe('PASS');
    expect(finding.reason.zh).toBe('未列入年度计划，但有“一事一议”决定 郴数政领〔2025〕6号');
  });

  it.each([null, ' '])('fails a project in no plan with decision %j', (decision) => {
    const finding = sut(null, decision);

    expect(finding.verdict).toBe('FAIL');
    expect(finding.reason.en).toBe(
      'Not in the annual plan (plan year: empty) and no case-by-case decision on record',
    );
  });

  it('does not apply to a classified project (art. 2)', () => {
    const finding = judge(chenzhouPack, czPlan.id, {
      project: buildChenzhouProject({ classified: true, planYear: null }),
    });

    expect(finding.verdict).toBe('NOT_APPLICABLE');
    expect(finding.reason.zh).toBe('涉密项目按照保密有关规定执行，不适用本办法（第二条）');
  });

  it('reads the registry only: an upstream outage does not make it UNKNOWN', () => {
    const finding = judge(chenzhouPack, czPlan.id, {
      project: buildChenzhouProject({ planYear: 2025 }),
      sources: allSourcesFailed(),
    });

    expect(finding.verdict).toBe('PASS');
  });
});
