import { z } from 'zod';
import { applies, doesNotApply } from '../shared/outcome';
import { defineCondition } from './model';
import { ZRegistryField, ZText } from './params';
import { isSet } from './registry-set.condition';

export const registryNotSet = defineCondition({
  id: 'registry-not-set',
  title: { zh: '登记表未载明', en: 'Registry cell not set' },
  description: {
    zh: '登记表字段 field 为“是”或有值时 NOT_APPLICABLE，原因为 reason；否则适用',
    en: 'NOT_APPLICABLE with `reason` when the registry field is yes or filled; applies otherwise',
  },
  params: z.strictObject({ field: ZRegistryField, reason: ZText }),
  test: (project, { field, reason }) =>
    isSet(project[field]) ? doesNotApply(reason.zh, reason.en) : applies,
});
