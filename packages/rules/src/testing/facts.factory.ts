import { createHash } from 'node:crypto';
import { creditCodeCheckChar, ZProject, type SourceId, type TProject } from '@hub/contracts';
import { buildProject as buildAnyProject } from '@hub/contracts/testing';
import {
  type ProjectRecords,
  type BindingMethod,
  type BoundFact,
  type CatalogEntryFact,
  type CloudResourceFact,
  type CloudTenantFact,
  type CryptoAssessmentFact,
  type EvidenceRef,
  type ExchangeStatsFact,
  type ExchangeSystemFact,
  type FilingFact,
  type HubApplicationFact,
  type MlpsEvaluationFact,
  type MobileServiceFact,
  type ProjectFacts,
  type SourceState,
  type Sourced,
  type Text,
  type UntrustedRecord,
  type VideoDeviceFact,
  type VideoPlatformFact,
  type YwtbSystemFact,
} from '../facts';

/** The hub's clock in every rules test: verdicts depend on "now", so it is fixed. */
export const NOW = '2025-07-01T02:00:00.000Z';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** The ISO instant `hours` before {@link NOW}. */
export function hoursBeforeNow(hours: number): string {
  return new Date(Date.parse(NOW) - hours * HOUR_MS).toISOString();
}

/** The ISO instant `days` before {@link NOW} (fractions allowed: `30 + 1 / 24` is 30 days and an hour). */
export function daysBeforeNow(days: number): string {
  return new Date(Date.parse(NOW) - days * DAY_MS).toISOString();
}

let sequence = 0;
const next = (): number => (sequence += 1);
const pad = (n: number, width: number): string => String(n).padStart(width, '0');

function creditCode(region: string, n: number): string {
  const first17 = `91${region}MA${pad(n % 10_000_000, 7)}`;
  return first17 + creditCodeCheckChar(first17);
}

function evidenceFor(
  kind: string,
  externalId: string,
  payload: unknown,
  source: SourceId = 'gov-cloud',
): EvidenceRef {
  return {
    source,
    kind,
    externalId,
    recordId: `rec-${pad(next(), 6)}`,
    fetchedAt: hoursBeforeNow(1),
    contentHash: createHash('sha256').update(JSON.stringify(payload)).digest('hex'),
  };
}

/**
 * A project valid against `ZProject`, unique on every call: city-level Yueyang (市本级, 430600) unless
 * overridden, with no cloud-relevant flag set.
 */
export function buildProject(overrides: Partial<TProject> = {}): TProject {
  return ZProject.parse(
    buildAnyProject({ domain: '政务服务', govServiceSystem: false, hasMobileChannel: false, ...overrides }),
  );
}

/**
 * A running production VM in the e-gov extranet zone with healthy utilisation, bound by `binding`
 * (`code` by default), with evidence whose `externalId` is the resource id and whose hash is the
 * sha256 of the fact. Code-bound resources get the project's code from {@link buildFacts}.
 */
export function buildResource(
  overrides: Partial<CloudResourceFact> = {},
  binding: BindingMethod = 'code',
): BoundFact<CloudResourceFact> {
  const n = next();
  const fact: CloudResourceFact = {
    resourceId: `ecs-${pad(n, 6)}`,
    tenantId: `tenant-${pad(n, 6)}`,
    projectCode: null,
    systemName: `协同办公系统${n}`,
    type: 'ecs',
    vcpu: 8,
    memoryGiB: 16,
    environment: 'production',
    networkZone: 'egov-extranet',
    status: 'running',
    createdAt: '2025-04-01T08:00:00.000Z',
    updatedAt: hoursBeforeNow(2),
    cpuAvg30d: 35,
    memAvg30d: 50,
    ...overrides,
  };
  return { fact, binding, evidence: evidenceFor('resource', fact.resourceId, fact) };
}

/** A gov-cloud tenant of a city-level unit, city-allocated unless overridden. */
export function buildTenant(overrides: Partial<CloudTenantFact> = {}): Sourced<CloudTenantFact> {
  const n = next();
  const region = overrides.region ?? '430600';
  const fact: CloudTenantFact = {
    tenantId: `tenant-${pad(n, 6)}`,
    tenantName: `租户${n}`,
    unitName: `市数据局${n}`,
    unitCode: creditCode(region, n),
    region,
    purchaseMode: 'city-allocated',
    ...overrides,
  };
  return { fact, evidence: evidenceFor('tenant', fact.tenantId, fact) };
}

