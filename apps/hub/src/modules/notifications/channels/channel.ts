import type { Text } from '@hub/rules';
import type { ChannelId } from '../notification.types';

/** Where one delivery goes: a subscription's channel, target and signing secret. */
export interface DeliveryTarget {
  channel: ChannelId;
  target: string;
  secret: string | null;
}

/** One way of sending: it either sends the payload as it is or throws a {@link DeliveryError}. */
export interface Channel {
  send(to: DeliveryTarget, payload: unknown, deliveryId: string): Promise<void>;
}

/**
 * A failed send. `retryable` says whether another attempt may succeed (timeouts, 5xx, rate limits)
 * or would fail the same way (a rejected signature, a revoked robot, a 4xx). The message is both
 * texts, Chinese first; the service redacts it before it is stored or logged.
 */
export class DeliveryError extends Error {
  override readonly name = 'DeliveryError';

  constructor(
    readonly text: Text,
    readonly retryable: boolean,
  ) {
    super(`${text.zh} / ${text.en}`);
  }
}
