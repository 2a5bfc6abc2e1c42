import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../infra/database/prisma.service';
import { ConnectorClients } from './connector-clients';

export interface SourceStatusView {
  source: string;
  circuit: string;
  lastSync: {
    id: string;
    mode: string;
    status: string;
    startedAt: string;
    finishedAt: string | null;
    pagesFetched: number;
    pagesFailed: number;
    recordsSeen: number;
    recordsInvalid: number;
    error: string | null;
  } | null;
  records: number;
}

/** Each configured source's last bulk sync, record count and circuit state. */
@Injectable()
export class SourcesStatusService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly clients: ConnectorClients,
  ) {}

  async lastSyncs(): Promise<SourceStatusView[]> {
    return Promise.all(
      this.clients.sources().map(async (source) => {
        const [last, records] = await Promise.all([
          this.prisma.sourceSync.findFirst({
            where: { source, mode: { in: ['full', 'incremental'] }, status: { not: 'running' } },
            orderBy: { startedAt: 'desc' },
          }),
          this.prisma.sourceRecord.count({ where: { source, tombstone: false } }),
        ]);
        return {
          source,
          circuit: this.clients.get(source).circuitState(),
          records,
          lastSync: last && {
            id: last.id,
            mode: last.mode,
            status: last.status,
            startedAt: last.startedAt.toISOString(),
            finishedAt: last.finishedAt?.toISOString() ?? null,
            pagesFetched: last.pagesFetched,
            pagesFailed: last.pagesFailed,
            recordsSeen: last.recordsSeen,
            recordsInvalid: last.recordsInvalid,
            error: last.error,
          },
        };
      }),
    );
  }
}
