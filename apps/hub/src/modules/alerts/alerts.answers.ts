import { ALERT_SEVERITIES, ALERT_STATUSES } from '@hub/vocabulary';
import { z } from 'zod';
import { apiSchema, ZBilingual, ZEvidenceRef, ZInstant } from '../../openapi/api-schemas';
import { MONITOR_RULE_IDS } from './monitor.catalogue';

/** An alert a MON-* rule raised, with its evidence and details. */
export const ZAlertView = apiSchema(
  'Alert',
  z.object({
    id: z.string(),
    key: z.string(),
    ruleId: z.enum(MONITOR_RULE_IDS),
    /** the clause the rule watches */
    clause: z.string(),
    subject: z.string(),
    projectCode: z.string().nullable(),
    ownerUnitCode: z.string().nullable(),
    ownerUnitName: z.string().nullable(),
    severity: z.enum(ALERT_SEVERITIES),
    status: z.enum(ALERT_STATUSES),
    title: ZBilingual,
    message: ZBilingual,
    evidence: z.array(ZEvidenceRef),
    details: z.record(z.string(), z.unknown()),
    firstSeenAt: ZInstant,
    lastSeenAt: ZInstant,
    acknowledgedAt: ZInstant.nullable(),
    acknowledgedBy: z.string().nullable(),
    resolvedAt: ZInstant.nullable(),
    resolvedBy: z.string().nullable(),
    lastCheckRunId: z.string().nullable(),
    timesReopened: z.number().int(),
  }),
);

export const ZAlertPage = apiSchema(
  'AlertPage',
  z.object({ total: z.number().int(), items: z.array(ZAlertView) }),
);

export const ZHeldCapacity = apiSchema(
  'HeldCapacity',
  z.object({ resources: z.number().int(), vcpu: z.number(), memoryGiB: z.number() }),
);

const ZOpenAcknowledged = z.object({ open: z.number().int(), acknowledged: z.number().int() });

/** What still stands (open or acknowledged alerts), counted: GET /api/alerts/summary. */
export const ZAlertSummary = apiSchema(
  'AlertSummary',
  z.object({
    /** open + acknowledged */
    unresolved: z.number().int(),
    bySeverity: z.object(
      Object.fromEntries(ALERT_SEVERITIES.map((s) => [s, ZOpenAcknowledged])) as Record<
        (typeof ALERT_SEVERITIES)[number],
        typeof ZOpenAcknowledged
      >,
    ),
    byRule: z.object(
      Object.fromEntries(MONITOR_RULE_IDS.map((r) => [r, ZOpenAcknowledged])) as Record<
        (typeof MONITOR_RULE_IDS)[number],
        typeof ZOpenAcknowledged
      >,
    ),
    /**
     * Cloud capacity held by resources with an unresolved MON-ORPHAN or MON-IDLE alert; `total` counts a
     * resource that is both orphaned and idle once.
     */
    resources: z.object({ orphan: ZHeldCapacity, idle: ZHeldCapacity, total: ZHeldCapacity }),
  }),
);
