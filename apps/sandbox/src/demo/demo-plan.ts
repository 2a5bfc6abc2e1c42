import type { DemoPackId } from './demo-catalogue';

/**
 * A project as the demo city builds it, in relative terms: its registry row and the records each of
 * the five upstream systems holds for it, every time given as days before `now`. A designed project is
 * a pack's compliant baseline with one or two things changed; the seeded mix draws its own variations.
 */
export interface ProjectPlan {
  registry: RegistryPlan;
  cloud: CloudPlan;
  filings: FilingPlan[];
  exchange: ExchangePlan[];
  video: VideoPlan;
  ywtb: YwtbPlan[];
  ybyh: MobileServicePlan[];
  brain: HubAppPlan[];
}

/** How a tenant was provided: allocated by the city, or bought as a service by a county (县市区). */
export type PurchaseMode = 'city-allocated' | 'county-purchased-service';

/** The registry row, with documents as "on record or not" (the builder numbers them). */
export interface RegistryPlan {
  /** 总投资(万元), exactly as the workbook writes it */
  investment: string;
  classified: boolean;
  internalUseOnly: boolean;
  govServiceSystem: boolean;
  hasMobileChannel: boolean;
  standaloneMobileApp: boolean | null;
  hasVideoInfrastructure: boolean;
  buildsCloudOrDataCentre: boolean | null;
  buildsServicePlatform: boolean | null;
  hasDataResources: boolean;
  isApplicationPlatform: boolean | null;
  /** a 不上云例外文号 is on record */
  cloudExemption: boolean;
  /**
   * annual: 计划年度 set; supplementary: 增补计划 with its year; supplementary-no-year: 增补 without a year;
   * case-by-case: no year but a 一事一议 decision; none: neither
   */
  plan: 'annual' | 'supplementary' | 'supplementary-no-year' | 'case-by-case' | 'none';
  docs: {
    expertReview: boolean;
    technicalReview: boolean;
    financialReview: boolean;
    supervisionContract: boolean;
    securityPrereview: boolean;
    cryptoPrereview: boolean;
    /** 安全可靠审查 (Chenzhou art. 9) */
    reliabilityPrereview: boolean;
    /** 电子档案审查 (Chenzhou art. 9) */
    eArchivePrereview: boolean;
  };
  procurementFiled: boolean | null;
  omPeriodMonths: number | null;
  securityPlan: boolean | null;
  omPlan: boolean | null;
  /** 验收资料备案: the acceptance report filed after completion acceptance */
  acceptanceFiled: boolean | null;
  /** days before now of each registry date; null: not on record */
  dates: {
    approved: number | null;
    contract: number | null;
    preliminary: number | null;
    trialStart: number | null;
    trialEnd: number | null;
    applied: number | null;
    /** 竣工验收日期: completion acceptance passed */
    accepted: number | null;
  };
}

/**
 * Breaks a built record's contract in one field (see `demo-invalid.ts`): the connector keeps such a
 * record as untrusted evidence of the project it names, and the rules reading its kind cannot rely on it.
 */
export type RecordBreak = (record: Record<string, unknown>) => void;

/** A record of the plan that arrives broken. */
interface MaybeBroken {
  broken?: RecordBreak;
}

export interface CloudPlan {
  /** one tenant for the whole unit (older set-ups) instead of one per project */
  unitLevelTenant?: boolean;
  /** the tenant's purchaseMode; null: the tenant record carries none; absent: county-purchased for a county, city-allocated otherwise */
  purchaseMode?: PurchaseMode | null;
  /**
   * The resources carry no projectCode, only these system names (one per resource, cycling): the hub can
   * only suggest them by unit credit code and system name.
   */
  untaggedSystemNames?: readonly string[];
  /** breaks the project's own tenant record (not a unit-level one, which other projects share) */
  brokenTenant?: RecordBreak;
  resources: ResourcePlan[];
}

/** One cloud resource a plan needs. */
export interface ResourcePlan extends MaybeBroken {
  type: 'ecs' | 'rds' | 'redis' | 'oss' | 'slb' | 'k8s-node' | 'gpu' | 'other';
  vcpu?: number;
  environment: 'production' | 'test';
  networkZone: 'egov-extranet' | 'internet' | 'private';
  status: 'running' | 'stopped' | 'released';
  /** created this many days before now */
  ageDays: number;
  /** last changed this many days before now; drawn within the resource's life when absent */
  changedDaysAgo?: number;
  /** 30-day CPU average in percent; a busy figure (≥ 12) is drawn when absent */
  cpuAvg?: number;
}

/**
 * Records of older systems often carry no project code: `untagged` ones name the project's system
 * another way (full-width space, brackets) and reach it only as a suggested match.
 */
interface MaybeUntagged {
  untagged?: boolean;
}

