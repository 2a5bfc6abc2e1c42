import type { ProjectRecords } from '@hub/rules';
import { SOURCE_IDS, SOURCE_TITLES, emptyRecords, isSourceId, sourceRef, sourceTitle } from './catalogue';
import { CONNECTORS } from './registry';

/** Every group and list of the rules' typed view: the compiler keeps this in step with the interface. */
const TYPED_VIEW: { [G in keyof ProjectRecords]: { [K in keyof ProjectRecords[G]]: true } } = {
  cloud: { resources: true, tenants: true },
  dataExchange: { systems: true, catalog: true, stats: true },
  mlps: { filings: true },
  video: { platforms: true, devices: true },
  services: { ywtb: true, ybyh: true, brain: true },
};

describe('the source catalogue', () => {
  it('lists the registered connectors in registry order, each with its title', () => {
    expect(SOURCE_IDS).toEqual(CONNECTORS.map((c) => c.id));
    for (const connector of CONNECTORS) {
      expect(SOURCE_TITLES[connector.id]).toBe(connector.title);
      expect(sourceTitle(connector.id)).toBe(connector.title);
      expect(sourceRef(connector.id)).toEqual({ id: connector.id, title: connector.title });
      expect(isSourceId(connector.id)).toBe(true);
    }
    expect(sourceTitle('gov-cloud').zh).toBe('政务云资源台账');
  });

  it('names a source no longer registered by its id, and does not take it for a registered one', () => {
    expect(sourceTitle('weather')).toEqual({ zh: 'weather', en: 'weather' });
    expect(isSourceId('weather')).toBe(false);
  });
});

describe(emptyRecords.name, () => {
  it('has every group and list the connectors’ record kinds fill, each empty', () => {
    const sut = emptyRecords() as unknown as Record<string, Record<string, unknown[]>>;

    for (const connector of CONNECTORS) {
      for (const spec of connector.records) expect(sut[spec.group]?.[spec.key]).toEqual([]);
    }
  });

  it('fills every group and list of the rules’ typed view: none a rule reads is left without a connector', () => {
    const sut = emptyRecords() as unknown as Record<string, Record<string, unknown[]>>;

    for (const [group, lists] of Object.entries(TYPED_VIEW)) {
      for (const key of Object.keys(lists)) expect(sut[group]?.[key], `${group}.${key}`).toEqual([]);
    }
  });

  it('gives fresh lists each time, so one project’s facts never reach another’s', () => {
    const first = emptyRecords();
    first.mlps.filings.push({} as never);

    expect(emptyRecords().mlps.filings).toEqual([]);
  });
});
