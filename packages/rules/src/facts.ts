import type { SourceId, TProject } from '@hub/contracts';

/**
 * Canonical facts: what the rules read. Connectors map vendor records to these shapes (times as ISO
 * instants with offset, vendor field names gone), so no rule knows an upstream's format.
 */

/** Bilingual text: Chinese first for operators, English second. */
export interface Text {
  zh: string;
  en: string;
}

/** Pointer to the upstream record a verdict rests on. */
export interface EvidenceRef {
  source: SourceId;
  /** record kind within the source, e.g. `resource`, `tenant` */
  kind: string;
  /** the upstream's own id */
  externalId: string;
  /** the hub's stored record id, when stored */
  recordId?: string;
  /** when the hub fetched it (ISO instant) */
  fetchedAt: string;
  /** sha256 of the canonical JSON payload */
  contentHash: string;
}

/**
 * How a record came to belong to a project: `code` (its projectCode equals the project's),
 * `confirmed` (an operator confirmed a suggestion), `suggested` (same unit and system name, not confirmed).
 * Evidence from a suggested record alone never yields PASS.
 */
export type BindingMethod = 'code' | 'confirmed' | 'suggested';

export interface Sourced<T> {
  fact: T;
  evidence: EvidenceRef;
}

export interface BoundFact<T> extends Sourced<T> {
  binding: BindingMethod;
}

/** 政务云资源 (gov-cloud resource). */
export interface CloudResourceFact {
  resourceId: string;
  tenantId: string;
  projectCode: string | null;
  systemName: string | null;
  type: string;
  vcpu: number | null;
  memoryGiB: number | null;
  /** 生产区 / 测试区 */
  environment: 'production' | 'test';
  /** 电子政务外网区 / 互联网区 / 专网区 */
  networkZone: 'egov-extranet' | 'internet' | 'private';
  status: 'running' | 'stopped' | 'released';
  createdAt: string;
  updatedAt: string;
  /** 30-day averages in percent; null when the cloud has no figures yet */
  cpuAvg30d: number | null;
  memAvg30d: number | null;
}

/** 政务云租户 (gov-cloud tenant). */
export interface CloudTenantFact {
  tenantId: string;
  tenantName: string;
  unitName: string;
  unitCode: string;
  region: string;
  /** absent on some tenants: then a rule that needs it cannot decide */
  purchaseMode: 'city-allocated' | 'county-purchased-service' | null;
}

/** Outcome of the hub's last sync of a source, as the engine needs it to trust (or not) its facts. */
export interface SourceState {
  source: SourceId;
  /** `never` when the source was never synced */
  status: 'succeeded' | 'partial' | 'failed' | 'never';
  /** when the last sync that produced the facts finished (ISO instant) */
  finishedAt: string | null;
  /** the upstream error of a failed or partial sync */
  error: string | null;
}

/** Everything known about one project at one moment: the input of one pack evaluation. */
export interface ProjectFacts {
  project: TProject;
  sources: Partial<Record<SourceId, SourceState>>;
  cloud: {
    resources: BoundFact<CloudResourceFact>[];
    tenants: Sourced<CloudTenantFact>[];
  };
}
