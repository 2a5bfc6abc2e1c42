import { aHubApplication, aMobileService, aYwtbSystem } from './testing/service-platforms.factory';
import { toHubApplicationFact, toMobileServiceFact, toYwtbSystemFact } from './service-platforms.mapper';

describe(toYwtbSystemFact.name, () => {
  it('maps a system payload to the canonical fact', () => {
    const payload = aYwtbSystem({
      status: 'TESTING',
      items: { unifiedIdentity: true, unifiedIntake: false, caseDataReturn: true, unifiedEvaluation: true },
      mattersCount: 12,
      lastCaseReturnAt: '2025-05-06T10:20:30+08:00',
      onlineAt: '2024-11-01T00:00:00Z',
    });

    const sut = toYwtbSystemFact(payload);

    expect(sut).toEqual({
      systemCode: payload.systemCode,
      systemName: payload.systemName,
      unitName: payload.unitName,
      unitCode: payload.unitCode,
      projectCode: payload.projectCode,
      status: 'TESTING',
      items: { unifiedIdentity: true, unifiedIntake: false, caseDataReturn: true, unifiedEvaluation: true },
      mattersCount: 12,
      lastCaseReturnAt: '2025-05-06T10:20:30+08:00',
      onlineAt: '2024-11-01T00:00:00Z',
    });
  });

  it('counts an integration item the registry does not report as not completed', () => {
    const sut = toYwtbSystemFact(aYwtbSystem({ items: { caseDataReturn: true } }));

    expect(sut.items).toEqual({
      unifiedIdentity: false,
      unifiedIntake: false,
      caseDataReturn: true,
      unifiedEvaluation: false,
    });
  });

  it('gives null for a missing project code, matters count and times', () => {
    const {
      projectCode: _p,
      mattersCount: _m,
      lastCaseReturnAt: _l,
      ...payload
    } = aYwtbSystem({ onlineAt: null });

    expect(toYwtbSystemFact(payload)).toMatchObject({
      projectCode: null,
      mattersCount: null,
      lastCaseReturnAt: null,
      onlineAt: null,
    });
  });

  it('throws on a payload that is not a valid system', () => {
    expect(() => toYwtbSystemFact({ ...aYwtbSystem(), status: 'RETIRED' })).toThrow();
    expect(() => toYwtbSystemFact({ ...aYwtbSystem(), items: undefined })).toThrow();
  });
});

describe(toMobileServiceFact.name, () => {
  it('maps a service payload to the canonical fact', () => {
    const payload = aMobileService({ kind: 'MINIAPP', status: 'REVIEWING', monthlyActiveUsers: 4321 });

    expect(toMobileServiceFact(payload)).toEqual({
      serviceId: payload.serviceId,
      serviceName: payload.serviceName,
      unitName: payload.unitName,
      unitCode: payload.unitCode,
      projectCode: payload.projectCode,
      kind: 'MINIAPP',
      status: 'REVIEWING',
      publishedAt: payload.publishedAt,
      monthlyActiveUsers: 4321,
    });
  });

  it('gives null for a missing project code, publish time and monthly active users', () => {
    const { publishedAt: _p, ...payload } = aMobileService({ projectCode: '', monthlyActiveUsers: null });

    expect(toMobileServiceFact(payload)).toMatchObject({
      projectCode: null,
      publishedAt: null,
      monthlyActiveUsers: null,
    });
  });

  it('throws on a payload that is not a valid service', () => {
    expect(() => toMobileServiceFact({ ...aMobileService(), kind: 'APP' })).toThrow();
  });
});

describe(toHubApplicationFact.name, () => {
  it('maps an application payload to the canonical fact', () => {
    const payload = aHubApplication({ accessMode: 'EVENT', status: 'DISCONNECTED' });

    expect(toHubApplicationFact(payload)).toEqual({
      appId: payload.appId,
      appName: payload.appName,
      unitName: payload.unitName,
      unitCode: payload.unitCode,
      projectCode: payload.projectCode,
      accessMode: 'EVENT',
      status: 'DISCONNECTED',
      lastHeartbeatAt: payload.lastHeartbeatAt,
    });
  });

  it('gives null for a missing project code and heartbeat', () => {
    const { projectCode: _p, lastHeartbeatAt: _h, ...payload } = aHubApplication();

    expect(toHubApplicationFact(payload)).toMatchObject({ projectCode: null, lastHeartbeatAt: null });
  });

  it('throws on a payload that is not a valid application', () => {
    expect(() => toHubApplicationFact({ ...aHubApplication(), lastHeartbeatAt: 'yesterday' })).toThrow();
  });
});
