import type { AlertSummary } from '../monitoring/monitoring.types';
import type { FindingsSummary, ScanListItem, SourceStatus } from './overview.types';

const verdicts = (FAIL: number, UNKNOWN: number, PASS: number, WAIVED = 0, NOT_APPLICABLE = 0) => ({
  FAIL,
  UNKNOWN,
  PASS,
  WAIVED,
  NOT_APPLICABLE,
});

/** GET /api/findings/summary as the hub answers it for a city of 100 projects. */
export function findingsSummary(overrides: Partial<FindingsSummary> = {}): FindingsSummary {
  return {
    projects: 100,
    checked: 96,
    ready: 48,
    notReady: 48,
    unchecked: 4,
    lastCheckedAt: '2026-11-01T02:00:00.000Z',
    verdicts: verdicts(61, 17, 700, 3, 40),
    domains: [
      {
        domain: 'cloud',
        title: { zh: '政务云资源集约应用', en: 'cloud' },
        verdicts: verdicts(21, 5, 200, 1, 10),
      },
      {
        domain: 'data-sharing',
        title: { zh: '数据共享', en: 'data' },
        verdicts: verdicts(12, 3, 150, 0, 10),
      },
      { domain: 'security', title: { zh: '网络安全', en: 'security' }, verdicts: verdicts(18, 4, 120, 2, 5) },
      {
        domain: 'platforms',
        title: { zh: '平台对接', en: 'platforms' },
        verdicts: verdicts(7, 5, 130, 0, 15),
      },
      {
        domain: 'management',
        title: { zh: '项目管理', en: 'management' },
        verdicts: verdicts(3, 0, 100, 0, 0),
      },
    ],
    ...overrides,
  };
}

export function scan(
  overrides: Partial<ScanListItem> & { notReady?: number; fail?: number } = {},
): ScanListItem {
  const { notReady = 48, fail = 61, ...rest } = overrides;
  return {
    id: crypto.randomUUID(),
    status: 'completed',
    trigger: 'schedule',
    requestedBy: 'system',
    asOf: '2026-11-01T02:00:00.000Z',
    startedAt: '2026-11-01T02:00:00.000Z',
    finishedAt: '2026-11-01T02:05:00.000Z',
    summary: { projects: 96, notReady, verdicts: verdicts(fail, 17, 700, 3, 40) },
    error: null,
    ...rest,
  };
}

export function sourceStatus(overrides: Partial<SourceStatus> = {}): SourceStatus {
  return {
    source: 'gov-cloud',
    title: { zh: '政务云资源台账', en: 'government cloud resource inventory' },
    configured: true,
    circuit: 'closed',
    lastSync: {
      id: 's1',
      mode: 'full',
      status: 'succeeded',
      startedAt: '2026-11-01T01:00:00.000Z',
      finishedAt: '2026-11-01T01:01:00.000Z',
      pagesFetched: 2,
      pagesFailed: 0,
      recordsSeen: 368,
      recordsInvalid: 4,
      recordsChanged: 0,
      error: null,
      pagesTotal: null,
      paging: null,
    },
    completeness: 1,
    lastSuccessAt: '2026-11-01T01:01:00.000Z',
    ageHours: 1,
    fresh: true,
    records: 1200,
    tombstones: 3,
    problems: 0,
    untrusted: 0,
    shortfall: null,
    recovery: null,
    ...overrides,
  };
}

export function alertSummary(overrides: Partial<AlertSummary> = {}): AlertSummary {
  const none = { open: 0, acknowledged: 0 };
  return {
    unresolved: 15,
    bySeverity: {
      critical: { open: 2, acknowledged: 1 },
      warning: { open: 7, acknowledged: 0 },
      info: { open: 5, acknowledged: 0 },
    },
    byRule: {
      'MON-PROD-NO-FILING': { open: 2, acknowledged: 1 },
      'MON-ORPHAN': { open: 3, acknowledged: 0 },
      'MON-IDLE': { open: 5, acknowledged: 0 },
      'MON-EVAL-DUE': { open: 2, acknowledged: 0 },
      'MON-SHARE-STALE': { open: 2, acknowledged: 0 },
      'MON-VIDEO-OFFLINE': none,
      'MON-SERVICE-STALE': none,
      'MON-REGRESSION': none,
      'MON-FILING-PENDING': none,
    },
    resources: {
      orphan: { resources: 3, vcpu: 24, memoryGiB: 96 },
      idle: { resources: 5, vcpu: 20, memoryGiB: 80 },
      total: { resources: 7, vcpu: 40, memoryGiB: 160 },
    },
    ...overrides,
  };
}
