import { buildProject, buildResource } from '../testing/facts.factory';
import { runCheck } from '../testing/checks';
import { expression } from './expression.check';

const params = (text: string) => ({
  expression: text,
  sources: ['gov-cloud'],
  pass: { zh: '是', en: 'yes' },
  fail: { zh: '否', en: 'no' },
});

describe(expression.id, () => {
  it('gives PASS when the expression holds, resting on the lists it names', () => {
    const r = buildResource();

    const sut = runCheck(expression, params("cloud.resources.exists(r, r.status == 'running')"), {
      resources: [r],
    });

    expect(sut).toMatchObject({ verdict: 'PASS', reason: { zh: '是' }, evidence: [r.evidence] });
  });

  it('gives FAIL when it does not, reading registry fields and daysBetween', () => {
    const project = buildProject({ investment: '350' });

    expect(runCheck(expression, params('project.investment > 400.0'), { project }).verdict).toBe('FAIL');
    expect(
      runCheck(expression, params("daysBetween('2025-01-01T00:00:00Z', now) < 30.0"), { project }).verdict,
    ).toBe('FAIL');
  });

  it('gives UNKNOWN for an error or a result that is not a boolean', () => {
    expect(runCheck(expression, params('project.nope'), {}).verdict).toBe('UNKNOWN');
    expect(runCheck(expression, params('1 + 1'), {}).reason.en).toBe(
      'The expression gave no true or false: 2',
    );
  });

  it('refuses an expression that does not parse', () => {
    expect(expression.params.safeParse(params('a ++')).error?.issues[0]?.message).toMatch(/^CEL 表达式有误/);
  });
});
