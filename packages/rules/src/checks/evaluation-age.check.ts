import { checkEvaluation, combineChecks, gradedAtLeast, noLevelThree } from '../shared/mlps';
import { z } from 'zod';
import { defineCheck } from './model';
import { ZPositiveInt } from './params';

export const evaluationAge = defineCheck({
  id: 'evaluation-age',
  title: { zh: '等级测评按期开展', en: 'MLPS evaluation on time' },
  description: {
    zh: '每个三级及以上系统最近一次等级测评不超过 level3Days 天（四级及以上 level4Days 天）且结论不为“差”；没有三级及以上系统为 NOT_APPLICABLE；时间无法读取为 UNKNOWN',
    en: "Each level-3+ system's latest evaluation is at most `level3Days` old (level 4+: `level4Days`) and not POOR; NOT_APPLICABLE without a level-3+ system; UNKNOWN on an unreadable date",
  },
  params: z.strictObject({ level3Days: ZPositiveInt, level4Days: ZPositiveInt }),
  sources: ['mlps'],
  // Reading: a level-5 system is held to the level-4 interval, the strictest the national text gives.
  evaluate: ({ mlps, now }, { level3Days, level4Days }) => {
    const graded = gradedAtLeast(mlps.filings, 3);
    if (graded.length === 0) return noLevelThree(mlps.filings);
    const intervals = {
      level3Days,
      level4Days,
    };
    return combineChecks(graded.map((f) => checkEvaluation(f, intervals, now)));
  },
});
