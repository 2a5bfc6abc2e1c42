import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { PrismaService } from '../../infra/database/prisma.service';
import { Public } from '../auth/policy';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * `ok` when the database answers. Public for load balancers and probes, so it says nothing else:
   * sources' state is at /api/sources for those allowed to see it.
   */
  @Get()
  @Public()
  @ApiOperation({ summary: '健康检查 / liveness: does the database answer' })
  async health() {
    const started = Date.now();
    let ok = true;
    try {
      await this.prisma.$executeRaw`SELECT 1`;
    } catch {
      ok = false;
    }
    return { status: ok ? 'ok' : 'error', database: { ok, latencyMs: Date.now() - started } };
  }
}
