import type { TProject } from '@hub/contracts';
import { allSourcesFailed, buildProject } from '../../testing/facts.factory';
import { judge } from '../../testing/rules.factory';
import { yueyangPack, builtinRule, type YueyangSettings } from '../../testing/packs';
const yyKeyDomain = builtinRule('YY-KEY-DOMAIN');

/** 岳阳县: a county of Yueyang. */
const COUNTY = '430621';

describe(yyKeyDomain.id, () => {
  const sut = (domain: TProject['domain'], region = COUNTY, settings: Partial<YueyangSettings> = {}) =>
    judge(yueyangPack, yyKeyDomain.id, { project: buildProject({ domain, region }) }, settings);

  it('does not apply to a city-level project, even in a key domain', () => {
    const finding = sut('智慧教育', '430600');

    expect(finding.verdict).toBe('NOT_APPLICABLE');
    expect(finding.reason).toEqual({ zh: '市本级项目', en: 'City-level project' });
  });

  it.each(['协同办公', '智慧教育', '智慧医疗', '智慧应急'] as const)(
    'fails a county project in %s',
    (domain) => {
      const finding = sut(domain);

      expect(finding.verdict).toBe('FAIL');
      expect(finding.reason.zh).toBe(
        `县市区项目（区划 ${COUNTY}）的业务领域为“${domain}”，属于全市统筹、协同建设的重点领域（协同办公、智慧教育、智慧医疗、智慧应急），县市区不得单独组织实施`,
      );
    },
  );

  it.each(['政务服务', '其他'] as const)('passes a county project in %s, naming its domain', (domain) => {
    const finding = sut(domain);

    expect(finding.verdict).toBe('PASS');
    expect(finding.reason.en).toBe(
      `County project (division ${COUNTY}) in the domain "${domain}", not a key domain built city-wide (协同办公、智慧教育、智慧医疗、智慧应急)`,
    );
    expect(finding.evidence).toEqual([]);
  });

  it('fails a county 政务服务 project once that domain is configured as a key domain', () => {
    expect(sut('政务服务', COUNTY, { keyDomains: ['政务服务'] }).verdict).toBe('FAIL');
    expect(sut('智慧教育', COUNTY, { keyDomains: ['政务服务'] }).verdict).toBe('PASS');
  });

  it('reads the registry only: an upstream outage does not make it UNKNOWN', () => {
    const finding = judge(yueyangPack, yyKeyDomain.id, {
      project: buildProject({ domain: '智慧医疗', region: COUNTY }),
      sources: allSourcesFailed(),
    });

    expect(finding.verdict).toBe('FAIL');
  });
});
