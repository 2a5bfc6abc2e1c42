import { fail, pass } from '../shared/outcome';
import { compareDecimal, investmentText, onRecord, wan } from '../shared/registry';
import { z } from 'zod';
import { defineCheck } from './model';
import { ZAmount } from './params';

export const reviewPath = defineCheck({
  id: 'review-path',
  title: { zh: '按投资额的评审程序', en: 'Reviews by investment' },
  description: {
    zh: '低于 procurementLimit 为 PASS；达到它须有技术初审和财政投资评审；达到 approvalThreshold 还须立项',
    en: 'PASS below `procurementLimit`; from it up technical and financial reviews; from `approvalThreshold` up the approval too',
  },
  params: z.strictObject({ procurementLimit: ZAmount, approvalThreshold: ZAmount }),
  sources: [],
  // Reading: "以上" includes the figure: exactly the procurement limit needs the reviews, exactly the
  // approval threshold also needs the approval; 立项 is on record as its date (立项日期).
  evaluate: ({ project }, params) => {
    const limit = params.procurementLimit;
    const threshold = params.approvalThreshold;
    if (compareDecimal(project.investment, limit) < 0) {
      return pass(
        `${investmentText(project, 'zh')}，未达到政府采购限额标准 ${wan(limit, 'zh')}：由建设单位自行组织实施，无需评审`,
        `The ${investmentText(project, 'en')} is below the procurement limit of ${wan(limit, 'en')}: the unit implements it itself, no review needed`,
      );
    }
    const needsApproval = compareDecimal(project.investment, threshold) >= 0;
    const tier = needsApproval
      ? {
          zh: `${investmentText(project, 'zh')}，达到立项金额标准 ${wan(threshold, 'zh')}，须立项、技术初审和财政投资评审`,
          en: `The ${investmentText(project, 'en')} reaches the approval threshold of ${wan(threshold, 'en')}: project approval, technical and financial reviews are required`,
        }
      : {
          zh: `${investmentText(project, 'zh')}，达到政府采购限额标准 ${wan(limit, 'zh')}、未达到立项金额标准 ${wan(threshold, 'zh')}，须技术初审和财政投资评审`,
          en: `The ${investmentText(project, 'en')} is between the procurement limit of ${wan(limit, 'en')} and the approval threshold of ${wan(threshold, 'en')}: technical and financial reviews are required`,
        };
    const steps = [
      ...(needsApproval ? [['立项', 'project approval', project.approvedOn] as const] : []),
      ['技术初审', 'technical review', project.technicalReviewRef] as const,
      ['财政投资评审', 'financial review', project.financialReviewRef] as const,
    ];
    const missing = steps.filter(([, , ref]) => !onRecord(ref));
    if (missing.length > 0) {
      return fail(
        `${tier.zh}；缺少：${missing.map(([zh]) => zh).join('、')}`,
        `${tier.en}; missing: ${missing.map(([, en]) => en).join(', ')}`,
      );
    }
    return pass(
      `${tier.zh}；均已记录：${steps.map(([zh, , ref]) => `${zh} ${ref}`).join('、')}`,
      `${tier.en}; all on record: ${steps.map(([, en, ref]) => `${en} ${ref}`).join(', ')}`,
    );
  },
});
