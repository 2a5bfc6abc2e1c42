import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type Bilingual } from '../../api/client';
import { pick } from './project.types';

/** GET /api/packs, as far as the project screens read it. */
export interface PackName {
  id: string;
  /** the city: 岳阳 / Yueyang */
  name: Bilingual;
}

/**
 * The packs the hub has loaded, in its order: the one list of cities the screens show, so that a city
 * added as a pack file appears in every filter with no change here.
 */
export function usePacks() {
  const query = useQuery({
    queryKey: ['packs', 'list'],
    queryFn: () => api.get<PackName[]>('/api/packs'),
    // The packs change with a deployment, not during a session.
    staleTime: 10 * 60_000,
  });
  return { packs: query.data ?? [], isPending: query.isPending, error: query.error };
}

/** A pack id as its city's name, or the id itself until the packs are known. */
export function PackLabel({ id }: { id: string }) {
  const { i18n } = useTranslation();
  const { packs } = usePacks();
  const pack = packs.find((p) => p.id === id);
  return <>{pack ? pick(pack.name, i18n.language) : id}</>;
}