/** 等级保护备案 of the project's system. */
export interface FilingPlan extends MaybeUntagged, MaybeBroken {
  level: 1 | 2 | 3 | 4 | 5;
  status: 'PENDING' | 'FILED' | 'REVOKED' | 'CANCELLED';
  /**
   * Days before now it was filed. Absent: 15 days before the project's oldest cloud resource was
   * created (at least 345 days ago), as a system filed before going live; null: no 备案时间 on record.
   */
  filedDaysAgo?: number | null;
  /** days before now it was graded (定级); absent: 10 to 28 days before it was (or would be) filed */
  gradedDaysAgo?: number;
  evaluations: readonly { daysAgo: number; conclusion: 'EXCELLENT' | 'GOOD' | 'MODERATE' | 'POOR' }[];
  cryptoAssessments: readonly { daysAgo: number; conclusion: 'PASS' | 'BASIC_PASS' | 'FAIL' }[];
}

/** 接入系统 on the exchange platform, its catalogue entries and its 30-day statistics. */
export interface ExchangePlan extends MaybeUntagged, MaybeBroken {
  accessStatus: 'CONNECTED' | 'APPLYING' | 'DISCONNECTED';
  entries: CatalogEntryPlan[];
  stats:
    | ({ providedCalls: number; consumedCalls: number; lastExchangeDaysAgo: number | null } & MaybeBroken)
    | null;
}

export interface CatalogEntryPlan extends MaybeBroken {
  shareType: 'UNCONDITIONAL' | 'CONDITIONAL' | 'NOT_SHARED';
  /** a NOT_SHARED entry cites its legal basis */
  withBasis?: boolean;
  updateCycle: 'REALTIME' | 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'QUARTERLY' | 'YEARLY';
  /** null: the platform does not report the mount type (the field is absent) */
  mountType: 'API' | 'DATABASE' | 'FILE' | 'NONE' | null;
  /** data last updated this many days ago; null: never */
  updatedDaysAgo: number | null;
  status: 'PUBLISHED' | 'DRAFT' | 'OFFLINE';
}

/** Devices on the video sharing platform, registered directly or through a cascaded platform. */
export interface VideoPlan {
  platform: (MaybeUntagged & MaybeBroken & { cascadeStatus: 'ONLINE' | 'OFFLINE' }) | null;
  devices: DevicePlan[];
}

export interface DevicePlan extends MaybeBroken {
  /** registered through the project's cascaded platform (no project code of its own) */
  viaPlatform?: boolean;
  status: 'ON' | 'OFF' | 'DELETED';
  channels: number;
  /** online channels as the device last reported them */
  online: number;
}

/** A system integrated with 一网通办. */
export interface YwtbPlan extends MaybeUntagged, MaybeBroken {
  status: 'ONLINE' | 'TESTING' | 'OFFLINE';
  items: {
    unifiedIdentity: boolean;
    unifiedIntake: boolean;
    caseDataReturn: boolean;
    unifiedEvaluation: boolean;
  };
  lastReturnDaysAgo: number | null;
}

/** A service in the 岳办岳好 app. */
export interface MobileServicePlan extends MaybeUntagged, MaybeBroken {
  status: 'ONLINE' | 'REVIEWING' | 'OFFLINE';
  kind: 'H5' | 'MINIAPP' | 'NATIVE_MODULE';
}

/** An application on the 城市大脑中枢. */
export interface HubAppPlan extends MaybeUntagged, MaybeBroken {
  status: 'CONNECTED' | 'PENDING' | 'DISCONNECTED';
  accessMode: 'API' | 'EVENT' | 'DATA' | 'EMBED';
  heartbeatDaysAgo: number | null;
}

const egov = 'egov-extranet';

/**
 * Registry dates of a project approved 420 days ago whose completion application went in 90 days ago
 * and awaits its acceptance (no 竣工验收日期 yet).
 */
export const BASELINE_DATES: RegistryPlan['dates'] = {
  approved: 420,
  contract: 375,
  preliminary: 200,
  trialStart: 195,
  trialEnd: 100,
  applied: 90,
  accepted: null,
};

/** A level-3 filing, evaluated 60 days ago (and the year before) and assessed for cryptography. */
export function compliantFiling(level: FilingPlan['level'] = 3): FilingPlan {
  return {
    level,
    status: 'FILED',
    evaluations: [
      { daysAgo: 60, conclusion: 'GOOD' },
      { daysAgo: 420, conclusion: 'GOOD' },
    ],
    cryptoAssessments: [{ daysAgo: 110, conclusion: 'PASS' }],
  };
}

/** A connected exchange system with published, mounted entries, current data and recent calls. */
export function compliantExchange(withNotShared: boolean): ExchangePlan {
  return {
    accessStatus: 'CONNECTED',
    entries: [
      {
        shareType: 'UNCONDITIONAL',
        updateCycle: 'DAILY',
        mountType: 'API',
        updatedDaysAgo: 0.3,
        status: 'PUBLISHED',
      },
      {
        shareType: 'CONDITIONAL',
        updateCycle: 'MONTHLY',
        mountType: 'DATABASE',
        updatedDaysAgo: 12,
        status: 'PUBLISHED',
      },
      ...(withNotShared
        ? [
            {
              shareType: 'NOT_SHARED',
              withBasis: true,
              updateCycle: 'YEARLY',
              mountType: 'FILE',
              updatedDaysAgo: 150,
              status: 'PUBLISHED',
            } satisfies CatalogEntryPlan,
          ]
        : []),
    ],
    stats: { providedCalls: 1_860, consumedCalls: 420, lastExchangeDaysAgo: 0.2 },
  };
}

