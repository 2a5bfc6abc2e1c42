import { Injectable } from '@nestjs/common';
import { SOURCE_IDS, SOURCE_TITLES, type SourceId } from '@hub/contracts';
import { PACKS } from '@hub/rules';
import { AppError } from '../../common/app-error';
import { Clock } from '../../infra/clock';
import { PrismaService } from '../../infra/database/prisma.service';
import type { SourceSync } from '../../generated/prisma/client';
import { ConnectorClients } from './connector-clients';

/** The strictest maximum age any pack allows: older data makes some verdicts UNKNOWN. */
const MAX_AGE_HOURS = Math.min(
  ...Object.values(PACKS).map(
    (p) => (p.settingsSchema.parse({}) as { maxSourceAgeHours: number }).maxSourceAgeHours,
  ),
);

export interface SyncView {
  id: string;
  mode: string;
  status: string;
  startedAt: string;
  finishedAt: string | null;
  pagesFetched: number;
  pagesFailed: number;
  recordsSeen: number;
  recordsInvalid: number;
  recordsChanged: number;
  error: string | null;
}

export interface SourceStatusView {
  source: string;
  title: { zh: string; en: string };
  configured: boolean;
  circuit: string | null;
  lastSync: SyncView | null;
  /** share of pages fetched in the last bulk sync (1 = complete) */
  completeness: number | null;
  lastSuccessAt: string | null;
  /** hours since the last complete sync, by the hub clock */
  ageHours: number | null;
  /** fresh: complete and younger than the packs' maximum age */
  fresh: boolean;
  records: number;
  tombstones: number;
  /** records of the last bulk sync that failed validation */
  problems: number;
}

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
    const [last, lastSuccess, records, tombstones] = await Promise.all([
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
    ]);
    const problems = last ? await this.prisma.recordProblem.count({ where: { syncId: last.id } }) : 0;
    const pages = last ? last.pagesFetched + last.pagesFailed : 0;
    const ageHours = lastSuccess?.finishedAt
      ? Math.round(((this.clock.now().getTime() - lastSuccess.finishedAt.getTime()) / 3_600_000) * 10) / 10
      : null;
    return {
      source,
      title: SOURCE_TITLES[source],
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
    };
  }

  /** Invalid records of a source's most recent sync that had any (or of the given sync). */
  async problems(source: string, syncId?: string) {
    if (!(SOURCE_IDS as readonly string[]).includes(source)) {
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
    return {
      source,
      sync: syncView(sync),
      problems: problems.map((p) => ({
        kind: p.kind,
        externalId: p.externalId,
        reason: { zh: p.reasonZh, en: p.reasonEn },
        issues: p.issues,
        payload: p.payload,
      })),
    };
  }
}
