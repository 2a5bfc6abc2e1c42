import { ZVideoDevice, ZVideoPlatform, type TVideoDevice, type TVideoPlatform } from '@hub/contracts';
import type { RecordProblem, SyncPage } from '../framework/connector';
import { readLeniently, validateItems, type ValidItem } from '../framework/record-validation';
import { deviceRecord, platformRecord, VIDEO_KIND_TITLES, VIDEO_KINDS } from './video.mapper';

/**
 * Reason of a record whose GB/T 28181 code belongs to another prefecture. The record is stored all the
 * same: a project's video rule must see it, and say it does not count as connected to this city.
 */
export const OUTSIDE_CITY_REASON = {
  zh: '国标编码不属于本市行政区划：记录已保存，但不计为接入本市视频平台',
  en: "GB/T 28181 code outside the city's division: stored, but not counted as connected to this city's platform",
} as const;

/**
 * The city a record must belong to: the prefectures (first 4 digits, e.g. 4306 for 岳阳市) of the
 * configured division codes. A county code (430602) and its city (430600) share one prefecture.
 */
export class CityDivisions {
  private readonly prefectures: ReadonlySet<string>;

  constructor(divisionCodes: readonly string[]) {
    this.prefectures = new Set(divisionCodes.map((code) => code.slice(0, 4)));
  }

  includes(gbCode: string): boolean {
    return this.prefectures.has(gbCode.slice(0, 4));
  }

  /** For messages, e.g. `4306, 4310`. */
  toString(): string {
    return [...this.prefectures].join(', ');
  }
}

/** One page's items split into records (and their parsed values) and problems. */
export interface VideoPageResult<T> {
  page: SyncPage;
  valid: ValidItem<T>[];
}

/** Validates a platform page: the contract's schema, then the city's division. */
export function platformPage(
  items: readonly unknown[],
  city: CityDivisions,
): VideoPageResult<TVideoPlatform> {
  const checked = validateInCity(
    validateItems({
      kind: VIDEO_KINDS.platform,
      title: VIDEO_KIND_TITLES.platform,
      schema: ZVideoPlatform,
      idField: 'platformId',
      items,
      attribute: (raw) =>
        readLeniently(raw, {
          id: 'platformId',
          projectCode: 'projectCode',
          systemName: 'name',
          unitCode: 'ownerUnitCode',
        }),
    }),
    VIDEO_KINDS.platform,
    'platformId',
    (p) => p.platformId,
    city,
  );
  return {
    page: {
      records: checked.valid.map(({ raw, value }) => platformRecord(raw, value)),
      problems: checked.problems,
    },
    valid: checked.valid,
  };
}

/** Validates a device page: the contract's schema, then the city's division. */
export function devicePage(items: readonly unknown[], city: CityDivisions): VideoPageResult<TVideoDevice> {
  const checked = validateInCity(
    validateItems({
      kind: VIDEO_KINDS.device,
      title: VIDEO_KIND_TITLES.device,
      schema: ZVideoDevice,
      idField: 'deviceId',
      items,
      attribute: (raw) =>
        readLeniently(raw, {
          id: 'deviceId',
          projectCode: 'projectCode',
          unitCode: 'ownerUnitCode',
          parent: 'platformId',
          updatedAt: 'updatedAt',
        }),
    }),
    VIDEO_KINDS.device,
    'deviceId',
    (d) => d.deviceId,
    city,
  );
  return {
    page: {
      records: checked.valid.map(({ raw, value }) => deviceRecord(raw, value)),
      problems: checked.problems,
    },
    valid: checked.valid,
  };
}

/**
 * Reports the records whose code lies outside the city: a code of another prefecture is a wrongly coded
 * (or foreign) device or platform. It is kept among the valid records, so that the project it belongs
 * to sees it: the project's video rule does not count it, and lists it (obligations.md, GB/T 28181).
 */
function validateInCity<T>(
  validated: { valid: ValidItem<T>[]; problems: RecordProblem[] },
  kind: string,
  idField: string,
  idOf: (value: T) => string,
  city: CityDivisions,
): { valid: ValidItem<T>[]; problems: RecordProblem[] } {
  const problems = [...validated.problems];
  for (const item of validated.valid) {
    const id = idOf(item.value);
    if (city.includes(id)) continue;
    problems.push({
      kind,
      externalId: id,
      reason: { ...OUTSIDE_CITY_REASON },
      issues: [
        {
          path: idField,
          message: `prefecture ${id.slice(0, 4)} of ${id} is not one of the city's (${city.toString()})`,
        },
      ],
      payload: item.raw,
      warning: true,
    });
  }
  return { valid: validated.valid, problems };
}
