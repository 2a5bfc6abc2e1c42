import { describeResources, productionResources } from '../shared/cloud';
import {
  checkEvaluation,
  combineChecks,
  describeFilings,
  filingsOnRecord,
  filedFilings,
  gradedAtLeast,
} from '../shared/mlps';
import { evidenceOf, fail, notApplicable, pass } from '../shared/outcome';
import { z } from 'zod';
import { defineCheck } from './model';
import { ZPositiveInt } from './params';

export const filedAndEvaluated = defineCheck({
  id: 'filed-and-evaluated',
  title: { zh: '已备案且按期测评', en: 'Filed and evaluated' },
  description: {
    zh: '有运行中的生产环境资源时须有已备案（FILED）的备案，三级及以上系统最近一次测评不超过 level3Days 天（四级 level4Days 天）且不为“差”；没有生产资源为 NOT_APPLICABLE',
    en: "With running production resources a FILED filing, and each level-3+ system's latest evaluation at most `level3Days` old (level 4: `level4Days`) and not POOR; NOT_APPLICABLE without production resources",
  },
  params: z.strictObject({ level3Days: ZPositiveInt, level4Days: ZPositiveInt }),
  sources: ['gov-cloud', 'mlps'],
  // Reading: a POOR evaluation fails as in Yueyang — art. 14 asks for a system kept secure, not only
  // for a report — and a level-4 system is held to the national six-month interval.
  evaluate: ({ cloud, mlps, now }, { level3Days, level4Days }) => {
    const production = productionResources(cloud.resources);
    if (production.length === 0) {
      return notApplicable('项目没有运行中的生产环境资源', 'The project has no running production resource');
    }
    const filings = mlps.filings;
    const filed = filedFilings(filings);
    if (filed.length === 0) {
      const others = filingsOnRecord(filings);
      return fail(
        `项目有运行中的生产环境资源（${describeResources(production, 'zh')}），但没有已备案（FILED）的等级保护备案（${others.zh}）`,
        `The project runs production resources (${describeResources(production, 'en')}) without a FILED MLPS filing (${others.en})`,
        [...evidenceOf(production), ...evidenceOf(filings)],
      );
    }
    const filedText = {
      zh: `已备案：${describeFilings(filed, 'zh')}`,
      en: `FILED: ${describeFilings(filed, 'en')}`,
    };
    const graded = gradedAtLeast(filings, 3);
    if (graded.length === 0) {
      return pass(
        `${filedText.zh}；无三级及以上系统，不要求定期等级测评`,
        `${filedText.en}; no level-3+ system, so no periodic evaluation is due`,
        [...evidenceOf(production), ...evidenceOf(filed)],
      );
    }
    const intervals = {
      level3Days,
      level4Days,
    };
    const others = filed.filter((f) => !graded.includes(f));
    return combineChecks(
      graded.map((f) => checkEvaluation(f, intervals, now)),
      { zh: `${filedText.zh}。`, en: `${filedText.en}. ` },
      [...evidenceOf(production), ...evidenceOf(others)],
    );
  },
});
