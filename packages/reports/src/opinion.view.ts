import type { Text } from '@hub/rules';
import {
  chineseDate,
  chineseNumericDate,
  formatBeijingTime,
  formatDateOrInstant,
  formatInvestment,
  shortHash,
} from './format';
import {
  BASIS_LABELS,
  CHANGE_LABELS,
  DISPUTE_STATUS_LABELS,
  DRAFT_LABEL,
  LABELS,
  READINESS_LABELS,
  RECTIFICATION_STATUS_LABELS,
  SEVERITY_LABELS,
  VERDICT_LABELS,
  VERDICT_ORDER,
  WARNING_ONLY_LABEL,
  say,
} from './labels';
import type {
  OpinionComparisonEntry,
  OpinionDocument,
  OpinionEvidence,
  OpinionFinding,
  OpinionLanguage,
  OpinionSection,
  RectificationItemView,
} from './opinion.types';

/**
 * What the opinion concludes, derived once so that every format says the same: the signed decision,
 * or a draft with the readiness the check found.
 */
export interface OpinionConclusion {
  decided: boolean;
  /** the decision's title, or 草稿 / draft */
  headline: Text;
  readiness: Text;
  blockingRuleIds: string[];
}

export function opinionConclusion(doc: OpinionDocument): OpinionConclusion {
  const decision = doc.status === 'decided' ? doc.decision : null;
  return {
    decided: decision !== null,
    headline: decision ? decision.title : DRAFT_LABEL,
    readiness: doc.ready ? READINESS_LABELS.ready : READINESS_LABELS.notReady,
    blockingRuleIds: doc.blockingRuleIds,
  };
}

/** Section numbers as a Chinese official document writes them: 一、 and, one level down, （一）. */
const CHINESE_ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

export function ordinal(index: number): string {
  return CHINESE_ORDINALS[index] ?? String(index + 1);
}

/** The 文号 line: the number, or on a draft the note that it is given when the opinion is issued. */
export function documentNoLine(doc: OpinionDocument, lang: OpinionLanguage): string {
  return doc.documentNo ?? say(LABELS.draftDocumentNo, lang, ' ');
}

/** The division as people name it, its code after: 岳阳市岳阳楼区（430602）, 岳阳市（市本级，430600）. */
export function regionLine(doc: OpinionDocument, lang: OpinionLanguage): string {
  const p = doc.project;
  if (!p.regionName) return p.region;
  // A prefecture's own code ends in 00 (GB/T 2260); its counties' do not.
  return p.region.endsWith('00')
    ? `${p.regionName}（${say(LABELS.cityLevel, lang, ' ')}，${p.region}）`
    : `${p.regionName}（${p.region}）`;
}

export function packLine(doc: OpinionDocument, lang: OpinionLanguage): string {
  const p = doc.project;
  const version =
    lang === 'bilingual' ? `第 ${p.packVersion} 版 / version ${p.packVersion}` : `第 ${p.packVersion} 版`;
  return `《${p.packTitle.zh}》（${version}）${lang === 'bilingual' ? ` ${p.packTitle.en}` : ''}`;
}

/** The project block as label/value pairs, in print order. */
export function projectFields(doc: OpinionDocument, lang: OpinionLanguage): Array<[Text, string]> {
  const p = doc.project;
  return [
    [LABELS.projectName, p.name],
    [LABELS.projectCode, p.code],
    [LABELS.region, regionLine(doc, lang)],
    [LABELS.unitName, p.unitName],
    [LABELS.unitCode, p.unitCode],
    [LABELS.investment, formatInvestment(p.investment)],
    [LABELS.pack, packLine(doc, lang)],
  ];
}

/** The check block as label/value pairs, in print order. */
export function checkFields(doc: OpinionDocument): Array<[Text, string]> {
  return [
    [LABELS.checkedAt, formatBeijingTime(doc.checkedAt)],
    [LABELS.checkRunId, doc.checkRunId],
    [LABELS.reviewId, doc.reviewNo],
    [LABELS.generatedAt, formatBeijingTime(doc.generatedAt)],
  ];
}

/** The verdict counts in print order, then their total. */
export function countCells(doc: OpinionDocument): { labels: Text[]; values: number[] } {
  const values = VERDICT_ORDER.map((v) => doc.counts[v] ?? 0);
  return {
    labels: [...VERDICT_ORDER.map((v) => VERDICT_LABELS[v]), LABELS.total],
    values: [...values, values.reduce((a, b) => a + b, 0)],
  };
}

/** The addressee (主送): the construction unit, as a letter-style opinion begins. */
export function addressee(doc: OpinionDocument): string {
  return `${doc.project.unitName}：`;
}

