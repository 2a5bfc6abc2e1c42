import { z } from 'zod';
import { fromInvestment } from '../shared/registry';
import { defineCondition } from './model';
import { ZAmount } from './params';

export const investmentAtLeast = defineCondition({
  id: 'investment-at-least',
  title: { zh: '总投资达到金额', en: 'Investment at least' },
  description: {
    zh: '总投资不低于 threshold 万元（“以上”含本数）时适用',
    en: 'Applies from `threshold` ×10k yuan up ("以上" includes the figure)',
  },
  params: z.strictObject({ threshold: ZAmount }),
  test: (project, { threshold }) => fromInvestment(project, threshold),
});
