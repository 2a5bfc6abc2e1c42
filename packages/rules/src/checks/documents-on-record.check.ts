import type { TProject } from '@hub/contracts';
import { z } from 'zod';
import type { Text } from '../facts';
import { fail, pass } from '../shared/outcome';
import { investmentText, onRecord, wan } from '../shared/registry';
import { defineCheck } from './model';
import { ZAmount, ZRecordField, ZText } from './params';

const ZParams = z
  .strictObject({
    /** the registry cells that must be on record, each with its name as a reason gives it */
    documents: z
      .array(z.strictObject({ field: ZRecordField, name: ZText }))
      .min(1, { error: '至少列出一份文件 / list at least one document' }),
    /** what the reason states first: the investment against `threshold`, or the approval date */
    since: z
      .enum(['investment', 'approval'], {
        error: '必须是 investment 或 approval / must be investment or approval',
      })
      .optional(),
    threshold: ZAmount.optional(),
    /** the threshold's name (政府采购限额标准 / the procurement limit): "reaches" rather than "at least" */
    limitName: ZText.optional(),
  })
  .refine((p) => p.since !== 'investment' || p.threshold !== undefined, {
    error: 'since: investment 需要 threshold / since: investment needs a threshold',
    path: ['threshold'],
  });
type Params = z.infer<typeof ZParams>;

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** What the reason states before the documents, or null. */
function figureOf(project: TProject, p: Params): Text | null {
  if (p.since === 'approval') {
    return { zh: `项目于 ${project.approvedOn} 立项`, en: `Approved on ${project.approvedOn}` };
  }
  if (p.since === 'investment' && p.threshold !== undefined) {
    const t = p.threshold;
    return p.limitName
      ? {
          zh: `${investmentText(project, 'zh')}，达到${p.limitName.zh} ${wan(t, 'zh')}`,
          en: `The ${investmentText(project, 'en')} reaches ${p.limitName.en} of ${wan(t, 'en')}`,
        }
      : {
          zh: `${investmentText(project, 'zh')}，不低于 ${wan(t, 'zh')}`,
          en: `The ${investmentText(project, 'en')} is at least ${wan(t, 'en')}`,
        };
  }
  return null;
}

export const documentsOnRecord = defineCheck({
  id: 'documents-on-record',
  title: { zh: '文件记录在案', en: 'Documents on record' },
  description: {
    zh: 'documents 列出的登记表文号或日期均不为空为 PASS，否则 FAIL 列出缺少的；since 为 investment 时先写明总投资与 threshold，为 approval 时先写明立项日期',
    en: 'PASS when every registry cell in `documents` is filled, FAIL listing the missing ones; `since: investment` states the investment against `threshold` first, `since: approval` the approval date',
  },
  params: ZParams,
  sources: [],
  evaluate: ({ project }, p) => {
    const figure = figureOf(project, p);
    const docs = p.documents.map((d) => ({ name: d.name, ref: project[d.field] }));
    if (docs.length === 1) {
      const [{ name, ref }] = docs as [(typeof docs)[number]];
      if (onRecord(ref)) {
        return figure
          ? pass(`${figure.zh}；${name.zh} ${ref} 已记录`, `${figure.en}; ${name.en} ${ref} on record`)
          : pass(`${name.zh} ${ref} 已记录`, `${capitalised(name.en)} ${ref} on record`);
      }
      return figure
        ? fail(`${figure.zh}，但没有${name.zh}记录`, `${figure.en}, but no ${name.en} is on record`)
        : fail(`没有${name.zh}记录`, `No ${name.en} is on record`);
    }
    const lead = (zh: string, en: string) =>
      figure ? { zh: `${figure.zh}；${zh}`, en: `${figure.en}; ${en}` } : { zh, en: capitalised(en) };
    const missing = docs.filter((d) => !onRecord(d.ref));
    if (missing.length > 0) {
      const t = lead(
        `缺少：${missing.map((d) => d.name.zh).join('、')}`,
        `missing: ${missing.map((d) => d.name.en).join(', ')}`,
      );
      return fail(t.zh, t.en);
    }
    const t = lead(
      `${docs.map((d) => `${d.name.zh} ${d.ref}`).join('、')} 均已记录`,
      `${docs.map((d) => `${d.name.en} ${d.ref}`).join(', ')} on record`,
    );
    return pass(t.zh, t.en);
  },
});
