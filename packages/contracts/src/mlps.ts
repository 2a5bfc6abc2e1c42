import { z } from 'zod';

/**
 * 网络安全等级保护备案系统 数据查询接口 (mlps-filing.openapi.yaml v1.0.3): the public security bureau's
 * records of MLPS grading and filing (等级保护定级备案), with level evaluations (等级测评) and commercial
 * cryptography assessments (密评).
 *
 * Unpleasant parts kept as the contract has them: no envelope (a list is a bare `{ total, items }`,
 * one filing a bare object); errors are HTML pages with an HTTP status, never JSON; times are
 * `yyyy-MM-dd HH:mm:ss` in Beijing time with no zone. Unknown fields are allowed and ignored (zod
 * strips them from the parsed value; the raw payload is kept).
 */

/** HTTP statuses the contract (and the contracts README) give a meaning; every error body is HTML. */
export const MlpsHttpStatus = {
  /** wrong or missing `X-Api-Token` */
  FORBIDDEN: 403,
  /** unknown filing number on `/filings/{filingNo}` */
  NOT_FOUND: 404,
  /** throttled; `Retry-After` in seconds (the README's convention for every upstream) */
  RATE_LIMITED: 429,
  /** down for maintenance, some nights */
  MAINTENANCE: 503,
} as const;

/** Header carrying the static token. */
export const MLPS_TOKEN_HEADER = 'X-Api-Token';

export const MLPS_FILINGS_PATH = '/mlps/api/filings';

/** `limit` the registry uses when none is sent, and the most it accepts. */
export const MLPS_PAGE_LIMIT_DEFAULT = 50;
export const MLPS_PAGE_LIMIT_MAX = 200;

/**
 * Beijing (Asia/Shanghai) is UTC+8 all year: China has kept no daylight saving time since 1991, before
 * any record the registry holds.
 */
export const MLPS_UTC_OFFSET = '+08:00';

/**
 * `yyyy-MM-dd HH:mm:ss`, every field in its range; whether the day exists in its month is checked by
 * {@link isMlpsLocalTime}.
 */
export const MLPS_LOCAL_TIME_PATTERN =
  /^([0-9]{4})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01]) ([01][0-9]|2[0-3]):([0-5][0-9]):([0-5][0-9])$/;

/**
 * True when `text` is a registry time that exists on the calendar (`2024-02-29 08:00:00` yes,
 * `2025-02-29 08:00:00` and `2025-04-31 08:00:00` no). Pure date arithmetic, independent of the
 * machine's time zone.
 */
export function isMlpsLocalTime(text: string): boolean {
  const m = MLPS_LOCAL_TIME_PATTERN.exec(text);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  // setUTCFullYear rolls 31 April over to 1 May (and, unlike Date.UTC, keeps years 0–99 as given):
  // a day that survives the round trip exists.
  const probe = new Date(0);
  probe.setUTCFullYear(year, month - 1, day);
  return probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
}

/** A registry time: `yyyy-MM-dd HH:mm:ss`, Beijing wall-clock time without a zone. */
export const ZMlpsLocalTime = z
  .string()
  .regex(
    MLPS_LOCAL_TIME_PATTERN,
    'must be a Beijing time written yyyy-MM-dd HH:mm:ss, e.g. 2025-03-01 09:30:00',
  )
  // Only for well-formed text: a malformed time is one issue, not two.
  .refine(
    (text) => !MLPS_LOCAL_TIME_PATTERN.test(text) || isMlpsLocalTime(text),
    'is not a date that exists (day past the end of its month)',
  );

/**
 * 备案证明编号: the 6-digit division code of the accepting public security organ, the 5-digit unit
 * sequence, a dash and the 5-digit system sequence, e.g. `43060043001-24017`.
 */
export const MLPS_FILING_NO_PATTERN = /^[0-9]{11}-[0-9]{5}$/;
export const ZMlpsFilingNo = z
  .string()
  .regex(
    MLPS_FILING_NO_PATTERN,
    'filing number must be 11 digits, a dash and 5 digits, e.g. 43060043001-24017',
  );

