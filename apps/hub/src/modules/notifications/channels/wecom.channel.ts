import { Injectable } from '@nestjs/common';
import type { Channel, DeliveryTarget } from './channel';
import { NotifyHttp } from './notify-http';
import { checkRobotAnswer, type RobotErrorCode } from './robot-answer';

/** Error codes of WeCom group robots that an operator can act on. */
export const WECOM_ERRORS: Record<number, RobotErrorCode> = {
  [-1]: { hint: { zh: '企业微信系统繁忙，将重试', en: 'WeCom is busy; retried' }, retryable: true },
  45009: {
    hint: {
      zh: '发送过于频繁（每个机器人每分钟最多 20 条），将稍后重试',
      en: 'sending too fast (20 messages a minute per robot); retried later',
    },
    retryable: true,
  },
  93000: {
    hint: {
      zh: 'Webhook 地址的 key 无效：机器人可能已被移除，请更新订阅地址',
      en: "the webhook URL's key is invalid: the robot may have been removed, update the subscription",
    },
    retryable: false,
  },
  40058: {
    hint: { zh: '消息内容不符合要求', en: 'the message content was refused' },
    retryable: false,
  },
};

/**
 * WeCom group robot (群机器人): the markdown message POSTed to `…/cgi-bin/webhook/send?key=…`. WeCom
 * robots have no signing: the key in the URL is the credential, so the URL is never logged or
 * stored in an error (the service redacts it).
 */
@Injectable()
export class WeComChannel implements Channel {
  constructor(private readonly http: NotifyHttp) {}

  async send(to: DeliveryTarget, payload: unknown): Promise<void> {
    const answer = await this.http.post(to.target, JSON.stringify(payload), {});
    checkRobotAnswer(answer, { zh: '企业微信机器人', en: 'the WeCom robot' }, WECOM_ERRORS);
  }
}
