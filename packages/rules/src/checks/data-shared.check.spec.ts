import { buildCatalogEntry, buildExchangeSystem } from '../testing/facts.factory';
import { runCheck } from '../testing/checks';
import { dataShared } from './data-shared.check';

describe(dataShared.id, () => {
  const system = () => buildExchangeSystem();
  const entryOf = (s: ReturnType<typeof system>, over = {}) =>
    buildCatalogEntry({ systemId: s.fact.systemId, ...over });

  it('gives PASS with a CONNECTED system and a PUBLISHED entry with data mounted', () => {
    const s = system();
    expect(runCheck(dataShared, {}, { exchangeSystems: [s], catalog: [entryOf(s)] }).verdict).toBe('PASS');
  });

  it('gives FAIL without a system or without a mounted entry', () => {
    expect(runCheck(dataShared, {}, { exchangeSystems: [] }).verdict).toBe('FAIL');
    const s = system();
    expect(
      runCheck(dataShared, {}, { exchangeSystems: [s], catalog: [entryOf(s, { mountType: 'NONE' })] })
        .verdict,
    ).toBe('FAIL');
  });

  it('gives UNKNOWN when an unreported mount type decides', () => {
    const s = system();
    expect(
      runCheck(dataShared, {}, { exchangeSystems: [s], catalog: [entryOf(s, { mountType: null })] }).verdict,
    ).toBe('UNKNOWN');
  });
});
