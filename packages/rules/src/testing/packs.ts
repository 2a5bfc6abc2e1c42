import type { PackSettings } from '../checks/model';
import type { RuleDefinition } from '../model';
import { packFor } from '../packs';

/** The built-in packs as the specs judge them (compiled from their pack files). */
export const yueyangPack = packFor('yueyang');
export const chenzhouPack = packFor('chenzhou');

/** A rule of a built-in pack by id; throws for an unknown one so a wrong id fails loudly. */
export function builtinRule(id: string): RuleDefinition<PackSettings> {
  const rule = [...yueyangPack.rules, ...chenzhouPack.rules].find((r) => r.id === id);
  if (!rule) throw new Error(`no built-in rule ${id}`);
  return rule as RuleDefinition<PackSettings>;
}

/** The settings of a pack as the specs pass them (any subset; the pack's schema fills the rest). */
export type YueyangSettings = PackSettings;
export type ChenzhouSettings = PackSettings;
