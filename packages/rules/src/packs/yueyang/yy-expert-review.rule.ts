import type { RuleDefinition } from '../../model';
import { fail, pass } from '../../shared/outcome';
import { fromInvestment, investmentText, onRecord, wan } from '../../shared/registry';
import type { YueyangSettings } from './settings';

// Basis local: 第十三条 (预算金额200万元（含）以上的项目应组织专家评审组进行评审).
export const yyExpertReview: RuleDefinition<YueyangSettings> = {
  id: 'YY-EXPERT-REVIEW',
  pack: 'yueyang',
  title: { zh: '200万元以上专家评审', en: 'Expert review from 2 million yuan' },
  clause: '第十三条',
  basis: 'local',
  severity: 'blocking',
  domain: 'management',
  requirement: {
    zh: '总投资 200 万元（含，可配置）以上的项目，建设方案的专家评审记录在案',
    en: 'A project of at least 200 ×10k yuan (inclusive, configurable) has its expert review on record',
  },
  sources: [],
  // Reading: the registry's total investment stands for the article's 预算金额 (budget amount).
  appliesTo: (project, settings) => fromInvestment(project, settings.expertReviewMinInvestment),
  evaluate: ({ project, settings }) => {
    const figure = {
      zh: `${investmentText(project, 'zh')}，不低于 ${wan(settings.expertReviewMinInvestment, 'zh')}`,
      en: `The ${investmentText(project, 'en')} is at least ${wan(settings.expertReviewMinInvestment, 'en')}`,
    };
    return onRecord(project.expertReviewRef)
      ? pass(
          `${figure.zh}；专家评审 ${project.expertReviewRef} 已记录`,
          `${figure.en}; expert review ${project.expertReviewRef} on record`,
        )
      : fail(`${figure.zh}，但没有专家评审记录`, `${figure.en}, but no expert review is on record`);
  },
};
