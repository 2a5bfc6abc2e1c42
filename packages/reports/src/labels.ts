import { VERDICTS, type Text, type Verdict } from '@hub/rules';
import type { OpinionFinding, OpinionLanguage } from './opinion.types';

/** The heading every format prints when the city's own title is not known. */
export const OPINION_TITLE: Text = { zh: '政务信息化项目技术审查意见', en: 'Technical review opinion' };

/** The review domains in the order the opinion prints its sections and the workbook its sheets. */
export { REVIEW_DOMAINS } from '@hub/rules';

// The words every format prints for verdicts, severities, bases and statuses are the vocabulary's.
export {
  BASIS_LABELS,
  DISPUTE_STATUS_LABELS,
  READINESS_LABELS,
  RECTIFICATION_STATUS_LABELS,
  SEVERITY_LABELS,
  VERDICT_LABELS,
  WARNING_ONLY_LABEL,
} from '@hub/vocabulary';

/** The verdicts in the order counts are printed. */
export const VERDICT_ORDER: readonly Verdict[] = VERDICTS;

export const CHANGE_LABELS: Record<NonNullable<OpinionFinding['change']>, Text> = {
  new: { zh: '较上次检查新增', en: 'new since the previous check' },
  fixed: { zh: '较上次检查已整改', en: 'fixed since the previous check' },
  'still-failing': { zh: '上次检查亦未通过', en: 'still failing' },
  unchanged: { zh: '与上次检查相同', en: 'unchanged' },
};

export const DRAFT_LABEL: Text = { zh: '草稿', en: 'draft' };

/** Field and block labels shared by every format. */
export const LABELS = {
  documentNo: { zh: '文号', en: 'Document No.' },
  draftDocumentNo: { zh: '（草稿，签发时编号）', en: '(draft: numbered when issued)' },
  reviewId: { zh: '审查编号', en: 'Review No.' },
  issuer: { zh: '发文机关', en: 'Issued by' },
  projectBlock: { zh: '项目基本情况', en: 'Project' },
  projectName: { zh: '项目名称', en: 'Project name' },
  projectCode: { zh: '项目编码', en: 'Project code' },
  unitName: { zh: '建设单位', en: 'Construction unit' },
  unitCode: { zh: '统一社会信用代码', en: 'Unified social credit code' },
  region: { zh: '所属区划', en: 'Region' },
  cityLevel: { zh: '市本级', en: 'city level' },
  investment: { zh: '总投资（万元）', en: 'Total investment (10,000 CNY)' },
  pack: { zh: '审查依据', en: 'Policy pack' },
  checkBlock: { zh: '检查', en: 'Check' },
  checkRunId: { zh: '检查批次', en: 'Check run' },
  checkedAt: { zh: '检查时间', en: 'Checked at' },
  generatedAt: { zh: '生成时间', en: 'Generated at' },
  conclusion: { zh: '审查结论', en: 'Conclusion' },
  readiness: { zh: '验收条件', en: 'Readiness' },
  blockingRules: { zh: '阻断项', en: 'Blocking rules' },
  none: { zh: '无', en: 'none' },
  counts: { zh: '检查结果统计', en: 'Verdict counts' },
  total: { zh: '合计', en: 'Total' },
  findingsBlock: { zh: '分领域审查意见', en: 'Findings by review domain' },
  ruleId: { zh: '规则编号', en: 'Rule' },
  ruleTitle: { zh: '审查事项', en: 'Obligation' },
  clause: { zh: '条款依据', en: 'Clause' },
  severity: { zh: '严重程度', en: 'Severity' },
  verdict: { zh: '结论', en: 'Verdict' },
  reason: { zh: '理由', en: 'Reason' },
  evidence: { zh: '证据', en: 'Evidence' },
  notes: { zh: '备注', en: 'Notes' },
  evidenceSource: { zh: '证据来源', en: 'Evidence source' },
  evidenceRecordId: { zh: '记录编号', en: 'Record ID' },
  evidenceFetchedAt: { zh: '获取时间', en: 'Fetched at' },
  evidenceHash: { zh: '内容哈希', en: 'Content hash' },
  noEvidence: { zh: '无证据记录', en: 'no evidence record' },
  noFindings: { zh: '本部分无检查项', en: 'no findings in this section' },
  dispute: { zh: '异议', en: 'Dispute' },
  disputeDecision: { zh: '处理意见', en: 'decision' },
  exemption: { zh: '豁免依据', en: 'Exemption' },
  exemptionAuthority: { zh: '批准机关', en: 'authority' },
  exemptionValidUntil: { zh: '有效期至', en: 'valid until' },
  change: { zh: '变化', en: 'Change' },
  decision: { zh: '审查决定', en: 'Decision' },
  override: { zh: '存在阻断项仍同意验收', en: 'Approved despite blocking findings' },
  overrideReason: { zh: '理由', en: 'Reason' },
  overrideRules: { zh: '涉及规则', en: 'Rules' },
  rectification: { zh: '整改事项', en: 'Rectification items' },
  rectificationNo: { zh: '序号', en: 'No.' },
  rectificationRule: { zh: '对应规则', en: 'Rule' },
  rectificationDescription: { zh: '整改内容', en: 'Description' },
  rectificationDeadline: { zh: '整改期限', en: 'Deadline' },
  rectificationStatus: { zh: '完成情况', en: 'Progress' },
  rectificationOwner: { zh: '责任单位', en: 'Responsible' },
  rectificationNote: { zh: '说明', en: 'note' },
  rectificationAttachment: { zh: '附件', en: 'attachment' },
  rectificationCarried: { zh: '转自', en: 'carried from' },
  rectificationHistory: {
    zh: '上次审查已完成的整改事项（本次复查）',
    en: 'Items done after the previous review (re-checked now)',
  },
  noRectification: { zh: '无整改事项', en: 'no rectification items' },
  comments: { zh: '其他说明', en: 'Comments' },
  remark: { zh: '审查意见', en: 'Reviewer remarks' },
  conclusionRemark: { zh: '结论意见', en: 'Concluding remarks' },
  remarksBy: { zh: '意见编辑', en: 'Remarks by' },
  comparison: { zh: '与上次检查对比', en: 'Compared with the previous check' },
  previousCheck: { zh: '上次检查批次', en: 'Previous check run' },
  comparisonAdded: { zh: '新增检查项', en: 'Added' },
  comparisonRemoved: { zh: '不再检查', en: 'Removed' },
  comparisonChanged: { zh: '结论变化', en: 'Changed' },
  comparisonNone: { zh: '与上次检查相比无变化', en: 'no change since the previous check' },
  decidedBy: { zh: '审查人', en: 'Reviewed by' },
  decidedAt: { zh: '签署时间', en: 'Signed at' },
  notSigned: { zh: '（未签署）', en: '(not signed)' },
  signature: { zh: '审查人（签字）', en: 'Reviewer (signature)' },
  seal: { zh: '（盖章）', en: '(seal)' },
  date: { zh: '日期', en: 'Date' },
  page: { zh: '页', en: 'Page' },
} satisfies Record<string, Text>;

/** `中文 / English`: how a label is printed in both languages. */
export function bilingual(text: Text, separator = ' / '): string {
  return text.en ? `${text.zh}${separator}${text.en}` : text.zh;
}

/** A label as an opinion in `lang` prints it: the Chinese alone, or `中文 / English`. */
export function say(text: Text, lang: OpinionLanguage, separator = ' / '): string {
  return lang === 'bilingual' ? bilingual(text, separator) : text.zh;
}
