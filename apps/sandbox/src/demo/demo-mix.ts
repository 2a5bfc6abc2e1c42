import type { DemoPackId } from './demo-catalogue';
import type { SystemTheme } from './demo-catalogue';
import {
  compliantExchange,
  compliantHubApp,
  compliantVideo,
  compliantYwtb,
  type FilingPlan,
  type ProjectPlan,
  type ResourcePlan,
} from './demo-plan';
import type { Prng } from './prng';

const egov = 'egov-extranet';

/**
 * A compliant project of the seeded mix for a theme: the registry flags the theme implies, an
 * investment drawn from the city's usual range with the documents its thresholds require, registry
 * dates in order (some projects already accepted, their report filed), resources running in the e-gov
 * extranet, a filing at the theme's level made before them, and current records in every platform the
 * flags call for.
 */
export function mixedPlan(
  rng: Prng,
  pack: DemoPackId,
  theme: SystemTheme,
  county: boolean,
  approvedDaysAgo: number,
): ProjectPlan {
  const yueyang = pack === 'yueyang';
  const investment = rng.float(35, 1800, 2);
  const contract = approvedDaysAgo - rng.int(30, 75);
  const preliminary = contract - rng.int(120, 200);
  const trialStart = preliminary - rng.int(3, 10);
  const trialEnd = trialStart - rng.int(90, 110);
  const applied = Math.max(1, trialEnd - rng.int(5, 20));
  const accepted = applied > 20 && rng.chance(0.4) ? applied - rng.int(10, Math.min(60, applied - 5)) : null;
  const level = theme.level ?? 2;

  return {
    registry: {
      investment: investment.toFixed(2),
      classified: false,
      internalUseOnly: false,
      govServiceSystem: theme.govService ?? false,
      hasMobileChannel: theme.mobile ?? false,
      standaloneMobileApp: theme.mobile ? false : null,
      hasVideoInfrastructure: theme.video ?? false,
      buildsCloudOrDataCentre: false,
      buildsServicePlatform: false,
      hasDataResources: true,
      isApplicationPlatform: yueyang ? null : (theme.appPlatform ?? false),
      cloudExemption: false,
      plan: rng.chance(0.08) ? 'supplementary' : 'annual',
      docs: {
        expertReview: yueyang && investment >= 200,
        technicalReview: !yueyang && investment >= 80,
        financialReview: yueyang || investment >= 80,
        supervisionContract: yueyang ? investment >= 200 : investment >= 80,
        securityPrereview: yueyang || investment >= 80,
        cryptoPrereview: !yueyang && investment >= 80,
        reliabilityPrereview: !yueyang && investment >= 80,
        eArchivePrereview: !yueyang && investment >= 80,
      },
      procurementFiled: true,
      omPeriodMonths: rng.pick([12, 12, 24, 36]),
      securityPlan: true,
      omPlan: true,
      acceptanceFiled: accepted === null ? null : true,
      dates: { approved: approvedDaysAgo, contract, preliminary, trialStart, trialEnd, applied, accepted },
    },
    cloud: {
      purchaseMode: county ? 'county-purchased-service' : rng.chance(0.8) ? 'city-allocated' : null,
      unitLevelTenant: !county && rng.chance(0.25),
      resources: mixedResources(rng, approvedDaysAgo - 60, yueyang),
    },
    filings: [mixedFiling(rng, level)],
    exchange: [mixedExchange(rng, !yueyang && rng.chance(0.4))],
    video: theme.video ? compliantVideo() : { platform: null, devices: [] },
    ywtb: yueyang && theme.govService ? [{ ...compliantYwtb(), lastReturnDaysAgo: rng.float(0.5, 20) }] : [],
    ybyh:
      yueyang && theme.mobile
        ? [{ status: 'ONLINE', kind: rng.pick(['H5', 'MINIAPP', 'NATIVE_MODULE']) }]
        : [],
    brain:
      !yueyang && theme.appPlatform
        ? [
            {
              ...compliantHubApp(),
              accessMode: rng.pick(['API', 'EVENT', 'DATA', 'EMBED']),
              heartbeatDaysAgo: rng.float(0.02, 3, 2),
            },
          ]
        : [],
  };
}

