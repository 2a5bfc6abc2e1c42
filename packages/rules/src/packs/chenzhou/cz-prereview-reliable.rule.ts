import type { RuleDefinition } from '../../model';
import { fail, pass } from '../../shared/outcome';
import { fromInvestment, investmentText, onRecord, wan } from '../../shared/registry';
import { withinMeasures } from './scope';
import type { ChenzhouSettings } from './settings';

// Basis local: 第九条 (安全可靠要求 and 国家电子档案管理政策 among the pre-reviews of a project).
export const czPrereviewReliable: RuleDefinition<ChenzhouSettings> = {
  id: 'CZ-PREREVIEW-RELIABLE',
  pack: 'chenzhou',
  title: { zh: '安全可靠与电子档案前置审查', en: 'Secure-and-reliable and e-archive pre-reviews' },
  clause: '第九条',
  basis: 'local',
  severity: 'advisory',
  domain: 'management',
  requirement: {
    zh: '总投资达到政府采购限额标准（默认 80 万元，可配置）的项目，安全可靠审查和电子档案审查均记录在案',
    en: 'A project at or above the procurement limit (default 80 ×10k yuan, configurable) has its secure-and-reliable review and its e-archive review on record',
  },
  sources: [],
  // Reading: as CZ-PREREVIEW, art. 9's pre-reviews start at the procurement limit (the limit included).
  appliesTo: (project, settings) =>
    withinMeasures(project, () => fromInvestment(project, settings.procurementLimit)),
  evaluate: ({ project, settings }) => {
    const figure = {
      zh: `${investmentText(project, 'zh')}，达到政府采购限额标准 ${wan(settings.procurementLimit, 'zh')}`,
      en: `The ${investmentText(project, 'en')} reaches the procurement limit of ${wan(settings.procurementLimit, 'en')}`,
    };
    const reviews = [
      ['安全可靠审查', 'secure-and-reliable review', project.reliabilityPrereviewRef],
      ['电子档案审查', 'e-archive review', project.eArchivePrereviewRef],
    ] as const;
    const missing = reviews.filter(([, , ref]) => !onRecord(ref));
    if (missing.length > 0) {
      return fail(
        `${figure.zh}；缺少：${missing.map(([zh]) => zh).join('、')}`,
        `${figure.en}; missing: ${missing.map(([, en]) => en).join(', ')}`,
      );
    }
    return pass(
      `${figure.zh}；${reviews.map(([zh, , ref]) => `${zh} ${ref}`).join('、')} 均已记录`,
      `${figure.en}; ${reviews.map(([, en, ref]) => `${en} ${ref}`).join(', ')} on record`,
    );
  },
};
