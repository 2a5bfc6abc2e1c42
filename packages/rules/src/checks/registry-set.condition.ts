import { z } from 'zod';
import { applies, doesNotApply } from '../shared/outcome';
import { defineCondition } from './model';
import { ZRegistryField, ZText } from './params';

/** A 是 or a non-blank value in the cell. */
export const isSet = (value: unknown): boolean =>
  value === true || (typeof value === 'string' && value.length > 0);

export const registrySet = defineCondition({
  id: 'registry-set',
  title: { zh: '登记表载明', en: 'Registry cell set' },
  description: {
    zh: '登记表字段 field 为“是”或有值时适用；否则 NOT_APPLICABLE，原因为 reason（字段为空且给了 emptyReason 时用它）',
    en: 'Applies when the registry field is yes or filled; otherwise NOT_APPLICABLE with `reason` (`emptyReason` for an empty cell, if given)',
  },
  params: z.strictObject({ field: ZRegistryField, reason: ZText, emptyReason: ZText.optional() }),
  test: (project, { field, reason, emptyReason }) => {
    const value = project[field];
    if (isSet(value)) return applies;
    const why = value === null && emptyReason ? emptyReason : reason;
    return doesNotApply(why.zh, why.en);
  },
});
