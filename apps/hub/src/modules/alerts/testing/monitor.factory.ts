import {
  type TDataExchangeCatalogEntry,
  type TDataExchangeSystem,
  type TGovCloudResource,
  type TGovCloudTenant,
  type TMlpsEvaluation,
  type TMlpsFiling,
  type TMobileService,
  type TVideoDevice,
  type TVideoPlatform,
  type TYwtbSystem,
  ZDataExchangeCatalogEntry,
  ZDataExchangeSystem,
  ZGovCloudResource,
  ZGovCloudTenant,
  ZMlpsFiling,
  ZMobileService,
  ZVideoDevice,
  ZVideoPlatform,
  ZYwtbSystem,
} from '@hub/contracts';
import {
  catalogEntryRecord,
  deviceRecord,
  filingPage,
  filingRecord,
  instantToBeijingTime,
  mobileServiceRecord,
  platformRecord,
  type RecordProblem,
  resourceRecord,
  systemRecord,
  tenantRecord,
  type UpstreamRecord,
  ywtbSystemRecord,
} from '@hub/connectors';
import { aCreditCode, aGovCloudResource, aGovCloudTenant, beijingInstant } from '@hub/connectors/testing';
import { TEST_NOW } from '../../../testing/test-context';

/**
 * Upstream records for monitoring tests: each payload valid against its contract by construction
 * (parsed with the contract's schema) and turned into the record the connector would store, through
 * the connector's own mapper. Ids are unique per call; times are given as days before TEST_NOW.
 */

let sequence = 0;
const next = (): number => ++sequence;
const DAY_MS = 86_400_000;

/** The instant `days` days before TEST_NOW, with the +08:00 offset the upstreams send. */
export const daysAgo = (days: number): string => beijingInstant(Date.parse(TEST_NOW) - days * DAY_MS);
/** The MLPS registry's zone-less Beijing time `days` days before TEST_NOW. */
const registryDaysAgo = (days: number): string => instantToBeijingTime(daysAgo(days))!;

type Raw = Record<string, unknown>;

export interface CloudTenant {
  payload: TGovCloudTenant;
  record: UpstreamRecord;
}

export function cloudTenant(overrides: Partial<TGovCloudTenant> = {}): CloudTenant {
  const payload = ZGovCloudTenant.parse(aGovCloudTenant(overrides));
  return { payload, record: tenantRecord(payload as Raw, payload) };
}

/** A running production resource of `tenant` with no project code, created 200 days ago. */
export function cloudResource(
  tenant: CloudTenant,
  overrides: Partial<TGovCloudResource> = {},
): UpstreamRecord {
  const payload = ZGovCloudResource.parse(
    aGovCloudResource({
      tenantId: tenant.payload.tenantId,
      projectCode: null,
      createdAt: daysAgo(200),
      updatedAt: daysAgo(1),
      ...overrides,
    }),
  );
  return resourceRecord(payload as Raw, payload, tenant.payload.unitCode);
}

export function evaluation(daysBefore: number, overrides: Partial<TMlpsEvaluation> = {}): TMlpsEvaluation {
  const n = next();
  return {
    reportNo: `DJCP-2026-${String(n).padStart(5, '0')}`,
    agency: '湖南省测评中心',
    evaluatedAt: registryDaysAgo(daysBefore),
    conclusion: 'GOOD',
    score: 86,
    ...overrides,
  };
}

/** A FILED level-3 filing evaluated 100 days ago, of no project. */
export function filing(overrides: Partial<TMlpsFiling> = {}): UpstreamRecord {
  const payload = filingPayload(overrides);
  return filingRecord(payload as Raw, payload);
}

/**
 * A filing as {@link filing} builds it, then broken in one field by `breakIt`: what the MLPS connector
 * reports for it — a problem carrying the untrusted record when the filing still names its project
 * (code, or unit and system name).
 */
export function untrustedFiling(
  overrides: Partial<TMlpsFiling>,
  breakIt: (raw: Raw) => void,
): RecordProblem & { record: UpstreamRecord } {
  const raw: Raw = structuredClone(filingPayload(overrides));
  breakIt(raw);
  const [problem] = filingPage([raw]).page.problems;
  if (!problem?.record) throw new RangeError('the broken filing is not kept as an untrusted record');
  return { ...problem, record: problem.record };
}

function filingPayload(overrides: Partial<TMlpsFiling>): TMlpsFiling {
  const n = next();
  return ZMlpsFiling.parse({
    filingNo: `43060${String(n).padStart(6, '0')}-${String(n).padStart(5, '0')}`,
    systemName: `监测测试系统${n}`,
    unitName: `岳阳市监测测试单位${n}`,
    unitCode: aCreditCode(),
    projectCode: null,
    level: 3,
    gradedAt: registryDaysAgo(500),
    filedAt: registryDaysAgo(480),
    status: 'FILED',
    evaluations: [evaluation(100)],
    cryptoAssessments: [],
    updatedAt: registryDaysAgo(5),
    ...overrides,
  } satisfies TMlpsFiling);
}

