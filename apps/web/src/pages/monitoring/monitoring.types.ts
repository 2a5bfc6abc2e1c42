import type { AlertSeverity, AlertStatus } from '@hub/vocabulary';

/** What the hub's monitoring API answers (GET /api/alerts, /api/alerts/summary). */
export { ALERT_SEVERITIES, ALERT_STATUSES, type AlertSeverity, type AlertStatus } from '@hub/vocabulary';

export const MONITOR_RULE_IDS = [
  'MON-PROD-NO-FILING',
  'MON-ORPHAN',
  'MON-IDLE',
  'MON-EVAL-DUE',
  'MON-SHARE-STALE',
  'MON-VIDEO-OFFLINE',
  'MON-SERVICE-STALE',
  'MON-REGRESSION',
  'MON-FILING-PENDING',
] as const;
export type MonitorRuleId = (typeof MONITOR_RULE_IDS)[number];

export interface AlertView {
  id: string;
  key: string;
  ruleId: MonitorRuleId;
  clause: string;
  subject: string;
  projectCode: string | null;
  ownerUnitCode: string | null;
  ownerUnitName: string | null;
  severity: AlertSeverity;
  status: AlertStatus;
  title: { zh: string; en: string };
  message: { zh: string; en: string };
  details: Record<string, unknown>;
  firstSeenAt: string;
  lastSeenAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  resolvedAt: string | null;
  resolvedBy: string | null;
  timesReopened: number;
}

export interface AlertPage {
  total: number;
  items: AlertView[];
}

export interface HeldCapacity {
  resources: number;
  vcpu: number;
  memoryGiB: number;
}

export interface AlertSummary {
  unresolved: number;
  bySeverity: Record<AlertSeverity, { open: number; acknowledged: number }>;
  byRule: Record<MonitorRuleId, { open: number; acknowledged: number }>;
  resources: { orphan: HeldCapacity; idle: HeldCapacity; total: HeldCapacity };
}

export const SEVERITY_COLORS: Record<AlertSeverity, string> = {
  critical: 'error',
  warning: 'warning',
  info: 'processing',
};
export const STATUS_COLORS: Record<AlertStatus, string> = {
  open: 'error',
  acknowledged: 'warning',
  resolved: 'default',
};
