import { fail, pass } from '../shared/outcome';
import { z } from 'zod';
import { defineCheck } from './model';
import { ZNonNegativeInt } from './params';

export const omPeriod = defineCheck({
  id: 'om-period',
  title: { zh: '运维期不少于规定月数', en: 'O&M period long enough' },
  description: {
    zh: '登记表的运维期不少于 minMonths 个月为 PASS；没有运维期为 FAIL',
    en: 'PASS when the O&M period in the registry is at least `minMonths`; FAIL without one',
  },
  params: z.strictObject({ minMonths: ZNonNegativeInt }),
  sources: [],
  evaluate: ({ project }, params) => {
    const min = params.minMonths;
    const months = project.omPeriodMonths;
    if (months === null) {
      return fail(
        `登记表没有运维期（应不少于 ${min} 个月）`,
        `No O&M period on record (at least ${min} months required)`,
      );
    }
    return months >= min
      ? pass(`运维期 ${months} 个月，不少于 ${min} 个月`, `O&M period ${months} months, at least ${min}`)
      : fail(`运维期 ${months} 个月，少于 ${min} 个月`, `O&M period ${months} months, less than ${min}`);
  },
});
