import type { RuleDefinition } from '../../model';
import { describeResources, productionResources } from '../../shared/cloud';
import {
  checkEvaluation,
  combineChecks,
  describeFilings,
  filedFilings,
  gradedAtLeast,
} from '../../shared/mlps';
import { evidenceOf, fail, notApplicable, pass } from '../../shared/outcome';
import { withinMeasures } from './scope';
import type { ChenzhouSettings } from './settings';

// Basis local: 第十四条 (网络安全等级保护、定期检测评估) and 第十六条 (验收前审查网络安全) of the measures;
// the evaluation intervals are the national ones those clauses apply.
export const czSecurity: RuleDefinition<ChenzhouSettings> = {
  id: 'CZ-SECURITY',
  pack: 'chenzhou',
  title: { zh: '网络安全等级保护、检测评估', en: 'MLPS filing and security evaluation' },
  clause: '第十四条, 第十六条',
  basis: 'local',
  severity: 'blocking',
  domain: 'security',
  requirement: {
    zh: '有运行中生产环境资源的项目有已备案（FILED）的等级保护备案；三级及以上系统的最近一次等级测评不超过 365 天（四级 183 天，可配置）且结论不为“差”',
    en: 'A project with running production resources has a FILED MLPS filing; for level-3+ systems the latest evaluation is at most 365 days old (level 4: 183; configurable) and not POOR',
  },
  sources: ['gov-cloud', 'mlps'],
  appliesTo: (project) => withinMeasures(project),
  // Reading: a POOR evaluation fails as in Yueyang — art. 14 asks for a system kept secure, not only
  // for a report — and a level-4 system is held to the national six-month interval.
  evaluate: ({ cloud, mlps, settings, now }) => {
    const production = productionResources(cloud.resources);
    if (production.length === 0) {
      return notApplicable('项目没有运行中的生产环境资源', 'The project has no running production resource');
    }
    const filings = mlps.filings;
    const filed = filedFilings(filings);
    if (filed.length === 0) {
      const others = filings.length
        ? {
            zh: `现有：${describeFilings(filings, 'zh')}`,
            en: `on record: ${describeFilings(filings, 'en')}`,
          }
        : { zh: '没有任何备案记录', en: 'no filing on record' };
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
      level3Days: settings.securityEvalMaxAgeDaysLevel3,
      level4Days: settings.securityEvalMaxAgeDaysLevel4,
    };
    const others = filed.filter((f) => !graded.includes(f));
    return combineChecks(
      graded.map((f) => checkEvaluation(f, intervals, now)),
      { zh: `${filedText.zh}。`, en: `${filedText.en}. ` },
      [...evidenceOf(production), ...evidenceOf(others)],
    );
  },
};
