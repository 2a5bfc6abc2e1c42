import type { RuleDefinition } from '../../model';
import { applies, doesNotApply, evidenceOf, fail, joined, pass } from '../../shared/outcome';
import type { YueyangSettings } from './settings';

// Basis local: 第六条 (“岳办岳好”为移动政务服务唯一入口，原则上不得新建移动服务平台).
export const yyYbyh: RuleDefinition<YueyangSettings> = {
  id: 'YY-YBYH',
  pack: 'yueyang',
  title: { zh: '“岳办岳好”为移动服务唯一入口', en: 'The city app is the only mobile service entrance' },
  clause: '第六条',
  basis: 'local',
  severity: 'blocking',
  domain: 'platforms',
  requirement: {
    zh: '有移动端的项目在“岳办岳好”至少有 1 项已上线（ONLINE）服务，且不是独立移动应用',
    en: 'A project with a mobile channel has at least one ONLINE service in the city app and is not a standalone mobile app',
  },
  sources: ['service-platforms'],
  appliesTo: (project) =>
    project.hasMobileChannel
      ? applies
      : doesNotApply('登记表载明项目没有移动端', 'The registry says the project has no mobile channel'),
  // Reading: only 是 in 是否独立移动应用 is a standalone app; an empty cell is not held against it.
  evaluate: ({ project, services }) => {
    const onRecord = services.ybyh;
    const online = onRecord.filter((s) => s.fact.status === 'ONLINE');
    const describe = (list: typeof onRecord, lang: 'zh' | 'en') =>
      list
        .map((s) =>
          lang === 'zh'
            ? `${s.fact.serviceId}（${s.fact.serviceName}，${s.fact.status}）`
            : `${s.fact.serviceId} (${s.fact.serviceName}, ${s.fact.status})`,
        )
        .join(lang === 'zh' ? '、' : ', ');
    const standalone = project.standaloneMobileApp === true;
    if (online.length > 0 && !standalone) {
      return pass(
        `“岳办岳好”上有 ${online.length} 项已上线服务：${describe(online, 'zh')}；未登记为独立移动应用`,
        `${online.length} ONLINE service(s) in the city app: ${describe(online, 'en')}; not registered as a standalone app`,
        evidenceOf(online),
      );
    }
    const zh: string[] = [];
    const en: string[] = [];
    if (standalone) {
      zh.push('登记为独立移动应用（是否独立移动应用：是），应依托“岳办岳好”建设，已建的逐步关停整合');
      en.push(
        'registered as a standalone mobile app (standalone app: yes); it must be built into the city app',
      );
    }
    if (online.length === 0) {
      if (onRecord.length === 0) {
        zh.push('“岳办岳好”上没有该项目的服务');
        en.push('the city app has no service of the project');
      } else {
        zh.push(`“岳办岳好”上没有已上线的服务（现有：${describe(onRecord, 'zh')}）`);
        en.push(`no ONLINE service in the city app (on record: ${describe(onRecord, 'en')})`);
      }
    }
    const reason = joined(zh, en);
    return fail(reason.zh, reason.en, evidenceOf(onRecord));
  },
};
