import { evaluateProject } from '../../engine';
import {
  NOW,
  buildChenzhouProject,
  buildCryptoAssessment,
  buildFacts,
  buildFiling,
  daysBeforeNow,
  failedSource,
  type FactsInput,
} from '../../testing/facts.factory';
import { judge } from '../../testing/rules.factory';
import { chenzhouPack, builtinRule } from '../../testing/packs';
const czCrypto = builtinRule('CZ-CRYPTO');

describe(czCrypto.id, () => {
  const sut = (input: FactsInput) =>
    judge(chenzhouPack, czCrypto.id, { project: buildChenzhouProject(), ...input });

  it('does not apply without a level-3+ system, naming the filings', () => {
    const level2 = buildFiling({ level: 2 });

    const finding = sut({ filings: [level2] });

    expect(finding.verdict).toBe('NOT_APPLICABLE');
    expect(finding.reason.zh).toBe(
      `项目没有三级及以上的在用备案（备案 ${level2.fact.filingNo}（${level2.fact.systemName}，第2级，已备案））`,
    );
    expect(finding.evidence).toEqual([level2.evidence]);
  });

  it('does not apply to a classified project (art. 2), whatever its filings', () => {
    const finding = sut({
      project: buildChenzhouProject({ classified: true }),
      filings: [buildFiling({ cryptoAssessments: [] })],
    });

    expect(finding.verdict).toBe('NOT_APPLICABLE');
    expect(finding.reason.en).toBe(
      'Classified project: it follows the secrecy rules, not these measures (art. 2)',
    );
    expect(finding.evidence).toEqual([]);
  });

  it('passes a level-3 system whose latest assessment is BASIC_PASS, resting on its filing', () => {
    const filing = buildFiling({ cryptoAssessments: [buildCryptoAssessment({ conclusion: 'BASIC_PASS' })] });

    const finding = sut({ filings: [filing] });

    expect(finding.verdict).toBe('PASS');
    expect(finding.reason.zh).toContain('结论为“基本符合”');
    expect(finding.evidence).toEqual([filing.evidence]);
  });

  it('fails naming only the level-3 system without an assessment when another passes', () => {
    const good = buildFiling();
    const missing = buildFiling({ level: 4, cryptoAssessments: [] });

    const finding = sut({ filings: [good, missing] });

    expect(finding.verdict).toBe('FAIL');
    expect(finding.reason.en).toBe(
      `filing ${missing.fact.filingNo} (${missing.fact.systemName}, level 4, FILED) has no cryptography assessment on record`,
    );
    expect(finding.evidence).toEqual([good.evidence, missing.evidence]);
  });

  it('fails when the latest assessment is FAIL, blocking acceptance (第九条, 第十四条)', () => {
    const filing = buildFiling({
      cryptoAssessments: [
        buildCryptoAssessment({ assessedAt: daysBeforeNow(10), conclusion: 'FAIL' }),
        buildCryptoAssessment({ assessedAt: daysBeforeNow(200), conclusion: 'PASS' }),
      ],
    });

    const evaluation = evaluateProject(
      chenzhouPack,
      buildFacts({ project: buildChenzhouProject(), filings: [filing] }),
      {
        now: NOW,
      },
    );

    expect(evaluation.findings.find((f) => f.ruleId === czCrypto.id)).toMatchObject({
      verdict: 'FAIL',
      basis: 'local',
      warningOnly: false,
    });
    expect(evaluation.readiness.blockingRuleIds).toContain(czCrypto.id);
  });

  it('gives UNKNOWN naming the report whose assessment date cannot be read, resting on its filing', () => {
    const unreadable = buildCryptoAssessment({ assessedAt: 'last spring' });
    const filing = buildFiling({ cryptoAssessments: [unreadable] });

    const finding = sut({ filings: [filing] });

    expect(finding.verdict).toBe('UNKNOWN');
    expect(finding.reason.zh).toBe(
      `备案 ${filing.fact.filingNo}（${filing.fact.systemName}，第3级，已备案）的密评报告 ${unreadable.reportNo} 评估时间无法读取，无法确定最近一次密评`,
    );
    expect(finding.evidence).toEqual([filing.evidence]);
  });

  it('gives UNKNOWN naming the MLPS registry when its sync failed', () => {
    const finding = sut({ filings: [buildFiling()], sources: { mlps: failedSource('mlps', 'ECONNRESET') } });

    expect(finding.verdict).toBe('UNKNOWN');
    expect(finding.reason.en).toBe('The last sync of the MLPS filing registry failed: ECONNRESET');
  });
});