/**
 * The systems the rules' tests name, titled as their connectors title them: the hub gives the engine
 * these with the facts, from the connector registry, which the rules cannot see.
 */
export const SOURCE_TITLES: Readonly<Record<SourceId, Text>> = {
  'gov-cloud': { zh: '政务云资源台账', en: 'government cloud resource inventory' },
  'data-exchange': { zh: '政务信息资源共享交换平台', en: 'data sharing and exchange platform' },
  mlps: { zh: '网络安全等级保护备案系统', en: 'MLPS filing registry' },
  video: { zh: '视频共享交换平台', en: 'video sharing platform' },
  'service-platforms': {
    zh: '政务服务平台（一网通办/岳办岳好/城市大脑）',
    en: 'government service platforms',
  },
};

/** The source whose records fill each group of {@link ProjectRecords} in these tests. */
const GROUP_SOURCES: Readonly<Record<keyof ProjectRecords, SourceId>> = {
  cloud: 'gov-cloud',
  dataExchange: 'data-exchange',
  mlps: 'mlps',
  video: 'video',
  services: 'service-platforms',
};

/** A source whose last sync succeeded one hour before {@link NOW}. */
export function syncedSource(source: SourceId, overrides: Partial<SourceState> = {}): SourceState {
  return { source, status: 'succeeded', finishedAt: hoursBeforeNow(1), error: null, ...overrides };
}

/** A source's title in these tests, for the reasons a test expects. */
export function sourceTitleOf(source: SourceId): Text {
  return SOURCE_TITLES[source] ?? { zh: source, en: source };
}

// ---------------------------------------------------------------------------------------------------
// MLPS registry (mlps)

/** A 等级测评 result: conclusion 良 (GOOD), 60 days before {@link NOW}. */
export function buildEvaluation(overrides: Partial<MlpsEvaluationFact> = {}): MlpsEvaluationFact {
  const n = next();
  return {
    reportNo: `DJCP-2025-${pad(n, 6)}`,
    agency: `湖南省网络安全测评中心${n}`,
    evaluatedAt: daysBeforeNow(60),
    conclusion: 'GOOD',
    score: 86,
    ...overrides,
  };
}

/** A 密评 result: 符合 (PASS), 50 days before {@link NOW}. */
export function buildCryptoAssessment(overrides: Partial<CryptoAssessmentFact> = {}): CryptoAssessmentFact {
  const n = next();
  return {
    reportNo: `MP-2025-${pad(n, 6)}`,
    assessedAt: daysBeforeNow(50),
    conclusion: 'PASS',
    score: 88,
    ...overrides,
  };
}

/**
 * A level-3 FILED filing with a unique number, filed on 2025-03-01 (before {@link buildResource}'s
 * creation time), with one recent GOOD evaluation and one PASS cryptography assessment.
 */
export function buildFiling(
  overrides: Partial<FilingFact> = {},
  binding: BindingMethod = 'code',
): BoundFact<FilingFact> {
  const n = next();
  const acceptingDivision = overrides.acceptingDivision ?? '430600';
  const fact: FilingFact = {
    filingNo: `${acceptingDivision}${pad(n % 100_000, 5)}-${pad(n % 100_000, 5)}`,
    acceptingDivision,
    systemName: `业务系统${n}`,
    unitName: `市数据局${n}`,
    unitCode: creditCode('430600', n),
    projectCode: null,
    level: 3,
    gradedAt: '2025-02-10T02:00:00.000Z',
    filedAt: '2025-03-01T02:00:00.000Z',
    status: 'FILED',
    evaluations: [buildEvaluation()],
    cryptoAssessments: [buildCryptoAssessment()],
    updatedAt: daysBeforeNow(10),
    ...overrides,
  };
  return { fact, binding, evidence: evidenceFor('filing', fact.filingNo, fact, 'mlps') };
}

// ---------------------------------------------------------------------------------------------------
// Data exchange platform (data-exchange)

