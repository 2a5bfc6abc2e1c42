import { fail, pass } from '../shared/outcome';
import { onRecord } from '../shared/registry';
import { z } from 'zod';
import { defineCheck } from './model';

export const planOrDecision = defineCheck({
  id: 'plan-or-decision',
  title: { zh: '列入年度计划或一事一议', en: 'In the plan or decided case by case' },
  description: {
    zh: '登记表有计划年度，或有“一事一议”决定文号为 PASS',
    en: 'PASS with a plan year in the registry, or a case-by-case decision on record',
  },
  params: z.strictObject({}),
  sources: [],
  evaluate: ({ project }) => {
    if (project.planYear !== null) {
      return pass(`列入 ${project.planYear} 年度项目计划`, `In the ${project.planYear} annual plan`);
    }
    if (onRecord(project.caseByCaseDecision)) {
      return pass(
        `未列入年度计划，但有“一事一议”决定 ${project.caseByCaseDecision}`,
        `Not in the annual plan, but case-by-case decision ${project.caseByCaseDecision} is on record`,
      );
    }
    return fail(
      '未列入年度项目计划（计划年度：空），也没有“一事一议”决定',
      'Not in the annual plan (plan year: empty) and no case-by-case decision on record',
    );
  },
});
