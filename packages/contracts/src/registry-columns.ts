import { PROJECT_LIMITS, type TProject } from './project';

/** How a registry cell is read and written. */
export type RegistryCellType =
  | 'text'
  | 'project-code'
  | 'credit-code'
  | 'division-code'
  | 'policy-pack'
  | 'decimal'
  | 'category'
  | 'domain'
  | 'system-names'
  | 'year'
  | 'yes-no'
  | 'date'
  | 'integer';

export interface RegistryColumn {
  /** the Chinese header of the workbook */
  header: string;
  field: keyof TProject;
  type: RegistryCellType;
  required: boolean;
  /** the longest text a `text` cell may hold */
  maxLength?: number;
  /** the largest value an `integer` cell may hold */
  maxValue?: number;
}

const NAME = { type: 'text', maxLength: PROJECT_LIMITS.nameLength } as const;
const DOCUMENT_REF = { type: 'text', maxLength: PROJECT_LIMITS.documentRefLength } as const;

/** Columns of the project registry workbook (项目台账), in the order the format document lists them. */
export const REGISTRY_COLUMNS: readonly RegistryColumn[] = [
  { header: '项目编码', field: 'code', type: 'project-code', required: true },
  { header: '项目名称', field: 'name', ...NAME, required: true },
  { header: '建设单位', field: 'unitName', ...NAME, required: true },
  { header: '统一社会信用代码', field: 'unitCode', type: 'credit-code', required: true },
  { header: '所属区划', field: 'region', type: 'division-code', required: true },
  { header: '适用办法', field: 'policyPack', type: 'policy-pack', required: true },
  { header: '总投资(万元)', field: 'investment', type: 'decimal', required: true },
  { header: '项目类型', field: 'category', type: 'category', required: true },
  { header: '业务领域', field: 'domain', type: 'domain', required: true },
  { header: '信息系统名称', field: 'systemNames', type: 'system-names', required: true },
  { header: '计划年度', field: 'planYear', type: 'year', required: false },
  { header: '是否增补计划', field: 'supplementaryPlan', type: 'yes-no', required: false },
  { header: '一事一议文号', field: 'caseByCaseDecision', ...DOCUMENT_REF, required: false },
  { header: '是否涉密', field: 'classified', type: 'yes-no', required: true },
  { header: '是否单位内部设备', field: 'internalUseOnly', type: 'yes-no', required: true },
  { header: '是否政务服务系统', field: 'govServiceSystem', type: 'yes-no', required: true },
  { header: '是否有移动端', field: 'hasMobileChannel', type: 'yes-no', required: true },
  { header: '是否独立移动应用', field: 'standaloneMobileApp', type: 'yes-no', required: false },
  { header: '是否含视频设施', field: 'hasVideoInfrastructure', type: 'yes-no', required: true },
  { header: '是否新建云或数据中心', field: 'buildsCloudOrDataCentre', type: 'yes-no', required: false },
  { header: '是否新建政务服务平台', field: 'buildsServicePlatform', type: 'yes-no', required: false },
  { header: '是否有数据资源', field: 'hasDataResources', type: 'yes-no', required: true },
  { header: '是否应用平台', field: 'isApplicationPlatform', type: 'yes-no', required: false },
  { header: '不上云例外文号', field: 'cloudExemptionRef', ...DOCUMENT_REF, required: false },
  { header: '立项日期', field: 'approvedOn', type: 'date', required: false },
  { header: '合同签订日期', field: 'contractSignedOn', type: 'date', required: false },
  { header: '初步验收日期', field: 'preliminaryAcceptanceOn', type: 'date', required: false },
  { header: '试运行开始', field: 'trialStartOn', type: 'date', required: false },
  { header: '试运行结束', field: 'trialEndOn', type: 'date', required: false },
  { header: '竣工验收申请日期', field: 'acceptanceAppliedOn', type: 'date', required: false },
  { header: '竣工验收日期', field: 'acceptedOn', type: 'date', required: false },
  { header: '专家评审', field: 'expertReviewRef', ...DOCUMENT_REF, required: false },
  { header: '技术评审', field: 'technicalReviewRef', ...DOCUMENT_REF, required: false },
  { header: '财政评审', field: 'financialReviewRef', ...DOCUMENT_REF, required: false },
  { header: '监理合同', field: 'supervisionContractRef', ...DOCUMENT_REF, required: false },
  { header: '采购文件备案', field: 'procurementFiled', type: 'yes-no', required: false },
  {
    header: '运维期(月)',
    field: 'omPeriodMonths',
    type: 'integer',
    required: false,
    maxValue: PROJECT_LIMITS.omPeriodMonths,
  },
  { header: '安全保障方案', field: 'securityPlan', type: 'yes-no', required: false },
  { header: '运维方案', field: 'omPlan', type: 'yes-no', required: false },
  { header: '网络安全审查', field: 'securityPrereviewRef', ...DOCUMENT_REF, required: false },
  { header: '密码应用方案', field: 'cryptoPrereviewRef', ...DOCUMENT_REF, required: false },
  { header: '安全可靠审查', field: 'reliabilityPrereviewRef', ...DOCUMENT_REF, required: false },
  { header: '电子档案审查', field: 'eArchivePrereviewRef', ...DOCUMENT_REF, required: false },
  { header: '验收资料备案', field: 'acceptanceFiled', type: 'yes-no', required: false },
];

/** A project written back as registry cells: 是/否 for flags, `;`-joined system names, empty for null. */
export function projectToRegistryCells(project: TProject): Record<string, string> {
  const cells: Record<string, string> = {};
  for (const col of REGISTRY_COLUMNS) {
    const v = project[col.field];
    cells[col.header] =
      v === null || v === undefined
        ? ''
        : typeof v === 'boolean'
          ? v
            ? '是'
            : '否'
          : Array.isArray(v)
            ? v.join(';')
            : String(v);
  }
  return cells;
}