/** A system CONNECTED on the exchange platform. */
export function buildExchangeSystem(
  overrides: Partial<ExchangeSystemFact> = {},
  binding: BindingMethod = 'code',
): BoundFact<ExchangeSystemFact> {
  const n = next();
  const fact: ExchangeSystemFact = {
    systemId: `SYS-430600-${pad(n, 6)}`,
    systemName: `业务系统${n}`,
    unitName: `市数据局${n}`,
    unitCode: creditCode('430600', n),
    projectCode: null,
    accessStatus: 'CONNECTED',
    connectedAt: '2025-03-15T02:00:00.000Z',
    modifiedAt: daysBeforeNow(20),
    ...overrides,
  };
  return { fact, binding, evidence: evidenceFor('system', fact.systemId, fact, 'data-exchange') };
}

/**
 * A PUBLISHED, API-mounted, unconditionally shared catalogue entry updated daily, last 6 hours before
 * {@link NOW}; pass the `systemId` of the system it belongs to.
 */
export function buildCatalogEntry(
  overrides: Partial<CatalogEntryFact> = {},
  binding: BindingMethod = 'code',
): BoundFact<CatalogEntryFact> {
  const n = next();
  const fact: CatalogEntryFact = {
    resourceCode: `430600-ZY-${pad(n, 6)}`,
    resourceName: `数据资源${n}`,
    systemId: `SYS-430600-${pad(n, 6)}`,
    providerUnit: `市数据局${n}`,
    shareType: 'UNCONDITIONAL',
    notSharedBasis: null,
    updateCycle: 'DAILY',
    mountType: 'API',
    lastDataUpdateAt: hoursBeforeNow(6),
    status: 'PUBLISHED',
    modifiedAt: daysBeforeNow(5),
    ...overrides,
  };
  return { fact, binding, evidence: evidenceFor('catalog-entry', fact.resourceCode, fact, 'data-exchange') };
}

/**
 * Exchange statistics of a system over 30 days with calls provided, last exchange 3 hours before
 * {@link NOW}; pass the `systemId` of the system they belong to.
 */
export function buildExchangeStats(
  overrides: Partial<ExchangeStatsFact> = {},
  binding: BindingMethod = 'code',
): BoundFact<ExchangeStatsFact> {
  const n = next();
  const fact: ExchangeStatsFact = {
    systemId: `SYS-430600-${pad(n, 6)}`,
    days: 30,
    providedCalls: 1000 + n,
    consumedCalls: 200,
    failedCalls: 0,
    lastExchangeAt: hoursBeforeNow(3),
    ...overrides,
  };
  return {
    fact,
    binding,
    evidence: evidenceFor('exchange-stats', `${fact.systemId}:${fact.days}`, fact, 'data-exchange'),
  };
}

// ---------------------------------------------------------------------------------------------------
// Video sharing platform (video)

/** A 20-digit GB/T 28181 code of the city (centre 43060000, industry 00, the given type, network 6). */
const gbCode = (typeCode: string, n: number): string => `4306000000${typeCode}6${pad(n % 1_000_000, 6)}`;

/** A cascaded platform of a Yueyang unit, ONLINE. */
export function buildVideoPlatform(
  overrides: Partial<VideoPlatformFact> = {},
  binding: BindingMethod = 'code',
): BoundFact<VideoPlatformFact> {
  const n = next();
  const fact: VideoPlatformFact = {
    platformId: gbCode('200', n),
    divisionCode: '430600',
    name: `视频监控平台${n}`,
    ownerUnit: `市城管局${n}`,
    ownerUnitCode: creditCode('430600', n),
    projectCode: null,
    cascadeStatus: 'ONLINE',
    deviceCount: 0,
    lastKeepaliveAt: hoursBeforeNow(1),
    ...overrides,
  };
  return { fact, binding, evidence: evidenceFor('platform', fact.platformId, fact, 'video') };
}

/** A network camera (type 132), ON, with 1 channel online of 1, registered directly. */
export function buildVideoDevice(
  overrides: Partial<VideoDeviceFact> = {},
  binding: BindingMethod = 'code',
): BoundFact<VideoDeviceFact> {
  const n = next();
  const fact: VideoDeviceFact = {
    deviceId: gbCode('132', n),
    divisionCode: '430600',
    typeCode: '132',
    networkCode: '6',
    name: `路口枪机${n}`,
    ownerUnit: `市城管局${n}`,
    ownerUnitCode: creditCode('430600', n),
    projectCode: null,
    platformId: null,
    status: 'ON',
    channelCount: 1,
    onlineChannelCount: 1,
    registeredAt: '2025-04-10T02:00:00.000Z',
    lastKeepaliveAt: hoursBeforeNow(1),
    updatedAt: daysBeforeNow(3),
    ...overrides,
  };
  return { fact, binding, evidence: evidenceFor('device', fact.deviceId, fact, 'video') };
}