function mixedResources(rng: Prng, maxAge: number, yueyang: boolean): ResourcePlan[] {
  const prodAge = rng.int(30, maxAge);
  const side = (type: ResourcePlan['type']): ResourcePlan => ({
    type,
    environment: 'production',
    networkZone: egov,
    status: 'running',
    ageDays: Math.max(7, prodAge - rng.int(0, 20)),
  });
  const plans: ResourcePlan[] = [
    {
      type: 'ecs',
      vcpu: rng.pick([4, 8]),
      environment: 'production',
      networkZone: egov,
      status: 'running',
      ageDays: prodAge,
    },
  ];
  if (rng.chance(0.7)) {
    plans.push({
      type: 'ecs',
      vcpu: rng.pick([2, 4]),
      environment: 'test',
      networkZone: egov,
      status: 'running',
      ageDays: Math.min(maxAge, prodAge + rng.int(5, 40)),
    });
  }
  if (rng.chance(0.5)) plans.push(side('rds'));
  if (rng.chance(0.25)) plans.push(side('redis'));
  if (rng.chance(0.25)) plans.push(side('oss'));
  if (rng.chance(0.2)) plans.push(side('slb'));
  if (rng.chance(0.1)) plans.push(side('k8s-node'));
  // Idle machines matter to the Chenzhou intensive-use rule only; in Yueyang they feed MON-IDLE.
  if (yueyang && rng.chance(0.1)) plans.push(idleMachine(rng, prodAge));
  if (rng.chance(0.3)) {
    plans.push({
      type: 'ecs',
      vcpu: 2,
      environment: 'test',
      networkZone: egov,
      status: 'released',
      ageDays: maxAge,
      changedDaysAgo: rng.int(1, Math.min(200, maxAge)),
    });
  }
  return plans;
}

function idleMachine(rng: Prng, ageDays: number): ResourcePlan {
  return {
    type: 'ecs',
    vcpu: rng.pick([4, 8, 16]),
    environment: 'production',
    networkZone: egov,
    status: 'running',
    ageDays,
    cpuAvg: rng.float(0.5, 8.5),
  };
}

/** Level 3 and up: evaluated within the year, assessed for cryptography; level 2: maybe evaluated once. */
function mixedFiling(rng: Prng, level: FilingPlan['level']): FilingPlan {
  const conclusion = () => rng.pick(['EXCELLENT', 'GOOD', 'GOOD', 'MODERATE'] as const);
  if (level >= 3) {
    const latest = rng.int(20, 300);
    return {
      level,
      status: 'FILED',
      evaluations: [
        { daysAgo: latest, conclusion: conclusion() },
        { daysAgo: latest + rng.int(330, 365), conclusion: conclusion() },
      ],
      cryptoAssessments: [
        { daysAgo: rng.int(30, 400), conclusion: rng.pick(['PASS', 'PASS', 'BASIC_PASS'] as const) },
      ],
    };
  }
  return {
    level,
    status: 'FILED',
    evaluations: rng.chance(0.5) ? [{ daysAgo: rng.int(100, 700), conclusion: conclusion() }] : [],
    cryptoAssessments: [],
  };
}

function mixedExchange(rng: Prng, withNotShared: boolean): ProjectPlan['exchange'][number] {
  const exchange = compliantExchange(withNotShared);
  exchange.stats = {
    providedCalls: rng.int(40, 25_000),
    consumedCalls: rng.int(0, 8_000),
    lastExchangeDaysAgo: rng.float(0.01, 2, 2),
  };
  // A retired entry (已下线) stays on the platform as a tombstone and counts for nothing.
  if (rng.chance(0.2)) {
    exchange.entries.push({
      shareType: 'CONDITIONAL',
      updateCycle: 'MONTHLY',
      mountType: 'DATABASE',
      updatedDaysAgo: rng.int(200, 500),
      status: 'OFFLINE',
    });
  }
  return exchange;
}

