import {
  creditCodeCheckChar,
  type PolicyPackId,
  type TProject,
  type TSandboxDataset,
  ZInstant,
} from '@hub/contracts';
import { systemNameKey } from '@hub/rules';
import { SandboxUsageError } from '../framework/sandbox-error';
import {
  CONTACT_SURNAMES,
  DEMO_CITIES,
  type DemoCityInfo,
  ORPHAN_UNITS,
  SYSTEM_THEMES,
  type SystemTheme,
} from './demo-catalogue';
import {
  DESIGNED_SCENARIOS,
  type DesignedScenario,
  type DesignedVerdict,
  type PurchaseMode,
  type ResourcePlan,
} from './demo-scenarios';
import { beijingDate, beijingIso, beijingYear, DAY_MS } from './demo-time';
import { createPrng, type Prng } from './prng';

/** A project built to show one behaviour of the rules, with the verdicts the hub must reach on it. */
export interface DesignedProject {
  /** 项目编码 */
  code: string;
  /** what the project shows, in Chinese, e.g. 县级项目购买方式错误 */
  scenario: string;
  /** rule id → expected verdict, for every cloud rule of the project's pack */
  expected: Record<string, DesignedVerdict>;
}

/** Options of {@link generateDemoCity}. */
export interface DemoCityOptions {
  /** the instant every record's time is relative to (ISO-8601 with offset); becomes `dataset.now` */
  now: string;
  /** PRNG seed; the same seed and `now` give the same city */
  seed?: number;
  /** total number of projects, designed ones included; at least {@link DEMO_MIN_PROJECTS} */
  projects?: number;
}

/** A generated demo city. */
export interface DemoCity {
  dataset: TSandboxDataset;
  projects: TProject[];
  designed: DesignedProject[];
}

/** Fewer projects would make the seeded mix too thin to look like a city's annual plan. */
export const DEMO_MIN_PROJECTS = 80;
/** Number of projects when none is asked for. */
export const DEMO_DEFAULT_PROJECTS = 96;
/** Seed when none is given, so that two demos on two machines show the same city. */
export const DEMO_DEFAULT_SEED = 20_240_601;

/** Share of the seeded mix that is Yueyang's; the rest is Chenzhou's. */
const YUEYANG_SHARE = 0.6;

/** Departments that are public institutions (事业单位, credit codes starting 12), not organs (机关, 11). */
const INSTITUTION_SUFFIXES = ['中心', '室', '馆', '院', '园'];

interface Unit {
  name: string;
  code: string;
  region: string;
  /** 岳阳市, 岳阳县, …: the name project titles start with */
  regionName: string;
  city: DemoCityInfo;
}

type Rec = Record<string, unknown>;

/**
 * Generates the demo city: projects of Yueyang and Chenzhou with the gov-cloud tenants and resources
 * their scenarios need, the designed scenarios (`designed`) first, then a seeded mix up to `projects`,
 * plus records that belong to no project, tombstones and deliberately invalid records. Deterministic for
 * the same options; every time is relative to `now` and written with the +08:00 offset.
 */
