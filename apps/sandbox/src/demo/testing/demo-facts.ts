import {
  DATA_EXCHANGE_STATS_DAYS_DEFAULT,
  type SourceId,
  type TProject,
  type TSandboxDataset,
} from '@hub/contracts';
import {
  CONNECTORS,
  emptyRecords,
  type LenientIndexFields,
  type RecordIndex,
  type RecordInvalidity,
  type RecordKindSpec,
  readingsOf,
  readLeniently,
  SOURCE_IDS,
  SOURCE_TITLES,
  validateItems,
} from '@hub/connectors';
import {
  bestSystemNameScore,
  type BindingMethod,
  type EvidenceRef,
  type ProjectFacts,
  type SourceState,
  SUGGESTION_SCORE,
  type UntrustedRecord,
} from '@hub/rules';

type Payload = Record<string, unknown>;
/** Valid tenants' units by tenant id: the connector takes a resource's unit from its tenant. */
type TenantUnits = ReadonlyMap<string, string>;

/**
 * One kind of upstream record: the connector's spec of it (schema, facts, how it reaches a project),
 * where the dataset holds it, and the fields the connector indexes it by (read leniently from an
 * invalid record, as the connector does to keep it as untrusted evidence).
 */
interface KindSpec extends RecordKindSpec {
  source: SourceId;
  items: (d: TSandboxDataset) => unknown[];
  index: LenientIndexFields;
  id: (p: Payload) => string;
  /** what the connector adds to or requires of the lenient reading of an invalid record */
  attribute?: (raw: Payload, units: TenantUnits) => Partial<RecordIndex> & { context?: boolean };
}

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

/** The prefectures of the two demo cities: a GB/T 28181 code of another one is rejected by the connector. */
const CITY_PREFECTURES = ['4306', '4310'];

function kind(
  source: SourceId,
  name: string,
  more: Omit<KindSpec, keyof RecordKindSpec | 'source' | 'id'> & { id?: KindSpec['id'] },
): KindSpec {
  const spec = CONNECTORS.find((c) => c.id === source)?.records.find((r) => r.kind === name);
  if (!spec) throw new RangeError(`no record kind ${source}/${name}`);
  return { ...spec, source, id: (p) => String(p[more.index.id]), ...more };
}

const own = (id: string, systemName: string, unitCode = 'unitCode'): LenientIndexFields => ({
  id,
  projectCode: 'projectCode',
  systemName,
  unitCode,
});

export const KINDS: readonly KindSpec[] = [
  kind('gov-cloud', 'tenant', {
    items: (d) => d.govCloud.tenants,
    index: { id: 'tenantId', unitCode: 'unitCode' },
    attribute: () => ({ context: true }),
  }),
  kind('gov-cloud', 'resource', {
    items: (d) => d.govCloud.resources,
    index: { id: 'resourceId', projectCode: 'projectCode', systemName: 'systemName', updatedAt: 'updatedAt' },
    attribute: (raw, units) => ({ unitCode: units.get(String(raw['tenantId'])) ?? null }),
  }),
  kind('data-exchange', 'system', {
    items: (d) => d.dataExchange.systems,
    index: { ...own('systemId', 'systemName'), updatedAt: 'modifiedAt' },
  }),
  kind('data-exchange', 'catalog-entry', {
    items: (d) => d.dataExchange.catalog,
    index: { id: 'resourceCode', parent: 'systemId', updatedAt: 'modifiedAt' },
  }),
  kind('data-exchange', 'exchange-stats', {
    // The connector fetches one statistics window, 30 days unless configured otherwise.
    items: (d) =>
      d.dataExchange.stats.filter((s) => (s as Payload)['days'] === DATA_EXCHANGE_STATS_DAYS_DEFAULT),
    index: { id: 'systemId', parent: 'systemId' },
    id: (p) => `${String(p['systemId'])}:${String(p['days'])}`,
    attribute: (raw) => ({ externalId: `${String(raw['systemId'])}:${String(raw['days'])}` }),
  }),
  kind('mlps', 'filing', { items: (d) => d.mlps.filings, index: own('filingNo', 'systemName') }),
  kind('video', 'platform', {
    items: (d) => d.video.platforms,
    index: own('platformId', 'name', 'ownerUnitCode'),
  }),
  kind('video', 'device', {
    items: (d) => d.video.devices,
    // A device carries no system name: it reaches a project by its own code or through its platform.
    index: {
      id: 'deviceId',
      projectCode: 'projectCode',
      unitCode: 'ownerUnitCode',
      parent: 'platformId',
      updatedAt: 'updatedAt',
    },
  }),
  kind('service-platforms', 'ywtb-system', {
    items: (d) => d.servicePlatforms.ywtb,
    index: own('systemCode', 'systemName'),
  }),
  kind('service-platforms', 'ybyh-service', {
    items: (d) => d.servicePlatforms.ybyh,
    index: own('serviceId', 'serviceName'),
  }),
  kind('service-platforms', 'brain-app', {
    items: (d) => d.servicePlatforms.brain,
    index: own('appId', 'appName'),
  }),
];

