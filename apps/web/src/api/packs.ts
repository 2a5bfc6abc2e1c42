import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/auth';
import { api, type Bilingual } from './client';

/** GET /api/packs/:id/versions: one published version of a pack's settings. */
export interface PackVersion {
  packId: string;
  version: number;
  /** YYYY-MM-DD: projects approved (立项) on or after it are judged under this version */
  effectiveFrom: string;
  settings: Record<string, unknown>;
  confirmedRuleIds: string[];
  note: string;
  publishedBy: string;
  publishedAt: string;
}

/** A JSON schema property of a pack setting, as z.toJSONSchema writes it. */
export interface SettingSchema {
  type?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  items?: { type?: string; enum?: string[] };
  properties?: Record<string, SettingSchema>;
}

/** A division code of a pack's city as people name it. */
export interface DivisionView {
  code: string;
  /** 岳阳市 (市本级) or 岳阳市岳阳楼区 */
  name: string;
  cityLevel: boolean;
}

/** GET /api/packs */
export interface PackSummary {
  id: string;
  /** the city: 岳阳 / Yueyang */
  name: Bilingual;
  title: Bilingual;
  divisionCode: string;
  /** the city (市本级, first) and its counties */
  divisions: DivisionView[];
  rules: number;
  defaults: Record<string, unknown>;
  /** settings every rule reads through the engine (source freshness) */
  packWideSettings?: string[];
  latestVersion: PackVersion;
  settingsSchema: { properties?: Record<string, SettingSchema> };
}

/** GET /api/packs as one query: every screen that reads it (packs screen, division names) shares its cache. */
function usePacksQuery<T = PackSummary[]>(select?: (packs: PackSummary[]) => T) {
  const { can } = useAuth();
  return useQuery({
    queryKey: ['packs', 'list'],
    queryFn: () => api.get<PackSummary[]>('/api/packs'),
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
