import { isCityLevel } from '@hub/contracts';
import type { RuleDefinition } from '../../model';
import { applies, doesNotApply, fail, pass } from '../../shared/outcome';
import type { YueyangSettings } from './settings';

// Basis local: 第六条 (重点领域实行全市统筹、协同建设，各县市区不得单独组织实施).
export const yyKeyDomain: RuleDefinition<YueyangSettings> = {
  id: 'YY-KEY-DOMAIN',
  pack: 'yueyang',
  title: {
    zh: '重点领域全市统筹，县市区不得单独实施',
    en: 'Key domains are built city-wide, not by a county alone',
  },
  clause: '第六条',
  basis: 'local',
  severity: 'blocking',
  domain: 'management',
  requirement: {
    zh: '县市区项目的业务领域不属于全市统筹的重点领域（协同办公、智慧教育、智慧医疗、智慧应急，可配置）',
    en: "A county project's domain is not one of the key domains built city-wide (collaborative office, education, health, emergency; configurable)",
  },
  sources: [],
  appliesTo: (project) =>
    isCityLevel(project.region) ? doesNotApply('市本级项目', 'City-level project') : applies,
  evaluate: ({ project, settings }) => {
    const list = settings.keyDomains.join('、');
    if (settings.keyDomains.includes(project.domain)) {
      return fail(
        `县市区项目（区划 ${project.region}）的业务领域为“${project.domain}”，属于全市统筹、协同建设的重点领域（${list}），县市区不得单独组织实施`,
        `County project (division ${project.region}) in the domain "${project.domain}", a key domain built city-wide (${list}): a county may not build it alone`,
      );
    }
    return pass(
      `县市区项目（区划 ${project.region}）的业务领域为“${project.domain}”，不属于全市统筹的重点领域（${list}）`,
      `County project (division ${project.region}) in the domain "${project.domain}", not a key domain built city-wide (${list})`,
    );
  },
};