/** True when the connector stores the record as valid: it matches its contract (and, for video, the city). */
export function isStored(spec: KindSpec, record: unknown): boolean {
  if (!spec.schema.safeParse(record).success) return false;
  if (spec.source !== 'video') return true;
  const code = String((record as Payload)[spec.kind === 'device' ? 'deviceId' : 'platformId']);
  return CITY_PREFECTURES.includes(code.slice(0, 4));
}

/** A record as the hub stores it: its index fields, and what is wrong with it when it is untrusted. */
interface Stored {
  spec: KindSpec;
  payload: Payload;
  index: RecordIndex | null;
  invalid: RecordInvalidity | null;
}

/**
 * The records the connectors hand the hub: the valid ones, and the invalid ones they can attribute to
 * a project (kept as untrusted), through the connectors' own validation and lenient reading.
 */
function storedRecords(dataset: TSandboxDataset): Stored[] {
  const tenantSpec = KINDS.find((k) => k.kind === 'tenant')!;
  const units: TenantUnits = new Map(
    tenantSpec
      .items(dataset)
      .filter((t) => isStored(tenantSpec, t))
      .map((t) => [String((t as Payload)['tenantId']), String((t as Payload)['unitCode'])]),
  );
  return KINDS.flatMap((spec) => {
    const lenient = (raw: Payload) => {
      const { context, ...given } = spec.attribute?.(raw, units) ?? {};
      return readLeniently(raw, spec.index, { ...given, ...(context ? { context } : {}) });
    };
    return spec.items(dataset).flatMap((item): Stored[] => {
      if (isStored(spec, item)) {
        const payload = item as Payload;
        return [{ spec, payload, index: lenient(payload), invalid: null }];
      }
      const { problems } = validateItems({
        kind: spec.kind,
        title: spec.title,
        schema: spec.schema,
        idField: spec.index.id,
        items: [item],
        attribute: (raw) =>
          spec.kind === 'exchange-stats' && typeof raw['days'] !== 'number' ? null : lenient(raw),
      });
      const record = problems[0]?.record;
      if (!record?.invalid) return [];
      return [{ spec, payload: item as Payload, index: record, invalid: record.invalid }];
    });
  });
}

const STRENGTH: Record<BindingMethod, number> = { code: 3, confirmed: 2, suggested: 1 };

interface Attached {
  stored: Stored;
  binding: BindingMethod | null;
}

const externalIdOf = (s: Stored) => s.index?.externalId || s.spec.id(s.payload);

/** The facts a stored record stands for: one for a valid record, one per reading of an untrusted one. */
function factsOf(s: Stored): unknown[] {
  if (!s.invalid) return [s.spec.toFact(s.payload)];
  return (readingsOf(s.spec.schema, s.payload) ?? []).flatMap((reading) => {
    try {
      return [s.spec.toFact(reading)];
    } catch {
      return [];
    }
  });
}

/**
 * Builds each project's facts from a dataset as the hub does after a complete sync of every source:
 * records bound by project code, suggested by unit credit code and system name (score ≥ 0.9), children
 * through their parent (with its binding), tenants referenced by the project's resources; valid records
 * as facts, invalid ones the connectors attribute as untrusted records with their possible readings;
 * every source succeeded an hour before `now`.
 */