/** The accepting organ's division code: the filing number's first 6 digits. */
export function mlpsAcceptingDivision(filingNo: string): string {
  return filingNo.slice(0, 6);
}

export const MLPS_FILING_STATUSES = ['PENDING', 'FILED', 'REVOKED', 'CANCELLED'] as const;
/** Statuses that retire a filing: the hub keeps such filings as tombstones. */
export const MLPS_TOMBSTONE_STATUSES: readonly TMlpsFilingStatus[] = ['REVOKED', 'CANCELLED'];
export type TMlpsFilingStatus = (typeof MLPS_FILING_STATUSES)[number];

export const MLPS_EVALUATION_CONCLUSIONS = ['EXCELLENT', 'GOOD', 'MODERATE', 'POOR'] as const;
export const MLPS_CRYPTO_CONCLUSIONS = ['PASS', 'BASIC_PASS', 'FAIL'] as const;

/** 等级测评 result. */
export const ZMlpsEvaluation = z.object({
  /** 测评报告编号 */
  reportNo: z.string().min(1),
  /** 测评机构 */
  agency: z.string().nullish(),
  /** 测评时间 */
  evaluatedAt: ZMlpsLocalTime,
  /** 测评结论: EXCELLENT 优, GOOD 良, MODERATE 中, POOR 差 */
  conclusion: z.enum(MLPS_EVALUATION_CONCLUSIONS),
  /** 测评得分 */
  score: z.number().nullish(),
});
export type TMlpsEvaluation = z.infer<typeof ZMlpsEvaluation>;

/** 商用密码应用安全性评估 (密评) result. */
export const ZMlpsCryptoAssessment = z.object({
  /** 密评报告编号 */
  reportNo: z.string().min(1),
  /** 评估时间 */
  assessedAt: ZMlpsLocalTime,
  /** 评估结论: PASS 符合, BASIC_PASS 基本符合, FAIL 不符合 */
  conclusion: z.enum(MLPS_CRYPTO_CONCLUSIONS),
  /** 评估得分 */
  score: z.number().nullish(),
});
export type TMlpsCryptoAssessment = z.infer<typeof ZMlpsCryptoAssessment>;

/** 等级保护备案: one system's grading and filing. */
export const ZMlpsFiling = z.object({
  /** 备案证明编号 */
  filingNo: ZMlpsFilingNo,
  /** 定级对象名称: the graded system, the name the hub matches projects by */
  systemName: z.string().min(1),
  /** 运营使用单位名称 */
  unitName: z.string(),
  /** 统一社会信用代码 of the operating unit */
  unitCode: z.string().min(1),
  /** 项目编码, often missing on older filings */
  projectCode: z.string().nullish(),
  /** 安全保护等级 1–5 */
  level: z.number().int().min(1).max(5),
  /** 定级时间 */
  gradedAt: ZMlpsLocalTime.nullish(),
  /** 备案时间; null while PENDING */
  filedAt: ZMlpsLocalTime.nullish(),
  /** 备案状态: PENDING 受理中, FILED 已备案, REVOKED 撤销, CANCELLED 系统下线注销 */
  status: z.enum(MLPS_FILING_STATUSES),
  /** 等级测评 results, newest first */
  evaluations: z.array(ZMlpsEvaluation).optional(),
  /** 密评 results, newest first */
  cryptoAssessments: z.array(ZMlpsCryptoAssessment).optional(),
  /** 更新时间, what `updatedAfter` filters on */
  updatedAt: ZMlpsLocalTime,
});
export type TMlpsFiling = z.infer<typeof ZMlpsFiling>;

/** A list page, validated loosely (items as unknown) so one bad record never rejects its page. */
export const ZMlpsFilingPage = z.object({
  total: z.number().int().nonnegative(),
  items: z.array(z.unknown()),
});
export type TMlpsFilingPage = z.infer<typeof ZMlpsFilingPage>;