// ---------------------------------------------------------------------------------------------------
// Government service platforms (service-platforms)

/**
 * A business system ONLINE in 一网通办 with every integration item done, last case-data return two days
 * before {@link NOW}.
 */
export function buildYwtbSystem(
  overrides: Partial<YwtbSystemFact> = {},
  binding: BindingMethod = 'code',
): BoundFact<YwtbSystemFact> {
  const n = next();
  const fact: YwtbSystemFact = {
    systemCode: `YWTB-${pad(n, 6)}`,
    systemName: `审批系统${n}`,
    unitName: `市行政审批服务局${n}`,
    unitCode: creditCode('430600', n),
    projectCode: null,
    status: 'ONLINE',
    items: { unifiedIdentity: true, unifiedIntake: true, caseDataReturn: true, unifiedEvaluation: true },
    mattersCount: 12,
    lastCaseReturnAt: daysBeforeNow(2),
    onlineAt: '2025-04-20T02:00:00.000Z',
    ...overrides,
  };
  return { fact, binding, evidence: evidenceFor('ywtb-system', fact.systemCode, fact, 'service-platforms') };
}

/** A service ONLINE in the 岳办岳好 app. */
export function buildMobileService(
  overrides: Partial<MobileServiceFact> = {},
  binding: BindingMethod = 'code',
): BoundFact<MobileServiceFact> {
  const n = next();
  const fact: MobileServiceFact = {
    serviceId: `YBYH-${pad(n, 6)}`,
    serviceName: `掌上办事${n}`,
    unitName: `市数据局${n}`,
    unitCode: creditCode('430600', n),
    projectCode: null,
    kind: 'H5',
    status: 'ONLINE',
    publishedAt: '2025-05-01T02:00:00.000Z',
    monthlyActiveUsers: 3200,
    ...overrides,
  };
  return { fact, binding, evidence: evidenceFor('ybyh-service', fact.serviceId, fact, 'service-platforms') };
}

/** An application CONNECTED to the city brain hub, heartbeat two hours before {@link NOW}. */
export function buildHubApplication(
  overrides: Partial<HubApplicationFact> = {},
  binding: BindingMethod = 'code',
): BoundFact<HubApplicationFact> {
  const n = next();
  const fact: HubApplicationFact = {
    appId: `BRAIN-${pad(n, 6)}`,
    appName: `城市治理应用${n}`,
    unitName: `市城管局${n}`,
    unitCode: creditCode('431000', n),
    projectCode: null,
    accessMode: 'API',
    status: 'CONNECTED',
    lastHeartbeatAt: hoursBeforeNow(2),
    ...overrides,
  };
  return { fact, binding, evidence: evidenceFor('brain-app', fact.appId, fact, 'service-platforms') };
}

/** Every upstream system synced one hour before {@link NOW}. */
export function allSourcesSynced(): Record<SourceId, SourceState> {
  return {
    'gov-cloud': syncedSource('gov-cloud'),
    'data-exchange': syncedSource('data-exchange'),
    mlps: syncedSource('mlps'),
    video: syncedSource('video'),
    'service-platforms': syncedSource('service-platforms'),
  };
}

export interface FactsInput {
  project?: TProject;
  resources?: BoundFact<CloudResourceFact>[];
  tenants?: Sourced<CloudTenantFact>[];
  filings?: BoundFact<FilingFact>[];
  exchangeSystems?: BoundFact<ExchangeSystemFact>[];
  catalog?: BoundFact<CatalogEntryFact>[];
  stats?: BoundFact<ExchangeStatsFact>[];
  videoPlatforms?: BoundFact<VideoPlatformFact>[];
  videoDevices?: BoundFact<VideoDeviceFact>[];
  ywtb?: BoundFact<YwtbSystemFact>[];
  ybyh?: BoundFact<MobileServiceFact>[];
  brain?: BoundFact<HubApplicationFact>[];
  /** records that failed their contract (see {@link buildUntrusted}) */
  untrusted?: UntrustedRecord[];
  /**
   * Merged over the synced sources: gov-cloud always, and every other source whose records are given
   * (even an empty list, which is what a sync that found nothing yields). `{ mlps: undefined }` removes one.
   */
  sources?: Partial<Record<SourceId, SourceState | undefined>>;
}

