import { REVIEW_DOMAIN_TITLES, type ReviewDomain, type Verdict, zeroVerdictCounts } from '@hub/rules';
import { REVIEW_DOMAINS } from '../labels';
import {
  DECISION_TITLES,
  type OpinionDocument,
  type OpinionEvidence,
  type OpinionFinding,
  type OpinionSection,
  type PortfolioRow,
} from '../opinion.types';

const HASH = 'a3f1c2d4e5b60718293a4b5c6d7e8f9012345678abcdef0123456789abcdef01';

export function buildEvidence(overrides: Partial<OpinionEvidence> = {}): OpinionEvidence {
  return {
    source: 'gov-cloud',
    sourceTitle: { zh: '政务云资源台账', en: 'government cloud resource inventory' },
    kind: 'resource',
    externalId: 'ECS-YY-000123',
    fetchedAt: '2026-03-02T01:30:00.000Z',
    contentHash: HASH,
    ...overrides,
  };
}

export function buildFinding(overrides: Partial<OpinionFinding> = {}): OpinionFinding {
  return {
    ruleId: 'YY-CLOUD-DEPLOY',
    title: { zh: '部署在政务云', en: 'Deployed on the government cloud' },
    clause: '第十二条',
    basis: 'local',
    severity: 'blocking',
    domain: 'cloud',
    verdict: 'PASS',
    reason: {
      zh: '政务云台账中有本项目的运行资源。',
      en: 'The cloud inventory lists running resources of the project.',
    },
    warningOnly: false,
    evidence: [buildEvidence()],
    dispute: null,
    exemption: null,
    change: null,
    ...overrides,
  };
}

/** Findings grouped into sections, one per domain that has any, in the opinion's domain order. */
export function buildSections(findings: OpinionFinding[]): OpinionSection[] {
  return REVIEW_DOMAINS.map((domain) => ({
    domain,
    title: REVIEW_DOMAIN_TITLES[domain],
    findings: findings.filter((f) => f.domain === domain),
    remark: null,
  })).filter((s) => s.findings.length > 0);
}

