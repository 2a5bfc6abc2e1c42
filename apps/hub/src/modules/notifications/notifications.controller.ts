import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { jsonSchema, ZodPipe } from '../../common/zod';
import { Allow, CurrentPrincipal } from '../auth/policy';
import { actorOf, type Principal } from '../auth/roles';
import { DELIVERY_KINDS, DELIVERY_STATUSES } from './notification.types';
import { ZDeliveryFilter, ZSubscriptionCreate, ZSubscriptionUpdate } from './notifications.schemas';
import { NotificationsService } from './notifications.service';
import { SubscriptionsService } from './subscriptions.service';
import { ApiAnswer } from '../../openapi/api-answer';
import {
  ZChannelAvailability,
  ZDeliveryDetail,
  ZDeliveryPage,
  ZDeliveryView,
  ZSubscriptionRemoved,
  ZSubscriptionView,
} from './notifications.answers';

@ApiTags('notifications')
@Controller('api/notifications')
export class NotificationsController {
  constructor(
    private readonly subscriptions: SubscriptionsService,
    private readonly notifications: NotificationsService,
  ) {}

  @Get('channels')
  @Allow('notifications:read')
  @ApiOperation({
    summary: '可用的通知渠道（邮件需配置 SMTP）/ notification channels this hub offers (email needs SMTP)',
  })
  @ApiAnswer(z.array(ZChannelAvailability))
  channels() {
    return this.subscriptions.channelsAvailable();
  }

  @Get('subscriptions')
  @Allow('notifications:read')
  @ApiOperation({
    summary: '通知订阅（不含密钥，地址中的令牌已遮盖）/ subscriptions; secrets never shown, tokens masked',
  })
  @ApiAnswer(z.array(ZSubscriptionView))
  list() {
    return this.subscriptions.list();
  }

  @Get('subscriptions/:id')
  @Allow('notifications:read')
  @ApiOperation({ summary: '一个通知订阅 / one subscription' })
  @ApiAnswer(ZSubscriptionView)
  get(@Param('id', new ZodPipe(z.uuid())) id: string) {
    return this.subscriptions.get(id);
  }

  @Post('subscriptions')
  @Allow('notifications:manage')
  @HttpCode(201)
  @ApiOperation({
    summary:
      '新建通知订阅：webhook / dingtalk / wecom / email，按责任单位、规则、级别过滤 / create a subscription',
  })
  @ApiBody({ schema: jsonSchema(ZSubscriptionCreate) })
  @ApiAnswer(ZSubscriptionView, { status: 201 })
  create(
    @CurrentPrincipal() me: Principal,
    @Body(new ZodPipe(ZSubscriptionCreate)) body: z.infer<typeof ZSubscriptionCreate>,
  ) {
    return this.subscriptions.create(body, actorOf(me));
  }

  @Patch('subscriptions/:id')
  @Allow('notifications:manage')
  @ApiOperation({
    summary: '修改订阅：启用/停用、过滤条件、地址、密钥 / enable, disable, change filters, target or secret',
  })
  @ApiBody({ schema: jsonSchema(ZSubscriptionUpdate) })
  @ApiAnswer(ZSubscriptionView)
  update(
    @CurrentPrincipal() me: Principal,
    @Param('id', new ZodPipe(z.uuid())) id: string,
    @Body(new ZodPipe(ZSubscriptionUpdate)) body: z.infer<typeof ZSubscriptionUpdate>,
  ) {
    return this.subscriptions.update(id, body, actorOf(me));
  }

  @Delete('subscriptions/:id')
  @Allow('notifications:manage')
  @ApiOperation({
    summary:
      '删除订阅及其发送记录（保留发送记录请改为停用）/ delete a subscription with its delivery log; disable to keep the log',
  })
  @ApiAnswer(ZSubscriptionRemoved)
  remove(@CurrentPrincipal() me: Principal, @Param('id', new ZodPipe(z.uuid())) id: string) {
    return this.subscriptions.remove(id, actorOf(me));
  }

  @Post('subscriptions/:id/test')
  @Allow('notifications:manage')
  @HttpCode(202)
  @ApiOperation({ summary: '经队列立即发送一条测试消息 / queue a test message now' })
  @ApiAnswer(ZDeliveryView, { status: 202 })
  test(@CurrentPrincipal() me: Principal, @Param('id', new ZodPipe(z.uuid())) id: string) {
    return this.notifications.sendTest(id, actorOf(me));
  }

  @Get('deliveries')
  @Allow('notifications:read')
  @ApiOperation({
    summary: '发送记录：次数、状态、最近一次错误 / the delivery log: attempts, status, last error',
  })
  @ApiQuery({ name: 'subscriptionId', required: false })
  @ApiQuery({ name: 'status', required: false, enum: DELIVERY_STATUSES })
  @ApiQuery({ name: 'kind', required: false, enum: DELIVERY_KINDS })
  @ApiQuery({ name: 'checkRunId', required: false })
  @ApiQuery({ name: 'page', required: false })
  @ApiQuery({ name: 'pageSize', required: false })
  @ApiAnswer(ZDeliveryPage)
  deliveries(@Query(new ZodPipe(ZDeliveryFilter)) q: z.infer<typeof ZDeliveryFilter>) {
    return this.notifications.listDeliveries(q);
  }

  @Get('deliveries/:id')
  @Allow('notifications:read')
  @ApiOperation({ summary: '一条发送记录，含发送的原文 / one delivery with the exact message sent' })
  @ApiAnswer(ZDeliveryDetail)
  delivery(@Param('id', new ZodPipe(z.uuid())) id: string) {
    return this.notifications.getDelivery(id);
  }
}