export function generateDemoCity(options: DemoCityOptions): DemoCity {
  if (!ZInstant.safeParse(options.now).success) {
    throw new SandboxUsageError(
      `now 应为带时区的 ISO-8601 时间，例如 2025-06-30T09:00:00+08:00，收到 "${options.now}"`,
      `now must be an ISO-8601 instant with offset, e.g. 2025-06-30T09:00:00+08:00, got "${options.now}"`,
    );
  }
  const total = options.projects ?? DEMO_DEFAULT_PROJECTS;
  if (!Number.isInteger(total) || total < DEMO_MIN_PROJECTS) {
    throw new SandboxUsageError(
      `项目数应为不少于 ${DEMO_MIN_PROJECTS} 的整数，收到 ${total}`,
      `projects must be a whole number of at least ${DEMO_MIN_PROJECTS}, got ${total}`,
    );
  }
  const seed = options.seed ?? DEMO_DEFAULT_SEED;
  if (!Number.isSafeInteger(seed)) {
    throw new SandboxUsageError(`seed 应为整数，收到 ${seed}`, `seed must be a whole number, got ${seed}`);
  }
  const builder = new DemoCityBuilder(createPrng(seed), Date.parse(options.now));

  const designed = DESIGNED_SCENARIOS.map((s) => builder.designedProject(s));
  const mixed = total - designed.length;
  const yueyang = Math.round(mixed * YUEYANG_SHARE);
  for (let i = 0; i < mixed; i++) builder.mixedProject(i < yueyang ? 'yueyang' : 'chenzhou');
  builder.strayRecords();

  return {
    dataset: {
      now: options.now,
      govCloud: { tenants: builder.tenants, resources: builder.resources },
      dataExchange: { systems: [], catalog: [], stats: [] },
      mlps: { filings: [] },
      video: { platforms: [], devices: [] },
      servicePlatforms: { ywtb: [], ybyh: [], brain: [] },
    },
    projects: builder.projects,
    designed,
  };
}

type MixedKind =
  'compliant' | 'no-cloud' | 'internet-only' | 'stopped' | 'exempt' | 'county-city-allocated' | 'idle';

class DemoCityBuilder {
  readonly projects: TProject[] = [];
  readonly tenants: Rec[] = [];
  readonly resources: Rec[] = [];

  private readonly units = new Map<string, Unit>();
  private readonly unitTenants = new Map<string, Rec>();
  private readonly creditCodes = new Set<string>();
  private readonly ids = new Set<string>();
  private readonly serials = new Map<string, number>();
  private readonly systemsByUnit = new Map<string, Set<string>>();
  private docNo = 0;

  constructor(
    private readonly rng: Prng,
    private readonly nowMs: number,
  ) {}

  designedProject(s: DesignedScenario): DesignedProject {
    const city = DEMO_CITIES[s.pack];
    const theme = themeOf(s.system);
    const unit = this.unit(city, s.county, theme);
    const project = this.project({
      city,
      unit,
      theme,
      systemName: this.claimSystemName(unit, theme.system),
      approvedDaysAgo: 420,
      classified: s.classified ?? false,
      internalUseOnly: s.internalUseOnly ?? false,
      exemption: s.exemption ?? false,
    });
    if (s.tenant) {
      const tenant = s.tenant.unitLevel
        ? this.unitTenant(unit, s.tenant.purchaseMode)
        : this.projectTenant(unit, project, s.tenant.purchaseMode);
      s.resources.forEach((plan, i) => {
        const untagged = s.untaggedSystemNames;
        this.resource(tenant, {
          projectCode: untagged ? null : project.code,
          systemName: untagged ? untagged[i % untagged.length]! : project.systemNames[0]!,
          plan,
        });
      });
    }
    return { code: project.code, scenario: s.scenario, expected: { ...s.expected } };
  }

