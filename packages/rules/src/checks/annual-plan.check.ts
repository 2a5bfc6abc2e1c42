import { fail, pass } from '../shared/outcome';
import { yesNo } from '../shared/registry';
import { z } from 'zod';
import { defineCheck } from './model';

export const annualPlan = defineCheck({
  id: 'annual-plan',
  title: { zh: '列入年度计划或增补计划', en: 'In the annual or a supplementary plan' },
  description: {
    zh: '登记表有计划年度，或“是否增补计划”为“是”为 PASS',
    en: 'PASS with a plan year in the registry, or supplementary plan: yes',
  },
  params: z.strictObject({}),
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
});
