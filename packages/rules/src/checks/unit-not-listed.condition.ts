import { z } from 'zod';
import { normalizeSystemName } from '../matching';
import { applies, doesNotApply } from '../shared/outcome';
import { fill } from '../shared/template';
import { defineCondition } from './model';
import { ZText, ZTextList } from './params';

export const unitNotListed = defineCondition({
  id: 'unit-not-listed',
  title: { zh: '建设单位不在名单内', en: 'Unit not listed' },
  description: {
    zh: '建设单位的名称（按手工录入的写法规范后比较）和统一社会信用代码都不在名单内时适用；否则 NOT_APPLICABLE，原因 reason 中 {unitName} 为单位名称',
    en: "Applies unless the unit's name (compared as typed by hand, normalised) or credit code is listed; otherwise NOT_APPLICABLE with `reason`, {unitName} being the unit's name",
  },
  params: z.strictObject({ names: ZTextList, codes: ZTextList, reason: ZText }),
  // Unit names are compared as typed by hand (full/half width, spaces, brackets), credit codes exactly.
  test: (project, { names, codes, reason }) => {
    const name = normalizeSystemName(project.unitName);
    const listed = codes.includes(project.unitCode) || names.some((n) => normalizeSystemName(n) === name);
    if (!listed) return applies;
    const values = { unitName: project.unitName };
    return doesNotApply(fill(reason.zh, values), fill(reason.en, values));
  },
});
