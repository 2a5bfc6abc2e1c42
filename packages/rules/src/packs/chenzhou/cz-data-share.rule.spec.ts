import { instantText } from '@hub/vocabulary';
import type { z } from 'zod';
import {
  buildCatalogEntry,
  buildChenzhouProject,
  buildExchangeStats,
  daysBeforeNow,
  failedSource,
  type FactsInput,
} from '../../testing/facts.factory';
import { judge } from '../../testing/rules.factory';
import { chenzhouPack, builtinRule } from '../../testing/packs';
const czDataShare = builtinRule('CZ-DATA-SHARE');

const MINUTE = 1 / 1440;

describe(czDataShare.id, () => {
  const sut = (input: FactsInput, settings: z.input<typeof chenzhouPack.settingsSchema> = {}) =>
    judge(
      chenzhouPack,
      czDataShare.id,
      { project: buildChenzhouProject({ hasDataResources: true }), ...input },
      settings,
    );
  /** Statistics showing nothing provided and no exchange for 100 days. */
  const idleStats = () => buildExchangeStats({ providedCalls: 0, lastExchangeAt: daysBeforeNow(100) });
  const monthly = (daysAgo: number) =>
    buildCatalogEntry({ updateCycle: 'MONTHLY', lastDataUpdateAt: daysBeforeNow(daysAgo) });

  describe('NOT_APPLICABLE', () => {
    it('does not apply to a project without data resources', () => {
      const finding = sut({ project: buildChenzhouProject({ hasDataResources: false }), stats: [] });

      expect(finding.verdict).toBe('NOT_APPLICABLE');
      expect(finding.reason.zh).toBe('登记表载明项目没有数据资源');
    });

    it('does not apply to a classified project (art. 2)', () => {
      const finding = sut({ project: buildChenzhouProject({ classified: true }), stats: [] });

      expect(finding.verdict).toBe('NOT_APPLICABLE');
      expect(finding.reason.zh).toBe('涉密项目按照保密有关规定执行，不适用本办法（第二条）');
    });
  });

  describe('PASS on data provided', () => {
    it('passes on calls provided over the last 30 days, resting on those statistics', () => {
      const stats = buildExchangeStats({ days: 30, providedCalls: 42 });

      const finding = sut({ stats: [stats] });

      expect(finding.verdict).toBe('PASS');
      expect(finding.reason.en).toBe(
        `System ${stats.fact.systemId} provided data 42 time(s) in the last 30 days (a window within 30 days)`,
      );
      expect(finding.evidence).toEqual([stats.evidence]);
    });

    it('counts calls provided over 7 days: they fall within the 30', () => {
      expect(
        sut({ stats: [buildExchangeStats({ days: 7, providedCalls: 3, lastExchangeAt: null })] }).verdict,
      ).toBe('PASS');
    });

    it('does not count calls over 90 days alone, which may all be older than 30', () => {
      const finding = sut({
        stats: [buildExchangeStats({ days: 90, providedCalls: 500, lastExchangeAt: daysBeforeNow(45) })],
      });

      expect(finding.verdict).toBe('FAIL');
    });

    it('does not count a recent exchange of a system that only consumes other departments’ data', () => {
      const stats = buildExchangeStats({
        days: 30,
        providedCalls: 0,
        consumedCalls: 35,
        lastExchangeAt: daysBeforeNow(1),
      });

      expect(sut({ stats: [stats] }).verdict).toBe('FAIL');
    });

    it('passes on an exchange exactly 30 days ago', () => {
      const stats = buildExchangeStats({ days: 90, providedCalls: 5, lastExchangeAt: daysBeforeNow(30) });

      const finding = sut({ stats: [stats] });

      expect(finding.verdict).toBe('PASS');
      expect(finding.reason.zh).toBe(
        `系统 ${stats.fact.systemId} 最近一次数据交换于 ${instantText(stats.fact.lastExchangeAt!).zh}，在 30 天内`,
      );
    });

    it('fails an exchange a minute past 30 days that a 60-day window accepts', () => {
      const stats = [
        buildExchangeStats({ days: 90, providedCalls: 5, lastExchangeAt: daysBeforeNow(30 + MINUTE) }),
      ];

      expect(sut({ stats }).verdict).toBe('FAIL');
      expect(sut({ stats }, { shareWindowDays: 60 }).verdict).toBe('PASS');
    });
  });

  describe('PASS on entries kept up to date', () => {
    it('passes when every published entry was updated within its cycle, resting on the entries', () => {
      const daily = buildCatalogEntry({ updateCycle: 'DAILY', lastDataUpdateAt: daysBeforeNow(1) });
      const month = monthly(31);
      const draft = buildCatalogEntry({ status: 'DRAFT', lastDataUpdateAt: null });

      const finding = sut({ stats: [idleStats()], catalog: [daily, month, draft] });

      expect(finding.verdict).toBe('PASS');
      expect(finding.reason.en).toContain('All 2 PUBLISHED catalogue entr(ies) updated within their cycle');
      expect(finding.reason.en).toContain(
        `${month.fact.resourceCode} (monthly (MONTHLY), 31 days, last update`,
      );
      expect(finding.evidence).toEqual([daily.evidence, month.evidence]);
    });

    it.each([
      ['REALTIME', 1],
      ['WEEKLY', 7],
      ['QUARTERLY', 92],
      ['YEARLY', 366],
    ] as const)('holds a %s entry to %i days', (updateCycle, days) => {
      const at = (d: number) => [buildCatalogEntry({ updateCycle, lastDataUpdateAt: daysBeforeNow(d) })];

      expect(sut({ stats: [], catalog: at(days) }).verdict).toBe('PASS');
      expect(sut({ stats: [], catalog: at(days + MINUTE) }).verdict).toBe('FAIL');
    });

    it('passes a 35-day-old monthly entry once the monthly cycle is set to 40 days', () => {
      const catalog = [monthly(35)];

      expect(sut({ stats: [], catalog }).verdict).toBe('FAIL');
      expect(sut({ stats: [], catalog }, { updateCycleDays: { MONTHLY: 40 } }).verdict).toBe('PASS');
    });
  });

  describe('FAIL', () => {
    it('fails with nothing provided and a stale entry, naming both and resting on them', () => {
      const stats = idleStats();
      const stale = monthly(31 + MINUTE);
      const fresh = monthly(2);

      const finding = sut({ stats: [stats], catalog: [fresh, stale] });

      expect(finding.verdict).toBe('FAIL');
      expect(finding.reason.en).toContain(
        `No data provided in the last 30 days (exchange statistics: ${stats.fact.systemId} provided 0 in 30 days`,
      );
      expect(finding.reason.en).toContain(
        `catalogue entr(ies) not updated within their cycle: ${stale.fact.resourceCode}`,
      );
      expect(finding.reason.en).not.toContain(`${fresh.fact.resourceCode} (`);
      expect(finding.evidence).toEqual([stats.evidence, fresh.evidence, stale.evidence]);
    });

    it('fails an entry whose data was never updated', () => {
      const finding = sut({ stats: [], catalog: [buildCatalogEntry({ lastDataUpdateAt: null })] });

      expect(finding.verdict).toBe('FAIL');
      expect(finding.reason.zh).toContain('最近更新 无');
    });

    it('fails with neither statistics nor published entries', () => {
      const finding = sut({ stats: [], catalog: [] });

      expect(finding.verdict).toBe('FAIL');
      expect(finding.reason.en).toBe(
        'No data provided in the last 30 days (no exchange statistics); no PUBLISHED catalogue entry',
      );
    });
  });

  describe('UNKNOWN', () => {
    it('gives UNKNOWN when an entry update time cannot be read and no other fails', () => {
      const finding = sut({ stats: [], catalog: [buildCatalogEntry({ lastDataUpdateAt: 'soon' })] });

      expect(finding.verdict).toBe('UNKNOWN');
      expect(finding.reason.en).toContain('have an unreadable update time');
    });

    it('gives UNKNOWN naming the exchange platform when its sync failed', () => {
      const finding = sut({
        stats: [buildExchangeStats()],
        sources: { 'data-exchange': failedSource('data-exchange') },
      });

      expect(finding.verdict).toBe('UNKNOWN');
      expect(finding.reason.zh).toContain('政务信息资源共享交换平台');
    });
  });
});
