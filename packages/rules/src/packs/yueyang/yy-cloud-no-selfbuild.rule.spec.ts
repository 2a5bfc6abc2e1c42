import type { TProject } from '@hub/contracts';
import { allSourcesFailed, buildProject, type FactsInput } from '../../testing/facts.factory';
import { judge } from '../../testing/rules.factory';
import { yueyangPack, builtinRule, type YueyangSettings } from '../../testing/packs';
const yyCloudNoSelfbuild = builtinRule('YY-CLOUD-NO-SELFBUILD');

describe(yyCloudNoSelfbuild.id, () => {
  const sut = (project: Partial<TProject>, input: FactsInput = {}, settings: Partial<YueyangSettings> = {}) =>
    judge(yueyangPack, yyCloudNoSelfbuild.id, { project: buildProject(project), ...input }, settings);

  it('passes when the registry says the project builds no cloud or data centre', () => {
    const finding = sut({ buildsCloudOrDataCentre: false });

    expect(finding.verdict).toBe('PASS');
    expect(finding.reason).toEqual({
      zh: '登记表载明项目不新建政务云或数据中心（是否新建云或数据中心：否）',
      en: 'The registry states the project builds no cloud or data centre (builds a cloud or data centre: no)',
    });
    expect(finding.evidence).toEqual([]);
  });

  it('fails a department that builds its own cloud or data centre', () => {
    const finding = sut({ buildsCloudOrDataCentre: true, unitName: '岳阳市教育局' });

    expect(finding.verdict).toBe('FAIL');
    expect(finding.reason.zh).toContain('项目新建政务云或数据中心（是否新建云或数据中心：是）');
  });

  it('gives UNKNOWN, asking for the column, when the registry cell is empty', () => {
    const finding = sut({ buildsCloudOrDataCentre: null });

    expect(finding.verdict).toBe('UNKNOWN');
    expect(finding.reason.zh).toBe('登记表“是否新建云或数据中心”为空，无法判断；请补录');
  });

  it('does not apply to the city big-data centre, named as typed by hand', () => {
    const finding = sut({ buildsCloudOrDataCentre: true, unitName: '岳阳市（大数据中心） ' });

    expect(finding.verdict).toBe('NOT_APPLICABLE');
    expect(finding.reason.en).toBe(
      'The unit 岳阳市（大数据中心）  is the city big-data centre, which builds shared infrastructure (art. 5)',
    );
  });

  it('does not apply to a unit whose credit code is configured as the big-data centre', () => {
    const project = buildProject({ buildsCloudOrDataCentre: true, unitName: '岳阳市数字政府服务中心' });
    const input = { project };

    expect(judge(yueyangPack, yyCloudNoSelfbuild.id, input).verdict).toBe('FAIL');
    expect(
      judge(yueyangPack, yyCloudNoSelfbuild.id, input, { bigDataCentreUnitCodes: [project.unitCode] })
        .verdict,
    ).toBe('NOT_APPLICABLE');
  });

  it('applies to the default centre once the configured names replace it', () => {
    const finding = sut(
      { buildsCloudOrDataCentre: true, unitName: '岳阳市大数据中心' },
      {},
      { bigDataCentreUnitNames: ['岳阳市数字政府服务中心'] },
    );

    expect(finding.verdict).toBe('FAIL');
  });

  it('reads the registry only: an upstream outage does not make it UNKNOWN', () => {
    expect(sut({ buildsCloudOrDataCentre: true }, { sources: allSourcesFailed() }).verdict).toBe('FAIL');
    expect(yyCloudNoSelfbuild.sources).toEqual([]);
  });
});
