import type { TProject } from '@hub/contracts';
import type { RuleDefinition } from '../../model';
import { fail, pass, unknown } from '../../shared/outcome';
import { compareDecimal, investmentText, onOrBefore, wan } from '../../shared/registry';
import type { YueyangSettings } from './settings';

const DATES = [
  ['preliminaryAcceptanceOn', '初步验收日期', 'preliminary acceptance date'],
  ['trialStartOn', '试运行开始日期', 'trial start date'],
  ['trialEndOn', '试运行结束日期', 'trial end date'],
  ['acceptanceAppliedOn', '竣工验收申请日期', 'completion acceptance application date'],
] as const satisfies readonly (readonly [keyof TProject, string, string])[];

// Basis local: 第二十五条 (验收程序 by total investment).
export const yyAcceptancePath: RuleDefinition<YueyangSettings> = {
  id: 'YY-ACCEPTANCE-PATH',
  pack: 'yueyang',
  title: { zh: '验收程序', en: 'Acceptance procedure' },
  clause: '第二十五条',
  basis: 'local',
  severity: 'blocking',
  domain: 'management',
  requirement: {
    zh: '总投资 100 万元（可配置）以下由建设单位自行组织竣工验收；100 万元（含）以上须在试运行开始前完成初步验收，试运行结束后再提出竣工验收申请',
    en: 'Below 100 ×10k yuan (configurable) the unit organises acceptance itself; from 100 up, preliminary acceptance before the trial operation starts and the completion application after it ends',
  },
  sources: [],
  // Reading: the path is judged on the registry's dates, so a date it lacks is a step not on record
  // (FAIL); a trial that ends before it starts is a registry error the rule cannot judge (UNKNOWN).
  evaluate: ({ project, settings }) => {
    const threshold = settings.acceptanceExpertMinInvestment;
    if (compareDecimal(project.investment, threshold) < 0) {
      return pass(
        `${investmentText(project, 'zh')}，低于 ${wan(threshold, 'zh')}：由建设单位自行组织竣工验收并将验收报告报备`,
        `The ${investmentText(project, 'en')} is below ${wan(threshold, 'en')}: the unit organises completion acceptance itself and files the report`,
      );
    }
    const figure = {
      zh: `${investmentText(project, 'zh')}，不低于 ${wan(threshold, 'zh')}`,
      en: `The ${investmentText(project, 'en')} is at least ${wan(threshold, 'en')}`,
    };
    const { preliminaryAcceptanceOn: prelim, trialStartOn: start, trialEndOn: end } = project;
    const applied = project.acceptanceAppliedOn;
    const zh: string[] = [];
    const en: string[] = [];
    const missing = DATES.filter(([key]) => project[key] === null);
    if (missing.length > 0) {
      zh.push(`登记表缺少${missing.map(([, z]) => z).join('、')}`);
      en.push(`the registry lacks the ${missing.map(([, , e]) => e).join(', ')}`);
    }
    if (prelim && start && !onOrBefore(prelim, start)) {
      zh.push(`初步验收（${prelim}）晚于试运行开始（${start}）`);
      en.push(`preliminary acceptance (${prelim}) after the trial started (${start})`);
    }
    if (end && applied && !onOrBefore(end, applied)) {
      zh.push(`竣工验收申请（${applied}）早于试运行结束（${end}）`);
      en.push(`completion application (${applied}) before the trial ended (${end})`);
    }
    if (zh.length > 0) {
      return fail(
        `${figure.zh}，应先初步验收、再试运行、试运行结束后申请竣工验收：${zh.join('；')}`,
        `${figure.en}: preliminary acceptance, then trial operation, then the completion application; ${en.join('; ')}`,
      );
    }
    // All four dates are on record here.
    if (!onOrBefore(start as string, end as string)) {
      return unknown(
        `登记表中试运行结束（${end}）早于试运行开始（${start}），日期有误，无法判断验收程序；请更正`,
        `The registry's trial end (${end}) precedes its start (${start}): the dates are wrong, so the path cannot be judged; correct them`,
      );
    }
    return pass(
      `${figure.zh}；初步验收 ${prelim}，试运行 ${start} 至 ${end}，竣工验收申请 ${applied}，顺序符合要求`,
      `${figure.en}; preliminary acceptance ${prelim}, trial ${start} to ${end}, completion application ${applied}, in order`,
    );
  },
};
