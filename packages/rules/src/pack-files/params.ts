import type { z } from 'zod';

/** A parameter given as a reference to a pack setting: `{ setting: mlpsFilingDeadlineDays }`. */
export interface SettingRef {
  setting: string;
}

export const isSettingRef = (value: unknown): value is SettingRef =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  Object.keys(value).length === 1 &&
  typeof (value as { setting?: unknown }).setting === 'string';

/** Every setting reference in a parameter tree, with its path. */
export function settingRefs(
  value: unknown,
  path: PropertyKey[] = [],
): { key: string; path: PropertyKey[] }[] {
  if (isSettingRef(value)) return [{ key: value.setting, path }];
  if (Array.isArray(value)) return value.flatMap((v, i) => settingRefs(v, [...path, i]));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([k, v]) => settingRefs(v, [...path, k]));
  }
  return [];
}

/** The parameter tree with each setting reference replaced by that setting's value. */
export function substitute(value: unknown, settings: Readonly<Record<string, unknown>>): unknown {
  if (isSettingRef(value)) return settings[value.setting];
  if (Array.isArray(value)) return value.map((v) => substitute(v, settings));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, settings)]));
  }
  return value;
}

/**
 * Parameters resolved against the settings an evaluation runs under, parsed by the entry's schema
 * once per settings object (a scan judges every project under the same few); without setting
 * references, once.
 */
export function paramResolver<P>(schema: z.ZodType<P>, raw: unknown): (settings: object) => P | z.ZodError {
  if (settingRefs(raw).length === 0) {
    const parsed = schema.safeParse(raw);
    const value = parsed.success ? parsed.data : parsed.error;
    return () => value;
  }
  // by settings object first, then by the values the references read: a scan may hand every project
  // its own copy of the same few versions' settings
  const keys = [...new Set(settingRefs(raw).map((r) => r.key))];
  const byObject = new WeakMap<object, P | z.ZodError>();
  const byValues = new Map<string, P | z.ZodError>();
  return (settings) => {
    const known = byObject.get(settings);
    if (known !== undefined) return known;
    const values = settings as Record<string, unknown>;
    const key = JSON.stringify(keys.map((k) => values[k]));
    let value = byValues.get(key);
    if (value === undefined) {
      const parsed = schema.safeParse(substitute(raw, values));
      value = parsed.success ? parsed.data : parsed.error;
      if (byValues.size < 64) byValues.set(key, value);
    }
    byObject.set(settings, value);
    return value;
  };
}
