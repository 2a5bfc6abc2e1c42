import type { Text } from './text';

/** Monitoring alerts, most severe first. */
export const ALERT_SEVERITIES = ['critical', 'warning', 'info'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

export const ALERT_SEVERITY_LABELS: Readonly<Record<AlertSeverity, Text>> = {
  critical: { zh: '严重', en: 'critical' },
  warning: { zh: '警告', en: 'warning' },
  info: { zh: '提示', en: 'info' },
};

export const ALERT_STATUSES = ['open', 'acknowledged', 'resolved'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

export const ALERT_STATUS_LABELS: Readonly<Record<AlertStatus, Text>> = {
  open: { zh: '未处理', en: 'open' },
  acknowledged: { zh: '已确认', en: 'acknowledged' },
  resolved: { zh: '已关闭', en: 'resolved' },
};

export const DISPUTE_STATUSES = ['open', 'upheld', 'dismissed'] as const;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];

export const DISPUTE_STATUS_LABELS: Readonly<Record<DisputeStatus, Text>> = {
  open: { zh: '异议待处理', en: 'dispute open' },
  upheld: { zh: '异议成立', en: 'dispute upheld' },
  dismissed: { zh: '异议驳回', en: 'dispute dismissed' },
};

export const EXEMPTION_STATUSES = ['requested', 'approved', 'rejected', 'revoked'] as const;
export type ExemptionStatus = (typeof EXEMPTION_STATUSES)[number];

export const EXEMPTION_STATUS_LABELS: Readonly<Record<ExemptionStatus, Text>> = {
  requested: { zh: '待审批', en: 'requested' },
  approved: { zh: '已批准', en: 'approved' },
  rejected: { zh: '已驳回', en: 'rejected' },
  revoked: { zh: '已撤销', en: 'revoked' },
};

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const DELIVERY_STATUS_LABELS: Readonly<Record<DeliveryStatus, Text>> = {
  pending: { zh: '待发送', en: 'pending' },
  delivered: { zh: '已送达', en: 'delivered' },
  failed: { zh: '发送失败', en: 'failed' },
};

export const RECTIFICATION_STATUSES = ['open', 'done'] as const;
export type RectificationStatus = (typeof RECTIFICATION_STATUSES)[number];

export const RECTIFICATION_STATUS_LABELS: Readonly<Record<RectificationStatus, Text>> = {
  open: { zh: '未完成', en: 'open' },
  done: { zh: '已完成', en: 'done' },
};

/** The label of a value of one of the tables above, or the value itself when it has none. */
export function labelOf<K extends string>(labels: Readonly<Record<K, Text>>, value: string): Text {
  return (labels as Readonly<Record<string, Text>>)[value] ?? { zh: value, en: value };
}
