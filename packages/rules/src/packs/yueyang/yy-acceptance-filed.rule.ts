import type { RuleDefinition } from '../../model';
import { applies, doesNotApply, fail, pass } from '../../shared/outcome';
import { yesNo } from '../../shared/registry';
import type { YueyangSettings } from './settings';

// Basis local: 第二十五条(一) (验收后将验收报告等资料报市行政审批服务局备案) and 第二十七条.
export const yyAcceptanceFiled: RuleDefinition<YueyangSettings> = {
  id: 'YY-ACCEPTANCE-FILED',
  pack: 'yueyang',
  title: { zh: '竣工验收后资料（验收报告）报备', en: 'Acceptance report filed after completion acceptance' },
  clause: '第二十五条(一), 第二十七条',
  basis: 'local',
  severity: 'advisory',
  domain: 'management',
  requirement: {
    zh: '已竣工验收（登记表有竣工验收日期）的项目，验收报告等资料已报备（登记表“验收资料备案”为“是”）',
    en: 'A project that passed completion acceptance (a 竣工验收日期 in the registry) has filed its acceptance report (registry "验收资料备案": yes)',
  },
  sources: [],
  // Reading: the filing follows the acceptance; a document duty is met only by 是, an empty cell means
  // nothing is on record (FAIL).
  appliesTo: (project) =>
    project.acceptedOn
      ? applies
      : doesNotApply(
          '登记表没有竣工验收日期：项目尚未通过竣工验收',
          'The registry gives no completion acceptance date: the project has not passed acceptance yet',
        ),
  evaluate: ({ project }) =>
    project.acceptanceFiled === true
      ? pass(
          `项目于 ${project.acceptedOn} 通过竣工验收，验收资料已报备（验收资料备案：是）`,
          `Accepted on ${project.acceptedOn}; the acceptance report is filed (filed: yes)`,
        )
      : fail(
          `项目于 ${project.acceptedOn} 通过竣工验收，但验收资料未报备（验收资料备案：${yesNo(project.acceptanceFiled, 'zh')}）`,
          `Accepted on ${project.acceptedOn}, but the acceptance report is not filed (filed: ${yesNo(project.acceptanceFiled, 'en')})`,
        ),
};
