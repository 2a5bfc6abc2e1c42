import type { z } from 'zod';
import type { ProjectRecords, Text } from '@hub/rules';
import type { SourceRef } from './source-ref';
import type { UpstreamError } from './upstream-error';

/** Minimal logger a connector needs; a pino logger fits it. Messages are English. */
export interface ConnectorLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** State of a source's circuit breaker, for a status page. */
export type CircuitStateName = 'closed' | 'open' | 'half-open';

/** One upstream record as it arrived, with the few fields the hub indexes it by. */
export interface UpstreamRecord {
  /** record kind within the source, e.g. `resource`, `tenant` */
  kind: string;
  /** the upstream's own id */
  externalId: string;
  /** the raw JSON object as it arrived, unknown fields included */
  payload: unknown;
  /** 项目编码, when the record carries one */
  projectCode: string | null;
  /** 系统名称, for matching records without a project code */
  systemName: string | null;
  /** 统一社会信用代码 of the owning unit, for matching records without a project code */
  unitCode: string | null;
  /** the upstream's last-change instant (ISO), when it has one */
  updatedAt: string | null;
  /** true when the upstream reports the record deleted or retired */
  tombstone: boolean;
  /** the external id of the record this one belongs to (a catalogue entry's system), when it has one */
  parentExternalId?: string | null;
  /**
   * Set on a record that failed its contract's schema but names its project (or its unit and system):
   * stored and bound like a valid one, it reaches the rules as untrusted evidence, never as a fact.
   */
  invalid?: RecordInvalidity | null;
}

/** What is wrong with an untrusted record, for the reasons of the verdicts it leaves undecided. */
export interface RecordInvalidity {
  /** the record, the fields and what is wrong with each, e.g. `政务云资源 ecs-1：networkZone …` */
  reason: Text;
  issues: { path: string; message: string }[];
}

/** The fields of an upstream record the hub indexes it by, as far as they can be read. */
export type RecordIndex = Omit<UpstreamRecord, 'kind' | 'payload' | 'invalid'>;

/** An upstream record that failed validation: reported, never silently dropped. */
export interface RecordProblem {
  kind: string;
  /** the record's id when it could be read */
  externalId: string | null;
  /** why the record was not stored (or was stored only as untrusted), for operators */
  reason: Text;
  issues: { path: string; message: string }[];
  /** the raw item as it arrived */
  payload: unknown;
  /**
   * the record as far as it could be read, when it can be attributed to a project (its project code,
   * or its unit and system name): stored as an untrusted record of that project
   */
  record?: UpstreamRecord;
  /** a remark on a record that passed and is among the page's records (counted once, as valid) */
  warning?: boolean;
}

/** What one upstream page yields. */
export interface SyncPage {
  records: UpstreamRecord[];
  problems: RecordProblem[];
}

/** How a sync or targeted fetch ended. */
export interface SyncOutcome {
  /** true when every page was fetched */
  complete: boolean;
  pagesFetched: number;
  pagesFailed: number;
  /** items received, valid and invalid */
  recordsSeen: number;
  recordsInvalid: number;
  /** watermark to store for the next incremental sync; unchanged from the request when incomplete */
  cursor: string | null;
  /** why the sync stopped, when it did not complete */
  error: UpstreamError | null;
  /** pages by list, and the pages asked again, when the walk reported them */
  paging?: SyncPaging;
}

/** One list of a sync (a record kind), as far as it was walked. */
export interface ListPaging {
  kind: string;
  pagesFetched: number;
  /** the list's length in pages as the upstream said it; null for a cursor-paged list */
  pagesTotal: number | null;
  /** every page of the list was fetched */
  complete: boolean;
}

/** How a sync's pages went: per list, and the pages asked once more after their retries ran out. */
export interface SyncPaging {
  lists: ListPaging[];
  pagesReasked: number;
  pagesRecovered: number;
}

/** A request for a bulk sync. */
export interface SyncRequest {
  mode: 'full' | 'incremental';
  /** the watermark a previous complete sync returned; ignored in `full` mode */
  cursor: string | null;
  /** aborts the sync (run timeout, shutdown) */
  signal?: AbortSignal;
}

/** The project a targeted fetch is for. */
export interface TargetScope {
  /** 项目编码 */
  projectCode: string;
  /** 统一社会信用代码 of the construction unit */
  unitCode: string;
  /**
   * 信息系统名称 of the project: a connector that must list a unit's records one by one may keep
   * only those that could match them (the hub suggests on a system-name score ≥ 0.9)
   */
  systemNames?: readonly string[];
  /**
   * external ids of the hub's stored records of the connector's {@link ConnectorDefinition.targetedNeeds}
   * kind for this project (its unit's cloud tenants): a list the contract cannot filter is then not
   * walked whole for one project. Absent when the hub has none stored.
   */
  known?: Readonly<Partial<Record<string, readonly string[]>>>;
}

/** Receives each page as soon as it is fetched, so partial progress is kept. */
export type PageSink = (page: SyncPage) => Promise<void>;

/**
 * A project whose records a recovery fetches by the contract's filters, with what the hub's store
 * already holds that those filters need: the external ids of its stored records of the connector's
 * {@link ConnectorDefinition.recoveryNeeds} kind (the unit's cloud tenants, the project's exchange
 * systems), by that kind.
 */
export interface RecoveryTarget extends TargetScope {
  known: NonNullable<TargetScope['known']>;
}