/** A finding of every kind the opinion prints: each verdict, warning-only, exemption, dispute, changes. */
export function defaultFindings(): OpinionFinding[] {
  return [
    buildFinding({
      ruleId: 'YY-CLOUD-DEPLOY',
      verdict: 'FAIL',
      reason: {
        zh: '政务云台账中没有本项目的运行资源，系统部署在自建机房。',
        en: 'No running resource of the project in the cloud inventory; the system runs in a self-built room.',
      },
      evidence: [
        buildEvidence(),
        buildEvidence({
          kind: 'tenant',
          externalId: 'TENANT-430600-0042',
          fetchedAt: '2026-03-02T01:31:00.000Z',
          contentHash: 'b'.repeat(64),
        }),
      ],
      change: 'still-failing',
    }),
    buildFinding({
      ruleId: 'YY-CLOUD-NO-SELFBUILD',
      title: { zh: '不新建自建机房', en: 'No new self-built machine room' },
      clause: '第十三条',
      verdict: 'PASS',
      change: 'fixed',
    }),
    buildFinding({
      ruleId: 'YY-DATA-SHARE',
      title: { zh: '数据资源目录编目与共享', en: 'Data catalogued and shared' },
      clause: '第二十条',
      domain: 'data-sharing',
      verdict: 'UNKNOWN',
      reason: {
        zh: '政务信息资源共享交换平台最近一次同步失败，无法判断。',
        en: 'The last sync of the data sharing and exchange platform failed; cannot judge.',
      },
      evidence: [],
      change: 'new',
    }),
    buildFinding({
      ruleId: 'YY-MLPS-EVAL',
      title: { zh: '等级保护测评', en: 'MLPS evaluation' },
      clause: '第二十五条',
      basis: 'national-verified',
      domain: 'security',
      verdict: 'PASS',
      evidence: [
        buildEvidence({
          source: 'mlps',
          sourceTitle: { zh: '网络安全等级保护备案系统', en: 'MLPS filing registry' },
          kind: 'filing',
          externalId: '43060013001-26001',
          contentHash: 'c'.repeat(64),
        }),
      ],
    }),
    buildFinding({
      ruleId: 'YY-CRYPTO',
      title: { zh: '商用密码应用安全性评估', en: 'Commercial cryptography assessment' },
      clause: '第二十六条',
      basis: 'national-verified',
      domain: 'security',
      verdict: 'WAIVED',
      reason: { zh: '已取得豁免。', en: 'Exempted.' },
      evidence: [],
      exemption: {
        documentNo: '岳政数函〔2026〕7号',
        authority: '岳阳市政务服务和大数据管理局',
        validUntil: '2026-12-31',
      },
    }),
    buildFinding({
      ruleId: 'YY-SECURITY-SYNC',
      title: { zh: '安全同步建设', en: 'Security built alongside' },
      clause: '',
      basis: 'national-unverified',
      domain: 'security',
      severity: 'advisory',
      verdict: 'FAIL',
      warningOnly: true,
      reason: { zh: '未见安全建设同步记录。', en: 'No record of security built alongside.' },
      evidence: [],
    }),
    buildFinding({
      ruleId: 'YY-YWTB',
      title: { zh: '接入一网通办', en: 'Connected to the one-stop service platform' },
      clause: '第三十条',
      domain: 'platforms',
      verdict: 'NOT_APPLICABLE',
      reason: { zh: '项目不提供政务服务事项。', en: 'The project offers no public service.' },
      evidence: [],
    }),
    buildFinding({
      ruleId: 'YY-SUPERVISION',
      title: { zh: '监理', en: 'Supervision' },
      clause: '第三十二条',
      domain: 'management',
      severity: 'advisory',
      verdict: 'FAIL',
      reason: { zh: '未见监理报告。', en: 'No supervision report.' },
      evidence: [],
      dispute: { status: 'open', reason: '监理报告已线下提交，见附件。', decisionComment: null },
    }),
  ];
}

/** The verdict counts of a list of findings. */
export function countVerdicts(findings: OpinionFinding[]): Record<Verdict, number> {
  const counts = zeroVerdictCounts();
  for (const f of findings) counts[f.verdict] += 1;
  return counts;
}

/** Blocking findings that keep a project from acceptance: FAIL (not warning-only) or UNKNOWN. */
export function blockingRuleIdsOf(findings: OpinionFinding[]): string[] {
  return findings
    .filter(
      (f) =>
        f.severity === 'blocking' && ((f.verdict === 'FAIL' && !f.warningOnly) || f.verdict === 'UNKNOWN'),
    )
    .map((f) => f.ruleId);
}

export type OpinionOverrides = Partial<Omit<OpinionDocument, 'project'>> & {
  project?: Partial<OpinionDocument['project']>;
};

/**
 * A complete opinion: a Yueyang project, one finding of every kind, a signed 不同意竣工验收 with a
 * rectification item. Counts, blocking rule ids and readiness follow the sections unless overridden.
 */
