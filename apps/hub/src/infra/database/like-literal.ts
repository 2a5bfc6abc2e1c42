/**
 * `text` as a LIKE pattern that matches only itself. Prisma's `contains`, `startsWith` and
 * `endsWith` put the value into LIKE as it is on PostgreSQL, so a search for `%` matched every row
 * and `_` any character; backslash is PostgreSQL's default LIKE escape.
 */
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
