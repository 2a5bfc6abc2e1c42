import { join } from 'node:path';
import { registerPackDir } from '../pack-files/load';
import { loadBuiltinsWith } from './registry';

export {
  allPacks,
  divisionName,
  findPack,
  packFor,
  packIds,
  packOf,
  PackRegistrationError,
  registerPack,
  type AnyPolicyPack,
  type DivisionName,
} from './registry';

/**
 * The built-in pack files (`packages/rules/packs/*.pack.yaml`), loaded before any pack directory a
 * deployment adds. The same relative path holds from `src/packs` and from the built `dist/packs`.
 */
export const BUILTIN_PACKS_DIR = join(__dirname, '..', '..', 'packs');

loadBuiltinsWith(() => registerPackDir(BUILTIN_PACKS_DIR));
