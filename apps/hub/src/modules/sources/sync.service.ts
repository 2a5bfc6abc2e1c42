import { Inject, Injectable } from '@nestjs/common';
import type { SourceId } from '@hub/contracts';
import {
  getConnector,
  type PageSink,
  type RecoveryTarget,
  type SyncOutcome,
  type SyncPaging,
  type TargetScope,
} from '@hub/connectors';
import type { Logger } from 'pino';
import { Clock } from '../../infra/clock';
import { LOGGER } from '../../infra/core.module';
import { PrismaService } from '../../infra/database/prisma.service';
import { Prisma, type SourceSync, type SyncMode } from '../../generated/prisma/client';
import type { HubEnv } from '../../config/env';
import { HUB_ENV } from '../../infra/core.module';
import { BindingsService } from './bindings.service';
import { ConnectorClients } from './connector-clients';
import { RecordsRepository } from './records.repository';

export interface SyncSummary {
  syncId: string;
  source: SourceId;
  mode: SyncMode;
  status: SourceSync['status'];
  pagesFetched: number;
  pagesFailed: number;
  recordsSeen: number;
  recordsInvalid: number;
  recordsChanged: number;
  error: string | null;
  finishedAt: string;
  ms: number;
  /** pages by list and pages asked again, when the connector reported them */
  paging: SyncPaging | null;
}

/** What a recovery after a short bulk sync did. */
export interface RecoverySummary extends SyncSummary {
  parentSyncId: string;
  /** the lists (record kinds) that were short and that it fetched by filter */
  kinds: string[];
  /** projects whose records of those lists all came */
  recoveredProjects: string[];
  /** projects asked for (all, up to HUB_RECOVERY_MAX_PROJECTS) */
  targets: number;
  requests: number;
}

/**
 * Runs connectors and records what they did. A sync that fails midway keeps every page it stored and
 * is marked partial; its watermark does not advance, so the next incremental sync starts over from
 * the last complete one.
 */