export function buildOpinion(overrides: OpinionOverrides = {}): OpinionDocument {
  const { project, ...rest } = overrides;
  const sections = overrides.sections ?? buildSections(defaultFindings());
  const findings = sections.flatMap((s) => s.findings);
  const blockingRuleIds = overrides.blockingRuleIds ?? blockingRuleIdsOf(findings);
  return {
    reviewId: 'rev_01JABCDEF0123456789',
    reviewNo: 'JSSC-2026-0012',
    documentNo: '岳技审〔2026〕12号',
    issuer: { office: '岳阳市政务信息化项目技术支持组', title: '岳阳市政务信息化项目技术审查意见' },
    project: {
      code: '2025-430600-65-01-000123',
      name: '岳阳市智慧应急指挥平台建设项目',
      unitName: '岳阳市应急管理局',
      unitCode: '11430600MB1234567X',
      region: '430600',
      regionName: '岳阳市',
      investment: '1280.50',
      packId: 'yueyang',
      packTitle: { zh: '岳阳市政务信息化项目管理办法', en: 'Yueyang e-government project measures' },
      packVersion: 3,
      ...project,
    },
    checkRunId: 'run_01JABCDEF9876543210',
    checkedAt: '2026-03-02T01:35:00.000Z',
    status: 'decided',
    ready: blockingRuleIds.length === 0,
    blockingRuleIds,
    counts: countVerdicts(findings),
    sections,
    decision: {
      decision: 'reject',
      title: DECISION_TITLES.reject,
      comments: '项目未部署在政务云，请整改后重新申请验收。\n第二行说明。',
      decidedBy: 'zhang.review',
      reviewerName: '张审查',
      decidedAt: '2026-03-03T07:00:00.000Z',
      override: null,
    },
    rectification: [
      {
        ruleId: 'YY-CLOUD-DEPLOY',
        description: '将系统迁移至政务云并更新资源台账。',
        owner: '岳阳市应急管理局信息科',
        deadline: '2026-06-30',
        status: 'open',
        done: null,
        carriedFrom: null,
        warning: null,
      },
      {
        ruleId: null,
        description: '补充监理报告。',
        owner: '岳阳市应急管理局',
        deadline: '2026-04-15',
        status: 'done',
        done: {
          by: '张工',
          at: '2026-03-01T02:00:00.000Z',
          note: '监理报告已补交',
          attachment: '监理报告.pdf',
        },
        carriedFrom: null,
        warning: null,
      },
    ],
    rectificationHistory: [],
    remarks: null,
    comparison: null,
    generatedAt: '2026-03-03T07:05:00.000Z',
    ...rest,
  };
}

/** `count` findings spread over the five domains, every third one a blocking FAIL. */
export function manyFindings(count: number): OpinionFinding[] {
  return Array.from({ length: count }, (_, i) => {
    const domain: ReviewDomain = REVIEW_DOMAINS[i % REVIEW_DOMAINS.length] ?? 'cloud';
    const failing = i % 3 === 0;
    return buildFinding({
      ruleId: `YY-RULE-${String(i + 1).padStart(2, '0')}`,
      title: { zh: `检查项第${i + 1}项`, en: `Check item ${i + 1}` },
      clause: `第${i + 1}条`,
      domain,
      verdict: failing ? 'FAIL' : 'PASS',
      reason: failing
        ? {
            zh: `第${i + 1}项不符合要求：台账中未见对应记录，请补充材料后复核。`,
            en: `Item ${i + 1} fails: no matching record in the inventory.`,
          }
        : { zh: `第${i + 1}项符合要求。`, en: `Item ${i + 1} passes.` },
      evidence: [
        buildEvidence({ externalId: `ECS-YY-${String(i).padStart(6, '0')}` }),
        buildEvidence({ kind: 'tenant', externalId: `TENANT-${i}`, contentHash: 'd'.repeat(64) }),
      ],
    });
  });
}

export function buildPortfolioRow(overrides: Partial<PortfolioRow> = {}): PortfolioRow {
  return {
    code: '2025-430600-65-01-000123',
    name: '岳阳市智慧应急指挥平台建设项目',
    unitName: '岳阳市应急管理局',
    unitCode: '11430600MB1234567X',
    region: '430600',
    packId: 'yueyang',
    investment: '1280.50',
    ready: false,
    checkedAt: '2026-03-02T01:35:00.000Z',
    counts: { PASS: 3, FAIL: 2, WAIVED: 1, NOT_APPLICABLE: 1, UNKNOWN: 1 },
    blockingRuleIds: ['YY-CLOUD-DEPLOY', 'YY-DATA-SHARE'],
    reviewStatus: 'decided',
    ...overrides,
  };
}
