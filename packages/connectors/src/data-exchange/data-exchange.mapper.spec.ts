import { aCatalogEntry, anExchangeStats, anExchangeSystem } from './testing/data-exchange.factory';
import {
  statsExternalId,
  toCatalogEntryFact,
  toExchangeStatsFact,
  toExchangeSystemFact,
} from './data-exchange.mapper';

describe(toExchangeSystemFact.name, () => {
  it('maps a system payload to the canonical fact, unknown fields left out', () => {
    const payload = anExchangeSystem({ accessStatus: 'APPLYING', contactPhone: '0730-1234567' });

    expect(toExchangeSystemFact(payload)).toEqual({
      systemId: payload.systemId,
      systemName: payload.systemName,
      unitName: payload.unitName,
      unitCode: payload.unitCode,
      projectCode: payload.projectCode,
      accessStatus: 'APPLYING',
      connectedAt: payload.connectedAt,
      modifiedAt: payload.modifiedAt,
    });
  });

  it('gives null for a missing project code and connection time', () => {
    const { projectCode: _p, connectedAt: _c, ...payload } = anExchangeSystem();

    expect(toExchangeSystemFact(payload)).toMatchObject({ projectCode: null, connectedAt: null });
  });

  it('throws on a payload that is not a valid system', () => {
    expect(() => toExchangeSystemFact({ ...anExchangeSystem(), accessStatus: 'ONLINE' })).toThrow();
  });
});

describe(toCatalogEntryFact.name, () => {
  it('maps a catalogue entry payload to the canonical fact', () => {
    const payload = aCatalogEntry({
      shareType: 'NOT_SHARED',
      notSharedBasis: '《中华人民共和国个人信息保护法》第十三条',
      updateCycle: 'QUARTERLY',
      mountType: 'NONE',
      lastDataUpdateAt: null,
      status: 'DRAFT',
    });

    expect(toCatalogEntryFact(payload)).toEqual({
      resourceCode: payload.resourceCode,
      resourceName: payload.resourceName,
      systemId: payload.systemId,
      providerUnit: payload.providerUnit,
      shareType: 'NOT_SHARED',
      notSharedBasis: '《中华人民共和国个人信息保护法》第十三条',
      updateCycle: 'QUARTERLY',
      mountType: 'NONE',
      lastDataUpdateAt: null,
      status: 'DRAFT',
      modifiedAt: payload.modifiedAt,
    });
  });

  it('gives null when the platform does not say how data is mounted or why it is not shared', () => {
    const { mountType: _m, notSharedBasis: _n, lastDataUpdateAt: _l, ...payload } = aCatalogEntry();

    expect(toCatalogEntryFact(payload)).toMatchObject({
      mountType: null,
      notSharedBasis: null,
      lastDataUpdateAt: null,
    });
  });

  it('throws on a payload that is not a valid entry', () => {
    expect(() => toCatalogEntryFact({ ...aCatalogEntry(), shareType: 'OPEN' })).toThrow();
  });
});

describe(toExchangeStatsFact.name, () => {
  it('maps a statistics payload to the canonical fact', () => {
    const payload = anExchangeStats({ days: 7, providedCalls: 0, consumedCalls: 12, failedCalls: 3 });

    expect(toExchangeStatsFact(payload)).toEqual({
      systemId: payload.systemId,
      days: 7,
      providedCalls: 0,
      consumedCalls: 12,
      failedCalls: 3,
      lastExchangeAt: payload.lastExchangeAt,
    });
  });

  it('gives null for a system that never exchanged', () => {
    const { lastExchangeAt: _l, ...payload } = anExchangeStats();

    expect(toExchangeStatsFact(payload).lastExchangeAt).toBeNull();
  });

  it('throws on negative or fractional counts', () => {
    expect(() => toExchangeStatsFact(anExchangeStats({ providedCalls: -1 }))).toThrow();
    expect(() => toExchangeStatsFact(anExchangeStats({ consumedCalls: 1.5 }))).toThrow();
  });
});

describe(statsExternalId.name, () => {
  it('names a statistics record by system and window', () => {
    expect(statsExternalId('SYS-430600-0317', 30)).toBe('SYS-430600-0317:30');
  });
});