  mixedProject(pack: PolicyPackId): void {
    const rng = this.rng;
    const city = DEMO_CITIES[pack];
    const county = rng.chance(pack === 'yueyang' ? 0.35 : 0.3) ? rng.pick(city.counties).code : undefined;
    // County projects stay out of the key domains the Yueyang measures reserve for city-wide projects.
    const themes = SYSTEM_THEMES.filter(
      (t) => !t.designedOnly && (!county || t.domain === '政务服务' || t.domain === '其他'),
    );
    const theme = rng.pick(themes);
    const unit = this.unit(city, county, theme);
    const kind: MixedKind =
      pack === 'yueyang'
        ? rng.weighted({
            compliant: 72,
            'no-cloud': 8,
            'internet-only': 6,
            stopped: 4,
            exempt: 5,
            'county-city-allocated': county ? 5 : 0,
          })
        : rng.weighted({ compliant: 75, idle: 13, 'no-cloud': 8, exempt: 4 });
    const approvedDaysAgo = rng.int(430, 760);
    const project = this.project({
      city,
      unit,
      theme,
      systemName: this.claimSystemName(unit, theme.system),
      approvedDaysAgo,
      classified: false,
      internalUseOnly: false,
      exemption: kind === 'exempt',
    });
    if (kind === 'no-cloud' || kind === 'exempt') return;

    const purchaseMode: PurchaseMode | null = county
      ? kind === 'county-city-allocated'
        ? 'city-allocated'
        : 'county-purchased-service'
      : rng.chance(0.8)
        ? 'city-allocated'
        : null;
    const tenant =
      !county && rng.chance(0.25)
        ? this.unitTenant(unit, purchaseMode)
        : this.projectTenant(unit, project, purchaseMode);
    const maxAge = approvedDaysAgo - 60;
    const plans: ResourcePlan[] = [];
    const age = () => rng.int(30, maxAge);
    switch (kind) {
      case 'internet-only':
        plans.push(
          {
            type: 'ecs',
            environment: 'production',
            networkZone: 'internet',
            status: 'running',
            ageDays: age(),
          },
          {
            type: 'slb',
            environment: 'production',
            networkZone: 'internet',
            status: 'running',
            ageDays: age(),
          },
        );
        break;
      case 'stopped':
        plans.push({
          type: 'ecs',
          environment: 'production',
          networkZone: 'egov-extranet',
          status: 'stopped',
          ageDays: age(),
          changedDaysAgo: rng.int(10, 29),
        });
        break;
      default: {
        const prodAge = age();
        plans.push({
          type: 'ecs',
          vcpu: rng.pick([4, 8]),
          environment: 'production',
          networkZone: 'egov-extranet',
          status: 'running',
          ageDays: prodAge,
        });
        if (rng.chance(0.7)) {
          plans.push({
            type: 'ecs',
            vcpu: rng.pick([2, 4]),
            environment: 'test',
            networkZone: 'egov-extranet',
            status: 'running',
            ageDays: Math.min(maxAge, prodAge + rng.int(5, 40)),
          });
        }
        if (rng.chance(0.5)) plans.push(this.sidePlan('rds', prodAge));
        if (rng.chance(0.25)) plans.push(this.sidePlan('redis', prodAge));
        if (rng.chance(0.25)) plans.push(this.sidePlan('oss', prodAge));
        if (rng.chance(0.2)) plans.push(this.sidePlan('slb', prodAge));
        if (rng.chance(0.1)) plans.push(this.sidePlan('k8s-node', prodAge));
        // Idle machines matter to the Chenzhou intensive-use rule only; elsewhere they feed MON-IDLE.
        if (kind === 'idle' || (pack === 'yueyang' && rng.chance(0.1))) {
          plans.push({
            type: 'ecs',
            vcpu: rng.pick([4, 8, 16]),
            environment: 'production',
            networkZone: 'egov-extranet',
            status: 'running',
            ageDays: prodAge,
            cpuAvg: rng.float(0.5, 8.5),
          });
        }
        if (rng.chance(0.3)) {
          plans.push({
            type: 'ecs',
            vcpu: 2,
            environment: 'test',
            networkZone: 'egov-extranet',
            status: 'released',
            ageDays: maxAge,
            changedDaysAgo: rng.int(1, Math.min(200, maxAge)),
          });
        }
      }
    }
    for (const plan of plans) {
      this.resource(tenant, { projectCode: project.code, systemName: project.systemNames[0]!, plan });
    }
  }

