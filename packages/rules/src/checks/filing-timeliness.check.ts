import { z } from 'zod';
import { filedInTime } from '../shared/mlps-deadline';
import { defineCheck } from './model';
import { ZPositiveInt } from './params';

export const filingTimeliness = defineCheck({
  id: 'filing-timeliness',
  title: { zh: '定级或投入运行后按期备案', en: 'MLPS filing on time' },
  description: {
    zh: '二级及以上系统在定级或投入运行（以较晚者为准）后 days 日内备案；尚未备案且未到期为 PASS',
    en: 'A level-2+ system files within `days` of its grading or entering operation, whichever is later; not yet due is PASS',
  },
  params: z.strictObject({ days: ZPositiveInt }),
  sources: ['mlps', 'gov-cloud'],
  evaluate: ({ mlps, cloud, now }, { days }) => filedInTime(mlps.filings, cloud.resources, now, days),
});