/** Which source each input list comes from, to mark that source synced when the list is given. */
const INPUT_SOURCES: Partial<Record<keyof FactsInput, SourceId>> = {
  filings: 'mlps',
  exchangeSystems: 'data-exchange',
  catalog: 'data-exchange',
  stats: 'data-exchange',
  videoPlatforms: 'video',
  videoDevices: 'video',
  ywtb: 'service-platforms',
  ybyh: 'service-platforms',
  brain: 'service-platforms',
};

/** Code-bound records carry the project's code, as matching by code requires. */
function withCode<T extends { projectCode: string | null }>(
  records: BoundFact<T>[] | undefined,
  code: string,
): BoundFact<T>[] {
  return (records ?? []).map((r) =>
    r.binding === 'code' ? { ...r, fact: { ...r.fact, projectCode: code } } : r,
  );
}

/**
 * The facts of one project. Code-bound records carry the project's code, as matching by code
 * requires; the given records and their evidence are otherwise kept as they are.
 */
export function buildFacts(input: FactsInput = {}): ProjectFacts {
  const project = input.project ?? buildProject();
  const synced: Partial<Record<SourceId, SourceState>> = { 'gov-cloud': syncedSource('gov-cloud') };
  for (const [key, source] of Object.entries(INPUT_SOURCES)) {
    if (input[key as keyof FactsInput] !== undefined && source) synced[source] = syncedSource(source);
  }
  const sources: ProjectFacts['sources'] = {};
  for (const [id, state] of Object.entries({ ...synced, ...input.sources })) {
    if (state) sources[id as SourceId] = state;
  }
  return {
    project,
    sources,
    sourceTitles: SOURCE_TITLES,
    untrusted: input.untrusted ?? [],
    cloud: {
      resources: withCode(input.resources, project.code),
      tenants: input.tenants ?? [],
    },
    dataExchange: {
      systems: withCode(input.exchangeSystems, project.code),
      catalog: input.catalog ?? [],
      stats: input.stats ?? [],
    },
    mlps: { filings: withCode(input.filings, project.code) },
    video: {
      platforms: withCode(input.videoPlatforms, project.code),
      devices: withCode(input.videoDevices, project.code),
    },
    services: {
      ywtb: withCode(input.ywtb, project.code),
      ybyh: withCode(input.ybyh, project.code),
      brain: withCode(input.brain, project.code),
    },
  };
}

/** A city-level Chenzhou project (市本级, 431000), otherwise as {@link buildProject}. */
export function buildChenzhouProject(overrides: Partial<TProject> = {}): TProject {
  return buildProject({ policyPack: 'chenzhou', region: '431000', ...overrides });
}

/** A source whose last sync failed with `error`. */
export function failedSource(source: SourceId, error = 'HTTP 503'): SourceState {
  return syncedSource(source, { status: 'failed', error });
}

/** Every upstream system's last sync failed: what a registry-only rule must not care about. */
export function allSourcesFailed(): Record<SourceId, SourceState> {
  return {
    'gov-cloud': failedSource('gov-cloud'),
    'data-exchange': failedSource('data-exchange'),
    mlps: failedSource('mlps'),
    video: failedSource('video'),
    'service-platforms': failedSource('service-platforms'),
  };
}