  /**
   * Records no project accounts for: running resources of units with no project (orphans), a resource
   * tagged with a project code the registry does not know, a tombstone of an orphan, and the deliberately
   * invalid records a connector must report without dropping the rest.
   */
  strayRecords(): void {
    const rng = this.rng;
    const orphanTenants: Rec[] = [];
    for (const orphan of ORPHAN_UNITS) {
      const city = DEMO_CITIES[orphan.pack];
      const unit = this.unit(city, undefined, { dept: orphan.dept });
      const tenant = this.unitTenant(unit, 'city-allocated');
      orphanTenants.push(tenant);
      for (const systemName of orphan.systems) {
        this.resource(tenant, {
          projectCode: null,
          systemName,
          plan: {
            type: 'ecs',
            vcpu: 4,
            environment: 'production',
            networkZone: 'egov-extranet',
            status: 'running',
            ageDays: rng.int(60, 600),
          },
        });
      }
    }
    const [first, second, third] = orphanTenants as [Rec, Rec, Rec];

    const knownCodes = new Set(this.projects.map((p) => p.code));
    let ghost: string;
    do {
      ghost = `${String(beijingYear(this.nowMs) - 1).slice(2)}-430600-9${rng.int(100, 999)}`;
    } while (knownCodes.has(ghost));
    this.resource(first, {
      projectCode: ghost,
      systemName: '档案数字化加工系统',
      plan: {
        type: 'ecs',
        vcpu: 2,
        environment: 'production',
        networkZone: 'egov-extranet',
        status: 'running',
        ageDays: 90,
      },
    });
    this.resource(second, {
      projectCode: null,
      systemName: null,
      plan: {
        type: 'ecs',
        vcpu: 4,
        environment: 'test',
        networkZone: 'egov-extranet',
        status: 'released',
        ageDays: 400,
        changedDaysAgo: 2,
      },
    });

    // Deliberately invalid records, all on orphan tenants so that no designed verdict rests on them.
    const badZone = this.resource(third, {
      projectCode: null,
      systemName: '公积金短信平台',
      plan: {
        type: 'ecs',
        vcpu: 2,
        environment: 'production',
        networkZone: 'egov-extranet',
        status: 'running',
        ageDays: 120,
      },
    });
    badZone['networkZone'] = 'egov_extranet';
    const noId = this.resource(first, {
      projectCode: null,
      systemName: '地方志数据库',
      plan: {
        type: 'oss',
        environment: 'production',
        networkZone: 'egov-extranet',
        status: 'running',
        ageDays: 300,
      },
    });
    delete noId['resourceId'];
    const localTime = this.resource(second, {
      projectCode: null,
      systemName: '公共资源电子交易系统',
      plan: {
        type: 'rds',
        vcpu: 2,
        environment: 'test',
        networkZone: 'private',
        status: 'stopped',
        ageDays: 200,
      },
    });
    // The vendor's old batch job wrote Beijing local time without a zone.
    localTime['updatedAt'] = String(localTime['updatedAt']).slice(0, 19).replace('T', ' ');

    const legacyUnit = this.unit(DEMO_CITIES.chenzhou, undefined, { dept: '机关幼儿园' });
    const legacy = this.unitTenant(legacyUnit, null);
    legacy['createdAt'] = `${beijingYear(this.nowMs) - 5}/03/15 09:30:00`;
    this.resource(legacy, {
      projectCode: null,
      systemName: null,
      plan: {
        type: 'ecs',
        vcpu: 2,
        environment: 'test',
        networkZone: 'egov-extranet',
        status: 'stopped',
        ageDays: 700,
      },
    });
  }

  private sidePlan(type: ResourcePlan['type'], ageDays: number): ResourcePlan {
    return {
      type,
      environment: 'production',
      networkZone: 'egov-extranet',
      status: 'running',
      ageDays: Math.max(7, ageDays - this.rng.int(0, 20)),
    };
  }

