import { createHmac, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { NOTIFY_OPTIONS, type NotifyOptions } from '../targets';
import { type Channel, DeliveryError, type DeliveryTarget } from './channel';
import { httpFailure, NotifyHttp } from './notify-http';

/** How old (or how far ahead) a webhook's timestamp may be before a receiver rejects it. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

/**
 * `sha256=<hex HMAC-SHA256(secret, timestamp + "." + rawBody)>`: the `X-Hub-Signature` of a webhook
 * sent at `timestamp` (unix seconds).
 */
export function signWebhook(secret: string, timestamp: number | string, rawBody: string | Buffer): string {
  const hmac = createHmac('sha256', secret).update(`${timestamp}.`);
  hmac.update(rawBody);
  return `sha256=${hmac.digest('hex')}`;
}

/**
 * Whether a webhook request is genuine: `header` (`X-Hub-Signature`) is the HMAC of `timestamp`
 * (`X-Hub-Timestamp`, unix seconds) and the raw body bytes as received under `secret`, compared in
 * constant time, and the timestamp is within {@link WEBHOOK_TOLERANCE_SECONDS} of `now` (epoch
 * milliseconds, `Date.now()` by default), so a captured request cannot be replayed later.
 *
 * Compute over the raw body: a body parsed and serialised again may differ in a byte and fail.
 */
export function verifyWebhookSignature(
  secret: string,
  timestamp: string | number | undefined,
  rawBody: string | Buffer,
  header: string | undefined,
  now: number = Date.now(),
): boolean {
  const ts = String(timestamp ?? '');
  if (!/^\d{1,12}$/.test(ts)) return false;
  if (Math.abs(now / 1000 - Number(ts)) > WEBHOOK_TOLERANCE_SECONDS) return false;
  if (typeof header !== 'string' || !/^sha256=[0-9a-f]{64}$/i.test(header.trim())) return false;
  const expected = Buffer.from(signWebhook(secret, ts, rawBody), 'utf8');
  const given = Buffer.from(header.trim().toLowerCase(), 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Outgoing webhooks: the payload as JSON, POSTed with `X-Hub-Timestamp`, `X-Hub-Signature` and
 * `X-Hub-Delivery` (the delivery id, the same on every attempt: receivers deduplicate by it).
 */
@Injectable()
export class WebhookChannel implements Channel {
  constructor(
    private readonly http: NotifyHttp,
    @Inject(NOTIFY_OPTIONS) private readonly options: NotifyOptions,
  ) {}

  async send(to: DeliveryTarget, payload: unknown, deliveryId: string): Promise<void> {
    if (!to.secret) {
      throw new DeliveryError(
        { zh: 'Webhook 订阅缺少签名密钥', en: 'the webhook subscription has no signing secret' },
        false,
      );
    }
    const rawBody = JSON.stringify(payload);
    const timestamp = Math.floor((this.options.wallClock?.() ?? Date.now()) / 1000);
    const event = (payload as { type?: unknown } | null)?.type;
    const answer = await this.http.post(to.target, rawBody, {
      'User-Agent': 'egov-compliance-hub/notifications',
      'X-Hub-Timestamp': String(timestamp),
      'X-Hub-Signature': signWebhook(to.secret, timestamp, rawBody),
      'X-Hub-Delivery': deliveryId,
      ...(typeof event === 'string' ? { 'X-Hub-Event': event } : {}),
    });
    if (answer.status < 200 || answer.status >= 300) {
      throw httpFailure(answer, { zh: 'Webhook 接收方', en: 'the webhook receiver' });
    }
  }
}
