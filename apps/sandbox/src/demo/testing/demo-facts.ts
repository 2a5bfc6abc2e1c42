import {
  DATA_EXCHANGE_STATS_DAYS_DEFAULT,
  type SourceId,
  type TProject,
  type TSandboxDataset,
  ZDataExchangeCatalogEntry,
  ZDataExchangeStats,
  ZDataExchangeSystem,
  ZGovCloudResource,
  ZGovCloudTenant,
  ZHubApplication,
  ZMlpsFiling,
  ZMobileService,
  ZVideoDevice,
  ZVideoPlatform,
  ZYwtbSystem,
} from '@hub/contracts';
import {
  SOURCE_IDS,
  SOURCE_TITLES,
  emptyRecords,
  toCatalogEntryFact,
  toCloudResourceFact,
  toCloudTenantFact,
  toExchangeStatsFact,
  toExchangeSystemFact,
  toFilingFact,
  toHubApplicationFact,
  toMobileServiceFact,
  toVideoDeviceFact,
  toVideoPlatformFact,
  toYwtbSystemFact,
} from '@hub/connectors';
import {
  bestSystemNameScore,
  type BindingMethod,
  type ProjectFacts,
  type ProjectRecords,
  type SourceState,
} from '@hub/rules';
import type { z } from 'zod';

type Payload = Record<string, unknown>;

/** One kind of upstream record: its schema, where its facts go, and how it reaches a project. */
interface KindSpec {
  source: SourceId;
  kind: string;
  group: keyof ProjectRecords;
  key: string;
  schema: z.ZodType;
  toFact: (payload: unknown) => unknown;
  items: (d: TSandboxDataset) => unknown[];
  id: (p: Payload) => string;
  /** bindable kinds: the record's project code, unit credit code and system name */
  bind?: (
    p: Payload,
    tenants: ReadonlyMap<string, Payload>,
  ) => {
    code: string | null;
    unit: string | null;
    name: string | null;
  };
  /** children: the kind and id of the parent they belong to a project through */
  parent?: { kind: string; id: (p: Payload) => string | null };
}

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);
const own = (code: string, unit: string, name: string) => (p: Payload) => ({
  code: text(p[code]),
  unit: text(p[unit]),
  name: text(p[name]),
});

/** The prefectures of the two demo cities: a GB/T 28181 code of another one is rejected by the connector. */
const CITY_PREFECTURES = ['4306', '4310'];

