import { allSourcesFailed, buildChenzhouProject } from '../../testing/facts.factory';
import { judge } from '../../testing/rules.factory';
import { chenzhouPack, builtinRule } from '../../testing/packs';
const czAcceptanceFlow = builtinRule('CZ-ACCEPTANCE-FLOW');

describe(czAcceptanceFlow.id, () => {
  const sut = (preliminaryAcceptanceOn: string | null, acceptanceAppliedOn: string | null) =>
    judge(chenzhouPack, czAcceptanceFlow.id, {
      project: buildChenzhouProject({ preliminaryAcceptanceOn, acceptanceAppliedOn }),
    });

  it('passes a preliminary acceptance dated before the completion application, naming both dates', () => {
    const finding = sut('2025-05-10', '2025-06-20');

    expect(finding.verdict).toBe('PASS');
    expect(finding.reason.en).toBe(
      'Preliminary acceptance 2025-05-10, completion application 2025-06-20: in order',
    );
  });

  it('passes both on the same day: a date carries no time of day', () => {
    expect(sut('2025-06-20', '2025-06-20').verdict).toBe('PASS');
  });

  it('fails an application dated the day before the preliminary acceptance', () => {
    const finding = sut('2025-06-21', '2025-06-20');

    expect(finding.verdict).toBe('FAIL');
    expect(finding.reason.zh).toBe(
      '竣工验收申请（2025-06-20）早于初步验收（2025-06-21）：应先自行组织初步验收',
    );
  });

  it('fails when no preliminary acceptance is on record', () => {
    const finding = sut(null, '2025-06-20');

    expect(finding.verdict).toBe('FAIL');
    expect(finding.reason.zh).toBe('登记表缺少初步验收日期，无法证明先初步验收再申请竣工验收');
  });

  it('fails naming both dates when neither is on record', () => {
    expect(sut(null, null).reason.en).toBe(
      'The registry lacks the preliminary acceptance date and completion application date: nothing shows preliminary acceptance came first',
    );
  });

  it('does not apply to a classified project (art. 2)', () => {
    const finding = judge(chenzhouPack, czAcceptanceFlow.id, {
      project: buildChenzhouProject({ classified: true, preliminaryAcceptanceOn: null }),
    });

    expect(finding.verdict).toBe('NOT_APPLICABLE');
    expect(finding.reason.zh).toBe('涉密项目按照保密有关规定执行，不适用本办法（第二条）');
  });

  it('reads the registry only: an upstream outage does not make it UNKNOWN', () => {
    const finding = judge(chenzhouPack, czAcceptanceFlow.id, {
      project: buildChenzhouProject({
        preliminaryAcceptanceOn: '2025-05-01',
        acceptanceAppliedOn: '2025-06-01',
      }),
      sources: allSourcesFailed(),
    });

    expect(finding.verdict).toBe('PASS');
  });
});
