import type { RuleDefinition } from '../../model';
import { runsInEgovExtranet } from '../../shared/cloud';
import { withinMeasures } from './scope';
import type { ChenzhouSettings } from './settings';

// Basis local: 第四条(四) of the measures (应联尽联: 自建业务系统应联通接入电子政务网).
export const czNet: RuleDefinition<ChenzhouSettings> = {
  id: 'CZ-NET',
  pack: 'chenzhou',
  title: { zh: '应联尽联 电子政务网', en: 'Systems join the e-government network' },
  clause: '第四条(四)',
  basis: 'local',
  severity: 'blocking',
  domain: 'cloud',
  requirement: {
    zh: '有运行中政务云资源的项目，至少 1 个运行中的资源位于电子政务外网区；互联网区资源在原因中列出',
    en: 'A project with running cloud resources has at least one of them in the e-gov extranet zone; internet-zone resources are listed',
  },
  sources: ['gov-cloud'],
  appliesTo: (project) => withinMeasures(project),
  evaluate: ({ cloud }) => runsInEgovExtranet(cloud.resources),
};
