import type { z } from 'zod';

/**
 * The ways an invalid record could be read: each is the raw item with every field the schema refused
 * replaced by a value the schema accepts there (each value of an enum, null or absent where allowed,
 * the earliest and latest of times, a range of numbers), or, for a refused array element, that element
 * left out. The readings the whole schema accepts are returned; the rules then judge the project with
 * each of them, so that a record whose unreadable field cannot change a verdict does not hold it back.
 *
 * Null when the readings cannot be enumerated: a field with no value to try (a malformed code, which
 * nothing can stand in for), or too many combinations. A record with no reading is then as good as
 * unreadable for every rule that reads its kind.
 */
export function readingsOf(
  schema: z.ZodType,
  raw: Record<string, unknown>,
): Record<string, unknown>[] | null {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return [raw];
  const byPath = new Map<string, { path: PropertyKey[]; options: Option[] }>();
  for (const issue of parsed.error.issues) {
    const key = JSON.stringify(issue.path);
    if (byPath.has(key)) continue;
    const options = optionsAt(schema, issue.path);
    if (options.length === 0) return null;
    byPath.set(key, { path: issue.path, options });
  }
  const fields = [...byPath.values()];
  if (fields.reduce((n, f) => n * f.options.length, 1) > MAX_COMBINATIONS) return null;

  const seen = new Set<string>();
  const readings: Record<string, unknown>[] = [];
  for (const choice of product(fields.map((f) => f.options))) {
    const repaired = repair(
      raw,
      fields.map((f) => f.path),
      choice,
    );
    if (!schema.safeParse(repaired).success) continue;
    const text = JSON.stringify(repaired);
    if (seen.has(text)) continue;
    seen.add(text);
    readings.push(repaired);
  }
  return readings.length > 0 ? readings : null;
}

/** Beyond this many combinations of field values, the readings are not enumerated. */
const MAX_COMBINATIONS = 64;

/** A value to put at a path, or the array element there to drop. */
type Option = { value: unknown } | { drop: true };

/** Values tried for a refused string: instants, zone-less Beijing times and dates, earliest and latest. */
const STRINGS = [
  '1970-01-01T00:00:00+08:00',
  '2999-12-31T23:59:59+08:00',
  '1970-01-01T00:00:00Z',
  '2999-12-31T23:59:59Z',
  '1970-01-01 00:00:00',
  '2999-12-31 23:59:59',
  '1970-01-01',
  '2999-12-31',
];
/** Values tried for a refused number: small counts and levels, percentages and sizes at both ends. */
const NUMBERS = [0, 1, 2, 3, 4, 5, 8, 10, 16, 20, 50, 64, 100, 1_000, 100_000];

function optionsAt(schema: z.ZodType, path: readonly PropertyKey[]): Option[] {
  const leaf = schemaAt(schema, path);
  const options: Option[] = leaf ? candidates(leaf).map((value) => ({ value })) : [];
  // An element of a list that cannot be read may as well not be there.
  if (path.some((key) => typeof key === 'number')) options.push({ drop: true });
  return options;
}

/** The values the leaf schema accepts among those worth trying for its type. */
function candidates(leaf: z.ZodType): unknown[] {
  const tried = new Set<unknown>();
  const collect = (s: z.ZodType): void => {
    const def = defOf(s);
    switch (def.type) {
      case 'optional':
      case 'default':
      case 'prefault':
        tried.add(undefined);
        collect(def.innerType as z.ZodType);
        return;
      case 'nullable':
        tried.add(null);
        collect(def.innerType as z.ZodType);
        return;
      case 'readonly':
      case 'catch':
        collect(def.innerType as z.ZodType);
        return;
      case 'pipe':
        collect(def.in as z.ZodType);
        return;
      case 'union':
        for (const option of def.options as z.ZodType[]) collect(option);
        return;
      case 'enum':
        for (const value of Object.values(def.entries as Record<string, unknown>)) tried.add(value);
        return;
      case 'literal':
        for (const value of def.values as unknown[]) tried.add(value);
        return;
      case 'boolean':
        tried.add(true);
        tried.add(false);
        return;
      case 'number':
        for (const n of NUMBERS) tried.add(n);
        return;
      case 'string':
        for (const text of STRINGS) tried.add(text);
        return;
      case 'array':
        tried.add([]);
        return;
      default:
        return;
    }
  };
  collect(leaf);
  return [...tried].filter((value) => leaf.safeParse(value).success);
}

/** The schema of the value at a path, through objects, arrays and their wrappers. */
function schemaAt(schema: z.ZodType, path: readonly PropertyKey[]): z.ZodType | null {
  let at: z.ZodType | null = schema;
  for (const key of path) {
    at = at ? child(at, key) : null;
    if (!at) return null;
  }
  return at;
}

function child(schema: z.ZodType, key: PropertyKey): z.ZodType | null {
  const def = defOf(schema);
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
      return child(def.innerType as z.ZodType, key);
    case 'pipe':
      return child(def.in as z.ZodType, key);
    case 'object':
      return typeof key === 'string'
        ? (((def.shape as Record<string, z.ZodType>)[key] ?? null) as z.ZodType | null)
        : null;
    case 'array':
      return typeof key === 'number' ? (def.element as z.ZodType) : null;
    case 'union':
      for (const option of def.options as z.ZodType[]) {
        const found = child(option, key);
        if (found) return found;
      }
      return null;
    default:
      return null;
  }
}

function defOf(schema: z.ZodType): Record<string, unknown> & { type: string } {
  return (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
}

function* product<T>(lists: readonly (readonly T[])[]): Generator<T[]> {
  const index = lists.map(() => 0);
  if (lists.some((l) => l.length === 0)) return;
  for (;;) {
    yield index.map((i, n) => lists[n]![i]!);
    let n = lists.length - 1;
    while (n >= 0 && index[n] === lists[n]!.length - 1) index[n--] = 0;
    if (n < 0) return;
    index[n]!++;
  }
}

/** A copy of the item with each path set to its chosen value; dropped array elements are removed last. */
function repair(
  raw: Record<string, unknown>,
  paths: readonly (readonly PropertyKey[])[],
  choice: readonly Option[],
): Record<string, unknown> {
  const copy = structuredClone(raw);
  const drops = new Map<unknown[], Set<number>>();
  paths.forEach((path, i) => {
    const option = choice[i]!;
    if (!('drop' in option)) return setAt(copy, path, option.value);
    let at = path.length - 1;
    while (at >= 0 && typeof path[at] !== 'number') at--;
    const list = valueAtPath(copy, path.slice(0, at));
    if (Array.isArray(list)) drops.set(list, (drops.get(list) ?? new Set()).add(path[at] as number));
  });
  for (const [list, indexes] of drops) {
    for (const index of [...indexes].sort((a, b) => b - a)) list.splice(index, 1);
  }
  return copy;
}

function valueAtPath(root: unknown, path: readonly PropertyKey[]): unknown {
  let at = root;
  for (const key of path) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return at;
}

function setAt(root: Record<string, unknown>, path: readonly PropertyKey[], value: unknown): void {
  if (path.length === 0) return;
  const parent = valueAtPath(root, path.slice(0, -1));
  if (typeof parent !== 'object' || parent === null) return;
  const key = path.at(-1)!;
  if (value === undefined && !Array.isArray(parent)) delete (parent as Record<PropertyKey, unknown>)[key];
  else (parent as Record<PropertyKey, unknown>)[key] = value;
}
