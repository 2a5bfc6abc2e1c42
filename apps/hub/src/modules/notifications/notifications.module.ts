import { Module } from '@nestjs/common';
import { NotificationChannels } from './channels/channels';
import { DingTalkChannel } from './channels/dingtalk.channel';
import { EmailChannel } from './channels/email.channel';
import { WebhookChannel } from './channels/webhook.channel';
import { WeComChannel } from './channels/wecom.channel';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { NotifyHttpModule } from './notify-http.module';
import { SubscriptionsService } from './subscriptions.service';

/**
 * Alert notifications: subscriptions (webhook, DingTalk, WeCom, email), the deliveries a scan owes
 * them, and the queue worker that sends them. Exports {@link NotificationsService} for the scan's
 * finish (`notifyScan`) and worker processes (`startWorkers`).
 */
@Module({
  imports: [NotifyHttpModule],
  controllers: [NotificationsController],
  providers: [
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
