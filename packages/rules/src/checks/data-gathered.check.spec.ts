import { buildCatalogEntry, buildExchangeSystem } from '../testing/facts.factory';
import { runCheck } from '../testing/checks';
import { dataGathered } from './data-gathered.check';

describe(dataGathered.id, () => {
  it('gives PASS when every system is CONNECTED and every entry PUBLISHED and mounted', () => {
    expect(
      runCheck(dataGathered, {}, { exchangeSystems: [buildExchangeSystem()], catalog: [buildCatalogEntry()] })
        .verdict,
    ).toBe('PASS');
  });

  it('gives FAIL for a system not connected or an unpublished entry', () => {
    const pending = buildExchangeSystem({ accessStatus: 'APPLYING' });
    expect(
      runCheck(dataGathered, {}, { exchangeSystems: [pending], catalog: [buildCatalogEntry()] }).verdict,
    ).toBe('FAIL');
    expect(runCheck(dataGathered, {}, { exchangeSystems: [] }).verdict).toBe('FAIL');
  });

  it('gives UNKNOWN on an unreported mount type', () => {
    const entry = buildCatalogEntry({ mountType: null });
    expect(
      runCheck(dataGathered, {}, { exchangeSystems: [buildExchangeSystem()], catalog: [entry] }).verdict,
    ).toBe('UNKNOWN');
  });
});
