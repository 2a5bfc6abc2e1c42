import { allSourcesFailed, buildProject } from '../../testing/facts.factory';
import { judge } from '../../testing/rules.factory';
import { yueyangPack, builtinRule } from '../../testing/packs';
const yyFinanceReview = builtinRule('YY-FINANCE-REVIEW');

describe(yyFinanceReview.id, () => {
  const sut = (approvedOn: string | null, financialReviewRef: string | null) =>
    judge(yueyangPack, yyFinanceReview.id, { project: buildProject({ approvedOn, financialReviewRef }) });

  it('does not apply to a project not yet approved (no 立项日期)', () => {
    const finding = sut(null, null);

    expect(finding.verdict).toBe('NOT_APPLICABLE');
    expect(finding.reason.zh).toBe('登记表没有立项日期：项目尚未立项，财政投资评审尚不适用');
  });

  it('passes an approved project with its fiscal review on record, naming both', () => {
    const finding = sut('2025-03-07', '岳财评〔2025〕12号');

    expect(finding.verdict).toBe('PASS');
    expect(finding.reason.zh).toBe('项目于 2025-03-07 立项；财政投资评审 岳财评〔2025〕12号 已记录');
  });

  it('fails an approved project without a fiscal review, blocking acceptance', () => {
    const evaluation = judge(yueyangPack, yyFinanceReview.id, {
      project: buildProject({ approvedOn: '2025-03-07', financialReviewRef: null }),
    });

    expect(evaluation.verdict).toBe('FAIL');
    expect(evaluation.reason.en).toBe('Approved on 2025-03-07, but no fiscal investment review is on record');
    expect(evaluation.severity).toBe('blocking');
  });

  it('takes a blank reference for none', () => {
    expect(sut('2025-03-07', '  ').verdict).toBe('FAIL');
  });

  it('cites the registry cells it read', () => {
    const finding = sut('2025-03-07', null);

    expect(finding.registry?.cells).toEqual([
      { header: '立项日期', value: '2025-03-07' },
      { header: '财政评审', value: '' },
    ]);
  });

  it('reads the registry only: an upstream outage leaves its verdict', () => {
    const finding = judge(yueyangPack, yyFinanceReview.id, {
      project: buildProject({ approvedOn: '2025-03-07', financialReviewRef: '财评1号' }),
      sources: allSourcesFailed(),
    });

    expect(finding.verdict).toBe('PASS');
  });
});
