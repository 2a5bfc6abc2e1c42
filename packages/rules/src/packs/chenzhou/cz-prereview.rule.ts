import type { RuleDefinition } from '../../model';
import { fail, pass } from '../../shared/outcome';
import { fromInvestment, investmentText, onRecord, wan } from '../../shared/registry';
import { withinMeasures } from './scope';
import type { ChenzhouSettings } from './settings';

// Basis local: 第九条 of the measures (密码前置审查 by 市委办, 网络安全前置审查备案 by 市委网信办).
export const czPrereview: RuleDefinition<ChenzhouSettings> = {
  id: 'CZ-PREREVIEW',
  pack: 'chenzhou',
  title: { zh: '密码与网络安全前置审查', en: 'Cryptography and network-security pre-reviews' },
  clause: '第九条',
  basis: 'local',
  severity: 'blocking',
  domain: 'security',
  requirement: {
    zh: '总投资达到政府采购限额标准（默认 80 万元，可配置）的项目，密码前置审查和网络安全前置审查备案均记录在案',
    en: 'A project at or above the procurement limit (default 80 ×10k yuan, configurable) has its cryptography pre-review and its network-security pre-review filing on record',
  },
  sources: [],
  // Reading: art. 9's pre-reviews belong to the review path of art. 8, which starts at the procurement
  // limit ("以上", the limit included).
  appliesTo: (project, settings) =>
    withinMeasures(project, () => fromInvestment(project, settings.procurementLimit)),
  evaluate: ({ project, settings }) => {
    const figure = {
      zh: `${investmentText(project, 'zh')}，达到政府采购限额标准 ${wan(settings.procurementLimit, 'zh')}`,
      en: `The ${investmentText(project, 'en')} reaches the procurement limit of ${wan(settings.procurementLimit, 'en')}`,
    };
    const reviews = [
      ['密码前置审查', 'cryptography pre-review', project.cryptoPrereviewRef],
      ['网络安全前置审查备案', 'network-security pre-review filing', project.securityPrereviewRef],
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
