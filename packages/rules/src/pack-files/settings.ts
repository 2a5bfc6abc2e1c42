import { PROJECT_DOMAINS } from '@hub/contracts';
import { z } from 'zod';
import type { PackSettings } from '../checks/model';
import { ZBaseSettings } from '../shared/settings';
import type { SettingDecl } from './schema';

const msg = (zh: string, en: string) => ({ error: `${zh} / ${en}` });

/** The zod schema of one declared setting, with its default and bounds. */
function settingSchema(decl: SettingDecl): z.ZodType {
  const description = `${decl.description.zh} / ${decl.description.en}`;
  if (decl.type === 'text-list') {
    return z
      .array(
        z.string().min(1, msg('不能为空', 'must not be empty')),
        msg('必须是文字列表', 'must be a list of texts'),
      )
      .default(() => [...decl.default])
      .describe(description);
  }
  if (decl.type === 'domain-list') {
    return z
      .array(z.enum(PROJECT_DOMAINS), msg('必须是业务领域列表', 'must be a list of project domains'))
      .default(() => [...(decl.default as (typeof PROJECT_DOMAINS)[number][])])
      .describe(description);
  }
  const d = decl as Extract<SettingDecl, { min?: number }>;
  let n = z.number(msg('必须是数字', 'must be a number'));
  if (decl.type === 'integer') n = n.int(msg('必须是整数', 'must be an integer'));
  if (d.min !== undefined) n = n.min(d.min, msg(`不得小于 ${d.min}`, `must be at least ${d.min}`));
  if (d.above !== undefined) n = n.gt(d.above, msg(`必须大于 ${d.above}`, `must be above ${d.above}`));
  if (d.max !== undefined) n = n.max(d.max, msg(`不得大于 ${d.max}`, `must be at most ${d.max}`));
  return n.default(d.default).describe(description);
}

/** Each declared setting whose default breaks its own bounds (zod does not check defaults), with why. */
export function badDefaults(
  declared: Readonly<Record<string, SettingDecl>>,
): { key: string; error: z.ZodError }[] {
  return Object.entries(declared).flatMap(([key, decl]) => {
    const parsed = settingSchema(decl).safeParse(decl.default);
    return parsed.success ? [] : [{ key, error: parsed.error }];
  });
}

/** The keys every pack has (the base settings: source age, the monitoring rules' thresholds). */
export const BASE_SETTING_KEYS = Object.keys(ZBaseSettings.shape);

/**
 * A pack's settings schema: the base settings plus the declared ones, strict (an unknown key is
 * refused, so a typo in `packs publish --set` is an error, not a silent no-op), with each `atMost`
 * bound between two settings checked.
 */
export function settingsSchemaOf(declared: Readonly<Record<string, SettingDecl>>): z.ZodType<PackSettings> {
  const shape: Record<string, z.ZodType> = { ...ZBaseSettings.shape };
  for (const [key, decl] of Object.entries(declared)) shape[key] = settingSchema(decl);
  const bounds = Object.entries(declared).flatMap(([key, decl]) =>
    'atMost' in decl && decl.atMost ? [{ key, atMost: decl.atMost, decl, other: declared[decl.atMost] }] : [],
  );
  return z.strictObject(shape).superRefine((settings, ctx) => {
    const values = settings as Record<string, number>;
    for (const b of bounds) {
      if (values[b.key]! > values[b.atMost]!) {
        ctx.addIssue({
          code: 'custom',
          path: [b.atMost],
          message: `${b.decl.description.zh}不得高于${b.other?.description.zh ?? b.atMost} / ${b.key} must not exceed ${b.atMost}`,
        });
      }
    }
  }) as unknown as z.ZodType<PackSettings>;
}
