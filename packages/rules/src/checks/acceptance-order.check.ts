import { fail, pass } from '../shared/outcome';
import { onOrBefore } from '../shared/registry';
import { z } from 'zod';
import { defineCheck } from './model';

export const acceptanceOrder = defineCheck({
  id: 'acceptance-order',
  title: { zh: '先初步验收再申请竣工验收', en: 'Preliminary acceptance first' },
  description: {
    zh: '初步验收日期和竣工验收申请日期均已登记且前者不晚于后者为 PASS',
    en: 'PASS when both the preliminary acceptance and the completion application dates are on record, the former no later',
  },
  params: z.strictObject({}),
  sources: [],
  // Reading: the order is judged on the registry's dates, so a missing date is a step not on record
  // (FAIL); both on the same day count as in order, since a date carries no time of day.
  evaluate: ({ project }) => {
    const prelim = project.preliminaryAcceptanceOn;
    const applied = project.acceptanceAppliedOn;
    if (prelim === null || applied === null) {
      const missing = [
        ...(prelim === null ? [['初步验收日期', 'preliminary acceptance date']] : []),
        ...(applied === null ? [['竣工验收申请日期', 'completion application date']] : []),
      ];
      return fail(
        `登记表缺少${missing.map(([zh]) => zh).join('、')}，无法证明先初步验收再申请竣工验收`,
        `The registry lacks the ${missing.map(([, en]) => en).join(' and ')}: nothing shows preliminary acceptance came first`,
      );
    }
    return onOrBefore(prelim, applied)
      ? pass(
          `初步验收 ${prelim}，竣工验收申请 ${applied}：先初步验收再申请`,
          `Preliminary acceptance ${prelim}, completion application ${applied}: in order`,
        )
      : fail(
          `竣工验收申请（${applied}）早于初步验收（${prelim}）：应先自行组织初步验收`,
          `The completion application (${applied}) precedes the preliminary acceptance (${prelim}): preliminary acceptance must come first`,
        );
  },
});
