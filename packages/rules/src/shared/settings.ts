import { z } from 'zod';

/**
 * How old (days) a catalogue entry's last data update may be for its update cycle. Reading: a cycle's
 * length is its longest calendar span (a month 31 days, a quarter 92, a year 366), so data updated on
 * the same date of the previous period is never called stale; real-time data is held to a daily
 * update. Chenzhou's CZ-DATA-SHARE declares the same table.
 */
export const ZUpdateCycleDays = z.object({
  REALTIME: z.number().positive().default(1),
  DAILY: z.number().positive().default(1),
  WEEKLY: z.number().positive().default(7),
  MONTHLY: z.number().positive().default(31),
  QUARTERLY: z.number().positive().default(92),
  YEARLY: z.number().positive().default(366),
});

/** Settings every pack shares. Each default is the one obligations.md gives, or says why not. */
export const ZBaseSettings = z.object({
  /**
   * Facts older than this give UNKNOWN. obligations.md sets no figure; 48 h tolerates one missed
   * nightly sync without letting a week-old inventory pass a project.
   */
  maxSourceAgeHours: z.number().positive().default(48),

  // Continuous monitoring (obligations.md "Continuous monitoring", the big-data centre's MON-* rules).
  /** MON-ORPHAN: a running resource bound to no project for more than this many days. */
  orphanMinDays: z.number().int().positive().default(30),
  /** MON-IDLE: a running resource whose 30-day CPU average is below this percentage ... */
  idleMaxCpuAvgPct: z.number().min(0).max(100).default(5),
  /** ... and whose 30-day memory average is below this one holds capacity it does not use. */
  idleMaxMemAvgPct: z.number().min(0).max(100).default(20),
  /** MON-EVAL-DUE: a level ≥ 3 system's next 等级测评 falls due within this many days (or is overdue). */
  evaluationDueWithinDays: z.number().int().nonnegative().default(30),
  /**
   * MON-SERVICE-STALE: the last 一网通办 case-data return is at most this many days old. Yueyang's
   * YY-YWTB reads the same setting.
   */
  ywtbCaseReturnMaxAgeDays: z.number().int().positive().default(30),
  /**
   * MON-VIDEO-OFFLINE: a project's online channels / channels, at least this ratio. Yueyang's YY-VIDEO
   * reads the same setting; obligations.md gives 0.9.
   */
  videoMinOnlineRatio: z.number().min(0).max(1).default(0.9),
  /** MON-SHARE-STALE: maximum age of a catalogue entry's data per update cycle (CZ-DATA-SHARE too). */
  updateCycleDays: ZUpdateCycleDays.prefault({}),
  /**
   * YY-MLPS-TIMELY / CZ-MLPS-TIMELY: a level ≥ 2 system files within this many days after its grading
   * or its entry into operation, whichever is later (公通字〔2007〕43号 第十五条: 30 days).
   */
  mlpsFilingDeadlineDays: z.number().int().positive().default(30),
  /**
   * MON-FILING-PENDING: a filing still PENDING this many days after its grading is overdue on the public
   * security organ's side (第十七条: the certificate within 10 working days of acceptance; 14 days).
   */
  filingPendingMaxDays: z.number().int().positive().default(14),
});
export type BaseSettings = z.infer<typeof ZBaseSettings>;