/** Three cameras behind a cascaded platform and one registered directly: 19 of 20 channels online. */
export function compliantVideo(): VideoPlan {
  return {
    platform: { cascadeStatus: 'ONLINE' },
    devices: [
      { viaPlatform: true, status: 'ON', channels: 4, online: 4 },
      { viaPlatform: true, status: 'ON', channels: 4, online: 4 },
      { viaPlatform: true, status: 'ON', channels: 8, online: 7 },
      { viaPlatform: true, status: 'DELETED', channels: 1, online: 0 },
      { status: 'ON', channels: 4, online: 4 },
    ],
  };
}

export const compliantYwtb = (): YwtbPlan => ({
  status: 'ONLINE',
  items: { unifiedIdentity: true, unifiedIntake: true, caseDataReturn: true, unifiedEvaluation: true },
  lastReturnDaysAgo: 1,
});

export const compliantHubApp = (): HubAppPlan => ({
  status: 'CONNECTED',
  accessMode: 'API',
  heartbeatDaysAgo: 0.1,
});

/** Production and test machines and a database, all running in the e-gov extranet zone. */
export function compliantResources(): ResourcePlan[] {
  return [
    { type: 'ecs', vcpu: 8, environment: 'production', networkZone: egov, status: 'running', ageDays: 320 },
    { type: 'rds', vcpu: 4, environment: 'production', networkZone: egov, status: 'running', ageDays: 320 },
    { type: 'ecs', vcpu: 4, environment: 'test', networkZone: egov, status: 'running', ageDays: 340 },
  ];
}

/**
 * The compliant baseline of a pack, before any variation: every rule of the pack gives PASS or
 * NOT_APPLICABLE on it (see BASELINE_EXPECTED). Yueyang: a city-level government-service system with a
 * mobile channel, video and data resources, 350 万元 (so expert review, supervision and the full
 * acceptance path apply), its fiscal and network-security reviews on record, awaiting acceptance.
 * Chenzhou: a city-level application platform with data resources, 350 万元 (between the procurement
 * limit and the approval threshold: technical and financial reviews, supervision and all four
 * pre-reviews apply). Both file their level-3 system before it goes live.
 */
export function baselinePlan(pack: DemoPackId): ProjectPlan {
  const yueyang = pack === 'yueyang';
  return {
    registry: {
      investment: '350.00',
      classified: false,
      internalUseOnly: false,
      govServiceSystem: yueyang,
      hasMobileChannel: yueyang,
      standaloneMobileApp: yueyang ? false : null,
      hasVideoInfrastructure: yueyang,
      buildsCloudOrDataCentre: false,
      buildsServicePlatform: false,
      hasDataResources: true,
      isApplicationPlatform: yueyang ? null : true,
      cloudExemption: false,
      plan: 'annual',
      docs: {
        expertReview: yueyang,
        technicalReview: !yueyang,
        // Yueyang art. 16 reviews every approved project's budget; Chenzhou art. 8 from the limit up.
        financialReview: true,
        supervisionContract: true,
        // Yueyang art. 5: the cyberspace office reviews network security; Chenzhou art. 9 pre-reviews it.
        securityPrereview: true,
        cryptoPrereview: !yueyang,
        reliabilityPrereview: !yueyang,
        eArchivePrereview: !yueyang,
      },
      procurementFiled: true,
      omPeriodMonths: 24,
      securityPlan: true,
      omPlan: true,
      acceptanceFiled: null,
      dates: { ...BASELINE_DATES },
    },
    cloud: { resources: compliantResources() },
    filings: [compliantFiling()],
    exchange: [compliantExchange(!yueyang)],
    video: yueyang ? compliantVideo() : { platform: null, devices: [] },
    ywtb: yueyang ? [compliantYwtb()] : [],
    ybyh: yueyang ? [{ status: 'ONLINE', kind: 'H5' }] : [],
    brain: yueyang ? [] : [compliantHubApp()],
  };
}

/**
 * Clears what a registry flag being off makes meaningless, so that a variation turning a flag off does
 * not leave records the registry says the project cannot have.
 */
export function withoutServices(
  plan: ProjectPlan,
  off: { govService?: boolean; mobile?: boolean; video?: boolean; data?: boolean; appPlatform?: boolean },
): void {
  if (off.govService) {
    plan.registry.govServiceSystem = false;
    plan.ywtb = [];
  }
  if (off.mobile) {
    plan.registry.hasMobileChannel = false;
    plan.registry.standaloneMobileApp = null;
    plan.ybyh = [];
  }
  if (off.video) {
    plan.registry.hasVideoInfrastructure = false;
    plan.video = { platform: null, devices: [] };
  }
  if (off.data) {
    plan.registry.hasDataResources = false;
    plan.exchange = [];
  }
  if (off.appPlatform) {
    plan.registry.isApplicationPlatform = false;
    plan.brain = [];
  }
}
