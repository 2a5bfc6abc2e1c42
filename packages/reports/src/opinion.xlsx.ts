import { REVIEW_DOMAIN_TITLES, type ReviewDomain, type Text } from '@hub/rules';
import { Workbook, type Worksheet } from 'exceljs';
import { formatBeijingTime, formatDateOrInstant } from './format';
import {
  BASIS_LABELS,
  LABELS,
  OPINION_TITLE,
  RECTIFICATION_STATUS_LABELS,
  REVIEW_DOMAINS,
  VERDICT_LABELS,
  VERDICT_ORDER,
  bilingual,
} from './labels';
import type { OpinionDocument, OpinionFinding } from './opinion.types';
import {
  changeNote,
  checkFields,
  comparisonGroups,
  comparisonLine,
  disputeNote,
  exemptionNote,
  findingsOfDomain,
  opinionConclusion,
  projectFields,
  sectionRemark,
  severityLabel,
  verdictLabel,
} from './opinion.view';

/** The summary sheet's name. */
export const OPINION_SUMMARY_SHEET = '审查概况';

/** The sheet of each review domain: its Chinese title (政务云资源集约应用, 数据共享, …). */
export const OPINION_DOMAIN_SHEETS: Record<ReviewDomain, string> = Object.fromEntries(
  REVIEW_DOMAINS.map((d) => [d, REVIEW_DOMAIN_TITLES[d].zh]),
) as Record<ReviewDomain, string>;

/** A column of a domain sheet: header, width and the finding's value. */
interface FindingColumn {
  key: string;
  header: Text;
  width: number;
  value: (f: OpinionFinding) => string;
}

/** Evidence records are joined with a newline in each evidence column: line n of each is record n. */
const EVIDENCE_SEPARATOR = '\n';

/** The columns of a domain sheet, one row per finding. */
export const FINDING_COLUMNS: readonly FindingColumn[] = [
  { key: 'ruleId', header: LABELS.ruleId, width: 24, value: (f) => f.ruleId },
  { key: 'titleZh', header: LABELS.ruleTitle, width: 30, value: (f) => f.title.zh },
  {
    key: 'titleEn',
    header: { zh: '规则名称（英文）', en: 'Title (English)' },
    width: 30,
    value: (f) => f.title.en,
  },
  { key: 'clause', header: LABELS.clause, width: 14, value: (f) => f.clause },
  {
    key: 'basis',
    header: { zh: '依据类型', en: 'Basis' },
    width: 22,
    value: (f) => bilingual(BASIS_LABELS[f.basis]),
  },
  { key: 'severity', header: LABELS.severity, width: 14, value: (f) => bilingual(severityLabel(f)) },
  { key: 'verdict', header: LABELS.verdict, width: 22, value: (f) => bilingual(verdictLabel(f)) },
  { key: 'verdictCode', header: { zh: '结论代码', en: 'Verdict code' }, width: 16, value: (f) => f.verdict },
  { key: 'reasonZh', header: LABELS.reason, width: 44, value: (f) => f.reason.zh },
  {
    key: 'reasonEn',
    header: { zh: '理由（英文）', en: 'Reason (English)' },
    width: 44,
    value: (f) => f.reason.en,
  },
  {
    key: 'evidenceSource',
    header: LABELS.evidenceSource,
    width: 34,
    value: (f) =>
      f.evidence.map((e) => `${e.sourceTitle.zh} (${e.source} · ${e.kind})`).join(EVIDENCE_SEPARATOR),
  },
  {
    key: 'evidenceRecordId',
    header: LABELS.evidenceRecordId,
    width: 26,
    value: (f) => f.evidence.map((e) => e.externalId).join(EVIDENCE_SEPARATOR),
  },
  {
    key: 'evidenceFetchedAt',
    header: LABELS.evidenceFetchedAt,
    width: 28,
    value: (f) => f.evidence.map((e) => formatBeijingTime(e.fetchedAt)).join(EVIDENCE_SEPARATOR),
  },
  {
    key: 'evidenceHash',
    header: LABELS.evidenceHash,
    width: 68,
    value: (f) => f.evidence.map((e) => e.contentHash).join(EVIDENCE_SEPARATOR),
  },
  { key: 'exemption', header: LABELS.exemption, width: 30, value: (f) => exemptionNote(f) ?? '' },
  { key: 'dispute', header: LABELS.dispute, width: 30, value: (f) => disputeNote(f) ?? '' },
  { key: 'change', header: LABELS.change, width: 22, value: (f) => changeNote(f) ?? '' },
];

const HEADER_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEEF1F5' } } as const;

function styleHeaderRow(sheet: Worksheet, rowNumber: number): void {
  const row = sheet.getRow(rowNumber);
  row.font = { bold: true };
  row.alignment = { vertical: 'top', wrapText: true };
  row.eachCell((cell) => {
    cell.fill = HEADER_FILL;
  });
}

