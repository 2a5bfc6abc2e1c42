import type { RuleDefinition } from '../../model';
import { cryptoAssessed } from '../../shared/mlps';
import type { YueyangSettings } from './settings';

// Basis local: 第五条 gives the supervision of 商用密码应用 to the city's 机要、保密 departments, so its
// FAIL blocks; which systems need 密评 (here: level ≥ 3) follows national practice.
export const yyCrypto: RuleDefinition<YueyangSettings> = {
  id: 'YY-CRYPTO',
  pack: 'yueyang',
  title: { zh: '商用密码应用', en: 'Commercial cryptography' },
  clause: '第五条; national crypto rules',
  basis: 'local',
  severity: 'blocking',
  domain: 'security',
  requirement: {
    zh: '三级及以上系统有商用密码应用安全性评估（密评），最近一次结论为“符合”或“基本符合”（GB/T 39786-2021）',
    en: 'Each level-3+ system has a cryptography assessment whose latest conclusion is PASS or BASIC_PASS (GB/T 39786-2021)',
  },
  sources: ['mlps'],
  evaluate: ({ mlps }) => cryptoAssessed(mlps.filings),
};
