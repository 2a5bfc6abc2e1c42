import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { AlertPage, AlertSummary, MonitorRuleId } from './monitoring.types';

export const PAGE_SIZE = 50;

export interface AlertListFilter {
  /** one status, `unresolved` (open or acknowledged), or any when absent */
  status?: string;
  severity?: string;
  ruleId?: MonitorRuleId | MonitorRuleId[];
  page: number;
}

/** One page of GET /api/alerts; the previous page stays on screen while the next loads. */
export function useAlertPage(filter: AlertListFilter) {
  return useQuery({
    queryKey: ['alerts', 'list', filter],
    queryFn: () =>
      api.get<AlertPage>('/api/alerts', {
        query: {
          status: filter.status,
          severity: filter.severity,
          ruleId: filter.ruleId,
          page: filter.page,
          pageSize: PAGE_SIZE,
        },
      }),
    placeholderData: keepPreviousData,
  });
}

export function useAlertSummary() {
  return useQuery({
    queryKey: ['alerts', 'summary'],
    queryFn: () => api.get<AlertSummary>('/api/alerts/summary'),
  });
}
