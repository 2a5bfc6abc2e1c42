import type { Verdict } from '../../../components/common';
import type { FindingView, PortfolioItem, PortfolioPage, Project, RuleView } from '../project.types';

export const UNIT = '91430600MA0000001X';

const counts = (verdicts: Record<string, Verdict>) => {
  const c = { PASS: 0, FAIL: 0, UNKNOWN: 0, WAIVED: 0, NOT_APPLICABLE: 0 };
  for (const v of Object.values(verdicts)) c[v] += 1;
  return c;
};

export function portfolioItem(
  code: string,
  verdicts: Record<string, Verdict>,
  over: Partial<PortfolioItem> = {},
): PortfolioItem {
  return {
    code,
    name: `项目${code}`,
    unitName: '岳阳市数据局',
    unitCode: UNIT,
    region: '430600',
    packId: 'yueyang',
    investment: '350',
    ready: Object.values(verdicts).length
      ? !Object.values(verdicts).some((v) => v === 'FAIL' || v === 'UNKNOWN')
      : null,
    checkedAt: Object.values(verdicts).length ? '2026-11-01T01:00:00.000Z' : null,
    counts: counts(verdicts),
    blockingRuleIds: [],
    reviewStatus: null,
    verdicts,
    ...over,
  };
}

export function page(items: PortfolioItem[], over: Partial<PortfolioPage> = {}): PortfolioPage {
  return { total: items.length, page: 1, pageSize: 20, items, ...over };
}

export function rule(
  id: string,
  domain: RuleView['domain']['id'],
  pack: RuleView['pack'] = 'yueyang',
): RuleView {
  return {
    id,
    pack,
    title: { zh: `规则${id}`, en: `rule ${id}` },
    clause: '第六条',
    basis: 'local',
    basisNote: null,
    severity: 'blocking',
    domain: { id: domain, zh: domain, en: domain },
    requirement: { zh: `${id} 的要求全文`, en: `What ${id} requires` },
    sources: [],
    settings: [],
  };
}

export const YY_RULES = [rule('YY-CLOUD-DEPLOY', 'cloud'), rule('YY-PLAN', 'management')];
export const CZ_RULES = [rule('CZ-CLOUD', 'cloud', 'chenzhou')];

export function project(code: string, over: Partial<Project> = {}): Project {
  return {
    code,
    name: `岳阳市协同办公平台${code}`,
    unitName: '岳阳市数据局',
    unitCode: UNIT,
    region: '430600',
    policyPack: 'yueyang',
    investment: '350',
    category: '软件开发',
    domain: '协同办公',
    systemNames: ['协同办公系统'],
    planYear: 2025,
    supplementaryPlan: false,
    caseByCaseDecision: null,
    classified: false,
    internalUseOnly: false,
    govServiceSystem: false,
    hasMobileChannel: false,
    standaloneMobileApp: null,
    hasVideoInfrastructure: false,
    buildsCloudOrDataCentre: null,
    buildsServicePlatform: null,
    hasDataResources: false,
    isApplicationPlatform: null,
    cloudExemptionRef: null,
    approvedOn: '2025-03-07',
    contractSignedOn: null,
    preliminaryAcceptanceOn: null,
    trialStartOn: null,
    trialEndOn: null,
    acceptanceAppliedOn: null,
    expertReviewRef: null,
    technicalReviewRef: null,
    financialReviewRef: null,
    supervisionContractRef: null,
    procurementFiled: null,
    omPeriodMonths: null,
    securityPlan: null,
    omPlan: null,
    securityPrereviewRef: null,
    cryptoPrereviewRef: null,
    acceptedOn: null,
    reliabilityPrereviewRef: null,
    eArchivePrereviewRef: null,
    acceptanceFiled: null,
    registry: {
      importId: null,
      fileName: null,
      sha256: null,
      importedAt: null,
      importedBy: null,
      rowNumber: null,
    },
    untrustedRecords: [],
    ...over,
  };
}

export function finding(
  code: string,
  ruleId: string,
  verdict: Verdict,
  over: Partial<FindingView> = {},
): FindingView {
  return {
    projectCode: code,
    ruleId,
    packId: 'yueyang',
    title: { zh: `规则${ruleId}`, en: `rule ${ruleId}` },
    clause: '第六条',
    basis: 'local',
    severity: 'blocking',
    domain: 'cloud',
    verdict,
    reason: { zh: `${ruleId} 的理由`, en: `why ${ruleId}` },
    warningOnly: false,
    evidence: [],
    registry: null,
    packVersion: 3,
    checkRunId: 'run-1',
    evaluatedAt: '2026-11-01T01:00:00.000Z',
    ...over,
  };
}
