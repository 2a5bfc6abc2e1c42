import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { SourcesStatusService } from './sources-status';

@ApiTags('sources')
@Controller('api/sources')
export class SourcesController {
  constructor(private readonly status: SourcesStatusService) {}

  @Get()
  @ApiOperation({ summary: '各上游系统最近一次同步 / each upstream source’s last sync' })
  list() {
    return this.status.lastSyncs();
  }
}
