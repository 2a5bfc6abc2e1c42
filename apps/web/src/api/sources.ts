import { useQuery } from '@tanstack/react-query';
import { api, type Bilingual } from './client';

/** One sync of a source (the last one of each source in GET /api/sources). */
export interface SyncView {
  id: string;
  mode: string;
  status: string;
  startedAt: string;
  finishedAt: string | null;
  pagesFetched: number;
  pagesFailed: number;
  recordsSeen: number;
  recordsInvalid: number;
  recordsChanged: number;
  error: string | null;
}

/** GET /api/sources: one upstream system's status, read by the overview and the sources screen. */
export interface SourceStatus {
  source: string;
  title: Bilingual;
  configured: boolean;
  circuit: string | null;
  lastSync: SyncView | null;
  completeness: number | null;
  lastSuccessAt: string | null;
  ageHours: number | null;
  fresh: boolean;
  records: number;
  tombstones: number;
  problems: number;
}

/** GET /api/sources, one cache entry for every screen that shows it. */
export function useSources(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: ['sources'],
    queryFn: () => api.get<SourceStatus[]>('/api/sources'),
    enabled: options.enabled ?? true,
  });
}

/** Tag colour of a circuit breaker's state. */
export const CIRCUIT_COLORS: Record<string, string> = {
  closed: 'success',
  open: 'error',
  'half-open': 'warning',
};
