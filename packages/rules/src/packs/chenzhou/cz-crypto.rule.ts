import type { RuleDefinition } from '../../model';
import { cryptoAssessed } from '../../shared/mlps';
import { withinMeasures } from './scope';
import type { ChenzhouSettings } from './settings';

// Basis local: 第九条 (pre-review against 国家密码管理政策法规标准) and 第十四条 (落实国家密码管理有关法律
// 法规和标准规范的工作要求) make the duty the measures' own, so its FAIL blocks; which systems need 密评
// (here: level ≥ 3) follows national practice.
export const czCrypto: RuleDefinition<ChenzhouSettings> = {
  id: 'CZ-CRYPTO',
  pack: 'chenzhou',
  title: { zh: '商用密码', en: 'Commercial cryptography' },
  clause: '第九条, 第十四条',
  basis: 'local',
  severity: 'blocking',
  domain: 'security',
  requirement: {
    zh: '三级及以上系统有商用密码应用安全性评估（密评），最近一次结论为“符合”或“基本符合”（GB/T 39786-2021）',
    en: 'Each level-3+ system has a cryptography assessment whose latest conclusion is PASS or BASIC_PASS (GB/T 39786-2021)',
  },
  sources: ['mlps'],
  appliesTo: (project) => withinMeasures(project),
  evaluate: ({ mlps }) => cryptoAssessed(mlps.filings),
};
