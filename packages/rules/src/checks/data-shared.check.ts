import type { BoundFact, CatalogEntryFact, ExchangeSystemFact } from '../facts';
import { describeEntries, describeSystems, isMounted } from '../shared/data-exchange';
import { evidenceOf, fail, pass, unknown } from '../shared/outcome';
import { z } from 'zod';
import { defineCheck } from './model';

type Entry = BoundFact<CatalogEntryFact>;
type System = BoundFact<ExchangeSystemFact>;

export const dataShared = defineCheck({
  id: 'data-shared',
  title: { zh: '通过共享交换平台共享数据', en: 'Data shared on the exchange platform' },
  description: {
    zh: '有一个接通（CONNECTED）的系统且至少 1 条已发布并挂接数据的资源目录为 PASS；挂接方式未报告且决定结论时为 UNKNOWN',
    en: 'PASS with a CONNECTED system and at least one PUBLISHED entry with data mounted; UNKNOWN when an unreported mount type decides',
  },
  params: z.strictObject({}),
  sources: ['data-exchange'],
  // Reading: "mounted" is a mount type of API, DATABASE or FILE; NONE is catalogued without data, and an
  // entry whose mount the platform does not report cannot be counted either way (UNKNOWN if it decides).
  evaluate: ({ dataExchange }) => {
    const systems: System[] = dataExchange.systems;
    if (systems.length === 0) {
      return fail(
        '政务信息资源共享交换平台上没有该项目的接入系统',
        'The exchange platform has no system of the project',
      );
    }
    const connected = systems.filter((s) => s.fact.accessStatus === 'CONNECTED');
    if (connected.length === 0) {
      return fail(
        `接入系统均未接通：${describeSystems(systems, 'zh')}`,
        `No system is CONNECTED: ${describeSystems(systems, 'en')}`,
        evidenceOf(systems),
      );
    }
    const ids = new Set(connected.map((s) => s.fact.systemId));
    const entries: Entry[] = dataExchange.catalog.filter((e) => ids.has(e.fact.systemId));
    const published = entries.filter((e) => e.fact.status === 'PUBLISHED');
    const mounted = published.filter((e) => isMounted(e.fact));
    if (mounted.length > 0) {
      return pass(
        `接入系统 ${describeSystems(connected, 'zh')}；${mounted.length} 条资源目录已发布并挂接数据：${describeEntries(mounted, 'zh')}`,
        `System(s) ${describeSystems(connected, 'en')}; ${mounted.length} catalogue entr(ies) PUBLISHED with data mounted: ${describeEntries(mounted, 'en')}`,
        [...evidenceOf(connected), ...evidenceOf(mounted)],
      );
    }
    const evidence = [...evidenceOf(connected), ...evidenceOf(entries)];
    const unsure = published.filter((e) => e.fact.mountType === null);
    if (unsure.length > 0) {
      return unknown(
        `已发布的资源目录 ${describeEntries(unsure, 'zh')} 未报告挂接方式，无法判断是否已挂接数据`,
        `PUBLISHED catalogue entr(ies) ${describeEntries(unsure, 'en')} report no mount type: cannot tell whether data is mounted`,
        evidence,
      );
    }
    const onRecord = entries.length
      ? {
          zh: `（现有目录：${describeEntries(entries, 'zh')}）`,
          en: ` (entries: ${describeEntries(entries, 'en')})`,
        }
      : { zh: '（没有资源目录）', en: ' (no catalogue entry)' };
    return fail(
      `已接通的系统 ${describeSystems(connected, 'zh')} 没有已发布并挂接数据的资源目录${onRecord.zh}`,
      `The CONNECTED system(s) ${describeSystems(connected, 'en')} have no PUBLISHED catalogue entry with data mounted${onRecord.en}`,
      evidence,
    );
  },
});
