import { z } from 'zod';
import { ZBaseSettings } from '../../shared/settings';

/**
 * CZ-DATA-SHARE: how old (days) a catalogue entry's last data update may be for its update cycle.
 * Reading: a cycle's length is its longest calendar span (a month 31 days, a quarter 92, a year 366),
 * so data updated on the same date of the previous period is never called stale; real-time data is
 * held to a daily update.
 */
export const ZUpdateCycleDays = z.object({
  REALTIME: z.number().positive().default(1),
  DAILY: z.number().positive().default(1),
  WEEKLY: z.number().positive().default(7),
  MONTHLY: z.number().positive().default(31),
  QUARTERLY: z.number().positive().default(92),
  YEARLY: z.number().positive().default(366),
});

/** Chenzhou's thresholds. Each default is the figure obligations.md or the measures give. */
export const ZChenzhouSettings = ZBaseSettings.extend({
  /** CZ-CLOUD-INTENSIVE: a running resource this large ... */
  intensiveMinVcpu: z.number().int().positive().default(4),
  /** ... whose 30-day CPU average is below this percentage is under-used (集约应用). */
  intensiveMaxCpuAvgPct: z.number().min(0).max(100).default(10),
  /** CZ-DATA-SHARE: data provided within this many days counts as shared (art. 12). */
  shareWindowDays: z.number().int().positive().default(30),
  /** CZ-DATA-SHARE: maximum age of a catalogue entry's data per update cycle. */
  updateCycleDays: ZUpdateCycleDays.prefault({}),
  /** CZ-HUB: the city-brain hub's last heartbeat of the application is at most this many days old. */
  hubHeartbeatMaxAgeDays: z.number().int().positive().default(7),
  /**
   * 政府采购限额标准 (万元), per city and year: Hunan's 2025 services limit, 80. Art. 8: below it the
   * unit implements the project itself; from it up (CZ-SUPERVISION, CZ-REVIEW-PATH, CZ-PREREVIEW) the
   * reviews apply.
   */
  procurementLimit: z.number().nonnegative().default(80),
  /** 立项金额标准 (万元), per city and year: from it up a project also needs project approval (art. 8). */
  approvalThreshold: z.number().nonnegative().default(1000),
  /** CZ-SECURITY: a level-3 system's latest evaluation is at most this many days old ... */
  securityEvalMaxAgeDaysLevel3: z.number().int().positive().default(365),
  /**
   * ... and a level-4 (or 5) system's at most this many. The table gives 365 for level ≥ 3; the
   * national scheme it applies (公通字〔2007〕43号) requires level 4 every six months, so 183.
   */
  securityEvalMaxAgeDaysLevel4: z.number().int().positive().default(183),
}).refine((s) => s.procurementLimit <= s.approvalThreshold, {
  message: 'procurementLimit must not exceed approvalThreshold / 采购限额标准不得高于立项金额标准',
  path: ['approvalThreshold'],
});
export type ChenzhouSettings = z.infer<typeof ZChenzhouSettings>;
