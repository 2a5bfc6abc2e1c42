import type { BoundFact, CatalogEntryFact, ExchangeSystemFact } from '../facts';
import { upstreamValue } from '@hub/vocabulary';

/** Data mounted on a catalogue entry: through an API, a database or files (NONE = catalogued only). */
export const isMounted = (e: CatalogEntryFact): boolean =>
  e.mountType === 'API' || e.mountType === 'DATABASE' || e.mountType === 'FILE';

/** `SYS-1（某系统，CONNECTED）` — how exchange systems are named in a reason. */
export function describeSystems(
  systems: readonly BoundFact<ExchangeSystemFact>[],
  lang: 'zh' | 'en',
): string {
  return systems
    .map((s) =>
      lang === 'zh'
        ? `${s.fact.systemId}（${s.fact.systemName}，${upstreamValue('exchangeAccessStatus', s.fact.accessStatus).zh}）`
        : `${s.fact.systemId} (${s.fact.systemName}, ${upstreamValue('exchangeAccessStatus', s.fact.accessStatus).en})`,
    )
    .join(lang === 'zh' ? '、' : ', ');
}

/** `430600-ZY-1（人口数据，PUBLISHED，API）` — how catalogue entries are named in a reason. */
export function describeEntries(entries: readonly BoundFact<CatalogEntryFact>[], lang: 'zh' | 'en'): string {
  const mount = (e: CatalogEntryFact) =>
    e.mountType
      ? upstreamValue('mountType', e.mountType)[lang]
      : lang === 'zh'
        ? '挂接方式未知'
        : 'mount unknown';
  return entries
    .map((e) =>
      lang === 'zh'
        ? `${e.fact.resourceCode}（${e.fact.resourceName}，${upstreamValue('catalogStatus', e.fact.status).zh}，${mount(e.fact)}）`
        : `${e.fact.resourceCode} (${e.fact.resourceName}, ${upstreamValue('catalogStatus', e.fact.status).en}, ${mount(e.fact)})`,
    )
    .join(lang === 'zh' ? '、' : ', ');
}