/** What a recovery fetched: which kinds of which projects it could fetch completely by filter. */
export interface RecoveryOutcome extends SyncOutcome {
  /** project code → the record kinds of it fetched completely */
  covered: Map<string, Set<string>>;
  /** requests the recovery made, answered or not */
  requests: number;
}

/**
 * A live connection to one upstream system. Upstream failures never throw: they end the outcome
 * with `complete: false` and a typed error. Errors thrown by the sink are the caller's and propagate.
 */
export interface ConnectorClient {
  /** Bulk sync of everything (or everything changed since the cursor). */
  sync(req: SyncRequest, sink: PageSink): Promise<SyncOutcome>;
  /** Targeted queries for one project, e.g. before a pre-acceptance check. */
  fetchForProject(scope: TargetScope, sink: PageSink): Promise<SyncOutcome>;
  /**
   * After a bulk sync lost pages of the `kinds` lists: the projects' records of those kinds, fetched
   * with the contract's filters only (by project code, unit, system), so that a project whose records
   * all came is judged again. Absent when the contract has no filter for the source's lists.
   */
  recover?(
    targets: readonly RecoveryTarget[],
    kinds: readonly string[],
    sink: PageSink,
  ): Promise<RecoveryOutcome>;
  circuitState(): CircuitStateName;
}

/**
 * How stored records of one kind become canonical facts of a project. A record reaches a project in
 * one of three ways: through its own binding (`bindable`: project code, or unit + system name
 * suggestion); through the bound record its `parentExternalId` names (`parentKind`: a catalogue
 * entry through its system), inheriting that binding; or because a bound record references it
 * (`referencedBy`: a resource's tenant), as context without a binding of its own.
 */
export interface RecordKindSpec {
  kind: string;
  /** how operators call it, e.g. 政务云资源 / cloud resource */
  title: Text;
  /**
   * the contract's schema of one item: an untrusted record's possible readings are the repairs of
   * its unreadable fields that this schema accepts
   */
  schema: z.ZodType;
  /**
   * where its facts go: a group and list of {@link ProjectRecords} (`cloud` / `resources`) when a rule
   * reads them; a kind no rule reads yet names a group of its own, which the rules never see, and
   * its records are stored, bound and shown all the same
   */
  group: keyof ProjectRecords | (string & {});
  key: string;
  /** pure mapping of a stored (validated) payload to the canonical fact; throws on an invalid one */
  toFact(payload: unknown): unknown;
  bindable: boolean;
  parentKind?: string;
  referencedBy?: { kind: string; reference(referrerFact: never): string | null };
}

/** What a connector gets from the hub. */
export interface ConnectorDeps {
  logger: ConnectorLogger;
}

/**
 * The settings a connector reads from the hub's environment, by the key after its prefix
 * (`BASE_URL` → `GOV_CLOUD_BASE_URL`); each with a default that points at the sandbox, so the hub
 * runs against the sandbox with nothing set. Every connector has a base URL.
 */
export type ConnectorSettingsShape = { BASE_URL: z.ZodType<string> } & Record<string, z.ZodType>;

/** Parsed settings of a {@link ConnectorSettingsShape}. */
export type ConnectorSettings<S extends ConnectorSettingsShape> = { [K in keyof S]: z.output<S[K]> };

/**
 * A connector as the registry holds it: id, version, what it syncs, how the hub configures it, its
 * config schema and a factory. Adding a source is one folder exporting one of these plus one line in
 * `CONNECTORS`: the hub's environment keys, secrets, sync schedule, fact groups and source names all
 * come from here.
 */
export interface ConnectorDefinition<
  C = unknown,
  S extends ConnectorSettingsShape = ConnectorSettingsShape,
  P extends string = string,
> extends SourceRef {
  version: string;
  /** the record kinds it produces and how each becomes facts of a project */
  records: readonly RecordKindSpec[];
  /**
   * the kind of its stored records whose ids its `recover` filters by, given per project in
   * {@link RecoveryTarget.known} (records bound by project code or unit); none when it needs none
   */
  recoveryNeeds?: string;
  /**
   * the kind of its stored records whose ids its `fetchForProject` takes in {@link TargetScope.known}
   * instead of walking a list the contract cannot filter; none when a targeted fetch needs none
   */
  targetedNeeds?: string;
  /** what its environment keys start with: `GOV_CLOUD` → `GOV_CLOUD_BASE_URL`, `GOV_CLOUD_SYNC_CRON` */
  envPrefix: P;
  /** the keys operators set, after the prefix, with defaults that point at the sandbox */
  settings: S;
  /** those of them that are secrets: also readable from `<PREFIX>_<KEY>_FILE`, redacted from logs */
  secretKeys: readonly (keyof S & string)[];
  /**
   * when its incremental sync runs unless `<PREFIX>_SYNC_CRON` or `HUB_SYNC_CRON` says otherwise: a
   * cron expression (minute hour day month weekday) in Beijing time, with its meaning in words beside it
   */
  defaultCron: string;
  /** its config (before {@link configSchema} fills the defaults) from its parsed settings */
  configFromSettings(settings: ConnectorSettings<S>): unknown;
  configSchema: z.ZodType<C>;
  create(config: C, deps: ConnectorDeps): ConnectorClient;
}

/** Declares a connector, keeping its prefix and settings typed for the hub's environment. */
export function defineConnector<C, const P extends string, S extends ConnectorSettingsShape>(
  definition: ConnectorDefinition<C, S, P>,
): ConnectorDefinition<C, S, P> {
  return definition;
}
