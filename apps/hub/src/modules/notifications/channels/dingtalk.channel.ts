import { createHmac } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { NOTIFY_OPTIONS, type NotifyOptions } from '../targets';
import type { Channel, DeliveryTarget } from './channel';
import { NotifyHttp } from './notify-http';
import { checkRobotAnswer, type RobotErrorCode } from './robot-answer';

/**
 * 加签: `base64(HMAC-SHA256(secret, timestamp + "\n" + secret))`, timestamp in milliseconds, as
 * DingTalk's custom-robot security settings document it (not yet URL-encoded).
 */
export function dingTalkSign(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64');
}

/** The robot's URL with `&timestamp=…&sign=…` appended (the sign URL-encoded), as DingTalk expects. */
export function dingTalkSignedUrl(target: string, secret: string, timestampMs: number): string {
  const sign = encodeURIComponent(dingTalkSign(secret, timestampMs));
  return `${target}${target.includes('?') ? '&' : '?'}timestamp=${timestampMs}&sign=${sign}`;
}

/** Error codes of DingTalk's custom robots that an operator can act on. */
export const DINGTALK_ERRORS: Record<number, RobotErrorCode> = {
  [-1]: { hint: { zh: '钉钉系统繁忙，将重试', en: 'DingTalk is busy; retried' }, retryable: true },
  310000: {
    hint: {
      zh: '签名、关键词或 IP 不符合机器人安全设置：检查加签密钥、自定义关键词与 IP 白名单',
      en: "the signature, keyword or IP does not satisfy the robot's security settings: check the secret, keywords and IP allow-list",
    },
    retryable: false,
  },
  300001: {
    hint: {
      zh: 'access_token 无效：机器人可能已被移除',
      en: 'invalid access_token: the robot may have been removed',
    },
    retryable: false,
  },
  130101: {
    hint: {
      zh: '发送过于频繁（每个机器人每分钟最多 20 条），将稍后重试',
      en: 'sending too fast (20 messages a minute per robot); retried later',
    },
    retryable: true,
  },
  130102: {
    hint: { zh: '发送过于频繁，将稍后重试', en: 'sending too fast; retried later' },
    retryable: true,
  },
};

/**
 * DingTalk custom robot (自定义机器人): the markdown message POSTed to the robot's webhook URL,
 * signed (加签) when the subscription has a secret.
 */
@Injectable()
export class DingTalkChannel implements Channel {
  constructor(
    private readonly http: NotifyHttp,
    @Inject(NOTIFY_OPTIONS) private readonly options: NotifyOptions,
  ) {}

  async send(to: DeliveryTarget, payload: unknown): Promise<void> {
    // DingTalk refuses a timestamp more than an hour away from its own clock.
    const url = to.secret
      ? dingTalkSignedUrl(to.target, to.secret, this.options.wallClock?.() ?? Date.now())
      : to.target;
    const answer = await this.http.post(url, JSON.stringify(payload), {});
    checkRobotAnswer(answer, { zh: '钉钉机器人', en: 'the DingTalk robot' }, DINGTALK_ERRORS);
  }
}
