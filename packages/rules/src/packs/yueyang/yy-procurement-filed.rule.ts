import type { RuleDefinition } from '../../model';
import { fail, pass } from '../../shared/outcome';
import { yesNo } from '../../shared/registry';
import type { YueyangSettings } from './settings';

// Basis local: 第十九条 (采购文件和合同向市行政审批服务局报备).
export const yyProcurementFiled: RuleDefinition<YueyangSettings> = {
  id: 'YY-PROCUREMENT-FILED',
  pack: 'yueyang',
  title: { zh: '采购文件和合同报备', en: 'Procurement documents and contract filed' },
  clause: '第十九条',
  basis: 'local',
  severity: 'advisory',
  domain: 'management',
  requirement: {
    zh: '采购文件和合同已向市行政审批服务局报备（登记表“采购文件备案”为“是”）',
    en: 'The procurement documents and contract are filed with the approval bureau (registry "procurement filed": yes)',
  },
  sources: [],
  // Reading: a document duty is met only by 是; an empty cell means nothing is on record (FAIL).
  evaluate: ({ project }) =>
    project.procurementFiled === true
      ? pass(
          '采购文件和合同已报备（采购文件备案：是）',
          'Procurement documents and contract filed (procurement filed: yes)',
        )
      : fail(
          `采购文件和合同未报备（采购文件备案：${yesNo(project.procurementFiled, 'zh')}）`,
          `Procurement documents and contract not filed (procurement filed: ${yesNo(project.procurementFiled, 'en')})`,
        ),
};