export function assembleFacts(
  dataset: TSandboxDataset,
  projects: readonly TProject[],
  now: string,
): Map<string, ProjectFacts> {
  const stored = storedRecords(dataset);
  const byCode = new Map(projects.map((p) => [p.code, p]));
  const byUnit = new Map<string, TProject[]>();
  for (const p of projects) byUnit.set(p.unitCode, [...(byUnit.get(p.unitCode) ?? []), p]);

  const attached = new Map<string, Map<string, Attached>>(projects.map((p) => [p.code, new Map()]));
  const attach = (code: string, s: Stored, binding: BindingMethod | null) => {
    const list = attached.get(code)!;
    const key = `${s.spec.source}|${s.spec.kind}|${externalIdOf(s)}`;
    const prior = list.get(key);
    if (prior?.binding && binding && STRENGTH[prior.binding] >= STRENGTH[binding]) return;
    if (prior && !binding) return;
    list.set(key, { stored: s, binding });
  };

  for (const s of stored.filter((x) => x.spec.bindable && x.index)) {
    const { projectCode, unitCode, systemName } = s.index!;
    if (projectCode) {
      if (byCode.has(projectCode)) attach(projectCode, s, 'code');
      continue;
    }
    if (!unitCode || !systemName) continue;
    for (const p of byUnit.get(unitCode) ?? []) {
      if (bestSystemNameScore(systemName, p.systemNames) >= SUGGESTION_SCORE) attach(p.code, s, 'suggested');
    }
  }
  for (const spec of KINDS.filter((k) => k.parentKind)) {
    const children = new Map<string, Stored[]>();
    for (const s of stored.filter((x) => x.spec === spec)) {
      const parentId = s.index?.parentExternalId ?? text(s.payload[spec.index.parent!]);
      if (parentId) children.set(parentId, [...(children.get(parentId) ?? []), s]);
    }
    for (const [code, list] of attached) {
      for (const a of [...list.values()]) {
        if (a.stored.spec.kind !== spec.parentKind || a.stored.spec.source !== spec.source || !a.binding)
          continue;
        for (const child of children.get(externalIdOf(a.stored)) ?? []) attach(code, child, a.binding);
      }
    }
  }
  for (const spec of KINDS.filter((k) => k.referencedBy)) {
    const ref = spec.referencedBy!;
    const byId = new Map(stored.filter((x) => x.spec === spec).map((s) => [externalIdOf(s), s]));
    for (const [code, list] of attached) {
      for (const a of [...list.values()]) {
        if (a.stored.spec.kind !== ref.kind || a.stored.spec.source !== spec.source) continue;
        // An untrusted referrer references what each of its readings does.
        for (const fact of factsOf(a.stored)) {
          const id = (ref.reference as (fact: unknown) => string | null)(fact);
          const target = id ? byId.get(id) : undefined;
          if (target) attach(code, target, null);
        }
      }
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
      const untrusted: UntrustedRecord[] = [];
      for (const { stored: s, binding } of attached.get(project.code)!.values()) {
        const evidence: EvidenceRef = {
          source: s.spec.source,
          kind: s.spec.kind,
          externalId: externalIdOf(s),
          fetchedAt: finishedAt,
          contentHash: '0'.repeat(64),
        };
        if (s.invalid) {
          const variants = factsOf(s);
          untrusted.push({
            group: s.spec.group,
            key: s.spec.key,
            binding,
            evidence: { ...evidence, untrusted: s.invalid.reason },
            variants: variants.length > 0 ? variants : null,
          });
          continue;
        }
        const fact = s.spec.toFact(s.payload);
        const group = (records as unknown as Record<string, Record<string, unknown[]>>)[s.spec.group]!;
        group[s.spec.key]!.push(binding ? { fact, binding, evidence } : { fact, evidence });
      }
      return [
        project.code,
        { ...records, project, sources, untrusted, sourceTitles: SOURCE_TITLES } satisfies ProjectFacts,
      ];
    }),
  );
}
