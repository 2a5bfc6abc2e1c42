import type { TFunction } from 'i18next';

/** A setting's value as one line: lists joined, per-cycle tables as `key: value` pairs. */
export function formatSetting(value: unknown): string {
  if (value === undefined || value === null) return '—';
  if (Array.isArray(value)) return value.length ? value.map(String).join('、') : '—';
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${k}: ${formatSetting(v)}`)
      .join(', ');
  }
  return String(value);
}

export function settingLabel(t: TFunction, key: string): string {
  return t(`admin.setting.${key}`, { defaultValue: key });
}

export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The settings whose value differs from `base`: what a draft sends, or what a version changed. */
export function changedSettings(
  next: Record<string, unknown>,
  base: Record<string, unknown>,
): Record<string, unknown> {
  return Object.fromEntries(Object.entries(next).filter(([k, v]) => !sameValue(v, base[k])));
}
