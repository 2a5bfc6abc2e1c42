import { isCityLevel } from '@hub/contracts';
import { z } from 'zod';
import { applies, doesNotApply } from '../shared/outcome';
import { defineCondition } from './model';

export const countyLevel = defineCondition({
  id: 'county-level',
  title: { zh: '县市区项目', en: 'County project' },
  description: {
    zh: '只适用于县市区项目（区划不是市本级）',
    en: 'Applies to county projects only (the division is not the city level)',
  },
  params: z.strictObject({}),
  test: (project) =>
    isCityLevel(project.region) ? doesNotApply('市本级项目', 'City-level project') : applies,
});