/**
 * The opening paragraph: what was applied for, under which measures it was checked, when, and what
 * the check found, in one sentence a reader can quote.
 */
export function opinionIntro(doc: OpinionDocument): string {
  const p = doc.project;
  const { values } = countCells(doc);
  const [pass, fail, waived, notApplicable, unknown, total] = values;
  const when = chineseNumericDate(doc.checkedAt);
  return (
    `你单位“${p.name}”（项目编码 ${p.code}）竣工验收前技术审查申请收悉。` +
    `我组依据《${p.packTitle.zh}》（第 ${p.packVersion} 版），于 ${when} 对照各相关业务系统的数据对项目进行了检查，` +
    `共检查 ${total} 项：通过 ${pass} 项，不通过 ${fail} 项，豁免 ${waived} 项，不适用 ${notApplicable} 项，无法判断 ${unknown} 项。` +
    `现将审查意见告知如下。`
  );
}

export function verdictLabel(finding: OpinionFinding): Text {
  return finding.warningOnly && finding.verdict === 'FAIL'
    ? WARNING_ONLY_LABEL
    : VERDICT_LABELS[finding.verdict];
}

export function severityLabel(finding: OpinionFinding): Text {
  return SEVERITY_LABELS[finding.severity];
}

/** The clause with where the rule comes from, e.g. `第六条 · 本地规定`. */
export function clauseLine(finding: OpinionFinding, lang: OpinionLanguage): string {
  const basis = say(BASIS_LABELS[finding.basis], lang);
  return finding.clause ? `${finding.clause} · ${basis}` : basis;
}

/** An evidence record's source title in the opinion's language. */
export function evidenceSource(evidence: OpinionEvidence, lang: OpinionLanguage): string {
  return say(evidence.sourceTitle, lang);
}

/** One evidence record on one line: source title, record id, fetched at, the hash's first 12 characters. */
export function evidenceLine(evidence: OpinionEvidence, lang: OpinionLanguage): string {
  return [
    evidenceSource(evidence, lang),
    `${evidence.kind} ${evidence.externalId}`,
    formatBeijingTime(evidence.fetchedAt),
    `sha256 ${shortHash(evidence.contentHash)}`,
  ].join(' · ');
}

/**
 * The evidence records a printed opinion lists with a finding: a rule resting on many records (every
 * resource of a large project) would otherwise fill pages; the workbook and the JSON keep them all.
 */
export const PRINTED_EVIDENCE_LIMIT = 5;

export function evidenceShown(finding: OpinionFinding): { shown: OpinionEvidence[]; more: number } {
  return {
    shown: finding.evidence.slice(0, PRINTED_EVIDENCE_LIMIT),
    more: Math.max(0, finding.evidence.length - PRINTED_EVIDENCE_LIMIT),
  };
}

/** The line that stands for the records left out. */
export function moreEvidence(total: number): Text {
  return {
    zh: `等共 ${total} 条记录（完整清单见 Excel 导出）`,
    en: `${total} records in all (every one in the Excel export)`,
  };
}

/** The exemption behind a WAIVED verdict: document number, authority, valid until. */
export function exemptionNote(finding: OpinionFinding, lang: OpinionLanguage): string | null {
  const e = finding.exemption;
  if (!e) return null;
  return (
    `${e.documentNo}；${say(LABELS.exemptionAuthority, lang)}: ${e.authority}；` +
    `${say(LABELS.exemptionValidUntil, lang)}: ${formatDateOrInstant(e.validUntil)}`
  );
}

/** The construction unit's dispute: its status, reason and the decision's comment. */
export function disputeNote(finding: OpinionFinding, lang: OpinionLanguage): string | null {
  const d = finding.dispute;
  if (!d) return null;
  const line = `${say(DISPUTE_STATUS_LABELS[d.status], lang)}: ${d.reason}`;
  return d.decisionComment ? `${line}；${say(LABELS.disputeDecision, lang)}: ${d.decisionComment}` : line;
}

/** The change against the previous check of the same project. */
export function changeNote(finding: OpinionFinding, lang: OpinionLanguage): string | null {
  return finding.change ? say(CHANGE_LABELS[finding.change], lang) : null;
}

/** The exemption, dispute and change notes of a finding, one line each, labelled. */
export function findingNotes(finding: OpinionFinding, lang: OpinionLanguage): string[] {
  const notes: Array<[Text, string | null]> = [
    [LABELS.exemption, exemptionNote(finding, lang)],
    [LABELS.dispute, disputeNote(finding, lang)],
    [LABELS.change, changeNote(finding, lang)],
  ];
  return notes.flatMap(([label, note]) => (note === null ? [] : [`${say(label, lang)}: ${note}`]));
}

