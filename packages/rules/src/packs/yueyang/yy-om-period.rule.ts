import type { RuleDefinition } from '../../model';
import { fail, pass } from '../../shared/outcome';
import type { YueyangSettings } from './settings';

// Basis local: 第十八条 (约定建设后的运维期一般不少于1年).
export const yyOmPeriod: RuleDefinition<YueyangSettings> = {
  id: 'YY-OM-PERIOD',
  pack: 'yueyang',
  title: { zh: '运维期不少于1年', en: 'O&M period of at least one year' },
  clause: '第十八条',
  basis: 'local',
  severity: 'advisory',
  domain: 'management',
  requirement: {
    zh: '合同约定的运维期不少于 12 个月（可配置）',
    en: 'The contracted O&M period is at least 12 months (configurable)',
  },
  sources: [],
  evaluate: ({ project, settings }) => {
    const min = settings.omPeriodMinMonths;
    const months = project.omPeriodMonths;
    if (months === null) {
      return fail(
        `登记表没有运维期（应不少于 ${min} 个月）`,
        `No O&M period on record (at least ${min} months required)`,
      );
    }
    return months >= min
      ? pass(`运维期 ${months} 个月，不少于 ${min} 个月`, `O&M period ${months} months, at least ${min}`)
      : fail(`运维期 ${months} 个月，少于 ${min} 个月`, `O&M period ${months} months, less than ${min}`);
  },
};
