import { z } from 'zod';
import { ZBaseSettings } from '../../shared/settings';

export const ZChenzhouSettings = ZBaseSettings.extend({
  /** CZ-CLOUD-INTENSIVE: a running resource this large ... */
  intensiveMinVcpu: z.number().int().positive().default(4),
  /** ... whose 30-day CPU average is below this percentage is under-used (集约应用). */
  intensiveMaxCpuAvgPct: z.number().min(0).max(100).default(10),
});
export type ChenzhouSettings = z.infer<typeof ZChenzhouSettings>;
