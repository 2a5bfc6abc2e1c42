import { REVIEW_DOMAIN_TITLES, type ReviewDomain, type Text } from '@hub/rules';
import { Workbook, type CellValue, type PageSetup, type Worksheet } from 'exceljs';
import { formatBeijingTime, investmentNumber, spreadsheetDate } from './format';
import { BASIS_LABELS, LABELS, REVIEW_DOMAINS, VERDICT_LABELS, VERDICT_ORDER, say } from './labels';
import type { OpinionDocument, OpinionFinding, OpinionLanguage, OpinionRenderOptions } from './opinion.types';
import {
  changeNote,
  comparisonGroups,
  comparisonLine,
  disputeNote,
  documentNoLine,
  exemptionNote,
  findingsOfDomain,
  opinionConclusion,
  packLine,
  RECTIFICATION_COLUMNS,
  rectificationDescription,
  rectificationProgress,
  rectificationTables,
  regionLine,
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
  value: (f: OpinionFinding, lang: OpinionLanguage) => string;
  /** an English column, left out of a Chinese-only workbook */
  english?: true;
}

/** Evidence records are joined with a newline in each evidence column: line n of each is record n. */
const EVIDENCE_SEPARATOR = '\n';

/** The columns of a domain sheet, one row per finding. */
export const FINDING_COLUMNS: readonly FindingColumn[] = [
  { key: 'ruleId', header: LABELS.ruleId, width: 22, value: (f) => f.ruleId },
  { key: 'titleZh', header: LABELS.ruleTitle, width: 24, value: (f) => f.title.zh },
  {
    key: 'titleEn',
    header: { zh: '审查事项（英文）', en: 'Obligation (English)' },
    width: 24,
    value: (f) => f.title.en,
    english: true,
  },
  { key: 'clause', header: LABELS.clause, width: 14, value: (f) => f.clause },
  {
    key: 'basis',
    header: { zh: '依据类型', en: 'Basis' },
    width: 14,
    value: (f, lang) => say(BASIS_LABELS[f.basis], lang),
  },
  { key: 'severity', header: LABELS.severity, width: 9, value: (f, lang) => say(severityLabel(f), lang) },
  { key: 'verdict', header: LABELS.verdict, width: 14, value: (f, lang) => say(verdictLabel(f), lang) },
  { key: 'verdictCode', header: { zh: '结论代码', en: 'Verdict code' }, width: 12, value: (f) => f.verdict },
  { key: 'reasonZh', header: LABELS.reason, width: 40, value: (f) => f.reason.zh },
  {
    key: 'reasonEn',
    header: { zh: '理由（英文）', en: 'Reason (English)' },
    width: 40,
    value: (f) => f.reason.en,
    english: true,
  },
  {
    key: 'evidenceSource',
    header: LABELS.evidenceSource,
    width: 26,
    value: (f) =>
      f.evidence.map((e) => `${e.sourceTitle.zh} (${e.source} · ${e.kind})`).join(EVIDENCE_SEPARATOR),
  },
  {
    key: 'evidenceRecordId',
    header: LABELS.evidenceRecordId,
    width: 22,
    value: (f) => f.evidence.map((e) => e.externalId).join(EVIDENCE_SEPARATOR),
  },
  {
    key: 'evidenceFetchedAt',
    header: LABELS.evidenceFetchedAt,
    width: 24,
    value: (f) => f.evidence.map((e) => formatBeijingTime(e.fetchedAt)).join(EVIDENCE_SEPARATOR),
  },
  {
    key: 'evidenceHash',
    header: LABELS.evidenceHash,
    width: 66,
    value: (f) => f.evidence.map((e) => e.contentHash).join(EVIDENCE_SEPARATOR),
  },
  { key: 'exemption', header: LABELS.exemption, width: 28, value: (f, lang) => exemptionNote(f, lang) ?? '' },
  { key: 'dispute', header: LABELS.dispute, width: 28, value: (f, lang) => disputeNote(f, lang) ?? '' },
  { key: 'change', header: LABELS.change, width: 18, value: (f, lang) => changeNote(f, lang) ?? '' },
];

/** The columns a workbook in `lang` has: the English ones only in a bilingual workbook. */
export function findingColumns(lang: OpinionLanguage): FindingColumn[] {
  return FINDING_COLUMNS.filter((c) => lang === 'bilingual' || !c.english);
}

const HEADER_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEEF1F5' } } as const;
const DATE_TIME_FORMAT = 'yyyy-mm-dd hh:mm';
const DATE_FORMAT = 'yyyy-mm-dd';
const AMOUNT_FORMAT = '#,##0.00';

