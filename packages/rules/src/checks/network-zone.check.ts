import { z } from 'zod';
import { runsInEgovExtranet } from '../shared/cloud';
import { defineCheck } from './model';

export const networkZone = defineCheck({
  id: 'network-zone',
  title: { zh: '部署于电子政务外网区', en: 'Deployed in the e-gov extranet zone' },
  description: {
    zh: '至少 1 个运行中的资源位于电子政务外网区为 PASS；没有运行中的资源为 NOT_APPLICABLE；互联网区资源在原因中列出',
    en: 'PASS with at least one running resource in the e-gov extranet zone; NOT_APPLICABLE without running resources; internet-zone resources listed',
  },
  params: z.strictObject({}),
  sources: ['gov-cloud'],
  evaluate: ({ cloud }) => runsInEgovExtranet(cloud.resources),
});