/** The reason as printed: the Chinese, and in a bilingual opinion the English on its own line. */
export function reasonLines(finding: OpinionFinding, lang: OpinionLanguage): string[] {
  const lines = lang === 'bilingual' ? [finding.reason.zh, finding.reason.en] : [finding.reason.zh];
  return lines.filter((line) => line !== '');
}

/** Every finding of a domain across the document's sections (a domain's sheet in the workbook). */
export function findingsOfDomain(
  sections: OpinionSection[],
  domain: OpinionSection['domain'],
): OpinionFinding[] {
  return sections.filter((s) => s.domain === domain).flatMap((s) => s.findings);
}

/** The comparison with the previous check as labelled groups, empty groups left out. */
export function comparisonGroups(doc: OpinionDocument): Array<[Text, OpinionComparisonEntry[]]> {
  const c = doc.comparison;
  if (!c) return [];
  const groups: Array<[Text, OpinionComparisonEntry[]]> = [
    [LABELS.comparisonAdded, c.added],
    [LABELS.comparisonRemoved, c.removed],
    [LABELS.comparisonChanged, c.changed],
  ];
  return groups.filter(([, entries]) => entries.length > 0);
}

/** One compared rule: `YY-CLOUD-DEPLOY 部署在政务云：不通过 → 通过`. */
export function comparisonLine(entry: OpinionComparisonEntry): string {
  const verdict = (v: OpinionComparisonEntry['from']) => (v ? VERDICT_LABELS[v].zh : '—');
  return `${entry.ruleId} ${entry.title.zh}：${verdict(entry.from)} → ${verdict(entry.to)}`;
}

/** The reviewer's remark on a section, if any. */
export function sectionRemark(section: OpinionSection): string | null {
  return section.remark && section.remark.trim() !== '' ? section.remark : null;
}

/**
 * The lines a signed opinion ends with: the reviewer's name beside the signature line, the issuing
 * office over its seal, and the date of issue in Chinese numerals. A draft has neither name nor date:
 * the blanks are left to fill in by hand.
 */
export interface SignatureLines {
  /** the reviewer's name, or '' when there is none to print */
  reviewer: string;
  office: string;
  /** 二〇二六年十二月七日, or the blank 年 月 日 of an unsigned form */
  date: string;
}

export const BLANK_DATE = '　　年　　月　　日';

export function signatureLines(doc: OpinionDocument): SignatureLines {
  const decision = doc.status === 'decided' ? doc.decision : null;
  return {
    reviewer: decision?.reviewerName ?? '',
    office: doc.issuer.office,
    date: decision ? chineseDate(decision.decidedAt) : BLANK_DATE,
  };
}

/** The columns of a rectification table, in every format. */
export const RECTIFICATION_COLUMNS: readonly Text[] = [
  LABELS.rectificationNo,
  LABELS.rectificationDescription,
  LABELS.rectificationRule,
  LABELS.rectificationOwner,
  LABELS.rectificationDeadline,
  LABELS.rectificationStatus,
];

/** 整改内容 as printed: the description, and the review it was carried from. */
export function rectificationDescription(item: RectificationItemView, lang: OpinionLanguage): string {
  return item.carriedFrom
    ? `${item.description}（${say(LABELS.rectificationCarried, lang)} ${item.carriedFrom}）`
    : item.description;
}

/**
 * 完成情况 as printed, line by line: the status; once done, who and when, the note and the file; and
 * the warning when the re-check still fails.
 */
export function rectificationProgress(item: RectificationItemView, lang: OpinionLanguage): string[] {
  const lines = [say(RECTIFICATION_STATUS_LABELS[item.status], lang)];
  if (item.done) {
    lines.push([item.done.by, chineseNumericDate(item.done.at)].filter(Boolean).join(' '));
    if (item.done.note) lines.push(`${say(LABELS.rectificationNote, lang)}：${item.done.note}`);
    if (item.done.attachment)
      lines.push(`${say(LABELS.rectificationAttachment, lang)}：${item.done.attachment}`);
  }
  if (item.warning) lines.push(`⚠ ${say(item.warning, lang)}`);
  return lines;
}

/** The rectification tables of an opinion: its own items, then the previous review's done ones. */
export function rectificationTables(
  doc: OpinionDocument,
): Array<{ caption: Text | null; items: RectificationItemView[] }> {
  return [
    { caption: null, items: doc.rectification },
    ...(doc.rectificationHistory.length > 0
      ? [{ caption: LABELS.rectificationHistory, items: doc.rectificationHistory }]
      : []),
  ];
}
