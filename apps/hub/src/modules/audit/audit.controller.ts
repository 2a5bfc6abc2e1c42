import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ZodPipe } from '../../common/zod';
import { Allow } from '../auth/policy';
import { AuditCheckpointService } from './audit-checkpoint.service';
import { AuditService } from './audit.service';
import { ApiAnswer } from '../../openapi/api-answer';
import { ZAuditPage, ZAuditVerification } from './audit.answers';

const ZAuditQuery = z.object({
  actor: z.string().max(200).optional(),
  /** e.g. pack.publish, user.create */
  action: z.string().max(100).optional(),
  objectType: z.string().max(100).optional(),
  objectId: z.string().max(300).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(100),
});

@ApiTags('audit')
@Controller('api/audit')
export class AuditController {
  constructor(
    private readonly audit: AuditService,
    private readonly checkpoints: AuditCheckpointService,
  ) {}

  @Get()
  @Allow('audit:read')
  @ApiOperation({ summary: '审计日志（新的在前）/ the audit trail, newest first' })
  @ApiQuery({ name: 'actor', required: false })
  @ApiQuery({ name: 'action', required: false })
  @ApiQuery({ name: 'objectType', required: false })
  @ApiQuery({ name: 'objectId', required: false })
  @ApiQuery({ name: 'from', required: false })
  @ApiQuery({ name: 'to', required: false })
  @ApiAnswer(ZAuditPage)
  list(@Query(new ZodPipe(ZAuditQuery)) q: z.infer<typeof ZAuditQuery>) {
    return this.audit.list({
      actor: q.actor,
      action: q.action,
      objectType: q.objectType,
      objectId: q.objectId,
      from: q.from ? new Date(q.from) : undefined,
      to: q.to ? new Date(q.to) : undefined,
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
    });
  }

  @Get('verify')
  @Allow('audit:read')
  @ApiOperation({
    summary:
      '校验审计日志：密钥链与外部检查点，指出被截断的尾部或被改写的条目 / verify the keyed chain against its checkpoints, naming a truncated tail or a rewritten entry',
  })
  @ApiAnswer(ZAuditVerification)
  verify() {
    return this.checkpoints.verify();
  }
}
