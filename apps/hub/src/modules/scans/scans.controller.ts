import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ZodPipe } from '../../common/zod';
import { Allow, CurrentPrincipal } from '../auth/policy';
import { actorOf, type Principal } from '../auth/roles';
import { ScanOrchestrator, ZScanListQuery } from './scan-orchestrator.service';
import { ApiAnswer } from '../../openapi/api-answer';
import { ZScanListItem, ZScanProgress } from './scans.answers';

@ApiTags('scans')
@Controller('api/scans')
export class ScansController {
  constructor(private readonly scans: ScanOrchestrator) {}

  @Post()
  @Allow('scans:run')
  @HttpCode(202)
  @ApiOperation({
    summary: '发起全量扫描（由各副本的作业队列执行）/ start a full scan on the shared job queue',
  })
  @ApiAnswer(ZScanProgress, { status: 202 })
  async start(@CurrentPrincipal() me: Principal) {
    const id = await this.scans.start('api', actorOf(me));
    return this.scans.progress(id);
  }

  @Get()
  @Allow('scans:read')
  @ApiOperation({
    summary: '最近的全量扫描及其结果统计（新的在前）/ the latest full scans with their counts, newest first',
    description:
      'Each scan: status, trigger, who started it, when, and once completed its summary (projects ' +
      'judged, not ready, findings per verdict). GET /api/scans/diff compares two of them.',
  })
  @ApiQuery({ name: 'status', required: false, enum: ['running', 'completed', 'failed'] })
  @ApiQuery({ name: 'limit', required: false, description: '1–200, default 30' })
  @ApiAnswer(z.array(ZScanListItem))
  list(@Query(new ZodPipe(ZScanListQuery)) q: z.infer<typeof ZScanListQuery>) {
    return this.scans.recent(q);
  }

  @Get(':id')
  @Allow('scans:read')
  @ApiOperation({
    summary: '扫描进度（作业完成数 / 总数）与结果 / scan progress (jobs done / total) and result',
  })
  @ApiAnswer(ZScanProgress)
  progress(@Param('id', new ZodPipe(z.uuid())) id: string) {
    return this.scans.progress(id);
  }
}
