import type { BoundFact, CatalogEntryFact, ExchangeSystemFact } from '../../facts';
import type { RuleDefinition } from '../../model';
import { describeEntries, describeSystems, isMounted } from '../../shared/data-exchange';
import { applies, doesNotApply, evidenceOf, fail, pass, unknown } from '../../shared/outcome';
import type { YueyangSettings } from './settings';

type Entry = BoundFact<CatalogEntryFact>;
type System = BoundFact<ExchangeSystemFact>;

// Basis national-verified: the duty is 国办发〔2019〕57号's (as summarised in obligations.md); 第一条 of
// the measures only names it among their purposes.
export const yyDataShare: RuleDefinition<YueyangSettings> = {
  id: 'YY-DATA-SHARE',
  pack: 'yueyang',
  title: { zh: '通过共享交换平台共享数据', en: 'Data shared through the exchange platform' },
  clause: '第一条; 国办发〔2019〕57号',
  basis: 'national-verified',
  severity: 'blocking',
  domain: 'data-sharing',
  requirement: {
    zh: '有数据资源的项目，其系统在政务信息资源共享交换平台上已接通（CONNECTED），且至少有 1 条已发布并挂接数据的资源目录',
    en: 'A project with data resources has a system CONNECTED on the exchange platform with at least one PUBLISHED catalogue entry that has data mounted',
  },
  sources: ['data-exchange'],
  appliesTo: (project) =>
    project.hasDataResources
      ? applies
      : doesNotApply('登记表载明项目没有数据资源', 'The registry says the project has no data resources'),
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
};
