import type { AlertSeverity, AlertStatus } from '@hub/vocabulary';
import type { Schemas } from '../../api/schema';

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

export type AlertView = Schemas['Alert'];

export type AlertPage = Schemas['AlertPage'];

export type HeldCapacity = Schemas['HeldCapacity'];

export type AlertSummary = Schemas['AlertSummary'];

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
