import { createHash } from 'node:crypto';
import { creditCodeCheckChar, ZProject, type SourceId, type TProject } from '@hub/contracts';
import { buildProject as buildAnyProject } from '@hub/contracts/testing';
import {
  emptyRecords,
  type BindingMethod,
  type BoundFact,
  type CloudResourceFact,
  type CloudTenantFact,
  type EvidenceRef,
  type ProjectFacts,
  type SourceState,
  type Sourced,
} from '../facts';

/** The hub's clock in every rules test: verdicts depend on "now", so it is fixed. */
export const NOW = '2025-07-01T02:00:00.000Z';

const HOUR_MS = 3_600_000;

/** The ISO instant `hours` before {@link NOW}. */
export function hoursBeforeNow(hours: number): string {
  return new Date(Date.parse(NOW) - hours * HOUR_MS).toISOString();
}

let sequence = 0;
const next = (): number => (sequence += 1);
const pad = (n: number, width: number): string => String(n).padStart(width, '0');

function creditCode(region: string, n: number): string {
  const first17 = `91${region}MA${pad(n % 10_000_000, 7)}`;
  return first17 + creditCodeCheckChar(first17);
}

function evidenceFor(kind: string, externalId: string, payload: unknown): EvidenceRef {
  return {
    source: 'gov-cloud',
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

/** A source whose last sync succeeded one hour before {@link NOW}. */
export function syncedSource(source: SourceId, overrides: Partial<SourceState> = {}): SourceState {
  return { source, status: 'succeeded', finishedAt: hoursBeforeNow(1), error: null, ...overrides };
}

export interface FactsInput {
  project?: TProject;
  resources?: BoundFact<CloudResourceFact>[];
  tenants?: Sourced<CloudTenantFact>[];
  /** merged over a freshly synced gov-cloud; `{ 'gov-cloud': undefined }` removes it */
  sources?: Partial<Record<SourceId, SourceState | undefined>>;
}

/**
 * The facts of one project. Code-bound resources carry the project's code, as matching by code
 * requires; the given records and their evidence are otherwise kept as they are.
 */
export function buildFacts(input: FactsInput = {}): ProjectFacts {
  const project = input.project ?? buildProject();
  const sources: ProjectFacts['sources'] = {};
  for (const [id, state] of Object.entries({ 'gov-cloud': syncedSource('gov-cloud'), ...input.sources })) {
    if (state) sources[id as SourceId] = state;
  }
  return {
    ...emptyRecords(),
    project,
    sources,
    cloud: {
      resources: (input.resources ?? []).map((r) =>
        r.binding === 'code' ? { ...r, fact: { ...r.fact, projectCode: project.code } } : r,
      ),
      tenants: input.tenants ?? [],
    },
  };
}
