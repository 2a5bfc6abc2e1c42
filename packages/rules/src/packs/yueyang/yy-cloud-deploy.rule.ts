import type { RuleDefinition } from '../../model';
import { applies, cloudExemption, runsOnCloud } from '../../shared/cloud';
import type { YueyangSettings } from './settings';

export const yyCloudDeploy: RuleDefinition<YueyangSettings> = {
  id: 'YY-CLOUD-DEPLOY',
  pack: 'yueyang',
  title: { zh: '上云为原则、不上云为例外', en: 'Deploy on the government cloud unless exempt' },
  clause: '第六条',
  basis: 'local',
  severity: 'blocking',
  domain: 'cloud',
  requirement: {
    zh: '项目至少有 1 个运行中的政务云资源（测试环境亦可）；涉密系统、单位内部使用设备除外；不上云例外文号视为已批准的豁免',
    en: 'At least one running government-cloud resource (test counts); classified and internal-use systems excepted; a cloud exemption document waives it',
  },
  sources: ['gov-cloud'],
  appliesTo: (project) => {
    if (project.classified) {
      return {
        applies: false,
        reason: { zh: '涉密系统，按第六条可不上云', en: 'Classified system: exempt under art. 6' },
      };
    }
    if (project.internalUseOnly) {
      return {
        applies: false,
        reason: {
          zh: '单位内部使用设备，按第六条可不上云',
          en: 'Internal-use equipment: exempt under art. 6',
        },
      };
    }
    return applies;
  },
  waiver: cloudExemption,
  evaluate: ({ cloud }) => runsOnCloud(cloud.resources),
};
