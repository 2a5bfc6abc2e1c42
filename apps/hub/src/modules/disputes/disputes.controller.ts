import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { jsonSchema, ZodPipe } from '../../common/zod';
import { Allow, CurrentPrincipal } from '../auth/policy';
import { actorOf, type Principal, scopeOf } from '../auth/roles';
import { DISPUTE_STATUSES } from './dispute.types';
import { DisputesService, ZDisputeDecision, ZDisputeListFilter, ZDisputeRaise } from './disputes.service';
import { ApiAnswer } from '../../openapi/api-answer';
import { ZDisputeView } from './disputes.answers';

@ApiTags('disputes')
@Controller('api/disputes')
export class DisputesController {
  constructor(private readonly disputes: DisputesService) {}

  @Get()
  @Allow('reviews:read')
  @ApiOperation({ summary: '异议列表（含更正请求）/ disputes, with their correction requests' })
  @ApiQuery({ name: 'projectCode', required: false })
  @ApiQuery({ name: 'status', required: false, enum: DISPUTE_STATUSES })
  @ApiAnswer(z.array(ZDisputeView))
  list(
    @CurrentPrincipal() me: Principal,
    @Query(new ZodPipe(ZDisputeListFilter)) q: z.infer<typeof ZDisputeListFilter>,
  ) {
    return this.disputes.list(q, scopeOf(me));
  }

  @Post()
  @Allow('disputes:raise')
  @HttpCode(201)
  @ApiOperation({
    summary: '对最近一次检查的结论提出异议 / contest a finding of the project’s latest check',
  })
  @ApiBody({ schema: jsonSchema(ZDisputeRaise) })
  @ApiAnswer(ZDisputeView, { status: 201 })
  raise(
    @CurrentPrincipal() me: Principal,
    @Body(new ZodPipe(ZDisputeRaise)) body: z.infer<typeof ZDisputeRaise>,
  ) {
    return this.disputes.raise(body, actorOf(me), scopeOf(me));
  }

  @Post(':id/decision')
  @Allow('disputes:decide')
  @HttpCode(200)
  @ApiOperation({
    summary: '采纳（生成更正请求）或驳回异议 / uphold (with a correction request) or dismiss a dispute',
  })
  @ApiBody({ schema: jsonSchema(ZDisputeDecision) })
  @ApiAnswer(ZDisputeView)
  decide(
    @CurrentPrincipal() me: Principal,
    @Param('id', new ZodPipe(z.uuid())) id: string,
    @Body(new ZodPipe(ZDisputeDecision)) body: z.infer<typeof ZDisputeDecision>,
  ) {
    return this.disputes.decide(id, body, actorOf(me), scopeOf(me));
  }
}
