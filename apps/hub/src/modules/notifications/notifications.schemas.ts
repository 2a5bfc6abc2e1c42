import { isValidCreditCode } from '@hub/contracts';
import { z } from 'zod';
import { CHANNELS, DELIVERY_KINDS, DELIVERY_STATUSES, NOTIFY_SEVERITIES } from './notification.types';
import { ZText } from '../../common/zod';

/** 统一社会信用代码 of an owner unit. */
const ZUnitCode = z.string().trim().toUpperCase().refine(isValidCreditCode, {
  message:
    '应为 18 位统一社会信用代码（校验位正确）/ expected an 18-character credit code with a valid check character',
});
const ZRuleId = z
  .string()
  .trim()
  .regex(/^[A-Z0-9][A-Z0-9-]{1,63}$/, {
    message: '应为规则编号，如 MON-PROD-NO-FILING / expected a rule id',
  });
const ZSecret = z
  .string()
  .trim()
  .min(1)
  .max(256, { message: '密钥过长（最多 256 个字符）/ the secret is longer than 256 characters' });

const filters = {
  /** 责任单位 filter; empty = every unit */
  unitCodes: z.array(ZUnitCode).max(500),
  /** rule filter; empty = every rule */
  ruleIds: z.array(ZRuleId).max(200),
  /** alerts at least this severe */
  minSeverity: z.enum(NOTIFY_SEVERITIES),
  /** a message at once for each critical alert opened or reopened by a scan */
  immediate: z.boolean(),
  /** one digest per scan that changed something the subscription follows */
  digest: z.boolean(),
  enabled: z.boolean(),
};

/**
 * A new subscription. `secret` signs webhooks (required, at least 16 characters) and DingTalk
 * messages (加签, when the robot's security setting uses it); WeCom robots and email take none.
 */
export const ZSubscriptionCreate = z
  .object({
    name: ZText(100).optional(),
    channel: z.enum(CHANNELS),
    target: z.string().trim().min(1).max(2048),
    secret: ZSecret.optional(),
    unitCodes: filters.unitCodes.default([]),
    ruleIds: filters.ruleIds.default([]),
    minSeverity: filters.minSeverity.default('warning'),
    immediate: filters.immediate.default(true),
    digest: filters.digest.default(true),
    enabled: filters.enabled.default(true),
  })
  .strict();
export type SubscriptionCreate = z.infer<typeof ZSubscriptionCreate>;

/** A change to a subscription: any of its fields but the channel; `secret: null` removes a DingTalk secret. */
export const ZSubscriptionUpdate = z
  .object({
    name: ZText(100).optional(),
    target: z.string().trim().min(1).max(2048).optional(),
    secret: ZSecret.nullable().optional(),
    unitCodes: filters.unitCodes.optional(),
    ruleIds: filters.ruleIds.optional(),
    minSeverity: filters.minSeverity.optional(),
    immediate: filters.immediate.optional(),
    digest: filters.digest.optional(),
    enabled: filters.enabled.optional(),
  })
  .strict()
  .refine((v) => Object.values(v).some((x) => x !== undefined), {
    message: '没有要修改的字段 / nothing to change',
  });
export type SubscriptionUpdate = z.infer<typeof ZSubscriptionUpdate>;

export const ZDeliveryFilter = z
  .object({
    subscriptionId: z.uuid().optional(),
    status: z.enum(DELIVERY_STATUSES).optional(),
    kind: z.enum(DELIVERY_KINDS).optional(),
    checkRunId: z.uuid().optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(500).default(50),
  })
  .strict();
export type DeliveryFilter = z.infer<typeof ZDeliveryFilter>;
