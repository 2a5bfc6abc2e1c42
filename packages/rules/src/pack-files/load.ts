import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { registerPack } from '../packs/registry';
import { compilePackFile, type CompiledPack } from './compile';
import { PackFileError } from './errors';

/** A pack file is named `<anything>.pack.yaml`. */
export const PACK_FILE_SUFFIX = '.pack.yaml';

/** Reads and compiles one pack file; a bad one throws a `PackFileError` naming file, line and key. */
export function validatePackFile(path: string): CompiledPack {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new PackFileError([
      {
        file: basename(path),
        line: null,
        key: '',
        zh: `无法读取文件：${why}`,
        en: `cannot read the file: ${why}`,
      },
    ]);
  }
  return compilePackFile(basename(path), text);
}

/** The pack files of a directory (not its subdirectories), compiled, in list order. */
export function packFilesIn(dir: string): CompiledPack[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(PACK_FILE_SUFFIX))
    .sort();
  const compiled = files.map((f) => validatePackFile(join(dir, f)));
  return compiled.sort(
    (a, b) => (a.listOrder ?? Number.MAX_SAFE_INTEGER) - (b.listOrder ?? Number.MAX_SAFE_INTEGER),
  );
}

const registeredDirs = new Map<string, CompiledPack[]>();

/**
 * Registers every `*.pack.yaml` of a directory after the packs already loaded. A bad file throws
 * before any pack of the directory is registered. A directory registered before is not read again.
 */
export function registerPackDir(dir: string): CompiledPack[] {
  const key = resolve(dir);
  const known = registeredDirs.get(key);
  if (known) return known;
  const compiled = packFilesIn(dir);
  for (const c of compiled) registerPack(c.pack, c.file);
  registeredDirs.set(key, compiled);
  return compiled;
}
