import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { jsonSchema, ZodPipe } from '../../common/zod';
import { Allow, CurrentPrincipal } from '../auth/policy';
import { actorOf, type Principal } from '../auth/roles';
import { AlertsService, ZAcknowledge, ZAlertFilter, ZResolve } from './alerts.service';
import { ALERT_SEVERITIES, ALERT_STATUSES, MONITOR_RULE_IDS } from './monitor.catalogue';
import { ApiAnswer } from '../../openapi/api-answer';
import { ZAlertPage, ZAlertSummary, ZAlertView } from './alerts.answers';

const ZListQuery = ZAlertFilter.extend({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(100),
});

@ApiTags('alerts')
@Controller('api/alerts')
export class AlertsController {
  constructor(private readonly alerts: AlertsService) {}

  @Get()
  @Allow('alerts:read')
  @ApiOperation({ summary: '监测告警（MON-* 规则）/ monitoring alerts raised by the MON-* rules' })
  @ApiQuery({
    name: 'status',
    required: false,
    enum: [...ALERT_STATUSES, 'unresolved'],
    description: 'unresolved = open or acknowledged',
  })
  @ApiQuery({
    name: 'ruleId',
    required: false,
    enum: MONITOR_RULE_IDS,
    isArray: true,
    description: 'repeat for several rules',
  })
  @ApiQuery({ name: 'severity', required: false, enum: ALERT_SEVERITIES })
  @ApiQuery({ name: 'projectCode', required: false })
  @ApiQuery({ name: 'unitCode', required: false, description: '责任单位统一社会信用代码 / owner unit' })
  @ApiQuery({ name: 'page', required: false })
  @ApiQuery({ name: 'pageSize', required: false })
  @ApiAnswer(ZAlertPage)
  list(@Query(new ZodPipe(ZListQuery)) q: z.infer<typeof ZListQuery>) {
    const { page, pageSize, ...filter } = q;
    return this.alerts.list(filter, { skip: (page - 1) * pageSize, take: pageSize });
  }

  // Declared before ':id' so that `summary` is not read as an alert id.
  @Get('summary')
  @Allow('alerts:read')
  @ApiOperation({
    summary:
      '未关闭告警统计与孤立/闲置资源占用 / unresolved alerts counted, and the capacity orphaned and idle resources hold',
    description:
      'Open and acknowledged alerts per severity and per rule, and the resources, vCPU and memory (GiB) ' +
      'held by resources with an unresolved MON-ORPHAN or MON-IDLE alert (total counts a resource once).',
  })
  @ApiAnswer(ZAlertSummary)
  summary() {
    return this.alerts.summary();
  }

  @Get(':id')
  @Allow('alerts:read')
  @ApiOperation({ summary: '一条告警，含证据与明细 / one alert, with evidence and details' })
  @ApiAnswer(ZAlertView)
  get(@Param('id', new ZodPipe(z.uuid())) id: string) {
    return this.alerts.get(id);
  }

  @Post(':id/acknowledge')
  @Allow('alerts:manage')
  @HttpCode(200)
  @ApiOperation({ summary: '确认告警（已知悉、处理中）/ acknowledge an open alert' })
  @ApiBody({ schema: jsonSchema(ZAcknowledge) })
  @ApiAnswer(ZAlertView)
  acknowledge(
    @CurrentPrincipal() me: Principal,
    @Param('id', new ZodPipe(z.uuid())) id: string,
    @Body(new ZodPipe(ZAcknowledge)) body: z.infer<typeof ZAcknowledge>,
  ) {
    return this.alerts.acknowledge(id, actorOf(me), body.comment);
  }

  @Post(':id/resolve')
  @Allow('alerts:manage')
  @HttpCode(200)
  @ApiOperation({
    summary: '关闭告警（情况仍存在时下次评估将重新打开）/ resolve an alert; it reopens if still seen',
  })
  @ApiBody({ schema: jsonSchema(ZResolve) })
  @ApiAnswer(ZAlertView)
  resolve(
    @CurrentPrincipal() me: Principal,
    @Param('id', new ZodPipe(z.uuid())) id: string,
    @Body(new ZodPipe(ZResolve)) body: z.infer<typeof ZResolve>,
  ) {
    return this.alerts.resolve(id, actorOf(me), body.comment);
  }
}
