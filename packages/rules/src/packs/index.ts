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
