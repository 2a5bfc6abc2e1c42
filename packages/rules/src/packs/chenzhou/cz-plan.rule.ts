import type { RuleDefinition } from '../../model';
import { fail, pass } from '../../shared/outcome';
import { onRecord } from '../../shared/registry';
import { withinMeasures } from './scope';
import type { ChenzhouSettings } from './settings';

// Basis local: 第六条 of the measures (未申报的原则上不予审批，特殊情况报领导小组“一事一议”).
export const czPlan: RuleDefinition<ChenzhouSettings> = {
  id: 'CZ-PLAN',
  pack: 'chenzhou',
  title: { zh: '年度申报', en: 'Declared for the annual plan' },
  clause: '第六条',
  basis: 'local',
  severity: 'blocking',
  domain: 'management',
  requirement: {
    zh: '项目列入年度项目计划（登记表计划年度），或有领导小组“一事一议”决定文号',
    en: 'The project is in the annual plan (registry plan year), or a case-by-case decision of the leading group is on record',
  },
  sources: [],
  appliesTo: (project) => withinMeasures(project),
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
};
