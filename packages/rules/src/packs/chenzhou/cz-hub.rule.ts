import type { RuleDefinition } from '../../model';
import { applies, doesNotApply, evidenceOf, fail, joined, pass, unknown } from '../../shared/outcome';
import { instantMs, wholeDaysSince, withinDays } from '../../shared/time';
import { withinMeasures } from './scope';
import type { ChenzhouSettings } from './settings';

// Basis local: 第四条(三) of the measures (应接尽接: 应用平台统一接入城市大脑中枢平台).
export const czHub: RuleDefinition<ChenzhouSettings> = {
  id: 'CZ-HUB',
  pack: 'chenzhou',
  title: { zh: '应接尽接 城市大脑中枢', en: 'Application platforms join the city brain hub' },
  clause: '第四条(三)',
  basis: 'local',
  severity: 'blocking',
  domain: 'platforms',
  requirement: {
    zh: '应用平台已接入城市大脑中枢（CONNECTED），且最近一次心跳不超过 7 天（可配置）',
    en: 'An application platform is CONNECTED to the city brain hub with its last heartbeat at most 7 days ago (configurable)',
  },
  sources: ['service-platforms'],
  // Reading: only 是 in 是否应用平台 makes the project an application platform; an empty cell is read as
  // not declared (NOT_APPLICABLE, said so), since the measures give no other test of what one is.
  appliesTo: (project) =>
    withinMeasures(project, () => {
      if (project.isApplicationPlatform === true) return applies;
      return project.isApplicationPlatform === false
        ? doesNotApply(
            '登记表载明项目不是应用平台',
            'The registry says the project is not an application platform',
          )
        : doesNotApply(
            '登记表未载明项目为应用平台（是否应用平台：空）',
            'The registry does not mark the project as an application platform (application platform: empty)',
          );
    }),
  // Reading: one connected application with a fresh heartbeat suffices; no heartbeat on record means
  // none arrived (FAIL).
  evaluate: ({ services, settings, now }) => {
    const apps = services.brain;
    if (apps.length === 0) {
      return fail(
        '城市大脑中枢没有该项目的应用接入记录',
        'The city brain hub has no application of the project',
      );
    }
    const days = settings.hubHeartbeatMaxAgeDays;
    const name = (a: (typeof apps)[number], lang: 'zh' | 'en') =>
      lang === 'zh' ? `${a.fact.appId}（${a.fact.appName}）` : `${a.fact.appId} (${a.fact.appName})`;
    const live = apps.filter((a) => {
      const ms = instantMs(a.fact.lastHeartbeatAt);
      return a.fact.status === 'CONNECTED' && ms !== null && withinDays(ms, now, days);
    });
    if (live.length > 0) {
      const a = live[0]!;
      const age = wholeDaysSince(instantMs(a.fact.lastHeartbeatAt) as number, now);
      return pass(
        `应用 ${name(a, 'zh')} 已接入城市大脑中枢，最近心跳 ${a.fact.lastHeartbeatAt}（${age} 天前，不超过 ${days} 天）`,
        `Application ${name(a, 'en')} is CONNECTED to the city brain hub, last heartbeat ${a.fact.lastHeartbeatAt} (${age} days ago, within ${days})`,
        evidenceOf(live),
      );
    }
    const unreadable = apps.filter(
      (a) =>
        a.fact.status === 'CONNECTED' &&
        a.fact.lastHeartbeatAt !== null &&
        instantMs(a.fact.lastHeartbeatAt) === null,
    );
    if (unreadable.length > 0) {
      return unknown(
        `应用 ${unreadable.map((a) => name(a, 'zh')).join('、')} 的心跳时间无法读取，无法判断是否在线`,
        `Application(s) ${unreadable.map((a) => name(a, 'en')).join(', ')} have an unreadable heartbeat time: cannot tell whether live`,
        evidenceOf(apps),
      );
    }
    const zh: string[] = [];
    const en: string[] = [];
    for (const a of apps) {
      if (a.fact.status !== 'CONNECTED') {
        zh.push(`应用 ${name(a, 'zh')} 状态为 ${a.fact.status}`);
        en.push(`application ${name(a, 'en')} is ${a.fact.status}`);
      } else if (a.fact.lastHeartbeatAt === null) {
        zh.push(`应用 ${name(a, 'zh')} 没有心跳记录`);
        en.push(`application ${name(a, 'en')} has no heartbeat on record`);
      } else {
        zh.push(`应用 ${name(a, 'zh')} 最近心跳 ${a.fact.lastHeartbeatAt}，已超过 ${days} 天`);
        en.push(
          `application ${name(a, 'en')} last heartbeat ${a.fact.lastHeartbeatAt}, more than ${days} days ago`,
        );
      }
    }
    const t = joined(zh, en);
    return fail(t.zh, t.en, evidenceOf(apps));
  },
};
