import { instantText } from '@hub/vocabulary';
import { evaluateProject } from '../../engine';
import {
  NOW,
  buildCryptoAssessment,
  buildFacts,
  buildFiling,
  buildProject,
  daysBeforeNow,
  failedSource,
  type FactsInput,
} from '../../testing/facts.factory';
import { judge } from '../../testing/rules.factory';
import { yueyangPack, builtinRule } from '../../testing/packs';
const yyCrypto = builtinRule('YY-CRYPTO');

describe(yyCrypto.id, () => {
  const sut = (input: FactsInput) => judge(yueyangPack, yyCrypto.id, { project: buildProject(), ...input });
  const assessed = (daysAgo: number, conclusion: 'PASS' | 'BASIC_PASS' | 'FAIL') =>
    buildCryptoAssessment({ assessedAt: daysBeforeNow(daysAgo), conclusion });

  it('does not apply without a level-3+ system, naming the filings and resting on them', () => {
    const level2 = buildFiling({ level: 2, cryptoAssessments: [] });

    const finding = sut({ filings: [level2] });

    expect(finding.verdict).toBe('NOT_APPLICABLE');
    expect(finding.reason.en).toBe(
      `The project has no current level-3+ filing (filing ${level2.fact.filingNo} (${level2.fact.systemName}, level 2, FILED))`,
    );
    expect(finding.evidence).toEqual([level2.evidence]);
  });

  it('does not apply without any filing', () => {
    const finding = sut({ filings: [] });

    expect(finding.verdict).toBe('NOT_APPLICABLE');
    expect(finding.reason.zh).toBe('项目没有等级保护备案，无三级及以上系统');
    expect(finding.evidence).toEqual([]);
  });

  it.each(['PASS', 'BASIC_PASS'] as const)(
    'passes a level-3 system whose latest assessment is %s',
    (conclusion) => {
      const a = assessed(40, conclusion);
      const f = buildFiling({ cryptoAssessments: [a] });

      const finding = sut({ filings: [f] });

      expect(finding.verdict).toBe('PASS');
      expect(finding.reason.en).toContain(
        `latest cryptography assessment ${a.reportNo} (${instantText(a.assessedAt).en}) concluded ${conclusion}`,
      );
      expect(finding.evidence).toEqual([f.evidence]);
    },
  );

  it('passes when a newer PASS follows an older FAIL, whatever the list order', () => {
    expect(
      sut({ filings: [buildFiling({ cryptoAssessments: [assessed(300, 'FAIL'), assessed(20, 'PASS')] })] })
        .verdict,
    ).toBe('PASS');
  });

  it('fails when the latest assessment is FAIL although an older one passed', () => {
    const finding = sut({
      filings: [buildFiling({ cryptoAssessments: [assessed(300, 'PASS'), assessed(20, 'FAIL')] })],
    });

    expect(finding.verdict).toBe('FAIL');
    expect(finding.reason.zh).toContain('结论为“不符合”');
  });

  it('fails a level-4 system with no assessment on record', () => {
    const finding = sut({ filings: [buildFiling({ level: 4, cryptoAssessments: [] })] });

    expect(finding.verdict).toBe('FAIL');
    expect(finding.reason.zh).toContain('没有商用密码应用安全性评估（密评）记录');
  });

  it('blocks acceptance with its FAIL, its basis being the measures themselves (第五条)', () => {
    const facts = buildFacts({ project: buildProject(), filings: [buildFiling({ cryptoAssessments: [] })] });

    const evaluation = evaluateProject(yueyangPack, facts, { now: NOW });

    expect(evaluation.findings.find((f) => f.ruleId === yyCrypto.id)).toMatchObject({
      verdict: 'FAIL',
      basis: 'local',
      warningOnly: false,
    });
    expect(evaluation.readiness.blockingRuleIds).toContain(yyCrypto.id);
  });

  it('gives UNKNOWN naming the report whose assessment date cannot be read, resting on its filing', () => {
    const unreadable = buildCryptoAssessment({ assessedAt: '2025-13-45' });
    const filing = buildFiling({ cryptoAssessments: [assessed(20, 'PASS'), unreadable] });

    const finding = sut({ filings: [filing] });

    expect(finding.verdict).toBe('UNKNOWN');
    expect(finding.reason.en).toBe(
      `filing ${filing.fact.filingNo} (${filing.fact.systemName}, level 3, FILED): cryptography report(s) ${unreadable.reportNo} have an unreadable date, so the latest cannot be told`,
    );
    expect(finding.evidence).toEqual([filing.evidence]);
  });

  it('gives UNKNOWN, blocking acceptance, when the MLPS registry is down', () => {
    const facts = buildFacts({
      project: buildProject(),
      filings: [buildFiling()],
      sources: { mlps: failedSource('mlps') },
    });

    const evaluation = evaluateProject(yueyangPack, facts, { now: NOW });

    expect(evaluation.findings.find((f) => f.ruleId === yyCrypto.id)?.verdict).toBe('UNKNOWN');
    expect(evaluation.readiness.blockingRuleIds).toContain(yyCrypto.id);
  });
});
