import type { RuleDefinition } from '../../model';
import { runsInEgovExtranet } from '../../shared/cloud';
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
  evaluate: ({ cloud }) => runsInEgovExtranet(cloud.resources),
};
