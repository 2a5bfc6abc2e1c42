import { z } from 'zod';
import { ZDivisionCode, ZProjectCode } from './common';
import { isValidCreditCode } from './credit-code';

/**
 * A policy pack's id, e.g. `yueyang`. Which packs exist is not a contract: the hub loads them from
 * pack files (`@hub/rules` `packIds()`), so a third city needs no change here.
 */
export type PolicyPackId = string;
export const ZPolicyPackId = z.string().regex(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/, {
  error:
    '政策包标识须为小写字母、数字和连字符，如 yueyang / a pack id is lowercase words joined by hyphens, e.g. yueyang',
});

export const PROJECT_CATEGORIES = ['基础设施', '软件开发', '运维运营', '综合'] as const;
export const PROJECT_DOMAINS = ['协同办公', '智慧教育', '智慧医疗', '智慧应急', '政务服务', '其他'] as const;

/**
 * Bounds of a project's fields, in UTF-16 units as spreadsheets count a cell: several times what a
 * real plan writes (a 项目名称 or 文号 rarely passes 60 characters) and far below the 32,767
 * characters an xlsx cell holds, so every stored project can be exported again.
 */
export const PROJECT_LIMITS = {
  /** 项目名称, 建设单位 */
  nameLength: 200,
  /** 一事一议文号, 不上云例外文号 and the review, contract and pre-review references */
  documentRefLength: 200,
  /** one 信息系统名称 */
  systemNameLength: 100,
  /** 信息系统名称 of one project */
  systemNames: 100,
  /** digits before the decimal point of 总投资(万元): below 100 亿万元, and within the column's 12 */
  investmentIntegerDigits: 10,
  /** 运维期(月): a hundred years */
  omPeriodMonths: 1200,
} as const;

const ZName = z.string().min(1).max(PROJECT_LIMITS.nameLength);
const ZDocumentRef = z.string().max(PROJECT_LIMITS.documentRefLength).nullable();

/** A calendar date as `yyyy-MM-dd` (registry dates carry no time of day). */
export const ZCalendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'date must be yyyy-MM-dd')
  .refine((d) => new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d, 'not a calendar date');

/**
 * A project as the hub holds it: every field of the registry workbook (project-registry.md), already
 * parsed and validated. Optional 是/否 columns are `null` when the cell was empty.
 */
export const ZProject = z.object({
  /** 项目编码 */
  code: ZProjectCode,
  /** 项目名称 */
  name: ZName,
  /** 建设单位 */
  unitName: ZName,
  /** 统一社会信用代码 */
  unitCode: z
    .string()
    .refine(isValidCreditCode, 'credit code must be 18 characters with a valid check character'),
  /** 所属区划 */
  region: ZDivisionCode,
  /** 适用办法 */
  policyPack: ZPolicyPackId,
  /** 总投资(万元), decimal string to keep the exact figure */
  investment: z.string().regex(new RegExp(`^\\d{1,${PROJECT_LIMITS.investmentIntegerDigits}}(\\.\\d+)?$`)),
  /** 项目类型 */
  category: z.enum(PROJECT_CATEGORIES),
  /** 业务领域 */
  domain: z.enum(PROJECT_DOMAINS),
  /** 信息系统名称 */
  systemNames: z
    .array(z.string().min(1).max(PROJECT_LIMITS.systemNameLength))
    .min(1)
    .max(PROJECT_LIMITS.systemNames),
  /** 计划年度 */
  planYear: z.number().int().min(1000).max(9999).nullable(),
  /** 是否增补计划 */
  supplementaryPlan: z.boolean().nullable(),
  /** 一事一议文号 */
  caseByCaseDecision: ZDocumentRef,
  /** 是否涉密 */
  classified: z.boolean(),
  /** 是否单位内部设备 */
  internalUseOnly: z.boolean(),
  /** 是否政务服务系统 */
  govServiceSystem: z.boolean(),
  /** 是否有移动端 */
  hasMobileChannel: z.boolean(),
  /** 是否独立移动应用 */
  standaloneMobileApp: z.boolean().nullable(),
  /** 是否含视频设施 */
  hasVideoInfrastructure: z.boolean(),
  /** 是否新建云或数据中心 */
  buildsCloudOrDataCentre: z.boolean().nullable(),
  /** 是否新建政务服务平台 */
  buildsServicePlatform: z.boolean().nullable(),
  /** 是否有数据资源 */
  hasDataResources: z.boolean(),
  /** 是否应用平台 */
  isApplicationPlatform: z.boolean().nullable(),
  /** 不上云例外文号 */
  cloudExemptionRef: ZDocumentRef,
  /** 立项日期 */
  approvedOn: ZCalendarDate.nullable(),
  /** 合同签订日期 */
  contractSignedOn: ZCalendarDate.nullable(),
  /** 初步验收日期 */
  preliminaryAcceptanceOn: ZCalendarDate.nullable(),
  /** 试运行开始 */
  trialStartOn: ZCalendarDate.nullable(),
  /** 试运行结束 */
  trialEndOn: ZCalendarDate.nullable(),
  /** 竣工验收申请日期 */
  acceptanceAppliedOn: ZCalendarDate.nullable(),
  /** 专家评审 */
  expertReviewRef: ZDocumentRef,
  /** 技术评审 */
  technicalReviewRef: ZDocumentRef,
  /** 财政评审 */
  financialReviewRef: ZDocumentRef,
  /** 监理合同 */
  supervisionContractRef: ZDocumentRef,
  /** 采购文件备案 */
  procurementFiled: z.boolean().nullable(),
  /** 运维期(月) */
  omPeriodMonths: z.number().int().nonnegative().max(PROJECT_LIMITS.omPeriodMonths).nullable(),
  /** 安全保障方案 */
  securityPlan: z.boolean().nullable(),
  /** 运维方案 */
  omPlan: z.boolean().nullable(),
  /** 网络安全审查 */
  securityPrereviewRef: ZDocumentRef,
  /** 密码应用方案 */
  cryptoPrereviewRef: ZDocumentRef,
  // Columns added to the workbook later: absent from older files, so empty by default.
  /** 竣工验收日期: the day completion acceptance passed */
  acceptedOn: ZCalendarDate.nullable().default(null),
  /** 安全可靠审查 (Chenzhou 第九条) */
  reliabilityPrereviewRef: ZDocumentRef.default(null),
  /** 电子档案审查 (Chenzhou 第九条) */
  eArchivePrereviewRef: ZDocumentRef.default(null),
  /** 验收资料备案 (Yueyang 第二十五条(一), 第二十七条) */
  acceptanceFiled: z.boolean().nullable().default(null),
});
export type TProject = z.infer<typeof ZProject>;
