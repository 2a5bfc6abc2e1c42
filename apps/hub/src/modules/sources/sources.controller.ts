import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ZodPipe } from '../../common/zod';
import { Allow } from '../auth/policy';
import { SourcesStatusService } from './sources-status';
import { ApiAnswer } from '../../openapi/api-answer';
import { ZSourceProblems, ZSourceStatus } from './sources.answers';

const ZProblemsQuery = z.object({ syncId: z.uuid().optional() });

@ApiTags('sources')
@Controller('api/sources')
export class SourcesController {
  constructor(private readonly status: SourcesStatusService) {}

  @Get()
  @Allow('sources:read')
  @ApiOperation({ summary: '各上游系统的同步状态 / status of each upstream source' })
  @ApiAnswer(z.array(ZSourceStatus))
  list() {
    return this.status.lastSyncs();
  }

  @Get(':id/problems')
  @Allow('sources:read')
  @ApiOperation({ summary: '未通过校验的上游记录 / upstream records that failed validation' })
  @ApiQuery({ name: 'syncId', required: false })
  @ApiAnswer(ZSourceProblems)
  problems(@Param('id') id: string, @Query(new ZodPipe(ZProblemsQuery)) q: z.infer<typeof ZProblemsQuery>) {
    return this.status.problems(id, q.syncId);
  }
}