function addSummarySheet(workbook: Workbook, doc: OpinionDocument): void {
  const sheet = workbook.addWorksheet(OPINION_SUMMARY_SHEET);
  sheet.columns = [{ width: 36 }, { width: 64 }, { width: 40 }, { width: 16 }, { width: 16 }];
  const title = sheet.addRow([bilingual(OPINION_TITLE)]);
  title.font = { bold: true, size: 14 };
  const pair = (label: Text, value: string | number) => sheet.addRow([bilingual(label), value]);
  const block = (label: Text) => {
    sheet.addRow([]);
    const row = sheet.addRow([`■ ${bilingual(label)}`]);
    row.font = { bold: true };
  };

  pair(LABELS.documentNo, doc.documentNo);
  pair(LABELS.reviewId, doc.reviewId);

  block(LABELS.projectBlock);
  for (const [label, value] of projectFields(doc)) pair(label, value);

  block(LABELS.checkBlock);
  for (const [label, value] of checkFields(doc)) pair(label, value);

  const conclusion = opinionConclusion(doc);
  block(LABELS.conclusion);
  pair(LABELS.conclusion, bilingual(conclusion.headline));
  pair(LABELS.readiness, bilingual(conclusion.readiness));
  pair(LABELS.blockingRules, conclusion.blockingRuleIds.join('\n'));
  if (doc.remarks?.conclusion) pair(LABELS.conclusionRemark, doc.remarks.conclusion);

  const remarks = doc.sections.flatMap((s) => {
    const remark = sectionRemark(s);
    return remark ? [[s.title, remark] as const] : [];
  });
  if (remarks.length) {
    block(LABELS.remark);
    for (const [title, remark] of remarks) pair(title, remark);
    if (doc.remarks)
      pair(LABELS.remarksBy, `${doc.remarks.updatedBy} ${formatBeijingTime(doc.remarks.updatedAt)}`);
  }

  block(LABELS.counts);
  for (const verdict of VERDICT_ORDER) pair(VERDICT_LABELS[verdict], doc.counts[verdict] ?? 0);
  pair(
    LABELS.total,
    VERDICT_ORDER.reduce((sum, v) => sum + (doc.counts[v] ?? 0), 0),
  );

  if (doc.comparison) {
    block(LABELS.comparison);
    pair(LABELS.previousCheck, doc.comparison.previousCheckRunId);
    const groups = comparisonGroups(doc);
    for (const [label, entries] of groups) pair(label, entries.map(comparisonLine).join('\n'));
    if (groups.length === 0) pair(LABELS.comparisonChanged, bilingual(LABELS.comparisonNone));
  }

  block(LABELS.decision);
  const decision = doc.status === 'decided' ? doc.decision : null;
  pair(LABELS.decision, decision ? bilingual(decision.title) : bilingual(LABELS.notSigned));
  pair(LABELS.decidedBy, decision?.decidedBy ?? '');
  pair(LABELS.decidedAt, decision ? formatBeijingTime(decision.decidedAt) : '');
  pair(LABELS.comments, doc.decision?.comments ?? '');

  const override = doc.decision?.override;
  if (override) {
    block(LABELS.override);
    pair(LABELS.overrideReason, override.reason);
    pair(LABELS.overrideRules, override.ruleIds.join('\n'));
  }

  block(LABELS.rectification);
  const header = sheet.addRow(
    [
      LABELS.rectificationNo,
      LABELS.rectificationRule,
      LABELS.rectificationDescription,
      LABELS.rectificationDeadline,
      LABELS.rectificationStatus,
    ].map((l) => bilingual(l)),
  );
  styleHeaderRow(sheet, header.number);
  doc.rectification.forEach((item, i) => {
    sheet.addRow([
      i + 1,
      item.ruleId ?? '',
      item.description,
      formatDateOrInstant(item.deadline),
      bilingual(RECTIFICATION_STATUS_LABELS[item.status]),
    ]);
  });

  sheet.eachRow((row) => {
    row.alignment = { vertical: 'top', wrapText: true };
  });
}

function addDomainSheet(workbook: Workbook, domain: ReviewDomain, findings: OpinionFinding[]): void {
  const sheet = workbook.addWorksheet(OPINION_DOMAIN_SHEETS[domain], {
    views: [{ state: 'frozen', ySplit: 1, xSplit: 1 }],
  });
  sheet.columns = FINDING_COLUMNS.map((c) => ({ key: c.key, width: c.width }));
  sheet.addRow(FINDING_COLUMNS.map((c) => bilingual(c.header)));
  styleHeaderRow(sheet, 1);
  for (const finding of findings) {
    const row = sheet.addRow(FINDING_COLUMNS.map((c) => c.value(finding)));
    row.alignment = { vertical: 'top', wrapText: true };
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: FINDING_COLUMNS.length } };
}

/**
 * The review opinion as a workbook: a summary sheet (审查概况: project, check, conclusion, counts,
 * decision, override, rectification items), then one sheet per review domain, always all five and in
 * the same order, with a row per finding. Several evidence records of a finding are joined with
 * newlines in each evidence column, so line n of every evidence column describes the same record.
 * Every value is written as a plain string or number, never as a formula.
 */
export async function renderOpinionXlsx(doc: OpinionDocument): Promise<Buffer> {
  const workbook = new Workbook();
  workbook.creator = '@hub/reports';
  workbook.title = `${OPINION_TITLE.zh} ${doc.documentNo}`;
  const generatedAt = new Date(doc.generatedAt);
  if (!Number.isNaN(generatedAt.getTime())) workbook.created = workbook.modified = generatedAt;
  addSummarySheet(workbook, doc);
  for (const domain of REVIEW_DOMAINS)
    addDomainSheet(workbook, domain, findingsOfDomain(doc.sections, domain));
  const written = await workbook.xlsx.writeBuffer();
  return Buffer.from(written as ArrayBuffer);
}
