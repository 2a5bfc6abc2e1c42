import { z } from 'zod';
import { divisionName, type AnyPolicyPack } from '@hub/rules';
import { ZDivisionView } from './packs.answers';

/** A division code of a pack's city as people name it, so a client never shows the bare code. */
export type DivisionView = z.infer<typeof ZDivisionView>;

/** The city (市本级, first) and its counties of a pack, named as `divisionName` names them. */
export function packDivisions(pack: AnyPolicyPack): DivisionView[] {
  return pack.divisions.map((d) => {
    const named = divisionName(d.code);
    return { code: d.code, name: named?.name ?? d.name, cityLevel: named?.cityLevel ?? false };
  });
}
