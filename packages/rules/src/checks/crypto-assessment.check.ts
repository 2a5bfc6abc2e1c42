import { z } from 'zod';
import { cryptoAssessed } from '../shared/mlps';
import { defineCheck } from './model';

export const cryptoAssessment = defineCheck({
  id: 'crypto-assessment',
  title: { zh: '商用密码应用安全性评估', en: 'Cryptography assessment' },
  description: {
    zh: '每个三级及以上系统最近一次密评结论为“符合”或“基本符合”；没有三级及以上系统为 NOT_APPLICABLE；评估时间无法读取为 UNKNOWN',
    en: "Each level-3+ system's latest assessment is PASS or BASIC_PASS; NOT_APPLICABLE without a level-3+ system; UNKNOWN on an unreadable date",
  },
  params: z.strictObject({}),
  sources: ['mlps'],
  evaluate: ({ mlps }) => cryptoAssessed(mlps.filings),
});
