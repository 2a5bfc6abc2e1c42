import type { RuleDefinition } from '../../model';
import { fail, pass } from '../../shared/outcome';
import { fromInvestment, investmentText, onRecord, wan } from '../../shared/registry';
import type { YueyangSettings } from './settings';

// Basis local: 第二十一条 (投资200万元（含）以上的项目实行项目监理制).
export const yySupervision: RuleDefinition<YueyangSettings> = {
  id: 'YY-SUPERVISION',
  pack: 'yueyang',
  title: { zh: '200万元以上实行监理制', en: 'Engineering supervision from 2 million yuan' },
  clause: '第二十一条',
  basis: 'local',
  severity: 'blocking',
  domain: 'management',
  requirement: {
    zh: '总投资 200 万元（含，可配置）以上的项目，工程监理合同记录在案',
    en: 'A project of at least 200 ×10k yuan (inclusive, configurable) has its supervision contract on record',
  },
  sources: [],
  appliesTo: (project, settings) => fromInvestment(project, settings.supervisionMinInvestment),
  evaluate: ({ project, settings }) => {
    const figure = {
      zh: `${investmentText(project, 'zh')}，不低于 ${wan(settings.supervisionMinInvestment, 'zh')}`,
      en: `The ${investmentText(project, 'en')} is at least ${wan(settings.supervisionMinInvestment, 'en')}`,
    };
    return onRecord(project.supervisionContractRef)
      ? pass(
          `${figure.zh}；监理合同 ${project.supervisionContractRef} 已记录`,
          `${figure.en}; supervision contract ${project.supervisionContractRef} on record`,
        )
      : fail(`${figure.zh}，但没有监理合同记录`, `${figure.en}, but no supervision contract is on record`);
  },
};
