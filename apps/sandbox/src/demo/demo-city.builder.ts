import { creditCodeCheckChar, type TProject } from '@hub/contracts';
import { systemNameKey } from '@hub/rules';
import {
  CAMERA_KINDS,
  CATALOGUE_ITEMS,
  CONTACT_SURNAMES,
  DEVICE_PLACES,
  type DemoCityInfo,
  EVALUATION_AGENCIES,
  NOT_SHARED_BASES,
  type SystemTheme,
} from './demo-catalogue';
import type {
  CatalogEntryPlan,
  DevicePlan,
  ExchangePlan,
  FilingPlan,
  HubAppPlan,
  MobileServicePlan,
  ProjectPlan,
  PurchaseMode,
  ResourcePlan,
  YwtbPlan,
} from './demo-plan';
import { beijingDate, beijingIso, beijingLocal, beijingYear, DAY_MS } from './demo-time';
import type { Prng } from './prng';

/** Departments that are public institutions (事业单位, credit codes starting 12), not organs (机关, 11). */
const INSTITUTION_SUFFIXES = ['中心', '室', '馆', '院', '园'];

/** A construction unit (建设单位) of one division. */
export interface Unit {
  name: string;
  code: string;
  region: string;
  /** 岳阳市, 岳阳县, …: the name project titles start with */
  regionName: string;
  city: DemoCityInfo;
}

export type Rec = Record<string, unknown>;

/** Every record of the five upstream systems, in the dataset's shape. */
export interface DemoRecords {
  tenants: Rec[];
  resources: Rec[];
  systems: Rec[];
  catalog: Rec[];
  stats: Rec[];
  filings: Rec[];
  platforms: Rec[];
  devices: Rec[];
  ywtb: Rec[];
  ybyh: Rec[];
  brain: Rec[];
}

/** Where a record without a project code points: its unit and the name it gives the system. */
export interface Owner {
  unit: Unit;
  /** the project's code, or null for a record that carries none */
  projectCode: string | null;
  systemName: string;
}

/** Registry days that stand in for the approval date of a project that has none (its code's year). */
const CODE_DAYS_AGO = 420;

/**
 * Turns plans into a registry row and upstream records: units with valid credit codes, unique ids and
 * codes, times relative to `now` (ISO with +08:00, MLPS in its zone-less Beijing form). Draws only
 * cosmetic details (ids, names, minutes) from the PRNG, never what a rule reads beyond the plan.
 */
export class DemoCityBuilder implements DemoRecords {
  readonly projects: TProject[] = [];
  readonly tenants: Rec[] = [];
  readonly resources: Rec[] = [];
  readonly systems: Rec[] = [];
  readonly catalog: Rec[] = [];
  readonly stats: Rec[] = [];
  readonly filings: Rec[] = [];
  readonly platforms: Rec[] = [];
  readonly devices: Rec[] = [];
  readonly ywtb: Rec[] = [];
  readonly ybyh: Rec[] = [];
  readonly brain: Rec[] = [];

  private readonly units = new Map<string, Unit>();
  private readonly unitTenants = new Map<string, Rec>();
  private readonly creditCodes = new Set<string>();
  private readonly ids = new Set<string>();
  private readonly serials = new Map<string, number>();
  private readonly systemsByUnit = new Map<string, Set<string>>();
  private readonly filingUnits = new Map<string, { seq: string; next: number }>();
  private readonly catalogSeqs = new Map<string, number>();
  private readonly sequences = new Map<string, number>();
  private gbSerial = 0;
  private docNo = 0;

  constructor(
    readonly rng: Prng,
    readonly nowMs: number,
  ) {}

