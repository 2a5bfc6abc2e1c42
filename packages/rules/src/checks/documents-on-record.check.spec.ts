import { buildProject } from '../testing/facts.factory';
import { runCheck } from '../testing/checks';
import { documentsOnRecord } from './documents-on-record.check';

const expert = { field: 'expertReviewRef', name: { zh: '专家评审', en: 'expert review' } };
const supervision = { field: 'supervisionContractRef', name: { zh: '监理合同', en: 'supervision contract' } };

describe(documentsOnRecord.id, () => {
  it('gives PASS naming the document, after the investment against its threshold', () => {
    const project = buildProject({ investment: '350', expertReviewRef: '专评〔2025〕1号' });

    const sut = runCheck(
      documentsOnRecord,
      { since: 'investment', threshold: 200, documents: [expert] },
      { project },
    );

    expect(sut).toMatchObject({
      verdict: 'PASS',
      reason: { zh: '总投资 350 万元，不低于 200 万元；专家评审 专评〔2025〕1号 已记录' },
    });
  });

  it('gives FAIL listing what is missing, with or without a lead', () => {
    const project = buildProject({ expertReviewRef: null, supervisionContractRef: null });

    expect(runCheck(documentsOnRecord, { documents: [expert] }, { project }).reason).toEqual({
      zh: '没有专家评审记录',
      en: 'No expert review is on record',
    });
    expect(
      runCheck(
        documentsOnRecord,
        {
          since: 'investment',
          threshold: 80,
          limitName: { zh: '政府采购限额标准', en: 'the procurement limit' },
          documents: [expert, supervision],
        },
        { project: buildProject({ investment: '100', expertReviewRef: 'a', supervisionContractRef: null }) },
      ).reason.zh,
    ).toBe('总投资 100 万元，达到政府采购限额标准 80 万元；缺少：监理合同');
  });

  it('refuses since: investment without a threshold', () => {
    expect(documentsOnRecord.params.safeParse({ since: 'investment', documents: [expert] }).success).toBe(
      false,
    );
  });
});
