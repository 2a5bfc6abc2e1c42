import { evaluateProject } from '../../engine';
import { NOW, allSourcesFailed, buildFacts, buildProject } from '../../testing/facts.factory';
import { judge } from '../../testing/rules.factory';
import { yueyangPack, builtinRule } from '../../testing/packs';
const yyProcurementFiled = builtinRule('YY-PROCUREMENT-FILED');

describe(yyProcurementFiled.id, () => {
  const sut = (procurementFiled: boolean | null) =>
    judge(yueyangPack, yyProcurementFiled.id, { project: buildProject({ procurementFiled }) });

  it('passes when the procurement documents and contract are filed', () => {
    const finding = sut(true);

    expect(finding.verdict).toBe('PASS');
    expect(finding.reason.zh).toBe('采购文件和合同已报备（采购文件备案：是）');
  });

  it('fails when the registry says they are not filed', () => {
    expect(sut(false).reason.zh).toBe('采购文件和合同未报备（采购文件备案：否）');
  });

  it('fails when the registry cell is empty: nothing is on record', () => {
    const finding = sut(null);

    expect(finding.verdict).toBe('FAIL');
    expect(finding.reason.en).toBe('Procurement documents and contract not filed (procurement filed: empty)');
  });

  it('is advisory: its FAIL does not hold acceptance back', () => {
    const evaluation = evaluateProject(
      yueyangPack,
      buildFacts({ project: buildProject({ procurementFiled: false }) }),
      {
        now: NOW,
      },
    );

    expect(evaluation.findings.find((f) => f.ruleId === yyProcurementFiled.id)).toMatchObject({
      verdict: 'FAIL',
      severity: 'advisory',
    });
    expect(evaluation.readiness.blockingRuleIds).not.toContain(yyProcurementFiled.id);
  });

  it('reads the registry only: an upstream outage does not make it UNKNOWN', () => {
    const finding = judge(yueyangPack, yyProcurementFiled.id, {
      project: buildProject({ procurementFiled: true }),
      sources: allSourcesFailed(),
    });

    expect(finding.verdict).toBe('PASS');
  });
});
