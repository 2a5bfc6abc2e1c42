import { z } from 'zod';
import { cloudExemption as exemptionOf } from '../shared/cloud';
import { defineWaiver } from './model';

export const cloudExemption = defineWaiver({
  id: 'cloud-exemption',
  title: { zh: '不上云例外', en: 'Cloud exemption' },
  description: {
    zh: '登记表“不上云例外文号”不为空时 WAIVED，说明台账未载明审批机关和有效期',
    en: 'WAIVED when the registry holds a 不上云例外文号, saying the approver and validity are not recorded',
  },
  params: z.strictObject({}),
  waive: (project) => exemptionOf(project),
});
