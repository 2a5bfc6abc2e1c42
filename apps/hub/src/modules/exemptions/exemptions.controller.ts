import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { AppError } from '../../common/app-error';
import { jsonSchema, ZodPipe } from '../../common/zod';
import { Allow, CurrentPrincipal } from '../auth/policy';
import { actorOf, type Principal, roleAllows, scopeOf } from '../auth/roles';
import {
  EXEMPTION_STATUSES,
  ExemptionsService,
  ZExemptionDecision,
  ZExemptionListFilter,
  ZExemptionRequest,
  ZExemptionRevocation,
} from './exemptions.service';
import { ApiAnswer } from '../../openapi/api-answer';
import { ZExemptionView, ZRenewalNotice } from './exemptions.answers';

@ApiTags('exemptions')
@Controller('api/exemptions')
export class ExemptionsController {
  constructor(private readonly exemptions: ExemptionsService) {}

  @Get()
  @Allow('exemptions:read')
  @ApiOperation({ summary: '豁免列表 / list exemptions' })
  @ApiQuery({ name: 'projectCode', required: false })
  @ApiQuery({ name: 'status', required: false, enum: EXEMPTION_STATUSES })
  @ApiQuery({
    name: 'expiringWithinDays',
    required: false,
    description: 'approved exemptions ending within N days of today (Beijing)',
  })
  @ApiAnswer(z.array(ZExemptionView))
  list(
    @CurrentPrincipal() me: Principal,
    @Query(new ZodPipe(ZExemptionListFilter)) q: z.infer<typeof ZExemptionListFilter>,
  ) {
    return this.exemptions.list(q, scopeOf(me));
  }

  // Declared before ':id', which would otherwise take "renewals" for an id.
  @Get('renewals')
  @Allow('exemptions:read')
  @ApiOperation({
    summary: '30 天内到期的已批准豁免及续期提醒 / approved exemptions ending within 30 days, with notices',
  })
  @ApiAnswer(z.array(ZRenewalNotice))
  renewals(@CurrentPrincipal() me: Principal) {
    return this.exemptions.renewalNotices(this.exemptions.today(), scopeOf(me));
  }

  @Get(':id')
  @Allow('exemptions:read')
  @ApiOperation({ summary: '一条豁免 / one exemption' })
  @ApiAnswer(ZExemptionView)
  get(@CurrentPrincipal() me: Principal, @Param('id', new ZodPipe(z.uuid())) id: string) {
    return this.exemptions.get(id, scopeOf(me));
  }

  @Post()
  @Allow('exemptions:request')
  @HttpCode(201)
  @ApiOperation({
    summary:
      '申请豁免；approved: true 直接登记已批准的豁免（需 exemptions:decide）/ request an exemption, or record an approved one',
  })
  @ApiBody({ schema: jsonSchema(ZExemptionRequest) })
  @ApiAnswer(ZExemptionView, { status: 201 })
  request(
    @CurrentPrincipal() me: Principal,
    @Body(new ZodPipe(ZExemptionRequest)) body: z.infer<typeof ZExemptionRequest>,
  ) {
    if (body.approved && !roleAllows(me.role, 'exemptions:decide')) {
      throw new AppError(
        'FORBIDDEN',
        {
          zh: '登记已批准的豁免（approved: true）需要 exemptions:decide 权限：请去掉 approved 提交申请，由技术支持组审批',
          en: 'Recording an approved exemption (approved: true) needs exemptions:decide: submit a request without it for a reviewer to decide',
        },
        { role: me.role, permission: 'exemptions:decide' },
      );
    }
    return this.exemptions.request(body, actorOf(me), scopeOf(me));
  }

  @Post(':id/decision')
  @Allow('exemptions:decide')
  @HttpCode(200)
  @ApiOperation({ summary: '批准或驳回豁免申请 / approve or reject a requested exemption' })
  @ApiBody({ schema: jsonSchema(ZExemptionDecision) })
  @ApiAnswer(ZExemptionView)
  decide(
    @CurrentPrincipal() me: Principal,
    @Param('id', new ZodPipe(z.uuid())) id: string,
    @Body(new ZodPipe(ZExemptionDecision)) body: z.infer<typeof ZExemptionDecision>,
  ) {
    return this.exemptions.decide(id, body, actorOf(me), scopeOf(me));
  }

  @Post(':id/revoke')
  @Allow('exemptions:decide')
  @HttpCode(200)
  @ApiOperation({ summary: '撤销已批准的豁免（保留记录）/ revoke an approved exemption; it is kept' })
  @ApiBody({ schema: jsonSchema(ZExemptionRevocation) })
  @ApiAnswer(ZExemptionView)
  revoke(
    @CurrentPrincipal() me: Principal,
    @Param('id', new ZodPipe(z.uuid())) id: string,
    @Body(new ZodPipe(ZExemptionRevocation)) body: z.infer<typeof ZExemptionRevocation>,
  ) {
    return this.exemptions.revoke(id, body.reason, actorOf(me), scopeOf(me));
  }
}
