import type { RuleDefinition } from '../../model';
import { applies, doesNotApply, fail, pass } from '../../shared/outcome';
import { onRecord } from '../../shared/registry';
import type { YueyangSettings } from './settings';

// Basis local: 第十六条 (项目立项后，建设单位应报送市财政部门进行财政投资评审).
export const yyFinanceReview: RuleDefinition<YueyangSettings> = {
  id: 'YY-FINANCE-REVIEW',
  pack: 'yueyang',
  title: { zh: '立项后财政投资评审', en: 'Fiscal investment review after approval' },
  clause: '第十六条',
  basis: 'local',
  severity: 'blocking',
  domain: 'management',
  requirement: {
    zh: '已立项（登记表有立项日期）的项目，财政投资评审记录在案（登记表“财政评审”）',
    en: 'An approved project (a 立项日期 in the registry) has its fiscal investment review on record (registry "财政评审")',
  },
  sources: [],
  // Reading: the duty follows the approval, so a project without a 立项日期 is not yet bound by it; a
  // blank 财政评审 cell means no review is on record (FAIL).
  appliesTo: (project) =>
    project.approvedOn
      ? applies
      : doesNotApply(
          '登记表没有立项日期：项目尚未立项，财政投资评审尚不适用',
          'The registry gives no approval date: the project is not yet approved, so the fiscal review does not apply yet',
        ),
  evaluate: ({ project }) =>
    onRecord(project.financialReviewRef)
      ? pass(
          `项目于 ${project.approvedOn} 立项；财政投资评审 ${project.financialReviewRef} 已记录`,
          `Approved on ${project.approvedOn}; fiscal investment review ${project.financialReviewRef} on record`,
        )
      : fail(
          `项目于 ${project.approvedOn} 立项，但没有财政投资评审记录`,
          `Approved on ${project.approvedOn}, but no fiscal investment review is on record`,
        ),
};