export function exchangeSystem(overrides: Partial<TDataExchangeSystem> = {}): UpstreamRecord {
  const n = next();
  const payload = ZDataExchangeSystem.parse({
    systemId: `SYS-MON-${String(n).padStart(5, '0')}`,
    systemName: `监测共享系统${n}`,
    unitName: `岳阳市监测共享单位${n}`,
    unitCode: aCreditCode(),
    projectCode: null,
    accessStatus: 'CONNECTED',
    connectedAt: daysAgo(300),
    modifiedAt: daysAgo(10),
    ...overrides,
  } satisfies TDataExchangeSystem);
  return systemRecord(payload as Raw, payload);
}

/** A PUBLISHED, conditionally shared daily entry of `systemId`, updated yesterday... unless told. */
export function catalogEntry(
  systemId: string,
  overrides: Partial<TDataExchangeCatalogEntry> = {},
): UpstreamRecord {
  const n = next();
  const payload = ZDataExchangeCatalogEntry.parse({
    resourceCode: `430600-MON-${String(n).padStart(5, '0')}`,
    resourceName: `监测信息资源${n}`,
    systemId,
    providerUnit: '岳阳市监测共享单位',
    shareType: 'CONDITIONAL',
    notSharedBasis: null,
    updateCycle: 'DAILY',
    mountType: 'API',
    lastDataUpdateAt: daysAgo(0.5),
    status: 'PUBLISHED',
    modifiedAt: daysAgo(10),
    ...overrides,
  } satisfies TDataExchangeCatalogEntry);
  return catalogEntryRecord(payload as Raw, payload);
}

/** A 20-digit GB/T 28181 code of the Yueyang centre, unique per call. */
const gbCode = (typeCode: string) => `4306000000${typeCode}6${String(next()).padStart(6, '0')}`;

export function videoPlatform(overrides: Partial<TVideoPlatform> = {}): UpstreamRecord {
  const n = next();
  const payload = ZVideoPlatform.parse({
    platformId: gbCode('200'),
    name: `监测视频平台${n}`,
    ownerUnit: `岳阳市监测视频单位${n}`,
    ownerUnitCode: aCreditCode(),
    projectCode: null,
    cascadeStatus: 'ONLINE',
    deviceCount: 2,
    lastKeepaliveAt: daysAgo(0.1),
    ...overrides,
  } satisfies TVideoPlatform);
  return platformRecord(payload as Raw, payload);
}

export function videoDevice(overrides: Partial<TVideoDevice> = {}): UpstreamRecord {
  const n = next();
  const payload = ZVideoDevice.parse({
    deviceId: gbCode('132'),
    name: `监测路口枪机${n}`,
    ownerUnit: `岳阳市监测视频单位${n}`,
    ownerUnitCode: null,
    projectCode: null,
    platformId: null,
    status: 'ON',
    channelCount: 4,
    onlineChannelCount: 4,
    registeredAt: daysAgo(100),
    lastKeepaliveAt: daysAgo(0.1),
    updatedAt: daysAgo(1),
    ...overrides,
  } satisfies TVideoDevice);
  return deviceRecord(payload as Raw, payload);
}

/** An ONLINE 一网通办 system, fully integrated, that returned case data yesterday. */
export function ywtbSystem(overrides: Partial<TYwtbSystem> = {}): UpstreamRecord {
  const n = next();
  const payload = ZYwtbSystem.parse({
    systemCode: `YWTB-MON-${String(n).padStart(5, '0')}`,
    systemName: `监测政务服务系统${n}`,
    unitName: `岳阳市监测服务单位${n}`,
    unitCode: aCreditCode(),
    projectCode: null,
    status: 'ONLINE',
    items: { unifiedIdentity: true, unifiedIntake: true, caseDataReturn: true, unifiedEvaluation: true },
    mattersCount: 12,
    lastCaseReturnAt: daysAgo(1),
    onlineAt: daysAgo(300),
    ...overrides,
  } satisfies TYwtbSystem);
  return ywtbSystemRecord(payload as Raw, payload);
}

export function mobileService(overrides: Partial<TMobileService> = {}): UpstreamRecord {
  const n = next();
  const payload = ZMobileService.parse({
    serviceId: `ybyh-mon-${String(n).padStart(5, '0')}`,
    serviceName: `监测掌上服务${n}`,
    unitName: `岳阳市监测服务单位${n}`,
    unitCode: aCreditCode(),
    projectCode: null,
    kind: 'H5',
    status: 'ONLINE',
    publishedAt: daysAgo(200),
    monthlyActiveUsers: 1000,
    ...overrides,
  } satisfies TMobileService);
  return mobileServiceRecord(payload as Raw, payload);
}
