import type { BoundFact, YwtbSystemFact } from '../facts';
import { evidenceOf, fail, pass, unknown } from '../shared/outcome';
import { instantMs, wholeDaysSince, withinDays } from '../shared/time';
import { z } from 'zod';
import { defineCheck } from './model';
import { ZPositiveInt } from './params';
import { instantText, upstreamValue } from '@hub/vocabulary';

const REQUIRED_ITEMS = [
  ['unifiedIdentity', '统一身份认证', 'unified identity'],
  ['unifiedIntake', '统一受理', 'unified intake'],
  ['caseDataReturn', '办件数据回流', 'case-data return'],
] as const;

type Ywtb = BoundFact<YwtbSystemFact>;
interface Standing {
  record: Ywtb;
  status: 'met' | 'unmet' | 'unreadable';
  zh: string[];
  en: string[];
}

export const oneStopIntegration = defineCheck({
  id: 'one-stop-integration',
  title: { zh: '与“一网通办”对接', en: 'One-stop platform integration' },
  description: {
    zh: '“一网通办”上有一个系统状态为 ONLINE、完成统一身份认证、统一受理和办件数据回流，且最近一次回流不超过 maxAgeDays 天；回流时间无法读取为 UNKNOWN',
    en: 'A one-stop system is ONLINE with unified identity, intake and case-data return, its last return at most `maxAgeDays` old; UNKNOWN on an unreadable time',
  },
  params: z.strictObject({ maxAgeDays: ZPositiveInt }),
  sources: ['service-platforms'],
  // Reading: one 一网通办 system meeting every condition suffices (a project may also hold older or
  // test integrations); an empty return time means no return has happened (FAIL).
  evaluate: ({ services, now }, params) => {
    const records = services.ywtb;
    if (records.length === 0) {
      return fail(
        '“一网通办”平台上没有该项目的对接系统记录',
        'The one-stop service platform has no integrated system of the project',
      );
    }
    const days = params.maxAgeDays;
    const standings = records.map((record): Standing => {
      const f = record.fact;
      const zh: string[] = [];
      const en: string[] = [];
      if (f.status !== 'ONLINE') {
        zh.push(`状态为${upstreamValue('ywtbStatus', f.status).zh}`);
        en.push(`status ${upstreamValue('ywtbStatus', f.status).en}`);
      }
      const missing = REQUIRED_ITEMS.filter(([key]) => !f.items[key]);
      if (missing.length > 0) {
        zh.push(`未完成对接：${missing.map(([, z]) => z).join('、')}`);
        en.push(`not integrated: ${missing.map(([, , e]) => e).join(', ')}`);
      }
      const returnMs = instantMs(f.lastCaseReturnAt);
      if (f.lastCaseReturnAt === null) {
        zh.push('没有办件数据回流记录');
        en.push('no case-data return on record');
      } else if (returnMs !== null && !withinDays(returnMs, now, days)) {
        zh.push(`最近一次办件数据回流于 ${instantText(f.lastCaseReturnAt!).zh}，已超过 ${days} 天`);
        en.push(
          `last case-data return at ${instantText(f.lastCaseReturnAt!).en}, more than ${days} days ago`,
        );
      }
      if (zh.length > 0) return { record, status: 'unmet', zh, en };
      if (returnMs === null) {
        return {
          record,
          status: 'unreadable',
          zh: [`最近一次办件数据回流时间 ${f.lastCaseReturnAt} 无法读取`],
          en: [`last case-data return time ${f.lastCaseReturnAt} is unreadable`],
        };
      }
      const age = wholeDaysSince(returnMs, now);
      return {
        record,
        status: 'met',
        zh: [
          `已上线，完成统一身份认证、统一受理、办件数据回流，最近一次回流于 ${instantText(f.lastCaseReturnAt!).zh}（${age} 天前，不超过 ${days} 天）`,
        ],
        en: [
          `ONLINE with unified identity, unified intake and case-data return, last return at ${instantText(f.lastCaseReturnAt!).en} (${age} days ago, within ${days})`,
        ],
      };
    });
    const name = ({ record: { fact } }: Standing, lang: 'zh' | 'en') =>
      lang === 'zh' ? `${fact.systemCode}（${fact.systemName}）` : `${fact.systemCode} (${fact.systemName})`;
    const text = (list: Standing[]) => ({
      zh: list.map((s) => `${name(s, 'zh')}${s.zh.join('，')}`).join('；'),
      en: list.map((s) => `${name(s, 'en')}: ${s.en.join(', ')}`).join('; '),
    });
    const met = standings.filter((s) => s.status === 'met');
    if (met.length > 0) {
      const t = text(met);
      return pass(`“一网通办”系统 ${t.zh}`, `One-stop system ${t.en}`, evidenceOf(met.map((s) => s.record)));
    }
    const unreadable = standings.filter((s) => s.status === 'unreadable');
    if (unreadable.length > 0) {
      const t = text(unreadable);
      return unknown(
        `“一网通办”系统 ${t.zh}，无法判断回流是否及时`,
        `One-stop system ${t.en}: cannot tell whether returns are current`,
        evidenceOf(records),
      );
    }
    const t = text(standings);
    return fail(
      `“一网通办”对接未达要求：${t.zh}`,
      `One-stop integration falls short: ${t.en}`,
      evidenceOf(records),
    );
  },
});