/**
 * A4, fitted to one page wide with as many pages down as it takes, margins in inches (binding side
 * wider), centred across the page, page numbers in the footer.
 */
function printSetup(sheet: Worksheet, setup: Partial<PageSetup>): void {
  sheet.pageSetup = {
    paperSize: 9, // A4
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.9, right: 0.6, top: 0.7, bottom: 0.7, header: 0.3, footer: 0.3 },
    ...setup,
  };
  sheet.headerFooter = { oddFooter: '&C第 &P 页 共 &N 页' };
}

function styleHeaderRow(sheet: Worksheet, rowNumber: number): void {
  const row = sheet.getRow(rowNumber);
  row.font = { bold: true };
  row.alignment = { vertical: 'top', wrapText: true };
  row.eachCell((cell) => {
    cell.fill = HEADER_FILL;
  });
}

/** A label and its value, the value stored as what it is: text, a number with its format, a date. */
type Value = string | number | { date: string; format: string } | { amount: string };

function cellValue(value: Value): { value: CellValue; numFmt?: string } {
  if (typeof value === 'string' || typeof value === 'number') return { value };
  if ('amount' in value) {
    const amount = investmentNumber(value.amount);
    return amount === null ? { value: value.amount } : { value: amount, numFmt: AMOUNT_FORMAT };
  }
  const date = spreadsheetDate(value.date);
  return date === null ? { value: value.date } : { value: date, numFmt: value.format };
}

function addSummarySheet(workbook: Workbook, doc: OpinionDocument, lang: OpinionLanguage): void {
  const sheet = workbook.addWorksheet(OPINION_SUMMARY_SHEET);
  sheet.columns = [{ width: 24 }, { width: 52 }, { width: 22 }, { width: 18 }, { width: 14 }, { width: 36 }];
  printSetup(sheet, { orientation: 'portrait' });
  const t = (text: Text) => say(text, lang);
  const title = sheet.addRow([doc.issuer.title]);
  title.font = { bold: true, size: 14 };
  const pair = (label: string, value: Value) => {
    const row = sheet.addRow([label]);
    const { value: v, numFmt } = cellValue(value);
    const cell = row.getCell(2);
    cell.value = v;
    if (numFmt) cell.numFmt = numFmt;
    // Numbers and dates read left like the text around them, as the printed opinion shows them.
    cell.alignment = { horizontal: 'left', vertical: 'top', wrapText: true };
    return row;
  };
  const block = (label: Text) => {
    sheet.addRow([]);
    const row = sheet.addRow([`■ ${t(label)}`]);
    row.font = { bold: true };
  };
  const beijing = (label: Text) => `${t(label)}（北京时间）`;

  pair(t(LABELS.issuer), doc.issuer.office);
  pair(t(LABELS.documentNo), documentNoLine(doc, lang));
  pair(t(LABELS.reviewId), doc.reviewNo);

  const p = doc.project;
  block(LABELS.projectBlock);
  pair(t(LABELS.projectName), p.name);
  pair(t(LABELS.projectCode), p.code);
  pair(t(LABELS.region), regionLine(doc, lang));
  pair(t(LABELS.unitName), p.unitName);
  pair(t(LABELS.unitCode), p.unitCode);
  pair(t(LABELS.investment), { amount: p.investment });
  pair(t(LABELS.pack), packLine(doc, lang));

  block(LABELS.checkBlock);
  pair(t(LABELS.checkRunId), doc.checkRunId);
  pair(beijing(LABELS.checkedAt), { date: doc.checkedAt, format: DATE_TIME_FORMAT });
  pair(beijing(LABELS.generatedAt), { date: doc.generatedAt, format: DATE_TIME_FORMAT });

  const conclusion = opinionConclusion(doc);
  block(LABELS.conclusion);
  pair(t(LABELS.conclusion), t(conclusion.headline));
  pair(t(LABELS.readiness), t(conclusion.readiness));
  pair(t(LABELS.blockingRules), conclusion.blockingRuleIds.join('\n'));
  if (doc.remarks?.conclusion) pair(t(LABELS.conclusionRemark), doc.remarks.conclusion);

  const remarks = doc.sections.flatMap((s) => {
    const remark = sectionRemark(s);
    return remark ? [[s.title, remark] as const] : [];
  });
  if (remarks.length) {
    block(LABELS.remark);
    for (const [title, remark] of remarks) pair(t(title), remark);
  }

  block(LABELS.counts);
  for (const verdict of VERDICT_ORDER) pair(t(VERDICT_LABELS[verdict]), doc.counts[verdict] ?? 0);
  pair(
    t(LABELS.total),
    VERDICT_ORDER.reduce((sum, v) => sum + (doc.counts[v] ?? 0), 0),
  );

  if (doc.comparison) {
    block(LABELS.comparison);
    pair(t(LABELS.previousCheck), doc.comparison.previousCheckRunId);
    const groups = comparisonGroups(doc);
    for (const [label, entries] of groups) pair(t(label), entries.map(comparisonLine).join('\n'));
    if (groups.length === 0) pair(t(LABELS.comparisonChanged), t(LABELS.comparisonNone));
  }

  block(LABELS.decision);
  const decision = doc.status === 'decided' ? doc.decision : null;
  pair(t(LABELS.decision), decision ? t(decision.title) : t(LABELS.notSigned));
  pair(t(LABELS.decidedBy), decision?.reviewerName ?? '');
  pair(beijing(LABELS.decidedAt), decision ? { date: decision.decidedAt, format: DATE_TIME_FORMAT } : '');
  pair(t(LABELS.comments), doc.decision?.comments ?? '');

  const override = doc.decision?.override;
  if (override) {
    block(LABELS.override);
    pair(t(LABELS.overrideReason), override.reason);
    pair(t(LABELS.overrideRules), override.ruleIds.join('\n'));
  }

  block(LABELS.rectification);
  for (const { caption, items } of rectificationTables(doc)) {
    if (caption) sheet.addRow([t(caption)]).font = { bold: true };
    const header = sheet.addRow(RECTIFICATION_COLUMNS.map(t));
    styleHeaderRow(sheet, header.number);
    items.forEach((item, i) => {
      const deadline = cellValue({ date: item.deadline, format: DATE_FORMAT });
      const row = sheet.addRow([
        i + 1,
        rectificationDescription(item, lang),
        item.ruleId ?? '',
        item.owner,
        deadline.value,
        rectificationProgress(item, lang).join('\n'),
      ]);
      if (deadline.numFmt) row.getCell(5).numFmt = deadline.numFmt;
      row.getCell(1).alignment = { horizontal: 'left', vertical: 'top' };
      if (item.warning) row.getCell(6).font = { bold: true, color: { argb: 'FF8A5A00' } };
    });
  }

  sheet.eachRow((row) => {
    row.eachCell((cell) => {
      cell.alignment = { vertical: 'top', wrapText: true, ...cell.alignment };
    });
  });
}

