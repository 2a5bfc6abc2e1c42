import { buildChenzhouProject } from '../../testing/facts.factory';
import { judge } from '../../testing/rules.factory';
import { chenzhouPack, builtinRule } from '../../testing/packs';
const czPrereviewReliable = builtinRule('CZ-PREREVIEW-RELIABLE');

describe(czPrereviewReliable.id, () => {
  const sut = (
    investment: string,
    reliabilityPrereviewRef: string | null,
    eArchivePrereviewRef: string | null,
    settings = {},
  ) =>
    judge(
      chenzhouPack,
      czPrereviewReliable.id,
      { project: buildChenzhouProject({ investment, reliabilityPrereviewRef, eArchivePrereviewRef }) },
      settings,
    );

  it('does not apply below the procurement limit', () => {
    const finding = sut('79.99', null, null);

    expect(finding.verdict).toBe('NOT_APPLICABLE');
    expect(finding.reason.zh).toBe('总投资 79.99 万元，低于 80 万元');
  });

  it('does not apply to a classified project (第二条)', () => {
    const finding = judge(chenzhouPack, czPrereviewReliable.id, {
      project: buildChenzhouProject({ investment: '500', classified: true }),
    });

    expect(finding.verdict).toBe('NOT_APPLICABLE');
  });

  it('passes at the limit with both reviews on record, naming them', () => {
    const finding = sut('80', '郴安可〔2025〕3号', '郴档审〔2025〕5号');

    expect(finding.verdict).toBe('PASS');
    expect(finding.reason.zh).toBe(
      '总投资 80 万元，达到政府采购限额标准 80 万元；安全可靠审查 郴安可〔2025〕3号、电子档案审查 郴档审〔2025〕5号 均已记录',
    );
  });

  it('fails naming the one review missing, as advice', () => {
    const finding = sut('300', '郴安可〔2025〕3号', null);

    expect(finding.verdict).toBe('FAIL');
    expect(finding.reason.zh).toBe('总投资 300 万元，达到政府采购限额标准 80 万元；缺少：电子档案审查');
    expect(finding.severity).toBe('advisory');
  });

  it('fails naming both when neither is on record', () => {
    expect(sut('300', null, ' ').reason.en).toContain(
      'missing: secure-and-reliable review, e-archive review',
    );
  });

  it('follows a raised procurement limit', () => {
    expect(sut('100', null, null, { procurementLimit: 120 }).verdict).toBe('NOT_APPLICABLE');
  });
});