/** Registry fields of a project that has walked the whole path in order, every document on record. */
const COMPLETE_REGISTRY: Partial<TProject> = {
  investment: '350',
  planYear: 2025,
  approvedOn: '2025-02-20',
  contractSignedOn: '2025-03-20',
  preliminaryAcceptanceOn: '2025-05-10',
  trialStartOn: '2025-05-12',
  trialEndOn: '2025-06-12',
  acceptanceAppliedOn: '2025-06-20',
  acceptedOn: '2025-06-28',
  acceptanceFiled: true,
  technicalReviewRef: '技审〔2025〕8号',
  financialReviewRef: '财审〔2025〕9号',
  supervisionContractRef: 'JL-2025-031',
  procurementFiled: true,
  omPeriodMonths: 36,
  securityPlan: true,
  omPlan: true,
  securityPrereviewRef: '网信前审〔2025〕3号',
  cryptoPrereviewRef: '密前审〔2025〕4号',
  reliabilityPrereviewRef: '安可审〔2025〕5号',
  eArchivePrereviewRef: '档审〔2025〕6号',
  buildsCloudOrDataCentre: false,
  buildsServicePlatform: false,
  standaloneMobileApp: false,
};

/** The upstream records of a project that meets every obligation of both packs. */
function compliantRecords(): Omit<FactsInput, 'project'> {
  const system = buildExchangeSystem();
  const platform = buildVideoPlatform();
  return {
    resources: [buildResource()],
    filings: [buildFiling()],
    exchangeSystems: [system],
    catalog: [buildCatalogEntry({ systemId: system.fact.systemId })],
    stats: [buildExchangeStats({ systemId: system.fact.systemId })],
    videoPlatforms: [platform],
    videoDevices: [
      buildVideoDevice({ platformId: platform.fact.platformId, channelCount: 4, onlineChannelCount: 4 }),
    ],
    ywtb: [buildYwtbSystem()],
    ybyh: [buildMobileService()],
    brain: [buildHubApplication()],
  };
}

/**
 * A city-level Yueyang project with every flag that brings a rule in (service system, mobile channel,
 * video, data) and the records that meet each one: every finding is PASS or NOT_APPLICABLE.
 */
export function compliantYueyangInput(overrides: Partial<TProject> = {}): FactsInput {
  return {
    project: buildProject({
      ...COMPLETE_REGISTRY,
      expertReviewRef: '岳数专审〔2025〕21号',
      govServiceSystem: true,
      hasMobileChannel: true,
      hasVideoInfrastructure: true,
      hasDataResources: true,
      ...overrides,
    }),
    ...compliantRecords(),
  };
}

/**
 * The same Yueyang project at county level (岳阳县, 430621), where YY-CLOUD-COUNTY and YY-KEY-DOMAIN
 * apply: its resource sits on a tenant bought as a county service, and its domain (政务服务) is not a
 * key domain, so every finding is still PASS or NOT_APPLICABLE.
 */
export function compliantYueyangCountyInput(overrides: Partial<TProject> = {}): FactsInput {
  const region = overrides.region ?? '430621';
  const tenant = buildTenant({ region, purchaseMode: 'county-purchased-service' });
  return {
    ...compliantYueyangInput({ region, domain: '政务服务', ...overrides }),
    resources: [buildResource({ tenantId: tenant.fact.tenantId })],
    tenants: [tenant],
  };
}

/** The same for a city-level Chenzhou project that is an application platform with data resources. */
export function compliantChenzhouInput(overrides: Partial<TProject> = {}): FactsInput {
  return {
    project: buildChenzhouProject({
      ...COMPLETE_REGISTRY,
      hasDataResources: true,
      isApplicationPlatform: true,
      ...overrides,
    }),
    ...compliantRecords(),
  };
}

/**
 * An untrusted record of the project: `readings` are the facts it could stand for (the valid fact with
 * each possible value of its unreadable field), or null when they cannot be enumerated. `what` says
 * what is wrong, as the connector would.
 */
export function buildUntrusted<G extends keyof ProjectRecords>(
  group: G,
  key: keyof ProjectRecords[G] & string,
  readings: readonly unknown[] | null,
  what: { externalId: string; source?: SourceId; kind?: string; zh?: string; en?: string },
  binding: BindingMethod | null = 'code',
): UntrustedRecord {
  const source = what.source ?? GROUP_SOURCES[group];
  const evidence = evidenceFor(what.kind ?? key, what.externalId, readings ?? what, source);
  return {
    group,
    key,
    binding,
    evidence: {
      ...evidence,
      untrusted: {
        zh: what.zh ?? `记录 ${what.externalId} 不符合接口约定：字段无法读取`,
        en: what.en ?? `${what.externalId} does not match the contract: a field cannot be read`,
      },
    },
    variants: readings,
  };
}