function addDomainSheet(
  workbook: Workbook,
  domain: ReviewDomain,
  findings: OpinionFinding[],
  lang: OpinionLanguage,
): void {
  const columns = findingColumns(lang);
  const sheet = workbook.addWorksheet(OPINION_DOMAIN_SHEETS[domain], {
    views: [{ state: 'frozen', ySplit: 1, xSplit: 1 }],
  });
  // A row per finding across a dozen and more columns: only landscape keeps the print legible.
  printSetup(sheet, { orientation: 'landscape', printTitlesRow: '1:1' });
  sheet.columns = columns.map((c) => ({ key: c.key, width: c.width }));
  sheet.addRow(columns.map((c) => say(c.header, lang)));
  styleHeaderRow(sheet, 1);
  for (const finding of findings) {
    const row = sheet.addRow(columns.map((c) => c.value(finding, lang)));
    row.alignment = { vertical: 'top', wrapText: true };
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
}

/**
 * The review opinion as a workbook: a summary sheet (审查概况: issuer and 文号, project, check,
 * conclusion, counts, decision, override, rectification items), then one sheet per review domain,
 * always all five and in the same order, with a row per finding. Several evidence records of a
 * finding are joined with newlines in each evidence column, so line n of every evidence column
 * describes the same record. Amounts and counts are numbers, times and deadlines dates (Beijing time),
 * with their formats; text is text, never a formula. Each sheet prints on A4, one page wide.
 */
export async function renderOpinionXlsx(
  doc: OpinionDocument,
  options: OpinionRenderOptions = {},
): Promise<Buffer> {
  const lang = options.lang ?? 'zh';
  const workbook = new Workbook();
  workbook.creator = '@hub/reports';
  workbook.title = `${doc.issuer.title} ${doc.documentNo ?? doc.reviewNo}`;
  const generatedAt = new Date(doc.generatedAt);
  if (!Number.isNaN(generatedAt.getTime())) workbook.created = workbook.modified = generatedAt;
  addSummarySheet(workbook, doc, lang);
  for (const domain of REVIEW_DOMAINS)
    addDomainSheet(workbook, domain, findingsOfDomain(doc.sections, domain), lang);
  const written = await workbook.xlsx.writeBuffer();
  return Buffer.from(written as ArrayBuffer);
}
