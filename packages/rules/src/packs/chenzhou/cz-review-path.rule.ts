import type { RuleDefinition } from '../../model';
import { fail, pass } from '../../shared/outcome';
import { compareDecimal, investmentText, onRecord, wan } from '../../shared/registry';
import { withinMeasures } from './scope';
import type { ChenzhouSettings } from './settings';

// Basis local: 第八条 of the measures (按总投资确定的评审程序).
export const czReviewPath: RuleDefinition<ChenzhouSettings> = {
  id: 'CZ-REVIEW-PATH',
  pack: 'chenzhou',
  title: { zh: '按金额的评审程序', en: 'Reviews by investment' },
  clause: '第八条',
  basis: 'local',
  severity: 'blocking',
  domain: 'management',
  requirement: {
    zh: '总投资未达到政府采购限额标准（默认 80 万元）的由建设单位自行组织实施；达到限额标准、未达到立项金额标准（默认 1000 万元）的须有技术初审和财政投资评审；达到立项金额标准的还须立项（两项标准均可配置）',
    en: 'Below the procurement limit (default 80 ×10k yuan) the unit implements the project itself; from it up to the approval threshold (default 1000) technical and financial reviews are on record; from the threshold up the project approval too (both configurable)',
  },
  sources: [],
  appliesTo: (project) => withinMeasures(project),
  // Reading: "以上" includes the figure: exactly the procurement limit needs the reviews, exactly the
  // approval threshold also needs the approval; 立项 is on record as its date (立项日期).
  evaluate: ({ project, settings }) => {
    const limit = settings.procurementLimit;
    const threshold = settings.approvalThreshold;
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
};
