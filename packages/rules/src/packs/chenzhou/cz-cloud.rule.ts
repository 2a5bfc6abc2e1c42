import type { RuleDefinition } from '../../model';
import { cloudExemption, runsOnCloud, unlessClassified } from '../../shared/cloud';
import type { ChenzhouSettings } from './settings';

export const czCloud: RuleDefinition<ChenzhouSettings> = {
  id: 'CZ-CLOUD',
  pack: 'chenzhou',
  title: { zh: '应统尽统', en: 'Everything that can go on the government cloud does' },
  clause: '第四条(一), 第十六条',
  basis: 'local',
  severity: 'blocking',
  domain: 'cloud',
  requirement: {
    zh: '项目至少有 1 个运行中的政务云资源；涉密系统除外（第二条）；不上云例外文号视为已批准的豁免',
    en: 'At least one running government-cloud resource; classified systems excepted (art. 2); a cloud exemption document waives it',
  },
  sources: ['gov-cloud'],
  appliesTo: unlessClassified,
  waiver: cloudExemption,
  evaluate: ({ cloud }) => runsOnCloud(cloud.resources),
};
