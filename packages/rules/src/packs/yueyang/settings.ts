import { PROJECT_DOMAINS } from '@hub/contracts';
import { z } from 'zod';
import { ZBaseSettings } from '../../shared/settings';

/** Yueyang's thresholds. Each default is the figure obligations.md or the measures give. */
export const ZYueyangSettings = ZBaseSettings.extend({
  /**
   * YY-CLOUD-NO-SELFBUILD: the unit that may build the city's cloud and data centre (市大数据中心,
   * art. 5), matched on the registry's unit name once written the same way ...
   */
  bigDataCentreUnitNames: z.array(z.string().min(1)).default(() => ['岳阳市大数据中心']),
  /** ... or on its credit code, which the operator enters once known. */
  bigDataCentreUnitCodes: z.array(z.string().min(1)).default(() => []),
  /** YY-MLPS-EVAL: a level-3 system is evaluated at least once a year (公通字〔2007〕43号) ... */
  mlpsEvalMaxAgeDaysLevel3: z.number().int().positive().default(365),
  /** ... a level-4 (and 5) system at least every six months. */
  mlpsEvalMaxAgeDaysLevel4: z.number().int().positive().default(183),
  /** YY-YWTB: the last 一网通办 case-data return is at most this many days old. */
  ywtbCaseReturnMaxAgeDays: z.number().int().positive().default(30),
  /** YY-VIDEO: online channels / channels of the project's devices, at least this ratio. */
  videoMinOnlineRatio: z.number().min(0).max(1).default(0.9),
  /** YY-KEY-DOMAIN: domains built city-wide that a county may not build alone (art. 6, "等"). */
  keyDomains: z
    .array(z.enum(PROJECT_DOMAINS))
    .default((): (typeof PROJECT_DOMAINS)[number][] => ['协同办公', '智慧教育', '智慧医疗', '智慧应急']),
  /** YY-EXPERT-REVIEW: projects of at least this 万元 are reviewed by an expert panel (art. 13). */
  expertReviewMinInvestment: z.number().nonnegative().default(200),
  /** YY-SUPERVISION: projects of at least this 万元 are under engineering supervision (art. 21). */
  supervisionMinInvestment: z.number().nonnegative().default(200),
  /** YY-OM-PERIOD: the contracted O&M period is at least this many months (art. 18, 1 year). */
  omPeriodMinMonths: z.number().int().nonnegative().default(12),
  /**
   * YY-ACCEPTANCE-PATH: from this 万元 up, preliminary acceptance, trial operation and an application
   * to the approval bureau (art. 25 (2)); below it the unit organises acceptance itself.
   */
  acceptanceExpertMinInvestment: z.number().nonnegative().default(100),
});
export type YueyangSettings = z.infer<typeof ZYueyangSettings>;