  private unit(
    city: DemoCityInfo,
    countyCode: string | undefined,
    theme: Pick<SystemTheme, 'dept' | 'countyDept'>,
  ): Unit {
    const county = countyCode ? city.counties.find((c) => c.code === countyCode) : undefined;
    if (countyCode && !county) throw new RangeError(`unknown county ${countyCode} of ${city.name}`);
    const region = county?.code ?? city.region;
    const name = county ? `${county.name}${theme.countyDept ?? theme.dept}` : `${city.name}${theme.dept}`;
    const key = `${region}|${name}`;
    const known = this.units.get(key);
    if (known) return known;
    const institution = INSTITUTION_SUFFIXES.some((s) => name.endsWith(s));
    let code: string;
    do {
      const first17 = `1${institution ? '2' : '1'}${region}MB${String(this.rng.int(0, 9_999_999)).padStart(7, '0')}`;
      code = first17 + creditCodeCheckChar(first17);
    } while (this.creditCodes.has(code));
    this.creditCodes.add(code);
    const unit: Unit = { name, code, region, regionName: county?.name ?? city.name, city };
    this.units.set(key, unit);
    return unit;
  }

  /** A system name not yet used by the unit (after the hub's matching normalisation), phase-numbered. */
  private claimSystemName(unit: Unit, base: string): string {
    const used = this.systemsByUnit.get(unit.code) ?? new Set<string>();
    this.systemsByUnit.set(unit.code, used);
    const phases = ['', '（二期）', '（三期）', '（四期）', '（五期）', '（六期）'];
    for (const phase of phases) {
      const candidate = `${base}${phase}`;
      const key = systemNameKey(candidate);
      if (!used.has(key)) {
        used.add(key);
        return candidate;
      }
    }
    throw new RangeError(`${unit.name} already has every phase of ${base}`);
  }

  private project(input: {
    city: DemoCityInfo;
    unit: Unit;
    theme: SystemTheme;
    systemName: string;
    approvedDaysAgo: number;
    classified: boolean;
    internalUseOnly: boolean;
    exemption: boolean;
  }): TProject {
    const { city, unit, theme, systemName } = input;
    const rng = this.rng;
    const approvedMs = this.nowMs - input.approvedDaysAgo * DAY_MS;
    const planYear = beijingYear(approvedMs);
    const serial = (this.serials.get(unit.region) ?? 0) + 1;
    this.serials.set(unit.region, serial);
    const code = `${String(planYear).slice(2)}-${unit.region}-${String(serial).padStart(4, '0')}`;

    const contractMs = approvedMs + rng.int(30, 75) * DAY_MS;
    const preliminaryMs = contractMs + rng.int(120, 200) * DAY_MS;
    const trialStartMs = preliminaryMs + rng.int(3, 10) * DAY_MS;
    const trialEndMs = trialStartMs + rng.int(90, 110) * DAY_MS;
    const appliedMs = Math.min(trialEndMs + rng.int(5, 20) * DAY_MS, this.nowMs - DAY_MS);
    const investment = rng.float(35, 1800, 2);
    const large = investment >= 200;
    const aboveProcurementLimit = investment >= 80;
    const chenzhou = city.pack === 'chenzhou';
    const prefix = unit.regionName;
    const doc = (office: string) => `${city.docPrefix}${office}〔${planYear}〕${this.nextDocNo()}号`;

    const project: TProject = {
      code,
      name: `${prefix}${systemName}建设项目`,
      unitName: unit.name,
      unitCode: unit.code,
      region: unit.region,
      policyPack: city.pack,
      investment: investment.toFixed(2),
      category: theme.category,
      domain: theme.domain,
      systemNames: [systemName],
      planYear,
      supplementaryPlan: false,
      caseByCaseDecision: null,
      classified: input.classified,
      internalUseOnly: input.internalUseOnly,
      govServiceSystem: theme.govService ?? false,
      hasMobileChannel: theme.mobile ?? false,
      standaloneMobileApp: theme.mobile ? false : null,
      hasVideoInfrastructure: theme.video ?? false,
      buildsCloudOrDataCentre: false,
      buildsServicePlatform: false,
      hasDataResources: !input.classified && !input.internalUseOnly,
      isApplicationPlatform: chenzhou ? (theme.appPlatform ?? false) : null,
      cloudExemptionRef: input.exemption ? doc('政数函') : null,
      approvedOn: beijingDate(approvedMs),
      contractSignedOn: beijingDate(contractMs),
      preliminaryAcceptanceOn: beijingDate(preliminaryMs),
      trialStartOn: beijingDate(trialStartMs),
      trialEndOn: beijingDate(trialEndMs),
      acceptanceAppliedOn: beijingDate(appliedMs),
      expertReviewRef: !chenzhou && large ? doc('审批专审') : null,
      technicalReviewRef: chenzhou && aboveProcurementLimit ? doc('数技审') : null,
      financialReviewRef: chenzhou && aboveProcurementLimit ? doc('财评') : null,
      supervisionContractRef: (chenzhou ? aboveProcurementLimit : large)
        ? `JLHT-${planYear}-${String(this.nextDocNo()).padStart(3, '0')}`
        : null,
      procurementFiled: rng.chance(0.92),
      omPeriodMonths: rng.pick([12, 12, 24, 36]),
      securityPlan: true,
      omPlan: true,
      securityPrereviewRef: chenzhou && aboveProcurementLimit ? doc('网安审') : null,
      cryptoPrereviewRef: chenzhou && aboveProcurementLimit ? doc('密审') : null,
    };
    this.projects.push(project);
    return project;
  }

