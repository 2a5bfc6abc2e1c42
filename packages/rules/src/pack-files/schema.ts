import { ZDivisionCode, ZPolicyPackId } from '@hub/contracts';
import { z } from 'zod';
import { REVIEW_DOMAINS } from '../model';
import { ZText } from '../checks/params';

/** Schemas of a pack file (`*.pack.yaml`). Every message is Chinese first, then English. */
const msg = (zh: string, en: string) => ({ error: `${zh} / ${en}` });

const ZKey = z
  .string(msg('必须是文字', 'must be text'))
  .regex(/^[a-z][A-Za-z0-9]*$/, msg('必须是以小写字母开头的驼峰式名称', 'must be a camelCase name'));

const ZNumberSetting = z.strictObject({
  type: z.enum(['number', 'integer'], msg('必须是 number 或 integer', 'must be number or integer')),
  default: z.number(msg('必须是数字', 'must be a number')),
  min: z.number(msg('必须是数字', 'must be a number')).optional(),
  /** an exclusive lower bound (`above: 0` = positive) */
  above: z.number(msg('必须是数字', 'must be a number')).optional(),
  max: z.number(msg('必须是数字', 'must be a number')).optional(),
  /** another setting this one may not exceed */
  atMost: ZKey.optional(),
  description: ZText,
});

const ZListSetting = z.strictObject({
  type: z.enum(
    ['text-list', 'domain-list'],
    msg('必须是 text-list 或 domain-list', 'must be text-list or domain-list'),
  ),
  default: z.array(z.string(msg('必须是文字', 'must be text')), msg('必须是列表', 'must be a list')),
  description: ZText,
});

export const ZSettingDecl = z.discriminatedUnion('type', [ZNumberSetting, ZListSetting], {
  error: (issue) =>
    issue.code === 'invalid_union'
      ? '类型必须是 number、integer、text-list 或 domain-list / type must be number, integer, text-list or domain-list'
      : undefined,
});
export type SettingDecl = z.infer<typeof ZSettingDecl>;

/** Parameters of a check, condition or waiver (validated against the catalogue entry's schema). */
const ZParams = z
  .record(z.string(), z.unknown(), msg('必须是参数表', 'must be a map of parameters'))
  .default({});
const ZEntryId = (zh: string, en: string) => z.string(msg(`必须是${zh}的名称`, `must name a ${en}`));

export const ZCheckUse = z.strictObject({ id: ZEntryId('检查', 'check'), params: ZParams });
export const ZConditionUse = z.strictObject({ condition: ZEntryId('条件', 'condition'), params: ZParams });
export const ZWaiverUse = z.strictObject({ id: ZEntryId('豁免', 'waiver'), params: ZParams });

export const ZRequirement = z.strictObject({
  id: z
    .string(msg('必须是文字', 'must be text'))
    .regex(
      /^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$/,
      msg('必须形如 YY-CLOUD-DEPLOY', 'must look like YY-CLOUD-DEPLOY'),
    ),
  clause: z.string(msg('必须是条款', 'must be a clause')).min(1, msg('不能为空', 'must not be empty')),
  title: ZText,
  /** the obligation in a reviewer's words: what PASS means */
  requirement: ZText,
  basis: z.enum(
    ['local', 'national-verified', 'national-unverified'],
    msg(
      '必须是 local、national-verified 或 national-unverified',
      'must be local, national-verified or national-unverified',
    ),
  ),
  severity: z.enum(
    ['blocking', 'advisory'],
    msg('必须是 blocking 或 advisory', 'must be blocking or advisory'),
  ),
  domain: z.enum(
    REVIEW_DOMAINS,
    msg(`必须是 ${REVIEW_DOMAINS.join('、')} 之一`, `must be one of ${REVIEW_DOMAINS.join(', ')}`),
  ),
  applicability: z.array(ZConditionUse, msg('必须是条件列表', 'must be a list of conditions')).default([]),
  check: ZCheckUse,
  waiver: ZWaiverUse.optional(),
});
export type RequirementDecl = z.infer<typeof ZRequirement>;

export const ZPackFile = z.strictObject({
  id: ZPolicyPackId,
  /** the edition of this file, shown by `hub packs list` */
  version: z.string(msg('必须是文字', 'must be text')).min(1, msg('不能为空', 'must not be empty')),
  /** where the pack appears in lists (lower first); packs without one follow, by file name */
  listOrder: z
    .number(msg('必须是数字', 'must be a number'))
    .int(msg('必须是整数', 'must be an integer'))
    .optional(),
  name: ZText,
  title: ZText,
  measures: z.strictObject({
    /** the measures' document number or publication, as cited */
    reference: z.string(msg('必须是文字', 'must be text')).min(1, msg('不能为空', 'must not be empty')),
    /** where their text is kept (a path or an address) */
    text: z.string(msg('必须是文字', 'must be text')).min(1, msg('不能为空', 'must not be empty')),
  }),
  divisions: z
    .array(
      z.strictObject({
        code: ZDivisionCode,
        name: z.string(msg('必须是文字', 'must be text')).min(1, msg('不能为空', 'must not be empty')),
      }),
      msg('必须是区划列表', 'must be a list of divisions'),
    )
    .min(1, msg('至少列出市本级区划', 'list at least the city-level division')),
  opinionIssuer: z.strictObject({
    office: z.string(msg('必须是文字', 'must be text')).min(1),
    numberPrefix: z.string(msg('必须是文字', 'must be text')).min(1),
    title: z.string(msg('必须是文字', 'must be text')).min(1),
  }),
  settings: z.record(ZKey, ZSettingDecl, msg('必须是设置项表', 'must be a map of settings')).default({}),
  monitoring: z.strictObject({
    evaluationIntervals: z.strictObject({ level3Days: ZKey, level4Days: ZKey }),
  }),
  requirements: z
    .array(ZRequirement, msg('必须是要求列表', 'must be a list of requirements'))
    .min(1, msg('至少有一条要求', 'needs at least one requirement')),
});
export type PackFileDecl = z.infer<typeof ZPackFile>;
