import { z } from 'zod';
import { runsOnCloud } from '../shared/cloud';
import { defineCheck } from './model';

export const cloudDeployment = defineCheck({
  id: 'cloud-deployment',
  title: { zh: '部署于政务云', en: 'Deployed on the government cloud' },
  description: {
    zh: '至少 1 个运行中的政务云资源（测试环境亦可）为 PASS，否则 FAIL，列出未运行的资源',
    en: 'PASS with at least one running government-cloud resource (test counts), FAIL otherwise, listing idle ones',
  },
  params: z.strictObject({}),
  sources: ['gov-cloud'],
  evaluate: ({ cloud }) => runsOnCloud(cloud.resources),
});
