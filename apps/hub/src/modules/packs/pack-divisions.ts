import { divisionName, type AnyPolicyPack } from '@hub/rules';

/** A division code of a pack's city as people name it, so a client never shows the bare code. */
export interface DivisionView {
  code: string;
  /** 岳阳市 (市本级) or 岳阳市岳阳楼区 (a county) */
  name: string;
  /** 市本级 rather than a county */
  cityLevel: boolean;
}

/** The city (市本级, first) and its counties of a pack, named as `divisionName` names them. */
export function packDivisions(pack: AnyPolicyPack): DivisionView[] {
  return pack.divisions.map((d) => {
    const named = divisionName(d.code);
    return { code: d.code, name: named?.name ?? d.name, cityLevel: named?.cityLevel ?? false };
  });
}