/** A defect the seeded mix gives some projects: what it changes, and which projects it fits. */
interface Defect {
  weight: number;
  fits?: (plan: ProjectPlan, county: boolean) => boolean;
  apply: (plan: ProjectPlan, rng: Prng) => void;
}

const hasProduction = (p: ProjectPlan) =>
  p.cloud.resources.some((r) => r.status === 'running' && r.environment === 'production');
const levelThree = (p: ProjectPlan) => p.filings.some((f) => f.level >= 3);
const atLeast = (amount: number) => (p: ProjectPlan) => Number(p.registry.investment) >= amount;

const firstProduction = (p: ProjectPlan) =>
  Math.max(
    0,
    ...p.cloud.resources
      .filter((r) => r.status === 'running' && r.environment === 'production')
      .map((r) => r.ageDays),
  );
const longInProduction = (p: ProjectPlan) => firstProduction(p) >= 60;

/** Graded before going live, filed only days ago: later than 30 days after entering operation. */
function fileLate(p: ProjectPlan, rng: Prng): void {
  p.filings[0] = {
    ...p.filings[0]!,
    filedDaysAgo: rng.int(1, 6),
    gradedDaysAgo: firstProduction(p) + rng.int(5, 20),
  };
}

function internetOnly(p: ProjectPlan, rng: Prng): void {
  const age = Math.max(30, ...p.cloud.resources.map((r) => r.ageDays));
  p.cloud.resources = [
    { type: 'ecs', environment: 'production', networkZone: 'internet', status: 'running', ageDays: age },
    {
      type: 'slb',
      environment: 'production',
      networkZone: 'internet',
      status: 'running',
      ageDays: rng.int(30, age),
    },
  ];
}

/**
 * What goes wrong in the seeded mix, by pack, with weights. Some are not defects at all (an approved
 * exemption) and some only advisory (intensive use, O&M period, procurement filing, cryptography while
 * unconfirmed), so that not every varied project is held back from acceptance.
 */
