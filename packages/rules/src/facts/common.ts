import type { SourceId } from '@hub/contracts';

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
