import type { RuleDefinition } from '../../model';
import { fail, pass } from '../../shared/outcome';
import { fromInvestment, investmentText, onRecord, wan } from '../../shared/registry';
import { withinMeasures } from './scope';
import type { ChenzhouSettings } from './settings';

// Basis local: 第十三条 of the measures (委托工程监理单位对项目建设进行工程监理).
export const czSupervision: RuleDefinition<ChenzhouSettings> = {
  id: 'CZ-SUPERVISION',
  pack: 'chenzhou',
  title: { zh: '工程监理', en: 'Engineering supervision' },
  clause: '第十三条',
  basis: 'local',
  severity: 'blocking',
  domain: 'management',
  requirement: {
    zh: '总投资达到政府采购限额标准（默认 80 万元，可配置）的项目，工程监理合同记录在案',
    en: 'A project at or above the procurement limit (default 80 ×10k yuan, configurable) has its supervision contract on record',
  },
  sources: [],
  // Reading: art. 13 names no threshold; below the procurement limit the unit implements the project
  // itself (art. 8), so supervision is required from the limit up, the limit itself included (以上).
  appliesTo: (project, settings) =>
    withinMeasures(project, () => fromInvestment(project, settings.procurementLimit)),
  evaluate: ({ project, settings }) => {
    const figure = {
      zh: `${investmentText(project, 'zh')}，达到政府采购限额标准 ${wan(settings.procurementLimit, 'zh')}`,
      en: `The ${investmentText(project, 'en')} reaches the procurement limit of ${wan(settings.procurementLimit, 'en')}`,
    };
    return onRecord(project.supervisionContractRef)
      ? pass(
          `${figure.zh}；监理合同 ${project.supervisionContractRef} 已记录`,
          `${figure.en}; supervision contract ${project.supervisionContractRef} on record`,
        )
      : fail(`${figure.zh}，但没有监理合同记录`, `${figure.en}, but no supervision contract is on record`);
  },
};
