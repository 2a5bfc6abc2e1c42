import type { RuleDefinition } from '../../model';
import { filedInTime } from '../../shared/mlps-deadline';
import type { YueyangSettings } from './settings';

// Basis national-verified: 公通字〔2007〕43号 第十五条 (level ≥ 2 files within 30 days of grading or operation).
export const yyMlpsTimely: RuleDefinition<YueyangSettings> = {
  id: 'YY-MLPS-TIMELY',
  pack: 'yueyang',
  title: { zh: '定级后或投入运行后30日内备案', en: 'MLPS filing within 30 days of grading or operation' },
  clause: '公通字〔2007〕43号 第十五条',
  basis: 'national-verified',
  severity: 'advisory',
  domain: 'security',
  requirement: {
    zh: '二级及以上系统在定级或投入运行（以较晚者为准）后 30 日内（可配置）取得备案；尚未备案且期限未到视为尚未到期',
    en: 'A level-2+ system files within 30 days (configurable) of its grading or its entry into operation, whichever is later; no filing yet and the deadline not passed is not yet due',
  },
  sources: ['mlps', 'gov-cloud'],
  evaluate: ({ mlps, cloud, now, settings }) =>
    filedInTime(mlps.filings, cloud.resources, now, settings.mlpsFilingDeadlineDays),
};