  /** The project of a plan with all its upstream records. */
  build(input: { city: DemoCityInfo; unit: Unit; theme: SystemTheme; plan: ProjectPlan }): TProject {
    const { unit, plan } = input;
    const systemName = this.claimSystemName(unit, input.theme.system);
    const project = this.project({ ...input, systemName });
    const owner = (untagged: boolean | undefined): Owner => ({
      unit,
      projectCode: untagged ? null : project.code,
      systemName: untagged ? this.spelledAnotherWay(systemName) : systemName,
    });

    const cloud = plan.cloud;
    if (cloud.resources.length > 0) {
      const purchaseMode =
        cloud.purchaseMode === undefined
          ? unit.region === unit.city.region
            ? 'city-allocated'
            : 'county-purchased-service'
          : cloud.purchaseMode;
      const tenant = cloud.unitLevelTenant
        ? this.unitTenant(unit, purchaseMode)
        : this.tenant(unit, `${unit.name}-${systemName}`, purchaseMode);
      if (!cloud.unitLevelTenant) cloud.brokenTenant?.(tenant);
      const untagged = cloud.untaggedSystemNames;
      cloud.resources.forEach((resource, i) => {
        this.resource(tenant, {
          projectCode: untagged ? null : project.code,
          systemName: untagged ? untagged[i % untagged.length]! : systemName,
          plan: resource,
        });
      });
    }
    const oldest = Math.max(0, ...cloud.resources.map((r) => r.ageDays));
    for (const f of plan.filings) this.filing(owner(f.untagged), f, oldest);
    for (const x of plan.exchange) this.exchangeSystem(owner(x.untagged), x);
    if (plan.video.platform || plan.video.devices.length > 0) this.video(owner(undefined), plan.video);
    for (const y of plan.ywtb) this.ywtbSystem(owner(y.untagged), y);
    for (const m of plan.ybyh) this.mobileService(owner(m.untagged), m);
    for (const h of plan.brain) this.hubApp(owner(h.untagged), h);
    return project;
  }

  unit(
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
    // Named phases first; a city scaled to thousands of projects needs numbered ones after them.
    const named = ['', '（二期）', '（三期）', '（四期）', '（五期）', '（六期）'];
    for (let i = 0; i < 10_000; i++) {
      const candidate = `${base}${named[i] ?? `（第${i + 1}期）`}`;
      const key = systemNameKey(candidate);
      if (!used.has(key)) {
        used.add(key);
        return candidate;
      }
    }
    throw new RangeError(`${unit.name} already has every phase of ${base}`);
  }

  /**
   * The same system name as another platform's clerk typed it: a full-width space, brackets around it,
   * or without its trailing 系统/平台. The hub's matching reads all three as the same system.
   */
  spelledAnotherWay(name: string): string {
    switch (this.rng.int(0, 2)) {
      case 0:
        return `${name.slice(0, 2)}\u3000${name.slice(2)}`;
      case 1:
        return `【${name}】`;
      default:
        return name.replace(/(系统|平台)$/, '');
    }
  }

