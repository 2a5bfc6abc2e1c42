import type { Text } from '@hub/rules';
import { formatBeijingTime, formatDateOrInstant, shortHash } from './format';
import {
  BASIS_LABELS,
  CHANGE_LABELS,
  DISPUTE_STATUS_LABELS,
  DRAFT_LABEL,
  LABELS,
  READINESS_LABELS,
  SEVERITY_LABELS,
  VERDICT_LABELS,
  WARNING_ONLY_LABEL,
  bilingual,
} from './labels';
import type {
  OpinionComparisonEntry,
  OpinionDocument,
  OpinionEvidence,
  OpinionFinding,
  OpinionSection,
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

/** The project block as label/value pairs, in print order. */
export function projectFields(doc: OpinionDocument): Array<[Text, string]> {
  const p = doc.project;
  return [
    [LABELS.projectName, p.name],
    [LABELS.projectCode, p.code],
    [LABELS.unitName, p.unitName],
    [LABELS.unitCode, p.unitCode],
    [LABELS.region, p.region],
    [LABELS.investment, p.investment],
    [LABELS.pack, packLine(doc)],
  ];
}

/** The check block as label/value pairs, in print order. */
export function checkFields(doc: OpinionDocument): Array<[Text, string]> {
  return [
    [LABELS.checkRunId, doc.checkRunId],
    [LABELS.checkedAt, formatBeijingTime(doc.checkedAt)],
    [LABELS.generatedAt, formatBeijingTime(doc.generatedAt)],
  ];
}

export function packLine(doc: OpinionDocument): string {
  const p = doc.project;
  return `${bilingual(p.packTitle)}（第 ${p.packVersion} 版 / version ${p.packVersion}）`;
}

export function verdictLabel(finding: OpinionFinding): Text {
  return finding.warningOnly && finding.verdict === 'FAIL'
    ? WARNING_ONLY_LABEL
    : VERDICT_LABELS[finding.verdict];
}

export function severityLabel(finding: OpinionFinding): Text {
  return SEVERITY_LABELS[finding.severity];
}

/** The clause with where the rule comes from, e.g. `第六条（本地规定 / local measures）`. */
export function clauseLine(finding: OpinionFinding): string {
  const basis = BASIS_LABELS[finding.basis];
  return finding.clause ? `${finding.clause}（${bilingual(basis)}）` : bilingual(basis);
}

/** One evidence record on one line: source title, record id, fetched at, the hash's first 12 characters. */
export function evidenceLine(evidence: OpinionEvidence): string {
  return [
    bilingual(evidence.sourceTitle),
    `${evidence.kind} ${evidence.externalId}`,
    formatBeijingTime(evidence.fetchedAt),
    `sha256 ${shortHash(evidence.contentHash)}`,
  ].join(' · ');
}

/** The exemption behind a WAIVED verdict: document number, authority, valid until. */
export function exemptionNote(finding: OpinionFinding): string | null {
  const e = finding.exemption;
  if (!e) return null;
  return (
    `${e.documentNo}；${bilingual(LABELS.exemptionAuthority)}: ${e.authority}；` +
    `${bilingual(LABELS.exemptionValidUntil)}: ${formatDateOrInstant(e.validUntil)}`
  );
}

/** The construction unit's dispute: its status, reason and the decision's comment. */
export function disputeNote(finding: OpinionFinding): string | null {
  const d = finding.dispute;
  if (!d) return null;
  const line = `${bilingual(DISPUTE_STATUS_LABELS[d.status])}: ${d.reason}`;
  return d.decisionComment ? `${line}；${bilingual(LABELS.disputeDecision)}: ${d.decisionComment}` : line;
}

/** The change against the previous check of the same project. */
export function changeNote(finding: OpinionFinding): string | null {
  return finding.change ? bilingual(CHANGE_LABELS[finding.change]) : null;
}

/** The exemption, dispute and change notes of a finding, one line each, labelled. */
export function findingNotes(finding: OpinionFinding): string[] {
  const notes: Array<[Text, string | null]> = [
    [LABELS.exemption, exemptionNote(finding)],
    [LABELS.dispute, disputeNote(finding)],
    [LABELS.change, changeNote(finding)],
  ];
  return notes.flatMap(([label, note]) => (note === null ? [] : [`${bilingual(label)}: ${note}`]));
}

/** The reason as printed: Chinese, then English on its own line. */
export function reasonLines(finding: OpinionFinding): string[] {
  return [finding.reason.zh, finding.reason.en].filter((line) => line !== '');
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
