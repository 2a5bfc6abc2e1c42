import { ALERT_SEVERITIES, DELIVERY_STATUSES } from '@hub/vocabulary';
import { z } from 'zod';
import { apiSchema, ZBilingual, ZInstant, ZJson } from '../../openapi/api-schemas';
import { CHANNELS, DELIVERY_KINDS } from './notification.types';

export const ZChannelAvailability = apiSchema(
  'ChannelAvailability',
  z.object({
    channel: z.enum(CHANNELS),
    title: ZBilingual,
    available: z.boolean(),
    /** why it is not offered (email without SMTP) */
    reason: ZBilingual.nullable(),
  }),
);

/** Who is told about alerts, where, and which ones; secrets never shown, tokens masked. */
export const ZSubscriptionView = apiSchema(
  'Subscription',
  z.object({
    id: z.string(),
    name: z.string(),
    channel: z.enum(CHANNELS),
    /** the target with tokens and keys masked */
    target: z.string(),
    hasSecret: z.boolean(),
    unitCodes: z.array(z.string()),
    ruleIds: z.array(z.string()),
    minSeverity: z.enum(ALERT_SEVERITIES),
    immediate: z.boolean(),
    digest: z.boolean(),
    enabled: z.boolean(),
    createdBy: z.string(),
    createdAt: ZInstant,
    /** deliveries of this subscription by status */
    deliveries: z.object({
      pending: z.number().int(),
      delivered: z.number().int(),
      failed: z.number().int(),
    }),
  }),
);

export const ZSubscriptionRemoved = apiSchema(
  'SubscriptionRemoved',
  z.object({ id: z.string(), deleted: z.literal(true), deliveriesRemoved: z.number().int() }),
);

/** One message to one subscription: attempts, status, the last (redacted) error. */
export const ZDeliveryView = apiSchema(
  'Delivery',
  z.object({
    id: z.string(),
    subscriptionId: z.string(),
    subscriptionName: z.string(),
    channel: z.enum(CHANNELS),
    kind: z.enum(DELIVERY_KINDS),
    status: z.enum(DELIVERY_STATUSES),
    attempts: z.number().int(),
    /** the last failure, redacted: never a secret, a key or a token */
    lastError: z.string().nullable(),
    lastAttemptAt: ZInstant.nullable(),
    deliveredAt: ZInstant.nullable(),
    createdAt: ZInstant,
    checkRunId: z.string().nullable(),
    alertIds: z.array(z.string()),
  }),
);

/** A delivery with the exact message it sends. */
export const ZDeliveryDetail = apiSchema('DeliveryDetail', ZDeliveryView.extend({ payload: ZJson }));

export const ZDeliveryPage = apiSchema(
  'DeliveryPage',
  z.object({ total: z.number().int(), items: z.array(ZDeliveryView) }),
);
