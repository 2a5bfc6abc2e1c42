import { PROJECT_DOMAINS, type TProject } from '@hub/contracts';
import { z } from 'zod';

/** Schemas of check parameters, each with its error in Chinese first then English. */
const message = (zh: string, en: string) => ({ error: `${zh} / ${en}` });

/** A text in both languages, as reasons and titles are written. */
export const ZText = z.strictObject({
  zh: z.string(message('必须是文字', 'must be text')).min(1, message('不能为空', 'must not be empty')),
  en: z.string(message('必须是文字', 'must be text')).min(1, message('不能为空', 'must not be empty')),
});

export const ZPositiveInt = z
  .number(message('必须是正整数', 'must be a positive integer'))
  .int(message('必须是正整数', 'must be a positive integer'))
  .positive(message('必须是正整数', 'must be a positive integer'));

export const ZNonNegativeInt = z
  .number(message('必须是非负整数', 'must be a non-negative integer'))
  .int(message('必须是非负整数', 'must be a non-negative integer'))
  .nonnegative(message('必须是非负整数', 'must be a non-negative integer'));

/** An amount of 万元. */
export const ZAmount = z
  .number(message('必须是不小于 0 的金额（万元）', 'must be an amount of at least 0 (×10k yuan)'))
  .nonnegative(message('必须是不小于 0 的金额（万元）', 'must be an amount of at least 0 (×10k yuan)'));

export const ZPercent = z
  .number(message('必须是 0 到 100 之间的百分比', 'must be a percentage from 0 to 100'))
  .min(0, message('必须是 0 到 100 之间的百分比', 'must be a percentage from 0 to 100'))
  .max(100, message('必须是 0 到 100 之间的百分比', 'must be a percentage from 0 to 100'));

export const ZRatio = z
  .number(message('必须是 0 到 1 之间的比例', 'must be a ratio from 0 to 1'))
  .min(0, message('必须是 0 到 1 之间的比例', 'must be a ratio from 0 to 1'))
  .max(1, message('必须是 0 到 1 之间的比例', 'must be a ratio from 0 to 1'));

export const ZTextList = z.array(
  z.string().min(1, message('不能为空', 'must not be empty')),
  message('必须是文字列表', 'must be a list of texts'),
);

export const ZDomainList = z.array(
  z.enum(
    PROJECT_DOMAINS,
    message(
      `必须是业务领域之一：${PROJECT_DOMAINS.join('、')}`,
      `must be a project domain: ${PROJECT_DOMAINS.join(', ')}`,
    ),
  ),
  message('必须是业务领域列表', 'must be a list of project domains'),
);

type FieldOf<V> = { [K in keyof TProject]-?: TProject[K] extends V ? K : never }[keyof TProject];

/** A registry field of the canonical project whose value is of type V, listed by name. */
function fieldEnum<K extends string>(fields: readonly [K, ...K[]]) {
  return z.enum(
    fields,
    message(`必须是登记表字段之一：${fields.join('、')}`, `must be a registry field: ${fields.join(', ')}`),
  );
}

/** 是/否 registry cells. */
export const ZFlagField = fieldEnum<FieldOf<boolean | null>>([
  'classified',
  'internalUseOnly',
  'hasDataResources',
  'hasVideoInfrastructure',
  'hasMobileChannel',
  'govServiceSystem',
  'isApplicationPlatform',
  'buildsCloudOrDataCentre',
  'buildsServicePlatform',
  'standaloneMobileApp',
  'procurementFiled',
  'acceptanceFiled',
  'securityPlan',
  'omPlan',
  'supplementaryPlan',
]);

/** Document references and dates of the registry: on record when not blank. */
export const ZRecordField = fieldEnum<FieldOf<string | null>>([
  'expertReviewRef',
  'supervisionContractRef',
  'financialReviewRef',
  'technicalReviewRef',
  'securityPrereviewRef',
  'cryptoPrereviewRef',
  'reliabilityPrereviewRef',
  'eArchivePrereviewRef',
  'caseByCaseDecision',
  'cloudExemptionRef',
  'approvedOn',
  'acceptedOn',
  'preliminaryAcceptanceOn',
  'trialStartOn',
  'trialEndOn',
  'acceptanceAppliedOn',
]);

/** Either kind of registry cell a condition may test. */
export const ZRegistryField = z.union(
  [ZFlagField, ZRecordField],
  message('必须是登记表字段', 'must be a registry field'),
);
