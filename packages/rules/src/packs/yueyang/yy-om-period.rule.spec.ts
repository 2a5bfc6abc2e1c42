import { allSourcesFailed, buildProject } from '../../testing/facts.factory';
import { judge } from '../../testing/rules.factory';
import { yueyangPack, builtinRule, type YueyangSettings } from '../../testing/packs';
const yyOmPeriod = builtinRule('YY-OM-PERIOD');

describe(yyOmPeriod.id, () => {
  const sut = (omPeriodMonths: number | null, settings: Partial<YueyangSettings> = {}) =>
    judge(yueyangPack, yyOmPeriod.id, { project: buildProject({ omPeriodMonths }) }, settings);

  it('passes exactly 12 months', () => {
    const finding = sut(12);

    expect(finding.verdict).toBe('PASS');
    expect(finding.reason).toEqual({
      zh: '运维期 12 个月，不少于 12 个月',
      en: 'O&M period 12 months, at least 12',
    });
  });

  it('fails 11 months', () => {
    const finding = sut(11);

    expect(finding.verdict).toBe('FAIL');
    expect(finding.reason.zh).toBe('运维期 11 个月，少于 12 个月');
  });

  it('fails when no O&M period is on record', () => {
    const finding = sut(null);

    expect(finding.verdict).toBe('FAIL');
    expect(finding.reason.en).toBe('No O&M period on record (at least 12 months required)');
  });

  it('fails 12 months when the minimum is raised to 24', () => {
    expect(sut(12, { omPeriodMinMonths: 24 }).verdict).toBe('FAIL');
    expect(sut(24, { omPeriodMinMonths: 24 }).verdict).toBe('PASS');
  });

  it('is advisory and reads the registry only', () => {
    const finding = judge(yueyangPack, yyOmPeriod.id, {
      project: buildProject({ omPeriodMonths: 6 }),
      sources: allSourcesFailed(),
    });

    expect(finding).toMatchObject({ verdict: 'FAIL', severity: 'advisory' });
  });
});