  private nextDocNo(): number {
    this.docNo += 1 + this.rng.int(0, 3);
    return this.docNo;
  }

  /** One tenant per project, named unit-system as the platform's console does. */
  private projectTenant(unit: Unit, project: TProject, purchaseMode: PurchaseMode | null): Rec {
    return this.tenant(unit, `${unit.name}-${project.systemNames[0]}`, purchaseMode);
  }

  /** The unit's shared tenant, created on first use (older set-ups put every system in one). */
  private unitTenant(unit: Unit, purchaseMode: PurchaseMode | null): Rec {
    const known = this.unitTenants.get(unit.code);
    if (known) return known;
    const tenant = this.tenant(unit, unit.name, purchaseMode);
    this.unitTenants.set(unit.code, tenant);
    return tenant;
  }

  private tenant(unit: Unit, tenantName: string, purchaseMode: PurchaseMode | null): Rec {
    const rng = this.rng;
    const tenant: Rec = {
      tenantId: this.uniqueId('tnt-', 6, '0123456789abcdef'),
      tenantName,
      unitName: unit.name,
      unitCode: unit.code,
      region: unit.region,
      ...(purchaseMode ? { purchaseMode } : {}),
      // Older than any resource the scenarios give it (at most 760 days).
      createdAt: beijingIso(this.nowMs - rng.int(800, 1400) * DAY_MS - rng.int(0, 86_399) * 1000),
    };
    // Fields the contract does not list: the connector must ignore them.
    if (rng.chance(0.3)) {
      tenant['contact'] = {
        name: `${rng.pick(CONTACT_SURNAMES)}工`,
        phone: `${unit.city.areaCode}-${rng.int(2_000_000, 8_999_999)}`,
      };
    }
    if (rng.chance(0.2))
      tenant['quota'] = { vcpu: rng.pick([64, 128, 256]), memoryGiB: rng.pick([256, 512, 1024]) };
    this.tenants.push(tenant);
    return tenant;
  }

