import { useQueries } from '@tanstack/react-query';
import { api } from '../../api/client';
import { type PackId, type RuleView } from './project.types';
import { usePacks } from '../../api/packs';

/** The rule catalogue of the given packs (all packs when none), in pack then catalogue order. */
export function usePackRules(only?: readonly PackId[]) {
  const loaded = (usePacks().data ?? []).map((p) => p.id);
  const packs = only ?? loaded;
  return useQueries({
    queries: packs.map((id) => ({
      queryKey: ['packs', id, 'rules'],
      queryFn: () => api.get<RuleView[]>(`/api/packs/${id}/rules`),
      // The catalogue changes with a deployment, not during a session.
      staleTime: 10 * 60_000,
    })),
    combine: (results) => ({
      rules: results.flatMap((r) => r.data ?? []),
      isPending: results.some((r) => r.isPending),
      error: results.find((r) => r.error)?.error ?? null,
    }),
  });
}
