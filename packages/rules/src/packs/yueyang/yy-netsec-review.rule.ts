import type { RuleDefinition } from '../../model';
import { fail, pass } from '../../shared/outcome';
import { onRecord } from '../../shared/registry';
import type { YueyangSettings } from './settings';

// Basis local: 第五条 (市委网信办负责政务信息化项目的网络安全审查).
export const yyNetsecReview: RuleDefinition<YueyangSettings> = {
  id: 'YY-NETSEC-REVIEW',
  pack: 'yueyang',
  title: { zh: '网络安全审查', en: 'Network security review' },
  clause: '第五条',
  basis: 'local',
  severity: 'advisory',
  domain: 'security',
  requirement: {
    zh: '项目的网络安全审查记录在案（登记表“网络安全审查”）',
    en: 'The project has its network security review on record (registry "网络安全审查")',
  },
  sources: [],
  evaluate: ({ project }) =>
    onRecord(project.securityPrereviewRef)
      ? pass(
          `网络安全审查 ${project.securityPrereviewRef} 已记录`,
          `Network security review ${project.securityPrereviewRef} on record`,
        )
      : fail('没有网络安全审查记录', 'No network security review is on record'),
};
