import { Inject, Injectable } from '@nestjs/common';
import type { SourceId } from '@hub/contracts';
import type { PageSink, SyncOutcome, TargetScope } from '@hub/connectors';
import type { Logger } from 'pino';
import { Clock } from '../../infra/clock';
import { LOGGER } from '../../infra/core.module';
import { PrismaService } from '../../infra/database/prisma.service';
import type { SourceSync, SyncMode } from '../../generated/prisma/client';
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
    const summaries = await Promise.all(this.sources().map((s) => this.syncOne(s, requested)));
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
        const summary = await this.run(source, 'targeted', scope.projectCode, null, (sink) =>
          this.clients.get(source).fetchForProject(scope, sink),
        );
        await onSource?.(summary).catch((e: unknown) =>
          this.logger.warn({ err: e, source }, 'sync progress listener failed'),
        );
        return summary;
      }),
    );
    await this.bindings.rebind();
    return summaries;
  }

  private async run(
    source: SourceId,
    mode: SyncMode,
    scope: string | null,
    cursorBefore: string | null,
    execute: (sink: PageSink) => Promise<SyncOutcome>,
  ): Promise<SyncSummary> {
    const started = Date.now();
    const sync = await this.prisma.sourceSync.create({
      data: { source, mode, scope, status: 'running', startedAt: this.clock.now(), cursorBefore },
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
    };
  }
}
