import { useQuery } from '@tanstack/react-query';
import { hub } from './hub';
import type { Schemas } from './schema';

/** One sync of a source (the last one of each source in GET /api/sources). */
export type SyncView = Schemas['Sync'];

/** GET /api/sources: one upstream system's status, read by the overview and the sources screen. */
export type SourceStatus = Schemas['SourceStatus'];

/** GET /api/sources, one cache entry for every screen that shows it. */
export function useSources(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: ['sources'],
    queryFn: () => hub.get('/api/sources'),
    enabled: options.enabled ?? true,
  });
}

/** Tag colour of a circuit breaker's state. */
export const CIRCUIT_COLORS: Record<string, string> = {
  closed: 'success',
  open: 'error',
  'half-open': 'warning',
};