@Injectable()
export class SyncService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly clients: ConnectorClients,
    private readonly records: RecordsRepository,
    private readonly bindings: BindingsService,
    private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(HUB_ENV) private readonly env: HubEnv,
  ) {}

  sources(): SourceId[] {
    return this.clients.sources();
  }

  /** Bulk sync of one source: incremental from the last complete sync's watermark, or full. */
  async sync(source: SourceId, requested?: 'full' | 'incremental'): Promise<SyncSummary> {
    const summary = await this.syncOne(source, requested);
    await this.bindings.rebind();
    return summary;
  }

  /** `sync` without the matching pass: a distributed scan matches once, after every source. */
  syncWithoutRebind(source: SourceId, requested?: 'full' | 'incremental'): Promise<SyncSummary> {
    return this.syncOne(source, requested);
  }

  /** The matching pass over every stored record (after a batch of syncs). */
  rebind(): Promise<unknown> {
    return this.bindings.rebind();
  }

  private async syncOne(source: SourceId, requested?: 'full' | 'incremental'): Promise<SyncSummary> {
    const last = await this.prisma.sourceSync.findFirst({
      where: { source, status: 'succeeded', mode: { in: ['full', 'incremental'] } },
      orderBy: { startedAt: 'desc' },
    });
    const cursor = last?.cursorAfter ?? null;
    const mode = requested ?? (cursor ? 'incremental' : 'full');
    return this.run(source, mode, null, cursor, (sink) =>
      this.clients.get(source).sync({ mode, cursor: mode === 'full' ? null : cursor }, sink),
    );
  }

  /** Every configured source in parallel; one failing never stops the others. */
  async syncAll(requested?: 'full' | 'incremental'): Promise<SyncSummary[]> {
    const started = Date.now();
    const summaries = await Promise.all(
      this.sources().map(async (s) => {
        const summary = await this.syncOne(s, requested);
        await this.recover(summary);
        return summary;
      }),
    );
    // One matching pass after all sources, not one per source racing the others.
    await this.bindings.rebind();
    const failed = summaries.filter((s) => s.status !== 'succeeded');
    this.logger.info(
      { ms: Date.now() - started },
      `synced ${summaries.length - failed.length}/${summaries.length} sources` +
        (failed.length
          ? `, ${failed.length} failed: ${failed.map((f) => `${f.source} ${f.error}`).join('; ')}`
          : ''),
    );
    return summaries;
  }

  /**
   * Targeted queries for one project on every source, in parallel, for a fresh check. `onSource` hears
   * of each source as soon as its query ends (a check's progress); its failure never fails the sync.
   */
  async fetchForProject(
    scope: TargetScope,
    onSource?: (summary: SyncSummary) => Promise<unknown>,
  ): Promise<SyncSummary[]> {
    const summaries = await Promise.all(
      this.sources().map(async (source) => {
        const [known] = await this.storedKnown(source, getConnector(source)?.targetedNeeds, [scope]);
        const summary = await this.run(source, 'targeted', scope.projectCode, null, (sink) =>
          this.clients.get(source).fetchForProject(known ? { ...scope, known } : scope, sink),
        );
        await onSource?.(summary).catch((e: unknown) =>
          this.logger.warn({ err: e, source }, 'sync progress listener failed'),
        );
        return summary;
      }),
    );
    // Only what this check fetched is matched: the rest of the city's bindings stand as they are.
    await this.bindings.rebind({ syncIds: summaries.map((s) => s.syncId) });
    return summaries;
  }

  /**
   * After a bulk sync of `source` fell short: the projects' records of the lists it lost, fetched by
   * the contract's filters (resources by project code and tenant, filings by unit, catalogue entries
   * by system), so that a project whose records all came is judged on whole evidence. The lists a
   * contract cannot filter (tenants, exchange systems, video, service platforms) are not recovered.
   * Null when there is nothing to recover, or no filter to recover it with.
   */
  async recover(bulk: SyncSummary): Promise<RecoverySummary | null> {
    if (bulk.status === 'succeeded' || bulk.mode === 'targeted') return null;
    const client = this.clients.get(bulk.source);
    const connector = getConnector(bulk.source);
    if (!client.recover || !connector) return null;
    const complete = new Set((bulk.paging?.lists ?? []).filter((l) => l.complete).map((l) => l.kind));
    const kinds = connector.records.map((r) => r.kind).filter((k) => !complete.has(k));
    if (kinds.length === 0) return null;
    const targets = await this.recoveryTargets(bulk.source);
    let covered = new Map<string, Set<string>>();
    let requests = 0;
    const summary = await this.run(
      bulk.source,
      'targeted',
      null,
      null,
      async (sink) => {
        const outcome = await client.recover!(targets, kinds, sink);
        covered = outcome.covered;
        requests = outcome.requests;
        return outcome;
      },
      { parentSyncId: bulk.syncId, extra: () => ({ recoveredProjects: [...covered.keys()], requests }) },
    );
    const recoveredProjects = [...covered.keys()];
    this.logger.info(
      { source: bulk.source, kinds, targets: targets.length, recovered: recoveredProjects.length, requests },
      `recovery after a short sync: ${recoveredProjects.length}/${targets.length} projects whole again`,
    );
    return {
      ...summary,
      parentSyncId: bulk.syncId,
      kinds,
      recoveredProjects,
      targets: targets.length,
      requests,
    };
  }

  /**
   * The projects a recovery asks for, each with what the store holds that its filters need: the
   * cloud tenants of its unit, the exchange systems that carry its code or belong to its unit.
   */
  private async recoveryTargets(source: SourceId): Promise<RecoveryTarget[]> {
    const projects = await this.prisma.project.findMany({
      select: { code: true, unitCode: true, systemNames: true },
      orderBy: { code: 'asc' },
      take: this.env.HUB_RECOVERY_MAX_PROJECTS,
    });
    const known = await this.storedKnown(
      source,
      getConnector(source)?.recoveryNeeds,
      projects.map((p) => ({ projectCode: p.code, ...p })),
    );
    return projects.map((p, i) => ({
      projectCode: p.code,
      unitCode: p.unitCode,
      systemNames: p.systemNames,
      known: known[i] ?? {},
    }));
  }

  /**
   * For each project, the external ids of the source's stored records of `kind` (the connector's
   * `recoveryNeeds` or `targetedNeeds`: a unit's cloud tenants, a project's exchange systems), by that
   * kind; null for every project when there is no such kind or the store holds none of it yet.
   */
  private async storedKnown(
    source: SourceId,
    kind: string | undefined,
    projects: readonly { projectCode: string; unitCode: string }[],
  ): Promise<(Record<string, string[]> | null)[]> {
    const none = projects.map(() => null);
    if (
      !kind ||
      !(await this.prisma.sourceRecord.findFirst({ where: { source, kind }, select: { id: true } }))
    )
      return none;
    const stored = await this.prisma.sourceRecord.findMany({
      where: {
        source,
        kind,
        OR: [
          { unitCode: { in: [...new Set(projects.map((p) => p.unitCode))] } },
          { projectCode: { in: projects.map((p) => p.projectCode) } },
        ],
      },
      select: { externalId: true, unitCode: true, projectCode: true },
    });
    return projects.map((p) => ({
      [kind]: stored
        .filter((r) => r.projectCode === p.projectCode || r.unitCode === p.unitCode)
        .map((r) => r.externalId),
    }));
  }

  private async run(
    source: SourceId,
    mode: SyncMode,
    scope: string | null,
    cursorBefore: string | null,
    execute: (sink: PageSink) => Promise<SyncOutcome>,
    recovery?: { parentSyncId: string; extra: () => { recoveredProjects: string[]; requests: number } },
  ): Promise<SyncSummary> {
    const started = Date.now();
    const sync = await this.prisma.sourceSync.create({
      data: {
        source,
        mode,
        scope,
        status: 'running',
        startedAt: this.clock.now(),
        cursorBefore,
        parentSyncId: recovery?.parentSyncId ?? null,
      },
    });
    const log = this.logger.child({ source, syncId: sync.id, mode });
    let changed = 0;
    let tombstones = 0;
    let outcome: SyncOutcome;
    let error: string | null = null;
    let errorCode: string | null = null;
    try {
      outcome = await execute(async (page) => {
        const stored = await this.records.storePage(source, sync.id, page, this.clock.now());
        changed += stored.changed;
        tombstones += stored.tombstones;
      });
      if (outcome.error) {
        errorCode = outcome.error.code;
        error = `${outcome.error.messageZh} / ${outcome.error.message}`;
      }
    } catch (e) {
      // A connector bug or a storage failure: the sync failed, whatever it had fetched.
      log.error({ err: e }, 'sync crashed');
      outcome = {
        complete: false,
        pagesFetched: 0,
        pagesFailed: 1,
        recordsSeen: 0,
        recordsInvalid: 0,
        cursor: null,
        error: null,
      };
      errorCode = 'internal';
      error = `同步过程出错 / sync crashed: ${e instanceof Error ? e.message : String(e)}`;
    }
    const status = outcome.complete ? 'succeeded' : outcome.pagesFetched > 0 ? 'partial' : 'failed';
    const done = await this.prisma.sourceSync.update({
      where: { id: sync.id },
      data: {
        status,
        finishedAt: this.clock.now(),
        pagesFetched: outcome.pagesFetched,
        pagesFailed: outcome.pagesFailed,
        recordsSeen: outcome.recordsSeen,
        recordsInvalid: outcome.recordsInvalid,
        recordsChanged: changed,
        tombstones,
        cursorAfter: outcome.complete ? outcome.cursor : cursorBefore,
        error,
        errorCode,
        pagesTotal: pagesTotalOf(source, outcome.paging),
        paging: outcome.paging ? (outcome.paging as object) : Prisma.JsonNull,
        ...(recovery ? recovery.extra() : {}),
      },
    });
    const ms = Date.now() - started;
    log[status === 'succeeded' ? 'info' : 'warn'](
      {
        status,
        pages: outcome.pagesFetched,
        records: outcome.recordsSeen,
        invalid: outcome.recordsInvalid,
        changed,
        ms,
        error,
      },
      `sync ${status}`,
    );
    return {
      syncId: done.id,
      source,
      mode,
      status,
      pagesFetched: done.pagesFetched,
      pagesFailed: done.pagesFailed,
      recordsSeen: done.recordsSeen,
      recordsInvalid: done.recordsInvalid,
      recordsChanged: changed,
      error,
      finishedAt: done.finishedAt!.toISOString(),
      ms,
      paging: outcome.paging ?? null,
    };
  }
}

/**
 * The pages a sync's lists have in all, when every list of the source was reached and says its
 * length: what "共 14 页" counts. Null when a list's length is unknown (cursor paging, not reached).
 */
function pagesTotalOf(source: SourceId, paging: SyncPaging | undefined): number | null {
  const kinds = getConnector(source)?.records.map((r) => r.kind) ?? [];
  if (!paging || kinds.length === 0) return null;
  let total = 0;
  for (const kind of kinds) {
    const list = paging.lists.find((l) => l.kind === kind);
    if (!list || list.pagesTotal === null) return null;
    total += list.pagesTotal;
  }
  return total;
}