const DEFECTS: Readonly<Record<DemoPackId, readonly Defect[]>> = {
  yueyang: [
    { weight: 8, apply: (p) => void (p.cloud.resources = []) },
    {
      weight: 6,
      apply: (p) => {
        p.registry.cloudExemption = true;
        p.cloud.resources = [];
      },
    },
    { weight: 5, apply: internetOnly },
    {
      weight: 3,
      apply: (p, rng) => {
        const changed = rng.int(10, 29);
        p.cloud.resources = p.cloud.resources.map((r) => ({
          ...r,
          status: 'stopped',
          changedDaysAgo: changed,
        }));
      },
    },
    { weight: 4, fits: (_p, county) => county, apply: (p) => void (p.cloud.purchaseMode = 'city-allocated') },
    { weight: 3, fits: hasProduction, apply: (p, rng) => void (p.filings[0]!.filedDaysAgo = rng.int(1, 6)) },
    { weight: 3, apply: (p) => void (p.filings[0]!.untagged = true) },
    {
      weight: 4,
      fits: levelThree,
      apply: (p, rng) => {
        const shift = rng.int(380, 450);
        const f = p.filings[0]!;
        p.filings[0] = {
          ...f,
          evaluations: f.evaluations.map((e) => ({ ...e, daysAgo: e.daysAgo + shift })),
        };
      },
    },
    { weight: 2, fits: levelThree, apply: (p) => void (p.filings[0]!.cryptoAssessments = []) },
    {
      weight: 4,
      fits: (p) => p.ywtb.length > 0,
      apply: (p, rng) => void (p.ywtb[0]!.lastReturnDaysAgo = rng.int(35, 120)),
    },
    { weight: 3, fits: (p) => p.ybyh.length > 0, apply: (p) => void (p.ybyh[0]!.status = 'OFFLINE') },
    {
      weight: 4,
      fits: (p) => p.video.devices.length > 0,
      apply: (p) =>
        void (p.video.devices = p.video.devices.map((d) => (d.channels >= 8 ? { ...d, status: 'OFF' } : d))),
    },
    {
      weight: 3,
      apply: (p) =>
        void (p.exchange[0]!.entries = p.exchange[0]!.entries.map((e) => ({ ...e, status: 'DRAFT' }))),
    },
    {
      weight: 3,
      fits: atLeast(200),
      apply: (p) => void (p.registry.docs.supervisionContract = false),
    },
    { weight: 3, apply: (p, rng) => void (p.registry.omPeriodMonths = rng.pick([3, 6, null])) },
    { weight: 3, apply: (p) => void (p.registry.procurementFiled = null) },
    { weight: 4, apply: (p) => void (p.registry.docs.financialReview = false) },
    { weight: 3, apply: (p) => void (p.registry.docs.securityPrereview = false) },
    {
      weight: 3,
      fits: (p) => p.registry.dates.accepted !== null,
      apply: (p, rng) => void (p.registry.acceptanceFiled = rng.pick([false, null])),
    },
  ],
  chenzhou: [
    { weight: 8, apply: (p) => void (p.cloud.resources = []) },
    {
      weight: 4,
      apply: (p) => {
        p.registry.cloudExemption = true;
        p.cloud.resources = [];
      },
    },
    { weight: 12, apply: (p, rng) => void p.cloud.resources.push(idleMachine(rng, rng.int(30, 300))) },
    { weight: 3, apply: internetOnly },
    {
      weight: 4,
      apply: (p, rng) => {
        const x = p.exchange[0]!;
        x.stats = { providedCalls: 0, consumedCalls: rng.int(0, 300), lastExchangeDaysAgo: rng.int(40, 120) };
        x.entries = x.entries.map((e) => ({ ...e, updatedDaysAgo: (e.updatedDaysAgo ?? 0) + 400 }));
      },
    },
    {
      weight: 3,
      apply: (p) =>
        void p.exchange[0]!.entries.push({
          shareType: 'NOT_SHARED',
          updateCycle: 'YEARLY',
          mountType: 'FILE',
          updatedDaysAgo: 200,
          status: 'PUBLISHED',
        }),
    },
    {
      weight: 4,
      fits: (p) => p.brain.length > 0,
      apply: (p, rng) => void (p.brain[0]!.heartbeatDaysAgo = rng.int(9, 60)),
    },
    {
      weight: 3,
      fits: levelThree,
      apply: (p, rng) => {
        const shift = rng.int(380, 450);
        const f = p.filings[0]!;
        p.filings[0] = {
          ...f,
          evaluations: f.evaluations.map((e) => ({ ...e, daysAgo: e.daysAgo + shift })),
        };
      },
    },
    { weight: 3, apply: (p) => void (p.filings[0]!.untagged = true) },
    { weight: 3, fits: atLeast(80), apply: (p) => void (p.registry.docs.financialReview = false) },
    {
      weight: 3,
      fits: atLeast(80),
      apply: (p, rng) =>
        void (p.registry.docs[rng.pick(['reliabilityPrereview', 'eArchivePrereview'] as const)] = false),
    },
    { weight: 3, fits: longInProduction, apply: fileLate },
    {
      weight: 2,
      apply: (p) => {
        const d = p.registry.dates;
        d.applied = (d.preliminary ?? 0) + 10;
      },
    },
  ],
};

/**
 * Gives a mixed project its defects: about three in four stay compliant, the rest get one defect, some
 * two. Returns how many were applied.
 */
export function applyDefects(rng: Prng, pack: DemoPackId, plan: ProjectPlan, county: boolean): number {
  const roll = rng.next();
  const count = roll < 0.74 ? 0 : roll < 0.94 ? 1 : 2;
  for (let i = 0; i < count; i++) {
    const fitting = DEFECTS[pack].filter((d) => !d.fits || d.fits(plan, county));
    const weights = Object.fromEntries(fitting.map((d, n) => [String(n), d.weight]));
    fitting[Number(rng.weighted(weights))]!.apply(plan, rng);
  }
  return count;
}
