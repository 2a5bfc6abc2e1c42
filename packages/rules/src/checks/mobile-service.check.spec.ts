import { buildMobileService, buildProject } from '../testing/facts.factory';
import { runCheck } from '../testing/checks';
import { mobileService } from './mobile-service.check';

const params = { app: { zh: '“示例通”', en: 'the example app' } };

describe(mobileService.id, () => {
  it('gives PASS with an ONLINE service in the app its parameter names', () => {
    const sut = runCheck(mobileService, params, { ybyh: [buildMobileService()] });

    expect(sut.verdict).toBe('PASS');
    expect(sut.reason.zh).toMatch(/^“示例通”上有 1 项已上线服务/);
  });

  it('gives FAIL without one, or for a standalone app', () => {
    expect(runCheck(mobileService, params, { ybyh: [] }).reason).toEqual({
      zh: '“示例通”上没有该项目的服务',
      en: 'The example app has no service of the project',
    });
    const standalone = { project: buildProject({ standaloneMobileApp: true }), ybyh: [buildMobileService()] };
    expect(runCheck(mobileService, params, standalone).verdict).toBe('FAIL');
  });
});
