import { z } from 'zod';
import { evidenceOf, fail, joined, pass } from '../shared/outcome';
import { defineCheck } from './model';
import { ZText } from './params';
import { upstreamValue } from '@hub/vocabulary';

export const mobileService = defineCheck({
  id: 'mobile-service',
  title: { zh: '移动服务依托统一入口', en: 'Mobile services in the city app' },
  description: {
    zh: '城市统一移动入口 app 上至少有 1 项已上线（ONLINE）服务，且登记表未登记为独立移动应用为 PASS',
    en: "PASS with at least one ONLINE service in the city's mobile entrance `app` and no standalone app in the registry",
  },
  params: z.strictObject({ app: ZText }),
  sources: ['service-platforms'],
  // Reading: only 是 in 是否独立移动应用 is a standalone app; an empty cell is not held against it.
  evaluate: ({ project, services }, { app }) => {
    const onRecord = services.ybyh;
    const online = onRecord.filter((s) => s.fact.status === 'ONLINE');
    const describe = (list: typeof onRecord, lang: 'zh' | 'en') =>
      list
        .map((s) =>
          lang === 'zh'
            ? `${s.fact.serviceId}（${s.fact.serviceName}，${upstreamValue('mobileServiceStatus', s.fact.status).zh}）`
            : `${s.fact.serviceId} (${s.fact.serviceName}, ${upstreamValue('mobileServiceStatus', s.fact.status).en})`,
        )
        .join(lang === 'zh' ? '、' : ', ');
    const standalone = project.standaloneMobileApp === true;
    if (online.length > 0 && !standalone) {
      return pass(
        `${app.zh}上有 ${online.length} 项已上线服务：${describe(online, 'zh')}；未登记为独立移动应用`,
        `${online.length} ONLINE service(s) in ${app.en}: ${describe(online, 'en')}; not registered as a standalone app`,
        evidenceOf(online),
      );
    }
    const zh: string[] = [];
    const en: string[] = [];
    if (standalone) {
      zh.push(`登记为独立移动应用（是否独立移动应用：是），应依托${app.zh}建设，已建的逐步关停整合`);
      en.push(`registered as a standalone mobile app (standalone app: yes); it must be built into ${app.en}`);
    }
    if (online.length === 0) {
      if (onRecord.length === 0) {
        zh.push(`${app.zh}上没有该项目的服务`);
        en.push(`${app.en} has no service of the project`);
      } else {
        zh.push(`${app.zh}上没有已上线的服务（现有：${describe(onRecord, 'zh')}）`);
        en.push(`no ONLINE service in ${app.en} (on record: ${describe(onRecord, 'en')})`);
      }
    }
    const reason = joined(zh, en);
    return fail(reason.zh, reason.en, evidenceOf(onRecord));
  },
});