  private project(input: {
    city: DemoCityInfo;
    unit: Unit;
    theme: SystemTheme;
    systemName: string;
    plan: ProjectPlan;
  }): TProject {
    const { city, unit, theme, systemName } = input;
    const r = input.plan.registry;
    const d = r.dates;
    const codeYear = beijingYear(this.nowMs - (d.approved ?? CODE_DAYS_AGO) * DAY_MS);
    const serial = (this.serials.get(unit.region) ?? 0) + 1;
    this.serials.set(unit.region, serial);
    const code = `${String(codeYear).slice(2)}-${unit.region}-${String(serial).padStart(4, '0')}`;
    const date = (days: number | null) => (days === null ? null : beijingDate(this.nowMs - days * DAY_MS));
    const doc = (office: string) => `${city.docPrefix}${office}〔${codeYear}〕${this.nextDocNo()}号`;
    const ref = (onRecord: boolean, office: string) => (onRecord ? doc(office) : null);

    const project: TProject = {
      code,
      name: `${unit.regionName}${systemName}建设项目`,
      unitName: unit.name,
      unitCode: unit.code,
      region: unit.region,
      policyPack: city.pack,
      investment: r.investment,
      category: theme.category,
      domain: theme.domain,
      systemNames: [systemName],
      planYear: r.plan === 'annual' || r.plan === 'supplementary' ? codeYear : null,
      supplementaryPlan: r.plan === 'supplementary' || r.plan === 'supplementary-no-year',
      caseByCaseDecision: r.plan === 'case-by-case' ? doc('信领议') : null,
      classified: r.classified,
      internalUseOnly: r.internalUseOnly,
      govServiceSystem: r.govServiceSystem,
      hasMobileChannel: r.hasMobileChannel,
      standaloneMobileApp: r.standaloneMobileApp,
      hasVideoInfrastructure: r.hasVideoInfrastructure,
      buildsCloudOrDataCentre: r.buildsCloudOrDataCentre,
      buildsServicePlatform: r.buildsServicePlatform,
      hasDataResources: r.hasDataResources,
      isApplicationPlatform: r.isApplicationPlatform,
      cloudExemptionRef: ref(r.cloudExemption, '政数函'),
      approvedOn: date(d.approved),
      contractSignedOn: date(d.contract),
      preliminaryAcceptanceOn: date(d.preliminary),
      trialStartOn: date(d.trialStart),
      trialEndOn: date(d.trialEnd),
      acceptanceAppliedOn: date(d.applied),
      acceptedOn: date(d.accepted),
      expertReviewRef: ref(r.docs.expertReview, '审批专审'),
      technicalReviewRef: ref(r.docs.technicalReview, '数技审'),
      financialReviewRef: ref(r.docs.financialReview, '财评'),
      supervisionContractRef: r.docs.supervisionContract
        ? `JLHT-${codeYear}-${String(this.nextDocNo()).padStart(3, '0')}`
        : null,
      procurementFiled: r.procurementFiled,
      omPeriodMonths: r.omPeriodMonths,
      securityPlan: r.securityPlan,
      omPlan: r.omPlan,
      securityPrereviewRef: ref(r.docs.securityPrereview, '网安审'),
      cryptoPrereviewRef: ref(r.docs.cryptoPrereview, '密审'),
      reliabilityPrereviewRef: ref(r.docs.reliabilityPrereview, '安可审'),
      eArchivePrereviewRef: ref(r.docs.eArchivePrereview, '档审'),
      acceptanceFiled: r.acceptanceFiled,
    };
    this.projects.push(project);
    return project;
  }

  private nextDocNo(): number {
    this.docNo += 1 + this.rng.int(0, 3);
    return this.docNo;
  }

  /** An instant `days` days before now, up to an hour earlier still (upstream clocks are not round). */
  private ago(days: number): number {
    return this.nowMs - days * DAY_MS - this.rng.int(0, 3_599) * 1000;
  }

  private agoIso(days: number | null): string | null {
    return days === null ? null : beijingIso(this.ago(days));
  }

  // ---------------------------------------------------------------------------------- gov-cloud