export const KINDS: readonly KindSpec[] = [
  {
    source: 'gov-cloud',
    kind: 'tenant',
    group: 'cloud',
    key: 'tenants',
    schema: ZGovCloudTenant,
    toFact: toCloudTenantFact,
    items: (d) => d.govCloud.tenants,
    id: (p) => String(p['tenantId']),
  },
  {
    source: 'gov-cloud',
    kind: 'resource',
    group: 'cloud',
    key: 'resources',
    schema: ZGovCloudResource,
    toFact: toCloudResourceFact,
    items: (d) => d.govCloud.resources,
    id: (p) => String(p['resourceId']),
    // The connector takes a resource's unit from its tenant.
    bind: (p, tenants) => ({
      code: text(p['projectCode']),
      unit: text(tenants.get(String(p['tenantId']))?.['unitCode']),
      name: text(p['systemName']),
    }),
  },
  {
    source: 'data-exchange',
    kind: 'system',
    group: 'dataExchange',
    key: 'systems',
    schema: ZDataExchangeSystem,
    toFact: toExchangeSystemFact,
    items: (d) => d.dataExchange.systems,
    id: (p) => String(p['systemId']),
    bind: own('projectCode', 'unitCode', 'systemName'),
  },
  {
    source: 'data-exchange',
    kind: 'catalog-entry',
    group: 'dataExchange',
    key: 'catalog',
    schema: ZDataExchangeCatalogEntry,
    toFact: toCatalogEntryFact,
    items: (d) => d.dataExchange.catalog,
    id: (p) => String(p['resourceCode']),
    parent: { kind: 'system', id: (p) => text(p['systemId']) },
  },
  {
    source: 'data-exchange',
    kind: 'exchange-stats',
    group: 'dataExchange',
    key: 'stats',
    schema: ZDataExchangeStats,
    toFact: toExchangeStatsFact,
    // The connector fetches one statistics window, 30 days unless configured otherwise.
    items: (d) =>
      d.dataExchange.stats.filter((s) => (s as Payload)['days'] === DATA_EXCHANGE_STATS_DAYS_DEFAULT),
    id: (p) => `${String(p['systemId'])}:${String(p['days'])}`,
    parent: { kind: 'system', id: (p) => text(p['systemId']) },
  },
  {
    source: 'mlps',
    kind: 'filing',
    group: 'mlps',
    key: 'filings',
    schema: ZMlpsFiling,
    toFact: toFilingFact,
    items: (d) => d.mlps.filings,
    id: (p) => String(p['filingNo']),
    bind: own('projectCode', 'unitCode', 'systemName'),
  },
  {
    source: 'video',
    kind: 'platform',
    group: 'video',
    key: 'platforms',
    schema: ZVideoPlatform,
    toFact: toVideoPlatformFact,
    items: (d) => d.video.platforms,
    id: (p) => String(p['platformId']),
    bind: own('projectCode', 'ownerUnitCode', 'name'),
  },
  {
    source: 'video',
    kind: 'device',
    group: 'video',
    key: 'devices',
    schema: ZVideoDevice,
    toFact: toVideoDeviceFact,
    items: (d) => d.video.devices,
    id: (p) => String(p['deviceId']),
    // A device carries no system name: it reaches a project by its own code or through its platform.
    bind: (p) => ({ code: text(p['projectCode']), unit: text(p['ownerUnitCode']), name: null }),
    parent: { kind: 'platform', id: (p) => text(p['platformId']) },
  },
  {
    source: 'service-platforms',
    kind: 'ywtb-system',
    group: 'services',
    key: 'ywtb',
    schema: ZYwtbSystem,
    toFact: toYwtbSystemFact,
    items: (d) => d.servicePlatforms.ywtb,
    id: (p) => String(p['systemCode']),
    bind: own('projectCode', 'unitCode', 'systemName'),
  },
  {
    source: 'service-platforms',
    kind: 'ybyh-service',
    group: 'services',
    key: 'ybyh',
    schema: ZMobileService,
    toFact: toMobileServiceFact,
    items: (d) => d.servicePlatforms.ybyh,
    id: (p) => String(p['serviceId']),
    bind: own('projectCode', 'unitCode', 'serviceName'),
  },
  {
    source: 'service-platforms',
    kind: 'brain-app',
    group: 'services',
    key: 'brain',
    schema: ZHubApplication,
    toFact: toHubApplicationFact,
    items: (d) => d.servicePlatforms.brain,
    id: (p) => String(p['appId']),
    bind: own('projectCode', 'unitCode', 'appName'),
  },
];

/** True when the connector stores the record: it matches its contract (and, for video, the city). */
export function isStored(spec: KindSpec, record: unknown): boolean {
  if (!spec.schema.safeParse(record).success) return false;
  if (spec.source !== 'video') return true;
  const code = String((record as Payload)[spec.kind === 'device' ? 'deviceId' : 'platformId']);
  return CITY_PREFECTURES.includes(code.slice(0, 4));
}

const STRENGTH: Record<BindingMethod, number> = { code: 3, confirmed: 2, suggested: 1 };
const SUGGESTION_THRESHOLD = 0.9;

interface Attached {
  spec: KindSpec;
  payload: Payload;
  binding: BindingMethod | null;
}

