import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/policy';
import { READY_TIMEOUT_MS, ReadinessService } from './readiness.service';
import { ApiAnswer } from '../../openapi/api-answer';
import { ZLiveness, ZReadiness } from './health.answers';

/**
 * Probes for load balancers and orchestrators, public, so they say nothing beyond up or not:
 * sources' state is at /api/sources for those allowed to see it.
 */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly readiness: ReadinessService) {}

  /** Liveness: answers while the process serves HTTP, whatever its dependencies do. */
  @Get()
  @Public()
  @ApiOperation({ summary: '存活检查（不访问数据库）/ liveness: the process answers; no database' })
  @ApiAnswer(ZLiveness)
  live() {
    return { status: 'ok' as const };
  }

  /** Readiness: 200 when the database and the job queue answer, 503 naming what does not. */
  @Get('ready')
  @Public()
  @ApiOperation({
    summary: `就绪检查：数据库与作业队列各限 ${READY_TIMEOUT_MS / 1000} 秒 / readiness: database and job queue, ${READY_TIMEOUT_MS / 1000} s each`,
  })
  @ApiAnswer(ZReadiness, { description: 'ready: the database and the job queue answer' })
  @ApiAnswer(ZReadiness, { status: 503, description: 'not-ready or stopping: what does not answer' })
  async ready(@Res({ passthrough: true }) res: Response) {
    const readiness = await this.readiness.check();
    res.status(readiness.status === 'ready' ? 200 : 503);
    return readiness;
  }
}
