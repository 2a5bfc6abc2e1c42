import { buildCatalogEntry, buildExchangeStats, daysBeforeNow } from '../testing/facts.factory';
import { ZUpdateCycleDays } from '../shared/settings';
import { runCheck } from '../testing/checks';
import { dataProvided } from './data-provided.check';

const params = { windowDays: 30, cycleDays: ZUpdateCycleDays.parse({}) };

describe(dataProvided.id, () => {
  it('gives PASS for data provided within the window', () => {
    expect(runCheck(dataProvided, params, { stats: [buildExchangeStats()], catalog: [] }).verdict).toBe(
      'PASS',
    );
  });

  it('gives FAIL with nothing provided and nothing published', () => {
    expect(runCheck(dataProvided, params, { stats: [], catalog: [] }).verdict).toBe('FAIL');
  });

  it('gives PASS through the catalogue when every entry is within its cycle, and UNKNOWN on an unreadable one', () => {
    const fresh = buildCatalogEntry({ lastDataUpdateAt: daysBeforeNow(0) });
    expect(runCheck(dataProvided, params, { stats: [], catalog: [fresh] }).verdict).toBe('PASS');
    const garbled = buildCatalogEntry({ lastDataUpdateAt: 'garbled' });
    expect(runCheck(dataProvided, params, { stats: [], catalog: [garbled] }).verdict).toBe('UNKNOWN');
  });
});
