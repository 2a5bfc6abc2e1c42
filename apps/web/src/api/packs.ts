import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/auth';
import { hub } from './hub';
import type { Schemas } from './schema';

/** GET /api/packs/:id/versions: one published version of a pack's settings. */
export type PackVersion = Schemas['PackVersion'];

/** A JSON schema property of a pack setting, as z.toJSONSchema writes it. */
export type SettingSchema = Schemas['SettingSchema'];

/** A division code of a pack's city as people name it. */
export type DivisionView = Schemas['Division'];

/** GET /api/packs */
export type PackSummary = Schemas['PackSummary'];

/** GET /api/packs as one query: every screen that reads it (packs screen, division names) shares its cache. */
function usePacksQuery<T = PackSummary[]>(select?: (packs: PackSummary[]) => T) {
  const { can } = useAuth();
  return useQuery({
    queryKey: ['packs', 'list'],
    queryFn: () => hub.get('/api/packs'),
    enabled: can('packs:read'),
    // Packs change with a published version (which invalidates ['packs']), not during a read.
    staleTime: 10 * 60_000,
    select,
  });
}

export const usePacks = () => usePacksQuery();

const byCode = (packs: PackSummary[]) =>
  new Map(packs.flatMap((p) => p.divisions).map((d) => [d.code, d] as const));

/**
 * Division codes by name: `divisionName(code)` is 岳阳市岳阳楼区 for a county, 岳阳市（市本级）for a
 * city's own code, and the code itself while the packs load or for a code no pack lists.
 */
export function useDivisionName(): (code: string | null | undefined) => string {
  const { t } = useTranslation();
  const { data } = usePacksQuery(byCode);
  return (code) => {
    if (!code) return '—';
    const division = data?.get(code);
    if (!division) return code;
    return division.cityLevel ? t('common.cityLevel', { name: division.name }) : division.name;
  };
}
