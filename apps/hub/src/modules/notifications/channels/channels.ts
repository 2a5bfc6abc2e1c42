import { Injectable } from '@nestjs/common';
import type { Text } from '@hub/rules';
import type { ChannelId } from '../notification.types';
import type { Channel } from './channel';
import { DingTalkChannel } from './dingtalk.channel';
import { EmailChannel } from './email.channel';
import { WebhookChannel } from './webhook.channel';
import { WeComChannel } from './wecom.channel';

/** Every channel by id, and which of them this hub can use. */
@Injectable()
export class NotificationChannels {
  private readonly byId: Record<ChannelId, Channel>;

  constructor(
    webhook: WebhookChannel,
    dingtalk: DingTalkChannel,
    wecom: WeComChannel,
    private readonly email: EmailChannel,
  ) {
    this.byId = { webhook, dingtalk, wecom, email };
  }

  get(channel: ChannelId): Channel {
    return this.byId[channel];
  }

  /** Why a channel cannot be used here (email without SMTP), or null. */
  unavailable(channel: ChannelId): Text | null {
    return channel === 'email' ? this.email.unavailable() : null;
  }

  /** Credentials of the channels' own configuration (the SMTP password), for redaction. */
  configSecrets(): string[] {
    return this.email.secrets();
  }
}
