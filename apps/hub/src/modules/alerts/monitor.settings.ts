import { type BaseSettings, allPacks, findPack, packIds, ZBaseSettings } from '@hub/rules';
import type { PackVersionsService } from '../packs/pack-versions.service';
import type { ProjectRef } from './monitor.records';

/** The thresholds one monitoring judgement uses: the pack's base settings and its evaluation intervals. */
export interface MonitorSettings extends BaseSettings {
  /** 等级测评 interval by level, as the pack's own evaluation rule reads it */
  evaluationIntervals: { level3Days: number; level4Days: number };
}

/** National intervals (公通字〔2007〕43号), for a record of no known city. */
const NATIONAL_INTERVALS = { level3Days: 365, level4Days: 183 };

/** A stored version's settings through its pack's schema: keys added since it was published get defaults. */
function monitorSettingsOf(packId: string, stored: unknown): MonitorSettings {
  const pack = findPack(packId);
  const parsed = pack?.settingsSchema.safeParse(stored);
  if (!pack || !parsed?.success) return DEFAULTS;
  const settings = parsed.data as BaseSettings & Record<string, number>;
  // MON-EVAL-DUE warns before the pack's own evaluation rule would fail, so it reads the same figures.
  const { level3Days, level4Days } = pack.monitoring.evaluationIntervals;
  return {
    ...settings,
    evaluationIntervals: { level3Days: settings[level3Days]!, level4Days: settings[level4Days]! },
  };
}

const DEFAULTS: MonitorSettings = { ...ZBaseSettings.parse({}), evaluationIntervals: NATIONAL_INTERVALS };

/**
 * 统一社会信用代码 characters 3–8 are the registering authority's division code (GB 32100-2015): the
 * city of a record that names no region but its unit.
 */
export function divisionOfCreditCode(code: string | null | undefined): string | null {
  return code && /^[0-9A-Z]{2}[0-9]{6}/.test(code) ? code.slice(2, 8) : null;
}

/**
 * The settings each monitoring judgement is made under. A record bound to a project is judged under
 * the pack version the project is judged under; any other record under the version in force today of
 * the pack of its city (whose 市本级 code shares its division's first four digits), or the defaults when
 * its city is not known.
 */
export class MonitorSettingsResolver {
  private constructor(
    private readonly byProject: ReadonlyMap<string, MonitorSettings>,
    private readonly byPack: ReadonlyMap<string, MonitorSettings>,
  ) {}

  static async build(
    packVersions: PackVersionsService,
    projects: readonly ProjectRef[],
  ): Promise<MonitorSettingsResolver> {
    const unique = [...new Map(projects.map((p) => [p.id, p])).values()];
    const cities = packIds().map((packId) => ({
      id: `city:${packId}`,
      policyPack: packId,
      approvedOn: null,
      packVersionPinned: null,
    }));
    const resolved = await packVersions.resolveFor([...unique, ...cities]);
    const cache = new Map<string, MonitorSettings>();
    const settingsOf = (packId: string, version: number, stored: unknown) => {
      const key = `${packId}@${version}`;
      if (!cache.has(key)) cache.set(key, monitorSettingsOf(packId, stored));
      return cache.get(key)!;
    };
    const byProject = new Map(
      unique.map((p) => {
        const policy = resolved.get(p.id)!;
        return [p.id, settingsOf(p.policyPack, policy.version, policy.settings)];
      }),
    );
    const byPack = new Map(
      cities.map((c) => {
        const policy = resolved.get(c.id)!;
        return [c.policyPack, settingsOf(c.policyPack, policy.version, policy.settings)];
      }),
    );
    return new MonitorSettingsResolver(byProject, byPack);
  }

  /** The settings for a record bound to `project`, else for a record of `division`. */
  of(project: ProjectRef | null, division: string | null): MonitorSettings {
    if (project) return this.byProject.get(project.id) ?? DEFAULTS;
    const pack = division
      ? allPacks().find((p) => p.divisionCode.slice(0, 4) === division.slice(0, 4))
      : undefined;
    return (pack && this.byPack.get(pack.id)) ?? DEFAULTS;
  }
}
