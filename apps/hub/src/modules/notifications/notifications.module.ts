import { Module } from '@nestjs/common';
import { NotificationChannels } from './channels/channels';
import { DingTalkChannel } from './channels/dingtalk.channel';
import { EmailChannel } from './channels/email.channel';
import { NotifyHttp } from './channels/notify-http';
import { WebhookChannel } from './channels/webhook.channel';
import { WeComChannel } from './channels/wecom.channel';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { NotifyEgress } from './notify-egress.service';
import { SubscriptionsService } from './subscriptions.service';
import { NOTIFY_OPTIONS, type NotifyOptions } from './targets';

/**
 * Alert notifications: subscriptions (webhook, DingTalk, WeCom, email), the deliveries a scan owes
 * them, and the queue worker that sends them. Exports {@link NotificationsService} for the scan's
 * finish (`notifyScan`) and worker processes (`startWorkers`).
 */
@Module({
  controllers: [NotificationsController],
  providers: [
    { provide: NOTIFY_OPTIONS, useValue: {} satisfies NotifyOptions },
    NotifyEgress,
    NotifyHttp,
    WebhookChannel,
    DingTalkChannel,
    WeComChannel,
    EmailChannel,
    NotificationChannels,
    SubscriptionsService,
    NotificationsService,
  ],
  exports: [NotificationsService, SubscriptionsService],
})
export class NotificationsModule {}
