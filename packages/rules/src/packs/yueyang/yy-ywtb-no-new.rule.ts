import type { RuleDefinition } from '../../model';
import { fail, pass, unknown } from '../../shared/outcome';
import type { YueyangSettings } from './settings';

// Basis local: 第六条 (原则上不得新建政务服务平台).
export const yyYwtbNoNew: RuleDefinition<YueyangSettings> = {
  id: 'YY-YWTB-NO-NEW',
  pack: 'yueyang',
  title: { zh: '原则上不得新建政务服务平台', en: 'No new government service platform' },
  clause: '第六条',
  basis: 'local',
  severity: 'blocking',
  domain: 'platforms',
  requirement: {
    zh: '项目不新建政务服务平台，个性化需求依托市“一网通办”平台建设（登记表“是否新建政务服务平台”为“否”）',
    en: 'The project builds no new government service platform and builds on the one-stop platform instead (registry "builds a service platform": no)',
  },
  sources: [],
  // Reading: an empty cell cannot show that no platform is built: UNKNOWN until the registry says.
  evaluate: ({ project }) => {
    if (project.buildsServicePlatform === false) {
      return pass(
        '登记表载明项目不新建政务服务平台（是否新建政务服务平台：否）',
        'The registry states the project builds no service platform (builds a service platform: no)',
      );
    }
    if (project.buildsServicePlatform === true) {
      return fail(
        '项目新建政务服务平台（是否新建政务服务平台：是）；应依托市“一网通办”平台建设',
        'The project builds a new government service platform (builds a service platform: yes); it must build on the one-stop platform',
      );
    }
    return unknown(
      '登记表“是否新建政务服务平台”为空，无法判断；请补录',
      'The registry column "builds a service platform" is empty: cannot decide; fill it in',
    );
  },
};
