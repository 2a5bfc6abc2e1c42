import { join } from 'node:path';
import { registerPackDir } from '../pack-files/load';

export * from './registry';

/**
 * The built-in pack files (`packages/rules/packs/*.pack.yaml`), loaded before any pack directory a
 * deployment adds. The same relative path holds from `src/packs` and from the built `dist/packs`.
 */
export const BUILTIN_PACKS_DIR = join(__dirname, '..', '..', 'packs');

registerPackDir(BUILTIN_PACKS_DIR);
