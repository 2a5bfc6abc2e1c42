import type { Text } from '@hub/rules';
import { ALERT_SEVERITIES, ALERT_SEVERITY_LABELS, type AlertSeverity } from '@hub/vocabulary';

/** Where a subscription sends: a signed HTTP webhook, a DingTalk or WeCom group robot, or email. */
export const CHANNELS = ['webhook', 'dingtalk', 'wecom', 'email'] as const;
export type ChannelId = (typeof CHANNELS)[number];

export const CHANNEL_TITLES: Record<ChannelId, Text> = {
  webhook: { zh: 'Webhook（HMAC-SHA256 签名）', en: 'webhook (HMAC-SHA256 signed)' },
  dingtalk: { zh: '钉钉群机器人', en: 'DingTalk group robot' },
  wecom: { zh: '企业微信群机器人', en: 'WeCom group robot' },
  email: { zh: '电子邮件', en: 'email' },
};

/** Alert severities, most severe first; a subscription takes alerts at least as severe as its minimum. */
export const NOTIFY_SEVERITIES = ALERT_SEVERITIES;
export type NotifySeverity = AlertSeverity;
export const SEVERITY_TITLES = ALERT_SEVERITY_LABELS;

/** info 0 < warning 1 < critical 2 */
export function severityRank(severity: string): number {
  const i = (NOTIFY_SEVERITIES as readonly string[]).indexOf(severity);
  return i < 0 ? -1 : NOTIFY_SEVERITIES.length - 1 - i;
}

/**
 * - `immediate`: one critical alert opened or reopened by a scan (or, past a burst limit, all of them
 *   in one message)
 * - `digest`: what one scan changed for the subscription
 * - `test`: a test message an operator asked for
 */
export const DELIVERY_KINDS = ['immediate', 'digest', 'test'] as const;
export type DeliveryKind = (typeof DELIVERY_KINDS)[number];

export { DELIVERY_STATUSES, type DeliveryStatus } from '@hub/vocabulary';

/** An alert as notifications carry it: what a scan's monitoring hands to {@link NotificationsService.notifyScan}. */
export interface NotifiableAlert {
  id: string;
  ruleId: string;
  severity: NotifySeverity;
  status: string;
  projectCode: string | null;
  /** 责任单位统一社会信用代码 */
  ownerUnitCode: string | null;
  ownerUnitName: string | null;
  titleZh: string;
  titleEn: string;
  messageZh: string;
  messageEn: string;
  /** ISO instants */
  firstSeenAt: string;
  lastSeenAt: string;
}

/** What a scan's monitoring changed: the argument of {@link NotificationsService.notifyScan}. */
export interface ScanAlertChanges {
  opened: NotifiableAlert[];
  reopened: NotifiableAlert[];
  resolved: NotifiableAlert[];
  /** alerts not resolved after the scan (all of them, not only a subscription's) */
  open: number;
}

/** An alert view with bilingual title and message (as the alerts module returns it) as a {@link NotifiableAlert}. */
export function toNotifiableAlert(alert: {
  id: string;
  ruleId: string;
  severity: string;
  status: string;
  projectCode: string | null;
  ownerUnitCode: string | null;
  ownerUnitName: string | null;
  title: Text;
  message: Text;
  firstSeenAt: string;
  lastSeenAt: string;
}): NotifiableAlert {
  return {
    id: alert.id,
    ruleId: alert.ruleId,
    severity: alert.severity as NotifySeverity,
    status: alert.status,
    projectCode: alert.projectCode,
    ownerUnitCode: alert.ownerUnitCode,
    ownerUnitName: alert.ownerUnitName,
    titleZh: alert.title.zh,
    titleEn: alert.title.en,
    messageZh: alert.message.zh,
    messageEn: alert.message.en,
    firstSeenAt: alert.firstSeenAt,
    lastSeenAt: alert.lastSeenAt,
  };
}
