import type { TProject } from '@hub/contracts';
import { fail, pass, unknown } from '../shared/outcome';
import { compareDecimal, investmentText, onOrBefore, wan } from '../shared/registry';
import { z } from 'zod';
import { defineCheck } from './model';
import { ZAmount } from './params';

const DATES = [
  ['preliminaryAcceptanceOn', '初步验收日期', 'preliminary acceptance date'],
  ['trialStartOn', '试运行开始日期', 'trial start date'],
  ['trialEndOn', '试运行结束日期', 'trial end date'],
  ['acceptanceAppliedOn', '竣工验收申请日期', 'completion acceptance application date'],
] as const satisfies readonly (readonly [keyof TProject, string, string])[];

export const acceptancePath = defineCheck({
  id: 'acceptance-path',
  title: { zh: '按投资额的验收程序', en: 'Acceptance procedure by investment' },
  description: {
    zh: '总投资低于 threshold 万元为 PASS（自行验收）；否则须依次有初步验收、试运行开始、试运行结束、竣工验收申请日期；试运行日期颠倒为 UNKNOWN',
    en: 'PASS below `threshold` (the unit accepts itself); from it up, preliminary acceptance, trial start, trial end and completion application dates in order; UNKNOWN when the trial dates are reversed',
  },
  params: z.strictObject({ threshold: ZAmount }),
  sources: [],
  // Reading: the path is judged on the registry's dates, so a date it lacks is a step not on record
  // (FAIL); a trial that ends before it starts is a registry error the rule cannot judge (UNKNOWN).
  evaluate: ({ project }, params) => {
    const threshold = params.threshold;
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
});
