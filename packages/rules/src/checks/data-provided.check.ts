import { describeEntries } from '../shared/data-exchange';
import { evidenceOf, fail, joined, pass, unknown } from '../shared/outcome';
import { instantMs, withinDays } from '../shared/time';
import { z } from 'zod';
import { ZUpdateCycleDays } from '../shared/settings';
import { defineCheck } from './model';
import { ZPositiveInt } from './params';
import { instantText, upstreamValue } from '@hub/vocabulary';

export const dataProvided = defineCheck({
  id: 'data-provided',
  title: { zh: '按要求对外提供数据', en: 'Data provided as required' },
  description: {
    zh: '近 windowDays 天对外提供过数据，或每条已发布目录均在其更新周期（cycleDays）内更新为 PASS；更新时间无法读取为 UNKNOWN',
    en: 'PASS when data was provided in the last `windowDays` or every PUBLISHED entry was updated within its cycle (`cycleDays`); UNKNOWN on an unreadable update time',
  },
  params: z.strictObject({ windowDays: ZPositiveInt, cycleDays: ZUpdateCycleDays }),
  sources: ['data-exchange'],
  // Reading: calls provided in statistics over a window no longer than the sharing window show data
  // provided within it (a 7-day count lies inside 30 days; a 90-day one may not), and so does a last
  // exchange within the window of a system that provides data at all (providedCalls > 0): the last
  // exchange time alone also counts the system consuming other departments' data, which is not sharing. The update-cycle route needs at least one
  // PUBLISHED entry (an empty catalogue proves nothing); an entry with no update time was never updated.
  evaluate: ({ dataExchange, now }, params) => {
    const window = params.windowDays;
    const stats = dataExchange.stats;
    const provided = stats.filter((s) => s.fact.days <= window && s.fact.providedCalls > 0);
    if (provided.length > 0) {
      const s = provided[0]!.fact;
      return pass(
        `系统 ${s.systemId} 近 ${s.days} 天对外提供数据 ${s.providedCalls} 次（不超过 ${window} 天的统计窗口）`,
        `System ${s.systemId} provided data ${s.providedCalls} time(s) in the last ${s.days} days (a window within ${window} days)`,
        evidenceOf(provided),
      );
    }
    const recent = stats.filter((s) => {
      const ms = instantMs(s.fact.lastExchangeAt);
      return s.fact.providedCalls > 0 && ms !== null && withinDays(ms, now, window);
    });
    if (recent.length > 0) {
      const s = recent[0]!.fact;
      return pass(
        `系统 ${s.systemId} 最近一次数据交换于 ${instantText(s.lastExchangeAt!).zh}，在 ${window} 天内`,
        `System ${s.systemId} last exchanged data at ${instantText(s.lastExchangeAt!).en}, within ${window} days`,
        evidenceOf(recent),
      );
    }
    const published = dataExchange.catalog.filter((e) => e.fact.status === 'PUBLISHED');
    const cycles = params.cycleDays;
    const stale = published.filter((e) => {
      const ms = instantMs(e.fact.lastDataUpdateAt);
      return (
        e.fact.lastDataUpdateAt === null || (ms !== null && !withinDays(ms, now, cycles[e.fact.updateCycle]))
      );
    });
    const unreadable = published.filter(
      (e) => e.fact.lastDataUpdateAt !== null && instantMs(e.fact.lastDataUpdateAt) === null,
    );
    const entryText = (list: typeof published, lang: 'zh' | 'en') =>
      list
        .map((e) =>
          lang === 'zh'
            ? `${e.fact.resourceCode}（${upstreamValue('updateCycle', e.fact.updateCycle).zh}，${cycles[e.fact.updateCycle]} 天，最近更新 ${e.fact.lastDataUpdateAt ? instantText(e.fact.lastDataUpdateAt).zh : '无'}）`
            : `${e.fact.resourceCode} (${upstreamValue('updateCycle', e.fact.updateCycle).en}, ${cycles[e.fact.updateCycle]} days, last update ${e.fact.lastDataUpdateAt ? instantText(e.fact.lastDataUpdateAt).en : 'none'})`,
        )
        .join(lang === 'zh' ? '、' : ', ');
    const evidence = [...evidenceOf(stats), ...evidenceOf(published)];
    if (published.length > 0 && stale.length === 0 && unreadable.length === 0) {
      return pass(
        `${published.length} 条已发布的资源目录均在更新周期内更新：${entryText(published, 'zh')}`,
        `All ${published.length} PUBLISHED catalogue entr(ies) updated within their cycle: ${entryText(published, 'en')}`,
        evidenceOf(published),
      );
    }
    const statsText = stats.length
      ? {
          zh: `交换统计：${stats.map((s) => `${s.fact.systemId} 近 ${s.fact.days} 天提供 ${s.fact.providedCalls} 次，最近交换 ${s.fact.lastExchangeAt ?? '无'}`).join('；')}`,
          en: `exchange statistics: ${stats.map((s) => `${s.fact.systemId} provided ${s.fact.providedCalls} in ${s.fact.days} days, last exchange ${s.fact.lastExchangeAt ?? 'none'}`).join('; ')}`,
        }
      : { zh: '没有交换统计', en: 'no exchange statistics' };
    if (published.length > 0 && stale.length === 0) {
      return unknown(
        `近 ${window} 天没有对外提供数据（${statsText.zh}）；资源目录 ${describeEntries(unreadable, 'zh')} 的更新时间无法读取，无法判断是否按周期更新`,
        `No data provided in the last ${window} days (${statsText.en}); catalogue entr(ies) ${describeEntries(unreadable, 'en')} have an unreadable update time: cannot tell whether they are current`,
        evidence,
      );
    }
    const catalogText =
      published.length === 0
        ? { zh: '没有已发布的资源目录', en: 'no PUBLISHED catalogue entry' }
        : {
            zh: `资源目录未在更新周期内更新：${entryText(stale, 'zh')}`,
            en: `catalogue entr(ies) not updated within their cycle: ${entryText(stale, 'en')}`,
          };
    const t = joined(
      [`近 ${window} 天没有对外提供数据（${statsText.zh}）`, catalogText.zh],
      [`no data provided in the last ${window} days (${statsText.en})`, catalogText.en],
    );
    return fail(t.zh, t.en, evidence);
  },
});