  /** The unit's shared tenant, created on first use (older set-ups put every system in one). */
  unitTenant(unit: Unit, purchaseMode: PurchaseMode | null): Rec {
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
      // Older than any resource a plan gives it (at most 760 days).
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

  resource(
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
    plan.broken?.(resource);
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

  // ---------------------------------------------------------------------------------- MLPS

  /**
   * 备案证明编号: the city's division code (the accepting public security organ), the unit's 5-digit
   * sequence, a dash, the year and the unit's 3-digit system sequence, e.g. `43060043001-24017`.
   */
  private filingNo(owner: Owner, year: number): string {
    const known = this.filingUnits.get(owner.unit.code);
    const entry = known ?? { seq: String(this.rng.int(10_000, 99_999)), next: this.rng.int(1, 20) };
    this.filingUnits.set(owner.unit.code, entry);
    let no: string;
    do {
      no = `${owner.unit.city.region}${entry.seq}-${String(year).slice(2)}${String(entry.next++ % 1000).padStart(3, '0')}`;
    } while (this.ids.has(no));
    this.ids.add(no);
    return no;
  }

  /**
   * A filing; `oldestResourceDays` places the default filing time before the project went on the cloud.
   * Registry times are Beijing wall-clock times without a zone.
   */
  filing(owner: Owner, f: FilingPlan, oldestResourceDays: number): Rec {
    const rng = this.rng;
    const defaultFiled = Math.max(oldestResourceDays, 330) + 15;
    const filedDays =
      f.status === 'PENDING' ? null : f.filedDaysAgo === undefined ? defaultFiled : f.filedDaysAgo;
    const lag = rng.int(10, 28);
    const gradedDays = f.gradedDaysAgo ?? (filedDays ?? defaultFiled) + lag;
    const filingNo = this.filingNo(owner, beijingYear(this.nowMs - gradedDays * DAY_MS));
    const gradedMs = this.ago(gradedDays);
    const filedMs = filedDays === null ? null : this.ago(filedDays);
    const evaluations = f.evaluations.map((e, i) => ({
      reportNo: `${filingNo}-${String(beijingYear(this.nowMs - e.daysAgo * DAY_MS)).slice(2)}-${String(i + 1).padStart(2, '0')}`,
      agency: rng.pick(EVALUATION_AGENCIES),
      ms: this.ago(e.daysAgo),
      conclusion: e.conclusion,
      score: rng.float(EVALUATION_SCORE[e.conclusion], EVALUATION_SCORE[e.conclusion] + 9.9),
    }));
    const assessments = f.cryptoAssessments.map((a) => ({
      reportNo: `MP-${beijingYear(this.nowMs - a.daysAgo * DAY_MS)}-${String(rng.int(0, 99_999)).padStart(5, '0')}`,
      ms: this.ago(a.daysAgo),
      conclusion: a.conclusion,
      score: rng.chance(0.7)
        ? rng.float(CRYPTO_SCORE[a.conclusion], CRYPTO_SCORE[a.conclusion] + 9.9)
        : undefined,
    }));
    // A revoked or cancelled filing was last touched when it was retired.
    const retiredMs = f.status === 'REVOKED' || f.status === 'CANCELLED' ? [this.ago(rng.int(5, 25))] : [];
    const updatedMs = Math.max(
      gradedMs,
      filedMs ?? gradedMs,
      ...evaluations.map((e) => e.ms),
      ...assessments.map((a) => a.ms),
      ...retiredMs,
    );
    const record: Rec = {
      filingNo,
      systemName: owner.systemName,
      unitName: owner.unit.name,
      unitCode: owner.unit.code,
      ...this.projectCodeField(owner),
      level: f.level,
      gradedAt: beijingLocal(gradedMs),
      filedAt: filedMs === null ? null : beijingLocal(filedMs),
      status: f.status,
      evaluations: evaluations.map(({ ms, ...e }) => ({ ...e, evaluatedAt: beijingLocal(ms) })),
      cryptoAssessments: assessments.map(({ ms, score, ...a }) => ({
        ...a,
        assessedAt: beijingLocal(ms),
        ...(score === undefined ? {} : { score }),
      })),
      updatedAt: beijingLocal(updatedMs),
    };
    // A registry without an evaluation or assessment leaves the list out rather than sending it empty.
    if (f.evaluations.length === 0 && rng.chance(0.5)) delete record['evaluations'];
    if (f.cryptoAssessments.length === 0 && rng.chance(0.5)) delete record['cryptoAssessments'];
    f.broken?.(record);
    this.filings.push(record);
    return record;
  }

  /** `projectCode` as older records carry it: the code, or missing, or null when they have none. */
  private projectCodeField(owner: Owner): Rec {
    if (owner.projectCode) return { projectCode: owner.projectCode };
    return this.rng.chance(0.5) ? {} : { projectCode: null };
  }

  // ---------------------------------------------------------------------------------- data exchange

  exchangeSystem(owner: Owner, x: ExchangePlan): Rec {
    const rng = this.rng;
    const connectedDays = rng.int(250, 380);
    const system: Rec = {
      systemId: this.uniqueNumbered(`SYS-${owner.unit.region}-`, 4),
      systemName: owner.systemName,
      unitName: owner.unit.name,
      unitCode: owner.unit.code,
      ...this.projectCodeField(owner),
      accessStatus: x.accessStatus,
      connectedAt: x.accessStatus === 'APPLYING' ? null : this.agoIso(connectedDays),
      modifiedAt: this.agoIso(x.accessStatus === 'CONNECTED' ? rng.int(1, 200) : rng.int(5, 60)),
    };
    x.broken?.(system);
    this.systems.push(system);
    const items = [...CATALOGUE_ITEMS];
    const base = owner.systemName.replace(/(（.*）|系统|平台)+$/, '');
    for (const entry of x.entries) {
      const item = items.splice(rng.int(0, items.length - 1), 1)[0] ?? '数据';
      this.catalogEntry(owner.unit, String(system['systemId']), `${base}${item}`, entry);
    }
    if (x.stats) {
      const stats: Rec = {
        systemId: system['systemId'],
        days: 30,
        providedCalls: x.stats.providedCalls,
        consumedCalls: x.stats.consumedCalls,
        failedCalls: rng.int(0, Math.ceil((x.stats.providedCalls + x.stats.consumedCalls) / 50)),
        lastExchangeAt: this.agoIso(x.stats.lastExchangeDaysAgo),
      };
      x.stats.broken?.(stats);
      this.stats.push(stats);
    }
    return system;
  }

  catalogEntry(unit: Unit, systemId: string, resourceName: string, e: CatalogEntryPlan): Rec {
    const seq = (this.catalogSeqs.get(unit.code) ?? 0) + 1;
    this.catalogSeqs.set(unit.code, seq);
    const entry: Rec = {
      resourceCode: `${unit.region}-${unit.code}-${String(seq).padStart(5, '0')}`,
      resourceName,
      systemId,
      providerUnit: unit.name,
      shareType: e.shareType,
      notSharedBasis: e.shareType === 'NOT_SHARED' && e.withBasis ? this.rng.pick(NOT_SHARED_BASES) : null,
      updateCycle: e.updateCycle,
      ...(e.mountType ? { mountType: e.mountType } : {}),
      lastDataUpdateAt: this.agoIso(e.updatedDaysAgo),
      status: e.status,
      modifiedAt: this.agoIso(Math.min(e.updatedDaysAgo ?? 30, 30) + this.rng.int(0, 5)),
    };
    e.broken?.(entry);
    this.catalog.push(entry);
    return entry;
  }

  // ---------------------------------------------------------------------------------- video

  /**
   * A 20-digit GB/T 28181 code: the division as centre code (padded to 8), industry 00, the type, the
   * network (6 = e-government) and a serial unique in the dataset.
   */
  gbCode(division: string, typeCode: string): string {
    this.gbSerial += 1;
    return `${division}00` + '00' + typeCode + '6' + String(this.gbSerial).padStart(6, '0');
  }

  video(owner: Owner, v: ProjectPlan['video']): void {
    const rng = this.rng;
    const platformOwner: Owner = v.platform?.untagged
      ? { ...owner, projectCode: null, systemName: this.spelledAnotherWay(owner.systemName) }
      : owner;
    let platformId: string | null = null;
    if (v.platform) {
      platformId = this.gbCode(owner.unit.region, '200');
      const platform: Rec = {
        platformId,
        name: platformOwner.systemName,
        ownerUnit: owner.unit.name,
        ownerUnitCode: owner.unit.code,
        ...this.projectCodeField(platformOwner),
        cascadeStatus: v.platform.cascadeStatus,
        deviceCount: v.devices.filter((d) => d.viaPlatform && d.status !== 'DELETED').length,
        lastKeepaliveAt: this.agoIso(v.platform.cascadeStatus === 'ONLINE' ? 0.01 : rng.int(2, 20)),
      };
      v.platform.broken?.(platform);
      this.platforms.push(platform);
    }
    for (const d of v.devices) {
      const via = d.viaPlatform && platformId !== null;
      this.device(
        owner.unit,
        { projectCode: via ? null : owner.projectCode, platformId: via ? platformId : null },
        d,
      );
    }
  }

  device(unit: Unit, link: { projectCode: string | null; platformId: string | null }, d: DevicePlan): Rec {
    const rng = this.rng;
    const registeredDays = rng.int(200, 400);
    const keepaliveDays = d.status === 'ON' ? 0.01 : d.status === 'OFF' ? rng.int(2, 30) : rng.int(40, 150);
    const device: Rec = {
      deviceId: this.gbCode(unit.region, rng.pick(['131', '132', '132'])),
      name: `${rng.pick(DEVICE_PLACES)}${rng.pick(CAMERA_KINDS)}`,
      ownerUnit: unit.name,
      ownerUnitCode: unit.code,
      projectCode: link.projectCode,
      platformId: link.platformId,
      status: d.status,
      channelCount: d.channels,
      onlineChannelCount: d.online,
      registeredAt: this.agoIso(registeredDays),
      lastKeepaliveAt: this.agoIso(keepaliveDays),
    };
    // `updatedAt` is optional in the contract: some devices report it, some do not.
    if (rng.chance(0.7)) device['updatedAt'] = this.agoIso(Math.min(keepaliveDays, 30));
    d.broken?.(device);
    this.devices.push(device);
    return device;
  }

  // ---------------------------------------------------------------------------------- service platforms

  ywtbSystem(owner: Owner, y: YwtbPlan): Rec {
    const rng = this.rng;
    // An item not completed is sometimes reported false, sometimes left out: both mean not completed.
    const items = Object.fromEntries(
      Object.entries(y.items).filter(([, done]) => done || rng.chance(0.5)),
    ) as Record<string, boolean>;
    const record: Rec = {
      systemCode: this.uniqueNumbered(`YWTB-${owner.unit.region}-`, 4),
      systemName: owner.systemName,
      unitName: owner.unit.name,
      unitCode: owner.unit.code,
      ...this.projectCodeField(owner),
      status: y.status,
      items,
      mattersCount: rng.int(4, 86),
      lastCaseReturnAt: this.agoIso(y.lastReturnDaysAgo),
      onlineAt: y.status === 'TESTING' ? null : this.agoIso(rng.int(120, 300)),
    };
    y.broken?.(record);
    this.ywtb.push(record);
    return record;
  }

  mobileService(owner: Owner, m: MobileServicePlan): Rec {
    const rng = this.rng;
    // A tagged service has its own name in the app; an untagged one is known only by its system's name.
    const name = owner.projectCode
      ? `${owner.systemName.replace(/(（.*）|系统|平台)+$/, '')}${rng.pick(['掌上办', '移动办事', '在线查询'])}`
      : owner.systemName;
    const record: Rec = {
      serviceId: this.uniqueNumbered('YBYH-', 6),
      serviceName: name,
      unitName: owner.unit.name,
      unitCode: owner.unit.code,
      ...this.projectCodeField(owner),
      kind: m.kind,
      status: m.status,
      publishedAt: m.status === 'REVIEWING' ? null : this.agoIso(rng.int(90, 300)),
      monthlyActiveUsers: m.status === 'ONLINE' ? rng.int(300, 48_000) : null,
    };
    m.broken?.(record);
    this.ybyh.push(record);
    return record;
  }

  hubApp(owner: Owner, h: HubAppPlan): Rec {
    const record: Rec = {
      appId: this.uniqueNumbered('CZB-APP-', 5),
      appName: owner.systemName,
      unitName: owner.unit.name,
      unitCode: owner.unit.code,
      ...this.projectCodeField(owner),
      accessMode: h.accessMode,
      status: h.status,
      lastHeartbeatAt: this.agoIso(h.heartbeatDaysAgo),
    };
    h.broken?.(record);
    this.brain.push(record);
    return record;
  }

  // ---------------------------------------------------------------------------------- ids

  private uniqueId(prefix: string, length: number, alphabet: string): string {
    let id: string;
    do {
      id = prefix;
      for (let i = 0; i < length; i++) id += alphabet[this.rng.int(0, alphabet.length - 1)];
    } while (this.ids.has(id));
    this.ids.add(id);
    return id;
  }

  /** `prefix` and the next number of its sequence (random start and gaps, as registries hand them out). */
  private uniqueNumbered(prefix: string, digits: number): string {
    const next = (this.sequences.get(prefix) ?? this.rng.int(1, 300)) + this.rng.int(1, 3);
    this.sequences.set(prefix, next);
    return `${prefix}${String(next).padStart(digits, '0')}`;
  }
}

/** Score ranges of an evaluation conclusion (优 ≥ 90, 良 80–89, 中 70–79, 差 below 70). */
const EVALUATION_SCORE = { EXCELLENT: 90, GOOD: 80, MODERATE: 70, POOR: 55 } as const;
const CRYPTO_SCORE = { PASS: 85, BASIC_PASS: 70, FAIL: 45 } as const;

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