/**
 * Builds each project's facts from a dataset as the hub does after a complete sync of every source:
 * records bound by project code, suggested by unit credit code and system name (score ≥ 0.9), children
 * through their parent (with its binding), tenants referenced by the project's resources; only records
 * the connectors store; every source succeeded an hour before `now`.
 */
export function assembleFacts(
  dataset: TSandboxDataset,
  projects: readonly TProject[],
  now: string,
): Map<string, ProjectFacts> {
  const stored = new Map(
    KINDS.map((spec) => [spec.kind, spec.items(dataset).filter((r) => isStored(spec, r)) as Payload[]]),
  );
  const tenants = new Map(stored.get('tenant')!.map((t) => [String(t['tenantId']), t]));
  const byCode = new Map(projects.map((p) => [p.code, p]));
  const byUnit = new Map<string, TProject[]>();
  for (const p of projects) byUnit.set(p.unitCode, [...(byUnit.get(p.unitCode) ?? []), p]);

  const attached = new Map<string, Map<string, Attached>>(projects.map((p) => [p.code, new Map()]));
  const attach = (code: string, spec: KindSpec, payload: Payload, binding: BindingMethod | null) => {
    const list = attached.get(code)!;
    const key = `${spec.kind}|${spec.id(payload)}`;
    const prior = list.get(key);
    if (prior?.binding && binding && STRENGTH[prior.binding] >= STRENGTH[binding]) return;
    if (prior && !binding) return;
    list.set(key, { spec, payload, binding });
  };

  for (const spec of KINDS.filter((s) => s.bind)) {
    for (const payload of stored.get(spec.kind)!) {
      const { code, unit, name } = spec.bind!(payload, tenants);
      if (code) {
        if (byCode.has(code)) attach(code, spec, payload, 'code');
        continue;
      }
      if (!unit || !name) continue;
      for (const p of byUnit.get(unit) ?? []) {
        if (bestSystemNameScore(name, p.systemNames) >= SUGGESTION_THRESHOLD)
          attach(p.code, spec, payload, 'suggested');
      }
    }
  }
  for (const spec of KINDS.filter((s) => s.parent)) {
    const children = new Map<string, Payload[]>();
    for (const payload of stored.get(spec.kind)!) {
      const parentId = spec.parent!.id(payload);
      if (parentId) children.set(parentId, [...(children.get(parentId) ?? []), payload]);
    }
    for (const [code, list] of attached) {
      for (const a of [...list.values()]) {
        if (a.spec.kind !== spec.parent!.kind || !a.binding) continue;
        for (const child of children.get(a.spec.id(a.payload)) ?? []) attach(code, spec, child, a.binding);
      }
    }
  }
  const tenantSpec = KINDS.find((s) => s.kind === 'tenant')!;
  for (const [code, list] of attached) {
    for (const a of [...list.values()]) {
      if (a.spec.kind !== 'resource') continue;
      const tenant = tenants.get(String(a.payload['tenantId']));
      if (tenant) attach(code, tenantSpec, tenant, null);
    }
  }

  const finishedAt = new Date(Date.parse(now) - 3_600_000).toISOString();
  const sources = Object.fromEntries(
    SOURCE_IDS.map((source): [SourceId, SourceState] => [
      source,
      { source, status: 'succeeded', finishedAt, error: null },
    ]),
  );
  return new Map(
    projects.map((project) => {
      const records = emptyRecords();
      for (const { spec, payload, binding } of attached.get(project.code)!.values()) {
        const evidence = {
          source: spec.source,
          kind: spec.kind,
          externalId: spec.id(payload),
          fetchedAt: finishedAt,
          contentHash: '0'.repeat(64),
        };
        const fact = spec.toFact(payload);
        const group = records[spec.group] as unknown as Record<string, unknown[]>;
        group[spec.key]!.push(binding ? { fact, binding, evidence } : { fact, evidence });
      }
      return [
        project.code,
        { ...records, project, sources, sourceTitles: SOURCE_TITLES } satisfies ProjectFacts,
      ];
    }),
  );
}
