import { creditCodeCheckChar } from '../credit-code';
import type { TProject } from '../project';

let sequence = 0;

/**
 * A valid project with a unique code, credit code and name on every call (city-level Yueyang unless
 * overridden; the code's division segment follows `region`); tests override only the fields they
 * are about. Not validated, so a test can build a deliberately bad project too.
 */
export function buildProject(overrides: Partial<TProject> = {}): TProject {
  sequence += 1;
  const n = String(sequence % 10_000).padStart(4, '0');
  const region = overrides.region ?? '430600';
  const creditFirst17 = `91${region}MA${String(sequence % 10_000_000).padStart(7, '0')}`;
  return {
    code: `25-${region}-${n}`,
    name: `岳阳市政务协同平台项目${n}`,
    unitName: `岳阳市数据局${n}`,
    unitCode: creditFirst17 + creditCodeCheckChar(creditFirst17),
    region,
    policyPack: 'yueyang',
    investment: '350',
    category: '软件开发',
    domain: '协同办公',
    systemNames: [`协同办公系统${n}`, `移动办公${n}`],
    planYear: 2025,
    supplementaryPlan: false,
    caseByCaseDecision: null,
    classified: false,
    internalUseOnly: false,
    govServiceSystem: true,
    hasMobileChannel: true,
    standaloneMobileApp: null,
    hasVideoInfrastructure: false,
    buildsCloudOrDataCentre: null,
    buildsServicePlatform: false,
    hasDataResources: true,
    isApplicationPlatform: null,
    cloudExemptionRef: null,
    approvedOn: '2025-03-07',
    contractSignedOn: '2025-05-20',
    preliminaryAcceptanceOn: null,
    trialStartOn: null,
    trialEndOn: null,
    acceptanceAppliedOn: null,
    expertReviewRef: `岳数专审〔2025〕${sequence}号`,
    technicalReviewRef: null,
    financialReviewRef: null,
    supervisionContractRef: null,
    procurementFiled: true,
    omPeriodMonths: 36,
    securityPlan: true,
    omPlan: null,
    securityPrereviewRef: null,
    cryptoPrereviewRef: null,
    acceptedOn: null,
    reliabilityPrereviewRef: null,
    eArchivePrereviewRef: null,
    acceptanceFiled: null,
    ...overrides,
  };
}
