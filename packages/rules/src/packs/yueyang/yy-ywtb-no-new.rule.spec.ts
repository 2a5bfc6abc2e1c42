import { allSourcesFailed, buildProject } from '../../testing/facts.factory';
import { judge } from '../../testing/rules.factory';
import { yueyangPack, builtinRule } from '../../testing/packs';
const yyYwtbNoNew = builtinRule('YY-YWTB-NO-NEW');

describe(yyYwtbNoNew.id, () => {
  const sut = (buildsServicePlatform: boolean | null) =>
    judge(yueyangPack, yyYwtbNoNew.id, { project: buildProject({ buildsServicePlatform }) });

  it('passes when the registry says no new service platform is built', () => {
    const finding = sut(false);

    expect(finding.verdict).toBe('PASS');
    expect(finding.reason.zh).toBe('登记表载明项目不新建政务服务平台（是否新建政务服务平台：否）');
  });

  it('fails a project that builds a new service platform', () => {
    const finding = sut(true);

    expect(finding.verdict).toBe('FAIL');
    expect(finding.reason.en).toBe(
      'The project builds a new government service platform (builds a service platform: yes); it must build on the one-stop platform',
    );
  });

  it('gives UNKNOWN, asking for the column, when the registry cell is empty', () => {
    const finding = sut(null);

    expect(finding.verdict).toBe('UNKNOWN');
    expect(finding.reason.en).toContain('is empty');
  });

  it('applies to every project, county ones included', () => {
    const finding = judge(yueyangPack, yyYwtbNoNew.id, {
      project: buildProject({ region: '430621', buildsServicePlatform: true }),
    });

    expect(finding.verdict).toBe('FAIL');
  });

  it('reads the registry only: an upstream outage does not make it UNKNOWN', () => {
    const finding = judge(yueyangPack, yyYwtbNoNew.id, {
      project: buildProject({ buildsServicePlatform: false }),
      sources: allSourcesFailed(),
    });

    expect(finding.verdict).toBe('PASS');
  });
});
