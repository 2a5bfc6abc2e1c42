import { z } from 'zod';
import { fail, pass } from '../shared/outcome';
import { yesNo } from '../shared/registry';
import { fill } from '../shared/template';
import { defineCheck } from './model';
import { ZFlagField, ZText } from './params';

export const declaredYes = defineCheck({
  id: 'declared-yes',
  title: { zh: '登记表载明为“是”', en: 'Declared yes in the registry' },
  description: {
    zh: 'flags 列出的登记表是/否字段均为“是”为 PASS（met），否则 FAIL（unmet，{missing} 为缺少的字段）；“否”和空白都不算已记录；since 为 acceptance 时先写明竣工验收日期',
    en: 'PASS (`met`) when every registry yes/no cell in `flags` says yes, FAIL (`unmet`, {missing} naming the others) otherwise; no and blank both leave it missing; `since: acceptance` states the acceptance date first',
  },
  params: z.strictObject({
    flags: z
      .array(z.strictObject({ field: ZFlagField, column: ZText }))
      .min(1, { error: '至少列出一个字段 / list at least one field' }),
    met: ZText,
    unmet: ZText,
    since: z.literal('acceptance', { error: '必须是 acceptance / must be acceptance' }).optional(),
  }),
  sources: [],
  // Reading: a document duty is met only by 是; an empty cell means nothing is on record (FAIL).
  evaluate: ({ project }, { flags, met, unmet, since }) => {
    const cells = flags.map((f) => ({ column: f.column, value: project[f.field] }));
    const quoted = {
      zh: cells.map((c) => `${c.column.zh}：${yesNo(c.value, 'zh')}`).join('，'),
      en: cells.map((c) => `${c.column.en}: ${yesNo(c.value, 'en')}`).join(', '),
    };
    const missing = cells.filter((c) => c.value !== true);
    const values = (lang: 'zh' | 'en') => ({
      missing: missing.map((c) => c.column[lang]).join(lang === 'zh' ? '、' : ', '),
    });
    const accepted = since === 'acceptance' ? project.acceptedOn : null;
    if (missing.length === 0) {
      const zh = `${fill(met.zh, values('zh'))}（${quoted.zh}）`;
      const en = `${fill(met.en, values('en'))} (${quoted.en})`;
      return accepted
        ? pass(`项目于 ${accepted} 通过竣工验收，${zh}`, `Accepted on ${accepted}; ${en}`)
        : pass(zh, en);
    }
    const zh = `${fill(unmet.zh, values('zh'))}（${quoted.zh}）`;
    const en = `${fill(unmet.en, values('en'))} (${quoted.en})`;
    return accepted
      ? fail(`项目于 ${accepted} 通过竣工验收，${zh}`, `Accepted on ${accepted}, ${en}`)
      : fail(zh, en);
  },
});
