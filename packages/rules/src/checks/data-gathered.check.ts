import { describeEntries, describeSystems } from '../shared/data-exchange';
import { evidenceOf, fail, joined, pass, unknown } from '../shared/outcome';
import { z } from 'zod';
import { defineCheck } from './model';

export const dataGathered = defineCheck({
  id: 'data-gathered',
  title: { zh: '数据应聚尽聚', en: 'All data gathered' },
  description: {
    zh: '所有系统均接通、所有在用目录均已发布并挂接数据、不予共享的目录均有依据为 PASS；挂接方式未报告为 UNKNOWN',
    en: 'PASS when every system is CONNECTED, every live entry PUBLISHED with data mounted and every NOT_SHARED entry has a basis; UNKNOWN on an unreported mount type',
  },
  params: z.strictObject({}),
  sources: ['data-exchange'],
  // Reading: "everything that should be gathered is" — every system and every live entry, not just
  // one; OFFLINE entries are retired (the platform's tombstones) and left out. An entry whose mount the
  // platform does not report cannot be judged (UNKNOWN when nothing else fails).
  evaluate: ({ dataExchange }) => {
    const systems = dataExchange.systems;
    if (systems.length === 0) {
      return fail(
        '市政务信息资源交换共享平台上没有该项目的接入系统',
        'The exchange platform has no system of the project',
      );
    }
    const entries = dataExchange.catalog.filter((e) => e.fact.status !== 'OFFLINE');
    const evidence = [...evidenceOf(systems), ...evidenceOf(entries)];
    const zh: string[] = [];
    const en: string[] = [];
    const notConnected = systems.filter((s) => s.fact.accessStatus !== 'CONNECTED');
    if (notConnected.length > 0) {
      zh.push(`系统未接通：${describeSystems(notConnected, 'zh')}`);
      en.push(`system(s) not CONNECTED: ${describeSystems(notConnected, 'en')}`);
    }
    if (entries.length === 0) {
      zh.push('没有在用的资源目录');
      en.push('no live catalogue entry');
    }
    const drafts = entries.filter((e) => e.fact.status !== 'PUBLISHED');
    if (drafts.length > 0) {
      zh.push(`目录未发布：${describeEntries(drafts, 'zh')}`);
      en.push(`entr(ies) not PUBLISHED: ${describeEntries(drafts, 'en')}`);
    }
    const unmounted = entries.filter((e) => e.fact.mountType === 'NONE');
    if (unmounted.length > 0) {
      zh.push(`目录未挂接数据：${describeEntries(unmounted, 'zh')}`);
      en.push(`entr(ies) with no data mounted: ${describeEntries(unmounted, 'en')}`);
    }
    const baseless = entries.filter(
      (e) => e.fact.shareType === 'NOT_SHARED' && !(e.fact.notSharedBasis ?? '').trim(),
    );
    if (baseless.length > 0) {
      zh.push(`不予共享目录缺少法律依据：${describeEntries(baseless, 'zh')}`);
      en.push(`NOT_SHARED entr(ies) without a legal basis: ${describeEntries(baseless, 'en')}`);
    }
    if (zh.length > 0) {
      const t = joined(zh, en);
      return fail(t.zh, t.en, evidence);
    }
    const unsure = entries.filter((e) => e.fact.mountType === null);
    if (unsure.length > 0) {
      return unknown(
        `资源目录 ${describeEntries(unsure, 'zh')} 未报告挂接方式，无法判断是否已挂接数据`,
        `Catalogue entr(ies) ${describeEntries(unsure, 'en')} report no mount type: cannot tell whether data is mounted`,
        evidence,
      );
    }
    const notShared = entries.filter((e) => e.fact.shareType === 'NOT_SHARED').length;
    return pass(
      `${systems.length} 个接入系统均已接通；${entries.length} 条资源目录均已发布并挂接数据（${describeEntries(entries, 'zh')}）；不予共享目录 ${notShared} 条均有依据`,
      `${systems.length} system(s) all CONNECTED; ${entries.length} catalogue entr(ies) all PUBLISHED with data mounted (${describeEntries(entries, 'en')}); ${notShared} NOT_SHARED entr(ies), each with a basis`,
      evidence,
    );
  },
});
