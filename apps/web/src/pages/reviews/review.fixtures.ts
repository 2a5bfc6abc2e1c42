import type {
  CheckRunView,
  CheckStep,
  OpinionDocument,
  OpinionFinding,
  RectificationItem,
  ReviewView,
} from './review.types';

export const REVIEWER = ['session:self', 'reviews:read', 'reviews:apply', 'reviews:decide'];
export const APPLICANT = ['session:self', 'reviews:read', 'reviews:apply', 'projects:read'];
export const AUDITOR = ['session:self', 'reviews:read', 'projects:read'];

export function buildReview(overrides: Partial<ReviewView> = {}): ReviewView {
  return {
    id: 'r1',
    documentNo: 'JSSC-2026-0007',
    opinionNo: null,
    projectCode: 'YY-2026-001',
    projectName: '岳阳市智慧应急指挥平台',
    unitCode: '114306000000000001',
    unitName: '岳阳市应急管理局',
    status: 'checked',
    appliedBy: 'zhang.unit',
    appliedAt: '2026-11-01T02:00:00.000Z',
    note: '申请竣工验收',
    checkRunId: 'run1',
    previousCheckRunId: null,
    activeCheckRunId: null,
    decision: null,
    comments: null,
    decidedBy: null,
    reviewerName: null,
    decidedAt: null,
    overrideReason: null,
    previousReviewId: null,
    items: [],
    itemHistory: [],
    ...overrides,
  };
}

export function buildItem(overrides: Partial<RectificationItem> = {}): RectificationItem {
  return {
    id: 'i1',
    reviewId: 'r1',
    documentNo: 'JSSC-2026-0007',
    ruleId: 'YY-CLOUD-DEPLOY',
    description: '迁移上云',
    owner: '岳阳市应急管理局',
    deadline: '2026-12-31',
    status: 'open',
    doneBy: null,
    doneAt: null,
    note: null,
    attachment: null,
    carriedFrom: null,
    carriedTo: null,
    recheck: null,
    ...overrides,
  };
}

export function buildFinding(overrides: Partial<OpinionFinding> = {}): OpinionFinding {
  return {
    ruleId: 'YY-CLOUD-DEPLOY',
    title: { zh: '部署在政务云', en: 'Deployed on the government cloud' },
    clause: '第六条',
    basis: 'local',
    severity: 'blocking',
    domain: 'cloud',
    verdict: 'FAIL',
    reason: { zh: '政务云台账中没有本项目的运行资源。', en: 'No running resource in the cloud inventory.' },
    warningOnly: false,
    evidence: [
      {
        source: 'gov-cloud',
        sourceTitle: { zh: '政务云资源台账', en: 'government cloud resource inventory' },
        kind: 'tenant',
        externalId: 'TENANT-430600-0042',
        fetchedAt: '2026-11-01T01:30:00.000Z',
        contentHash: 'a'.repeat(64),
      },
    ],
    dispute: null,
    exemption: null,
    change: null,
    ...overrides,
  };
}

export function buildOpinion(overrides: Partial<OpinionDocument> = {}): OpinionDocument {
  const deploy = buildFinding();
  const mlps = buildFinding({
    ruleId: 'YY-MLPS-EVAL',
    title: { zh: '等级保护测评', en: 'MLPS evaluation' },
    domain: 'security',
    verdict: 'PASS',
    reason: { zh: '已备案并测评。', en: 'Filed and evaluated.' },
    evidence: [],
  });
  return {
    reviewId: 'r1',
    reviewNo: 'JSSC-2026-0007',
    documentNo: null,
    issuer: { office: '岳阳市政务信息化项目技术支持组', title: '岳阳市政务信息化项目竣工验收前技术审查意见' },
    project: {
      code: 'YY-2026-001',
      name: '岳阳市智慧应急指挥平台',
      unitName: '岳阳市应急管理局',
      unitCode: '114306000000000001',
      region: '430600',
      regionName: '岳阳市',
      investment: '1200',
      packId: 'yueyang',
      packTitle: { zh: '岳阳市政务信息化项目管理办法', en: 'Yueyang e-government project rules' },
      packVersion: 1,
    },
    checkRunId: 'run1',
    checkedAt: '2026-11-01T02:00:05.000Z',
    status: 'draft',
    ready: false,
    blockingRuleIds: ['YY-CLOUD-DEPLOY'],
    counts: { FAIL: 1, UNKNOWN: 0, PASS: 1, WAIVED: 0, NOT_APPLICABLE: 0 },
    sections: [
      {
        domain: 'cloud',
        title: { zh: '政务云资源集约应用', en: 'Government cloud' },
        findings: [deploy],
        remark: null,
      },
      { domain: 'security', title: { zh: '网络安全', en: 'Cybersecurity' }, findings: [mlps], remark: null },
    ],
    decision: null,
    rectification: [],
    rectificationHistory: [],
    remarks: null,
    comparison: null,
    generatedAt: '2026-11-01T03:00:00.000Z',
    ...overrides,
  };
}

/** The sources' names as the hub gives them with each fetch step (from its connectors). */
const SOURCE_TITLES: Record<string, { zh: string; en: string }> = {
  'gov-cloud': { zh: '政务云资源台账', en: 'government cloud resource inventory' },
  mlps: { zh: '网络安全等级保护备案系统', en: 'MLPS filing registry' },
};

/** One step of a check run: a source's fetch, or (source null) the evaluation. */
export function buildStep(
  source: string | null,
  status: CheckStep['status'],
  overrides: Partial<CheckStep> = {},
): CheckStep {
  return {
    kind: source === null ? 'evaluate' : 'fetch',
    source,
    title: source === null ? null : (SOURCE_TITLES[source] ?? null),
    status,
    error: null,
    ms: null,
    ...overrides,
  };
}

export function buildRun(overrides: Partial<CheckRunView> = {}): CheckRunView {
  return {
    id: 'run2',
    kind: 'targeted',
    status: 'running',
    projectCode: 'YY-2026-001',
    asOf: '2026-11-01T03:00:00.000Z',
    startedAt: '2026-11-01T03:00:00.000Z',
    finishedAt: null,
    syncs: [],
    summary: null,
    project: null,
    error: null,
    steps: [
      buildStep('gov-cloud', 'succeeded', { ms: 120 }),
      buildStep('mlps', 'running'),
      buildStep(null, 'pending'),
    ],
    ...overrides,
  };
}
