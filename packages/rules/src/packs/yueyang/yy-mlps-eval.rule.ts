import type { RuleDefinition } from '../../model';
import { checkEvaluation, combineChecks, gradedAtLeast, noLevelThree } from '../../shared/mlps';
import type { YueyangSettings } from './settings';

// Basis national-verified: the duty and its intervals are 公通字〔2007〕43号's, whose clause was read.
export const yyMlpsEval: RuleDefinition<YueyangSettings> = {
  id: 'YY-MLPS-EVAL',
  pack: 'yueyang',
  title: { zh: '等级测评按期开展', en: 'MLPS evaluation on time' },
  clause: '公通字〔2007〕43号',
  basis: 'national-verified',
  severity: 'blocking',
  domain: 'security',
  requirement: {
    zh: '三级及以上系统的最近一次等级测评在规定期限内（三级 365 天，四级 183 天，可配置），且结论不为“差”',
    en: 'For each level-3+ system, the latest MLPS evaluation is within the interval (level 3: 365 days, level 4: 183, configurable) and did not conclude POOR',
  },
  sources: ['mlps'],
  // Reading: a level-5 system is held to the level-4 interval, the strictest the national text gives.
  evaluate: ({ mlps, settings, now }) => {
    const graded = gradedAtLeast(mlps.filings, 3);
    if (graded.length === 0) return noLevelThree(mlps.filings);
    const intervals = {
      level3Days: settings.mlpsEvalMaxAgeDaysLevel3,
      level4Days: settings.mlpsEvalMaxAgeDaysLevel4,
    };
    return combineChecks(graded.map((f) => checkEvaluation(f, intervals, now)));
  },
};
