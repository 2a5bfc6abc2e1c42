import type { RuleDefinition } from '../../model';
import { fail, pass } from '../../shared/outcome';
import { yesNo } from '../../shared/registry';
import type { YueyangSettings } from './settings';

// Basis local: 第十、十一条 (纳入年度计划是前置审查、立项、安排资金的前提).
export const yyPlan: RuleDefinition<YueyangSettings> = {
  id: 'YY-PLAN',
  pack: 'yueyang',
  title: { zh: '纳入年度计划', en: 'In the annual plan' },
  clause: '第十、十一条',
  basis: 'local',
  severity: 'blocking',
  domain: 'management',
  requirement: {
    zh: '项目列入市本级政务信息化项目建设年度计划或年度增补计划（登记表计划年度或是否增补计划）',
    en: "The project is in the city's annual IT project plan or its supplementary plan (registry plan year or supplementary plan)",
  },
  sources: [],
  // Reading: a plan year on record means the project is in that year's plan (the supplementary one
  // when so flagged); without a year, 是否增补计划 = 是 still places it in a supplementary plan.
  evaluate: ({ project }) => {
    const { planYear, supplementaryPlan } = project;
    if (planYear !== null) {
      return supplementaryPlan
        ? pass(`列入 ${planYear} 年度增补计划`, `In the ${planYear} supplementary plan`)
        : pass(`列入 ${planYear} 年度计划`, `In the ${planYear} annual plan`);
    }
    if (supplementaryPlan === true) {
      return pass('列入年度增补计划（计划年度未登记）', 'In a supplementary plan (plan year not recorded)');
    }
    return fail(
      `未列入年度计划或增补计划（计划年度：空，是否增补计划：${yesNo(supplementaryPlan, 'zh')}）`,
      `Not in the annual or a supplementary plan (plan year: empty, supplementary plan: ${yesNo(supplementaryPlan, 'en')})`,
    );
  },
};
