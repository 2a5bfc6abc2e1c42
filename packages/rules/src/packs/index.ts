import type { PolicyPackId } from '@hub/contracts';
import type { PolicyPack } from '../model';
import { chenzhouPack } from './chenzhou';
import { yueyangPack } from './yueyang';

export { chenzhouPack, yueyangPack };

/**
 * A pack whose settings type is erased. Safe because a pack's settings only ever come from its own
 * `settingsSchema`, so each rule receives the shape it was written for.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyPolicyPack = PolicyPack<any>;

/** Every pack the hub knows, by id. */
export const PACKS: Readonly<Record<PolicyPackId, AnyPolicyPack>> = {
  yueyang: yueyangPack,
  chenzhou: chenzhouPack,
};

/** A division code as people name it: the city's name, or the city's and the county's (岳阳市岳阳楼区). */
export interface DivisionName {
  packId: PolicyPackId;
  /** 岳阳市 / 岳阳市岳阳楼区 */
  name: string;
  /** 市本级 rather than a county */
  cityLevel: boolean;
}

/** The name of a division code of a city some pack covers, or null when no pack lists the code. */
export function divisionName(code: string): DivisionName | null {
  for (const pack of Object.values(PACKS)) {
    const [city, ...counties] = pack.divisions;
    if (!city) continue;
    if (city.code === code) return { packId: pack.id, name: city.name, cityLevel: true };
    const county = counties.find((d) => d.code === code);
    if (county) return { packId: pack.id, name: `${city.name}${county.name}`, cityLevel: false };
  }
  return null;
}
