import type { PolicyPackId } from '@hub/contracts';
import type { PolicyPack } from '../model';

/**
 * A pack whose settings type is erased. Safe because a pack's settings only ever come from its own
 * `settingsSchema`, so each rule receives the shape it was written for.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyPolicyPack = PolicyPack<any>;

/** The packs loaded, by id, in the order they were registered (built-in ones first). */
const loaded = new Map<PolicyPackId, AnyPolicyPack>();

/**
 * Loads the built-in packs the first time any pack is asked for or added, not at import: reading
 * and compiling their files is work `hub --help` and most imports of this package never need.
 */
let builtins: (() => void) | null = null;
export function loadBuiltinsWith(load: () => void): void {
  builtins = load;
}
function ensureBuiltins(): void {
  const load = builtins;
  builtins = null;
  load?.();
}

/** Why a pack cannot join the loaded ones, or an id names no loaded pack (Chinese first). */
export class PackRegistrationError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(`${zh} / ${en}`);
    this.name = 'PackRegistrationError';
  }
}

/**
 * Adds a pack to the loaded ones. Its id and every division code it covers must be its own: two packs
 * for one city would make "which measures apply here" a matter of load order.
 */
export function registerPack(pack: AnyPolicyPack, where = pack.id): void {
  ensureBuiltins();
  const existing = loaded.get(pack.id);
  if (existing === pack) return;
  if (existing) {
    throw new PackRegistrationError(
      `${where}：政策包 ${pack.id} 已加载`,
      `${where}: pack ${pack.id} is already loaded`,
    );
  }
  for (const division of pack.divisions) {
    const owner = divisionName(division.code);
    if (owner) {
      throw new PackRegistrationError(
        `${where}：区划 ${division.code} 已属于政策包 ${owner.packId}`,
        `${where}: division ${division.code} already belongs to pack ${owner.packId}`,
      );
    }
  }
  loaded.set(pack.id, pack);
}

/** Every loaded pack, built-in ones first. */
export function allPacks(): readonly AnyPolicyPack[] {
  ensureBuiltins();
  return [...loaded.values()];
}

/** The ids of the loaded packs: every list of packs the hub, CLI, web and demo show derives from it. */
export function packIds(): PolicyPackId[] {
  ensureBuiltins();
  return [...loaded.keys()];
}

/** The loaded pack of that id, if any. */
export function findPack(id: string): AnyPolicyPack | undefined {
  ensureBuiltins();
  return loaded.get(id);
}

/** The loaded pack of that id; an unknown id is an error naming the ones there are. */
export function packFor(id: string): AnyPolicyPack {
  ensureBuiltins();
  const pack = loaded.get(id);
  if (!pack) {
    throw new PackRegistrationError(
      `政策包 ${id} 未加载；已加载：${packIds().join('、')}`,
      `policy pack ${id} is not loaded; loaded: ${packIds().join(', ')}`,
    );
  }
  return pack;
}

/** The pack a project is judged by (its 适用办法). */
export function packOf(project: { policyPack: PolicyPackId }): AnyPolicyPack {
  return packFor(project.policyPack);
}

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
  ensureBuiltins();
  for (const pack of loaded.values()) {
    const [city, ...counties] = pack.divisions;
    if (!city) continue;
    if (city.code === code) return { packId: pack.id, name: city.name, cityLevel: true };
    const county = counties.find((d) => d.code === code);
    if (county) return { packId: pack.id, name: `${city.name}${county.name}`, cityLevel: false };
  }
  return null;
}
