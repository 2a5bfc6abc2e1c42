import fs from 'node:fs';
import path from 'node:path';

let cached: string | undefined;

/** The checkout's root (the folder holding prisma/schema.prisma), from sources or from dist alike. */
export function repoRoot(): string {
  if (cached) return cached;
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'prisma', 'schema.prisma'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`prisma/schema.prisma not found above ${__dirname}`);
    dir = parent;
  }
  cached = dir;
  return dir;
}

export function schemaPaths() {
  const root = repoRoot();
  return {
    schemaFile: path.join(root, 'prisma', 'schema.prisma'),
    migrationsDir: path.join(root, 'prisma', 'migrations'),
  };
}
