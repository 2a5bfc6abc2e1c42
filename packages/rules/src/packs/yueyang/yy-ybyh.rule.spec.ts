import type { TProject } from '@hub/contracts';
import { buildMobileService, buildProject, type FactsInput } from '../../testing/facts.factory';
import { judge } from '../../testing/rules.factory';
import { yueyangPack, builtinRule } from '../../testing/packs';
const yyYbyh = builtinRule('YY-YBYH');

describe(yyYbyh.id, () => {
  const sut = (input: FactsInput, project: Partial<TProject> = {}) =>
    judge(yueyangPack, yyYbyh.id, {
      project: buildProject({ hasMobileChannel: true, standaloneMobileApp: false, ...project }),
      ...input,
    });

  it('does not apply to a project without a mobile channel', () => {
    const finding = sut({ ybyh: [] }, { hasMobileChannel: false, standaloneMobileApp: true });

    expect(finding.verdict).toBe('NOT_APPLICABLE');
    expect(finding.reason.en).toBe('The registry says the project has no mobile channel');
  });

  it('passes with an ONLINE service, resting on the online ones only', () => {
    const online = buildMobileService();
    const reviewing = buildMobileService({ status: 'REVIEWING' });

    const finding = sut({ ybyh: [reviewing, online] });

    expect(finding.verdict).toBe('PASS');
    expect(finding.reason.zh).toBe(
      `“岳办岳好”上有 1 项已上线服务：${online.fact.serviceId}（${online.fact.serviceName}，已上线（ONLINE））；未登记为独立移动应用`,
    );
    expect(finding.evidence).toEqual([online.evidence]);
  });

  it('does not hold an empty standalone-app cell against the project', () => {
    expect(sut({ ybyh: [buildMobileService()] }, { standaloneMobileApp: null }).verdict).toBe('PASS');
  });

  it('fails a standalone mobile app even with an ONLINE service', () => {
    const finding = sut({ ybyh: [buildMobileService()] }, { standaloneMobileApp: true });

    expect(finding.verdict).toBe('FAIL');
    expect(finding.reason.zh).toBe(
      '登记为独立移动应用（是否独立移动应用：是），应依托“岳办岳好”建设，已建的逐步关停整合',
    );
  });

  it('fails when no service is ONLINE, listing those on record and resting on them', () => {
    const offline = buildMobileService({ status: 'OFFLINE' });

    const finding = sut({ ybyh: [offline] });

    expect(finding.verdict).toBe('FAIL');
    expect(finding.reason.en).toBe(
      `No ONLINE service in the city app (on record: ${offline.fact.serviceId} (${offline.fact.serviceName}, offline (OFFLINE)))`,
    );
    expect(finding.evidence).toEqual([offline.evidence]);
  });

  it('fails naming both shortfalls: a standalone app and no service in the city app', () => {
    const finding = sut({ ybyh: [] }, { standaloneMobileApp: true });

    expect(finding.verdict).toBe('FAIL');
    expect(finding.reason.en).toBe(
      'Registered as a standalone mobile app (standalone app: yes); it must be built into the city app; the city app has no service of the project',
    );
  });

  it('gives UNKNOWN when the service platforms are not synced', () => {
    const finding = sut({ ybyh: [buildMobileService()], sources: { 'service-platforms': undefined } });

    expect(finding.verdict).toBe('UNKNOWN');
    expect(finding.reason.zh).toContain('尚未同步');
  });

  it('gives UNKNOWN when only a suggested service is online', () => {
    const suggested = buildMobileService({}, 'suggested');

    const finding = sut({ ybyh: [suggested] });

    expect(finding.verdict).toBe('UNKNOWN');
    expect(finding.reason.en).toContain(suggested.fact.serviceId);
  });
});
