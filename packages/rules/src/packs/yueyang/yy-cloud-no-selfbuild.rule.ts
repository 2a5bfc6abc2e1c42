import type { RuleDefinition } from '../../model';
import { normalizeSystemName } from '../../matching';
import { applies, doesNotApply, fail, pass, unknown } from '../../shared/outcome';
import type { YueyangSettings } from './settings';

// Basis local: 第六条 of the measures says city departments and counties no longer build their own.
export const yyCloudNoSelfbuild: RuleDefinition<YueyangSettings> = {
  id: 'YY-CLOUD-NO-SELFBUILD',
  pack: 'yueyang',
  title: {
    zh: '不再另行建设政务云或大数据中心',
    en: 'No separate government cloud or data centre',
  },
  clause: '第六条',
  basis: 'local',
  severity: 'blocking',
  domain: 'cloud',
  requirement: {
    zh: '除市大数据中心外，项目不得另行建设政务云或大数据中心（登记表“是否新建云或数据中心”为“否”）',
    en: 'Except for the city big-data centre, a project does not build its own government cloud or data centre (registry "builds a cloud or data centre": no)',
  },
  sources: [],
  // The big-data centre builds the city's shared infrastructure (art. 5); unit names are compared as
  // typed by hand (full/half width, spaces, brackets), credit codes exactly.
  appliesTo: (project, settings) => {
    const name = normalizeSystemName(project.unitName);
    const isCentre =
      settings.bigDataCentreUnitCodes.includes(project.unitCode) ||
      settings.bigDataCentreUnitNames.some((n) => normalizeSystemName(n) === name);
    return isCentre
      ? doesNotApply(
          `建设单位 ${project.unitName} 为市大数据中心，负责基础性、公共性政务信息化项目建设（第五条）`,
          `The unit ${project.unitName} is the city big-data centre, which builds shared infrastructure (art. 5)`,
        )
      : applies;
  },
  // Reading: an empty 是否新建云或数据中心 cell cannot show that the project builds none, and a FAIL
  // would accuse it of building one: UNKNOWN until the registry says.
  evaluate: ({ project }) => {
    if (project.buildsCloudOrDataCentre === false) {
      return pass(
        '登记表载明项目不新建政务云或数据中心（是否新建云或数据中心：否）',
        'The registry states the project builds no cloud or data centre (builds a cloud or data centre: no)',
      );
    }
    if (project.buildsCloudOrDataCentre === true) {
      return fail(
        '项目新建政务云或数据中心（是否新建云或数据中心：是）；市本级政务部门原则上不再另行建设，应使用市电子政务云',
        'The project builds its own cloud or data centre (builds a cloud or data centre: yes); it must use the city government cloud instead',
      );
    }
    return unknown(
      '登记表“是否新建云或数据中心”为空，无法判断；请补录',
      'The registry column "builds a cloud or data centre" is empty: cannot decide; fill it in',
    );
  },
};
