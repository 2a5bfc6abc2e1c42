import { evidenceOf, fail, joined, pass, unknown } from '../shared/outcome';
import { instantMs, wholeDaysSince, withinDays } from '../shared/time';
import { z } from 'zod';
import { defineCheck } from './model';
import { ZPositiveInt } from './params';
import { instantText, upstreamValue } from '@hub/vocabulary';

export const hubHeartbeat = defineCheck({
  id: 'hub-heartbeat',
  title: { zh: '接入城市大脑中枢且在线', en: 'Connected to the city brain hub' },
  description: {
    zh: '有一个应用已接入（CONNECTED）城市大脑中枢且最近一次心跳不超过 maxAgeDays 天为 PASS；心跳时间无法读取为 UNKNOWN',
    en: 'PASS when an application is CONNECTED with its last heartbeat at most `maxAgeDays` old; UNKNOWN on an unreadable heartbeat',
  },
  params: z.strictObject({ maxAgeDays: ZPositiveInt }),
  sources: ['service-platforms'],
  // Reading: one connected application with a fresh heartbeat suffices; no heartbeat on record means
  // none arrived (FAIL).
  evaluate: ({ services, now }, params) => {
    const apps = services.brain;
    if (apps.length === 0) {
      return fail(
        '城市大脑中枢没有该项目的应用接入记录',
        'The city brain hub has no application of the project',
      );
    }
    const days = params.maxAgeDays;
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
        `应用 ${name(a, 'zh')} 已接入城市大脑中枢，最近心跳 ${instantText(a.fact.lastHeartbeatAt!).zh}（${age} 天前，不超过 ${days} 天）`,
        `Application ${name(a, 'en')} is CONNECTED to the city brain hub, last heartbeat ${instantText(a.fact.lastHeartbeatAt!).en} (${age} days ago, within ${days})`,
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
        zh.push(`应用 ${name(a, 'zh')} 状态为${upstreamValue('hubApplicationStatus', a.fact.status).zh}`);
        en.push(`application ${name(a, 'en')} is ${upstreamValue('hubApplicationStatus', a.fact.status).en}`);
      } else if (a.fact.lastHeartbeatAt === null) {
        zh.push(`应用 ${name(a, 'zh')} 没有心跳记录`);
        en.push(`application ${name(a, 'en')} has no heartbeat on record`);
      } else {
        zh.push(
          `应用 ${name(a, 'zh')} 最近心跳 ${instantText(a.fact.lastHeartbeatAt!).zh}，已超过 ${days} 天`,
        );
        en.push(
          `application ${name(a, 'en')} last heartbeat ${instantText(a.fact.lastHeartbeatAt!).en}, more than ${days} days ago`,
        );
      }
    }
    const t = joined(zh, en);
    return fail(t.zh, t.en, evidenceOf(apps));
  },
});