  private resource(
    tenant: Rec,
    input: { projectCode: string | null; systemName: string | null; plan: ResourcePlan },
  ): Rec {
    const { plan } = input;
    const rng = this.rng;
    const createdMs = this.nowMs - plan.ageDays * DAY_MS - rng.int(600, 50_000) * 1000;
    const changedDaysAgo =
      plan.changedDaysAgo ??
      (plan.status === 'running'
        ? rng.int(0, plan.ageDays)
        : rng.int(1, Math.max(1, Math.min(60, plan.ageDays))));
    const updatedMs = Math.max(createdMs, this.nowMs - changedDaysAgo * DAY_MS - rng.int(60, 3_600) * 1000);
    const spec = this.spec(plan);
    const computes = spec.vcpu !== undefined;
    // Storage and load balancers report no CPU; new resources have no 30-day figures yet.
    const utilization =
      !computes || this.nowMs - createdMs < 7 * DAY_MS
        ? null
        : {
            cpuAvg30d: plan.cpuAvg ?? (plan.status === 'running' ? rng.float(12, 65) : rng.float(0, 2)),
            memAvg30d: rng.float(22, 78),
          };
    const resource: Rec = {
      resourceId: this.uniqueId(`${ID_PREFIX[plan.type]}-`, 8, '0123456789abcdefghijklmnopqrstuvwxyz'),
      tenantId: tenant['tenantId'],
      projectCode: input.projectCode,
      systemName: input.systemName,
      type: plan.type,
      spec,
      environment: plan.environment,
      networkZone: plan.networkZone,
      status: plan.status,
      createdAt: beijingIso(createdMs),
      updatedAt: beijingIso(updatedMs),
      utilization,
    };
    if (rng.chance(0.5)) {
      resource['tags'] = {
        env: plan.environment === 'production' ? 'prod' : 'test',
        ...(input.systemName ? { app: input.systemName } : {}),
      };
    }
    if (rng.chance(0.25)) {
      resource['chargeType'] = rng.pick(['PrePaid', 'PostPaid']);
      resource['monitoring'] = { agent: 'cloudmonitor', version: rng.pick(['3.5.2', '3.6.0']) };
    }
    this.resources.push(resource);
    return resource;
  }

  private spec(plan: ResourcePlan): { vcpu?: number; memoryGiB?: number; storageGiB?: number } {
    const rng = this.rng;
    switch (plan.type) {
      case 'ecs': {
        const vcpu = plan.vcpu ?? rng.pick([2, 4, 8]);
        return { vcpu, memoryGiB: vcpu * rng.pick([2, 4]), storageGiB: rng.pick([100, 200, 500]) };
      }
      case 'rds': {
        const vcpu = plan.vcpu ?? rng.pick([2, 4, 8]);
        return { vcpu, memoryGiB: vcpu * 4, storageGiB: rng.pick([200, 500, 1000]) };
      }
      case 'redis':
        return { vcpu: plan.vcpu ?? 2, memoryGiB: rng.pick([4, 8, 16]) };
      case 'k8s-node':
        return { vcpu: plan.vcpu ?? 8, memoryGiB: 32, storageGiB: 200 };
      case 'gpu':
        return { vcpu: plan.vcpu ?? 16, memoryGiB: 64, storageGiB: 500 };
      case 'oss':
        return { storageGiB: rng.pick([500, 1000, 2000, 5000]) };
      case 'slb':
      case 'other':
        return {};
    }
  }

  private uniqueId(prefix: string, length: number, alphabet: string): string {
    let id: string;
    do {
      id = prefix;
      for (let i = 0; i < length; i++) id += alphabet[this.rng.int(0, alphabet.length - 1)];
    } while (this.ids.has(id));
    this.ids.add(id);
    return id;
  }
}

const ID_PREFIX: Record<ResourcePlan['type'], string> = {
  ecs: 'ecs',
  rds: 'rds',
  redis: 'redis',
  oss: 'oss',
  slb: 'slb',
  'k8s-node': 'node',
  gpu: 'gpu',
  other: 'res',
};

function themeOf(system: string): SystemTheme {
  const theme = SYSTEM_THEMES.find((t) => t.system === system);
  if (!theme) throw new RangeError(`no system theme named ${system}`);
  return theme;
}
