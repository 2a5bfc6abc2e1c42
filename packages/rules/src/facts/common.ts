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
  /**
   * Set when the record failed its contract's schema: what is wrong with it (record, field, value).
   * Such a record is still evidence about its project, but untrusted: it never decides a verdict.
   */
  untrusted?: Text;
}

/** One cell of the project registry as a finding read it: the column's header and the value held. */
export interface RegistryCell {
  /** the workbook's Chinese header, e.g. 专家评审 */
  header: string;
  /** the value as the registry workbook writes it (是/否, `;`-joined names, empty when blank) */
  value: string;
}

/** Where a project's registry row came from: the import that last wrote it. */
export interface RegistryProvenance {
  importId: string | null;
  fileName: string | null;
  /** sha256 of the imported file */
  sha256: string | null;
  /** ISO instant */
  importedAt: string | null;
  importedBy: string | null;
  /** the row's number in the workbook (the header is row 1) */
  rowNumber: number | null;
}

/** Registry cells a finding rests on, with the import they came from. */
export interface RegistryEvidence extends RegistryProvenance {
  type: 'registry';
  cells: RegistryCell[];
}

/** What a finding cites: upstream records and the registry cells it read. */
export type FindingEvidence = EvidenceRef | RegistryEvidence;

export const isRegistryEvidence = (e: FindingEvidence): e is RegistryEvidence =>
  (e as RegistryEvidence).type === 'registry';

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
  /** pages of a failed or partial sync: fetched, failed, and the total when the upstream says it */
  pages?: { fetched: number; failed: number; total: number | null };
  /** when the source's last complete sync finished (ISO instant): how old its data is */
  lastCompleteAt?: string | null;
  /**
   * Set when this project's own records of the source were fetched completely by a targeted query
   * after the bulk sync fell short (ISO instant of that fetch): the project's evidence is whole.
   */
  recoveredAt?: string | null;
}

/**
 * A record of the project that failed its contract's schema: kept as evidence, never trusted. The
 * rules judge the project on its valid records; the engine then re-judges with each reading of the
 * untrusted record's unreadable fields (`variants`), and when any reading could change the verdict,
 * the verdict is UNKNOWN naming the record, the field and what is wrong.
 */
export interface UntrustedRecord {
  /** where its facts would go in the project's records */
  group: string;
  key: string;
  /** how it reached the project (null: context, e.g. the tenant of a resource) */
  binding: BindingMethod | null;
  evidence: EvidenceRef & { untrusted: Text };
  /**
   * the canonical facts the record could stand for, one per reading of its unreadable fields; null
   * when they cannot be enumerated (then any rule reading its kind is UNKNOWN)
   */
  variants: readonly unknown[] | null;
}
