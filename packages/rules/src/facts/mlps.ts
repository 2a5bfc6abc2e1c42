/** 等级测评 result. */
export interface MlpsEvaluationFact {
  reportNo: string;
  agency: string | null;
  /** instant (the registry's zone-less Beijing time, converted) */
  evaluatedAt: string;
  /** 优 良 中 差 */
  conclusion: 'EXCELLENT' | 'GOOD' | 'MODERATE' | 'POOR';
  score: number | null;
}

/** 密评 result (商用密码应用安全性评估). */
export interface CryptoAssessmentFact {
  reportNo: string;
  assessedAt: string;
  /** 符合 / 基本符合 / 不符合 */
  conclusion: 'PASS' | 'BASIC_PASS' | 'FAIL';
  score: number | null;
}

/** 等级保护备案: a system's MLPS grading and filing, with its evaluations. All times are instants. */
export interface FilingFact {
  /** 备案证明编号 `^[0-9]{11}-[0-9]{5}$` */
  filingNo: string;
  /** division code of the accepting public security organ: the filing number's first 6 digits */
  acceptingDivision: string;
  /** 定级对象名称 */
  systemName: string;
  unitName: string;
  unitCode: string;
  projectCode: string | null;
  /** 安全保护等级 1–5 */
  level: 1 | 2 | 3 | 4 | 5;
  gradedAt: string | null;
  /** null while PENDING */
  filedAt: string | null;
  /** PENDING 受理中, FILED 已备案, REVOKED 撤销, CANCELLED 注销 */
  status: 'PENDING' | 'FILED' | 'REVOKED' | 'CANCELLED';
  /** newest first */
  evaluations: MlpsEvaluationFact[];
  /** newest first */
  cryptoAssessments: CryptoAssessmentFact[];
  updatedAt: string;
}
