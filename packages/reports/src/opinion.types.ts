import type { PolicyPackId } from '@hub/contracts';
import type { Basis, ReviewDomain, Severity, Text, Verdict } from '@hub/rules';

/** One upstream record a finding rests on, as the opinion prints it. */
export interface OpinionEvidence {
  source: string;
  /** the source's title, e.g. 政务云资源台账 */
  sourceTitle: Text;
  kind: string;
  externalId: string;
  fetchedAt: string;
  contentHash: string;
}

export interface OpinionFinding {
  ruleId: string;
  title: Text;
  clause: string;
  basis: Basis;
  severity: Severity;
  domain: ReviewDomain;
  verdict: Verdict;
  reason: Text;
  /** a national-unverified rule's FAIL shown as a warning */
  warningOnly: boolean;
  evidence: OpinionEvidence[];
  /** an open or decided dispute of this finding by the construction unit */
  dispute: { status: 'open' | 'upheld' | 'dismissed'; reason: string; decisionComment: string | null } | null;
  /** the exemption behind a WAIVED verdict */
  exemption: { documentNo: string; authority: string; validUntil: string } | null;
  /** against the previous check of the same project, when there is one */
  change: 'new' | 'fixed' | 'still-failing' | 'unchanged' | null;
}

export interface OpinionSection {
  domain: ReviewDomain;
  /** 政务云资源集约应用 / 数据共享 / 网络安全 / 平台对接 / 项目管理 */
  title: Text;
  findings: OpinionFinding[];
  /** the reviewer's remark on this section (审查意见), written on the draft; null when none */
  remark: string | null;
}

/** One rule in the comparison with the previous check. */
export interface OpinionComparisonEntry {
  ruleId: string;
  title: Text;
  /** the verdict before (null when the rule was not judged then) */
  from: Verdict | null;
  /** the verdict now (null when the rule is no longer judged) */
  to: Verdict | null;
}

/** What changed since the previous check of the same project, rule by rule. */
export interface OpinionComparison {
  previousCheckRunId: string;
  /** rules judged now that the previous check did not judge */
  added: OpinionComparisonEntry[];
  /** rules the previous check judged that are no longer judged */
  removed: OpinionComparisonEntry[];
  /** rules whose verdict differs */
  changed: OpinionComparisonEntry[];
}

export type ReviewDecision = 'approve' | 'reject' | 'rectify';

export const DECISION_TITLES: Record<ReviewDecision, Text> = {
  approve: { zh: '同意竣工验收', en: 'Agreed to completion acceptance' },
  reject: { zh: '不同意竣工验收', en: 'Not agreed' },
  rectify: { zh: '整改后复核', en: 'Re-check after rectification' },
};

export interface RectificationItemView {
  ruleId: string | null;
  description: string;
  /** 责任单位 / 责任人 */
  owner: string;
  /** calendar date YYYY-MM-DD */
  deadline: string;
  status: 'open' | 'done';
  /** who marked it done (a person's name), when, what they said was done, the file they handed in */
  done: { by: string | null; at: string; note: string | null; attachment: string | null } | null;
  /** the number of the review it was carried from (审查编号), when carried */
  carriedFrom: string | null;
  /** set when it is marked done but the re-check still finds its rule FAIL or UNKNOWN */
  warning: Text | null;
}

/**
 * The review opinion (技术审查意见) of one project as every export format renders it: who, what was
 * checked when, the findings grouped by section with evidence and clause, and the decision.
 */
export interface OpinionDocument {
  reviewId: string;
  /** the review's own number (审查编号), given when the unit applied, e.g. JSSC-2026-0007 */
  reviewNo: string;
  /**
   * 文号, e.g. 岳技审〔2026〕3号: counted per city per year and given when the opinion is issued
   * (decided); null on a draft
   */
  documentNo: string | null;
  /** who issues the opinion (发文机关) and under which title: the city's, as configured */
  issuer: { office: string; title: string };
  project: {
    code: string;
    name: string;
    unitName: string;
    unitCode: string;
    /** division code (所属区划) */
    region: string;
    /** the division's name, e.g. 岳阳市 or 岳阳市岳阳楼区; null when no pack lists the code */
    regionName: string | null;
    /** 总投资 in 10,000 CNY (万元), as the exact decimal the registry holds, e.g. `1280.50` */
    investment: string;
    packId: PolicyPackId;
    packTitle: Text;
    packVersion: number;
  };
  checkRunId: string;
  checkedAt: string;
  /** draft until decided; the decision once signed */
  status: 'draft' | 'decided';
  ready: boolean;
  blockingRuleIds: string[];
  counts: Record<Verdict, number>;
  sections: OpinionSection[];
  decision: {
    decision: ReviewDecision;
    title: Text;
    comments: string;
    /** who recorded the decision, as the audit trail names them (a login, `cli:…`) */
    decidedBy: string;
    /**
     * the reviewer (审查人) as the opinion prints them: a person's name (the user's display name, or
     * the name the CLI was given with --by), never a login; null leaves the line to sign by hand
     */
    reviewerName: string | null;
    decidedAt: string;
    /** set when 同意 was given despite blocking FAIL/UNKNOWN */
    override: { reason: string; ruleIds: string[] } | null;
  } | null;
  rectification: RectificationItemView[];
  /** the items the previous review's unit marked done, as this review's check re-checked them */
  rectificationHistory: RectificationItemView[];
  /** the reviewer's concluding remark on the draft (审查结论意见), who last edited the remarks and when */
  remarks: { conclusion: string | null; updatedBy: string; updatedAt: string } | null;
  /** against the previous check of the same project; null when there is none */
  comparison: OpinionComparison | null;
  /** when the document was produced */
  generatedAt: string;
}

/** The languages an opinion is printed in: Chinese only (the default), or Chinese with English. */
export const OPINION_LANGUAGES = ['zh', 'bilingual'] as const;
export type OpinionLanguage = (typeof OPINION_LANGUAGES)[number];

/** How an opinion is rendered (HTML, PDF, xlsx; the JSON is the document itself). */
export interface OpinionRenderOptions {
  /** `zh` when absent */
  lang?: OpinionLanguage;
}

/** One project's line in the portfolio export. */
export interface PortfolioRow {
  code: string;
  name: string;
  unitName: string;
  unitCode: string;
  region: string;
  packId: PolicyPackId;
  investment: string;
  /** null when never checked */
  ready: boolean | null;
  checkedAt: string | null;
  counts: Record<Verdict, number>;
  blockingRuleIds: string[];
  reviewStatus: string | null;
}
