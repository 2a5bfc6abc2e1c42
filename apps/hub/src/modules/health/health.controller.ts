import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { PrismaService } from '../../infra/database/prisma.service';
import { SourcesStatusService } from '../sources/sources-status';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly prisma: PrismaService,
    private readonly sources: SourcesStatusService,
  ) {}

  /** `ok` when the database answers; each source's last sync is shown but never fails the probe. */
  @Get()
  @ApiOperation({ summary: '健康检查 / database and sources' })
  async health() {
    const started = Date.now();
    let database: { ok: boolean; latencyMs: number; error?: string };
    try {
      await this.prisma.$executeRaw`SELECT 1`;
      database = { ok: true, latencyMs: Date.now() - started };
    } catch (e) {
      database = {
        ok: false,
        latencyMs: Date.now() - started,
        error: e instanceof Error ? e.message : String(e),
      };
    }
    const sources = database.ok ? await this.sources.lastSyncs() : [];
    return { status: database.ok ? 'ok' : 'error', database, sources };
  }
}
