import { z } from 'zod';
import { Injectable } from '@nestjs/common';
import { SOURCE_IDS, isSourceId, sourceTitle } from '@hub/connectors';
import type { SourceId } from '@hub/contracts';
import type { SyncPaging } from '@hub/connectors';
import { allPacks, sourceShortfall } from '@hub/rules';
import { AppError } from '../../common/app-error';
import { Clock } from '../../infra/clock';
import { PrismaService } from '../../infra/database/prisma.service';
import type { SourceSync } from '../../generated/prisma/client';
import { ConnectorClients } from './connector-clients';
import { ZSourceStatus, ZSyncView } from './sources.answers';

/** The strictest maximum age any pack allows: older data makes some verdicts UNKNOWN. */
const MAX_AGE_HOURS = Math.min(
  ...allPacks().map((p) => (p.settingsSchema.parse({}) as { maxSourceAgeHours: number }).maxSourceAgeHours),
);

export type SyncView = z.infer<typeof ZSyncView>;

export type SourceStatusView = z.infer<typeof ZSourceStatus>;

function syncView(s: SourceSync): SyncView {
  return {
    id: s.id,
    mode: s.mode,
    status: s.status,
    startedAt: s.startedAt.toISOString(),
    finishedAt: s.finishedAt?.toISOString() ?? null,
    pagesFetched: s.pagesFetched,
    pagesFailed: s.pagesFailed,
    recordsSeen: s.recordsSeen,
    recordsInvalid: s.recordsInvalid,
    recordsChanged: s.recordsChanged,
    error: s.error,
    pagesTotal: s.pagesTotal,
    paging: (s.paging as SyncPaging | null) ?? null,
  };
}

/** Per upstream system: last sync, completeness, freshness, records, problems, circuit. */
@Injectable()
export class SourcesStatusService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly clients: ConnectorClients,
    private readonly clock: Clock,
  ) {}

  async lastSyncs(): Promise<SourceStatusView[]> {
    const configured = new Set(this.clients.sources());
    return Promise.all(SOURCE_IDS.map((source) => this.status(source, configured.has(source))));
  }

  private async status(source: SourceId, configured: boolean): Promise<SourceStatusView> {
    const bulk = { source, mode: { in: ['full', 'incremental'] as ('full' | 'incremental')[] } };
    const [last, lastSuccess, records, tombstones, untrusted] = await Promise.all([
      this.prisma.sourceSync.findFirst({
        where: { ...bulk, status: { not: 'running' } },
        orderBy: { startedAt: 'desc' },
      }),
      this.prisma.sourceSync.findFirst({
        where: { ...bulk, status: 'succeeded' },
        orderBy: { startedAt: 'desc' },
      }),
      this.prisma.sourceRecord.count({ where: { source, tombstone: false } }),
      this.prisma.sourceRecord.count({ where: { source, tombstone: true } }),
      this.prisma.sourceRecord.count({ where: { source, invalid: true } }),
    ]);
    const recovery =
      last && last.status !== 'succeeded'
        ? await this.prisma.sourceSync.findFirst({
            where: { parentSyncId: last.id },
            orderBy: { startedAt: 'desc' },
          })
        : null;
    const problems = last ? await this.prisma.recordProblem.count({ where: { syncId: last.id } }) : 0;
    const pages = last ? last.pagesFetched + last.pagesFailed : 0;
    const ageHours = lastSuccess?.finishedAt
      ? Math.round(((this.clock.now().getTime() - lastSuccess.finishedAt.getTime()) / 3_600_000) * 10) / 10
      : null;
    return {
      source,
      title: sourceTitle(source),
      configured,
      circuit: configured ? this.clients.get(source).circuitState() : null,
      lastSync: last && syncView(last),
      completeness: last
        ? pages === 0
          ? last.status === 'succeeded'
            ? 1
            : 0
          : last.pagesFetched / pages
        : null,
      lastSuccessAt: lastSuccess?.finishedAt?.toISOString() ?? null,
      ageHours,
      fresh: last?.status === 'succeeded' && ageHours !== null && ageHours <= MAX_AGE_HOURS,
      records,
      tombstones,
      problems,
      untrusted,
      shortfall:
        last && last.status !== 'succeeded'
          ? sourceShortfall(
              sourceTitle(source),
              {
                source,
                status: last.status === 'running' ? 'failed' : last.status,
                finishedAt: last.finishedAt?.toISOString() ?? null,
                error: last.error,
                pages: { fetched: last.pagesFetched, failed: last.pagesFailed, total: last.pagesTotal },
                lastCompleteAt: lastSuccess?.finishedAt?.toISOString() ?? null,
              },
              this.clock.nowIso(),
            )
          : null,
      recovery: recovery && {
        at: recovery.finishedAt?.toISOString() ?? null,
        status: recovery.status,
        recoveredProjects: recovery.recoveredProjects.length,
        requests: recovery.requests,
      },
    };
  }

  /** Invalid records of a source's most recent sync that had any (or of the given sync). */
  async problems(source: string, syncId?: string) {
    if (!isSourceId(source)) {
      throw new AppError('NOT_FOUND', {
        zh: `未知的数据源 ${source}；可选：${SOURCE_IDS.join(', ')}`,
        en: `Unknown source ${source}; one of ${SOURCE_IDS.join(', ')}`,
      });
    }
    const sync = syncId
      ? await this.prisma.sourceSync.findFirst({ where: { id: syncId, source } })
      : await this.prisma.sourceSync.findFirst({
          where: { source, mode: { in: ['full', 'incremental'] }, status: { not: 'running' } },
          orderBy: { startedAt: 'desc' },
        });
    if (!sync) return { source, sync: null, problems: [] };
    const problems = await this.prisma.recordProblem.findMany({
      where: { syncId: sync.id },
      orderBy: { createdAt: 'asc' },
    });
    // A problem kept as an untrusted record belongs to the projects that record is bound to.
    const kept = await this.prisma.sourceRecord.findMany({
      where: {
        source,
        invalid: true,
        externalId: { in: problems.flatMap((p) => (p.externalId ? [p.externalId] : [])) },
      },
      select: {
        kind: true,
        externalId: true,
        bindings: {
          where: { method: { in: ['code', 'confirmed', 'suggested'] } },
          select: { method: true, project: { select: { code: true } } },
        },
      },
    });
    const keptBy = new Map(kept.map((r) => [`${r.kind}/${r.externalId}`, r]));
    return {
      source,
      sync: syncView(sync),
      problems: problems.map((p) => {
        const record = p.externalId ? keptBy.get(`${p.kind}/${p.externalId}`) : undefined;
        return {
          kind: p.kind,
          externalId: p.externalId,
          reason: { zh: p.reasonZh, en: p.reasonEn },
          issues: p.issues,
          payload: p.payload,
          /** kept as untrusted evidence of the projects it names */
          untrusted: record !== undefined,
          projects: (record?.bindings ?? []).map((b) => ({ code: b.project.code, binding: b.method })),
        };
      }),
    };
  }
}
