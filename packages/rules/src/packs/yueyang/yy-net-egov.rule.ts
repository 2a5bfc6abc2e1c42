import type { RuleDefinition } from '../../model';
import { describeResources, evidenceOf, notApplicable, running } from '../../shared/cloud';
import type { YueyangSettings } from './settings';

export const yyNetEgov: RuleDefinition<YueyangSettings> = {
  id: 'YY-NET-EGOV',
  pack: 'yueyang',
  title: { zh: '依托统一的电子政务网络部署', en: 'Deploy on the unified e-government network' },
  clause: '第六条',
  basis: 'local',
  severity: 'blocking',
  domain: 'cloud',
  requirement: {
    zh: '至少 1 个运行中的资源位于电子政务外网区；互联网区资源在原因中列出',
    en: 'At least one running resource in the e-gov extranet zone; internet-zone resources are listed',
  },
  sources: ['gov-cloud'],
  evaluate: ({ cloud }) => {
    const live = running(cloud.resources);
    if (live.length === 0) {
      return notApplicable('项目没有运行中的政务云资源', 'The project has no running cloud resource');
    }
    const egov = live.filter((r) => r.fact.networkZone === 'egov-extranet');
    const internet = live.filter((r) => r.fact.networkZone === 'internet');
    const internetNote = {
      zh: internet.length ? `；互联网区资源：${describeResources(internet, 'zh')}` : '',
      en: internet.length ? `; internet-zone resources: ${describeResources(internet, 'en')}` : '',
    };
    if (egov.length > 0) {
      return {
        verdict: 'PASS',
        reason: {
          zh: `${egov.length} 个运行中的资源位于电子政务外网区${internetNote.zh}`,
          en: `${egov.length} running resource(s) in the e-gov extranet zone${internetNote.en}`,
        },
        evidence: evidenceOf(live),
      };
    }
    return {
      verdict: 'FAIL',
      reason: {
        zh: `没有运行中的资源位于电子政务外网区（运行中：${describeResources(live, 'zh')}）${internetNote.zh}`,
        en: `No running resource in the e-gov extranet zone (running: ${describeResources(live, 'en')})${internetNote.en}`,
      },
      evidence: evidenceOf(live),
    };
  },
};
