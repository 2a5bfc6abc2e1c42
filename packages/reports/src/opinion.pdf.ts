import type { Text } from '@hub/rules';
import type * as PdfMake from 'pdfmake';
import type {
  Content,
  ContentText,
  CustomTableLayout,
  TDocumentDefinitions,
  TableCell,
} from 'pdfmake/interfaces';
import { CJK_FONT_FAMILY, cjkFontFiles } from './cjk-font';
import { formatBeijingTime, formatDateOrInstant, shortHash } from './format';
import {
  BASIS_LABELS,
  LABELS,
  OPINION_TITLE,
  RECTIFICATION_STATUS_LABELS,
  VERDICT_LABELS,
  VERDICT_ORDER,
  bilingual,
} from './labels';
import type { OpinionDocument, OpinionEvidence, OpinionFinding, OpinionSection } from './opinion.types';
import {
  checkFields,
  comparisonGroups,
  comparisonLine,
  findingNotes,
  opinionConclusion,
  projectFields,
  reasonLines,
  sectionRemark,
  severityLabel,
  verdictLabel,
} from './opinion.view';

// pdfmake's module.exports is a class instance whose methods live on its prototype: an ES namespace
// import would copy none of them, and the package declares no default export, so it is required.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pdfmake: typeof PdfMake = require('pdfmake');

const MUTED = '#555555';
const ALERT = '#b00020';
const WARNING = '#8a5a00';
const CHINESE_ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** Thin grey grid with a shaded header row. */
const GRID: CustomTableLayout = {
  hLineWidth: () => 0.5,
  vLineWidth: () => 0.5,
  hLineColor: () => '#999999',
  vLineColor: () => '#999999',
  paddingLeft: () => 3,
  paddingRight: () => 3,
  paddingTop: () => 2,
  paddingBottom: () => 2,
  fillColor: (rowIndex, node) => (rowIndex < (node.table.headerRows ?? 0) ? '#eef1f5' : null),
};

/** Chinese, then the English smaller and grey: on one line, or on the next. */
function bi(text: Text, newline = false): ContentText {
  if (!text.en) return { text: text.zh };
  return { text: [text.zh, newline ? '\n' : ' ', { text: text.en, color: MUTED }] };
}

function headerCell(label: Text): TableCell {
  return { ...bi(label, true), bold: true };
}

function fieldsTable(fields: Array<[Text, string]>): Content {
  return {
    table: {
      widths: [190, '*'],
      body: fields.map(([label, value]): TableCell[] => [{ ...bi(label), fillColor: '#f6f7f9' }, value]),
    },
    layout: GRID,
    fontSize: 9,
  };
}

/**
 * A block heading, `中文  English`. Marked as a headline so that {@link keepHeadingsWithContent} moves
 * it to the next page rather than leave it alone at the foot of one.
 */
function heading(text: Text, prefix = ''): Content {
  return {
    text: [`${prefix}${text.zh}`, { text: `  ${text.en}`, color: MUTED, fontSize: 10, bold: false }],
    style: 'h2',
    headlineLevel: 1,
    margin: [0, 12, 0, 5],
  };
}

/**
 * A heading in the last fifth of a page starts the next one instead. (pdfmake reports a table's
 * repeated header row as on the page where the table was first placed, so "nothing follows on this
 * page" cannot be asked reliably; the position can.)
 */
const keepHeadingsWithContent: TDocumentDefinitions['pageBreakBefore'] = (node) =>
  node.headlineLevel === 1 && node.startPosition.verticalRatio > 0.8;

function evidenceCell(evidence: OpinionEvidence[]): TableCell {
  if (evidence.length === 0) return { text: bilingual(LABELS.noEvidence), color: MUTED };
  return {
    stack: evidence.map((e, i) => ({
      stack: [
        { text: [e.sourceTitle.zh, { text: ` ${e.sourceTitle.en}`, color: MUTED }] },
        { text: `${e.kind} ${e.externalId}`, wordBreak: 'break-all' as const },
        { text: `${formatBeijingTime(e.fetchedAt)} · sha256 ${shortHash(e.contentHash)}` },
      ],
      margin: [0, i === 0 ? 0 : 3, 0, 0] as [number, number, number, number],
    })),
  };
}

function findingRow(f: OpinionFinding): TableCell[] {
  const alert = f.verdict === 'FAIL' || f.verdict === 'UNKNOWN';
  return [
    { text: f.ruleId, noWrap: true },
    bi(f.title, true),
    {
      stack: [f.clause, { text: bilingual(BASIS_LABELS[f.basis]), color: MUTED }].filter(
        (line) => line !== '',
      ),
    },
    { ...bi(severityLabel(f), true), bold: f.severity === 'blocking' },
    {
      ...bi(verdictLabel(f), true),
      color: alert ? (f.warningOnly ? WARNING : ALERT) : undefined,
      bold: alert,
    },
    { stack: reasonLines(f).map((line, i) => ({ text: line, color: i === 0 ? undefined : MUTED })) },
    evidenceCell(f.evidence),
    { stack: findingNotes(f).map((line) => ({ text: line, margin: [0, 0, 0, 2] })) },
  ];
}

/** The reviewer's text under a label, kept as written; nothing when there is none. */
function remarkBlock(label: Text, text: string | null): Content[] {
  if (!text || text.trim() === '') return [];
  return [
    {
      table: { widths: [120, '*'], body: [[{ ...bi(label, true), fillColor: '#f6f7f9' }, text]] },
      layout: GRID,
      fontSize: 9,
      margin: [0, 4, 0, 0],
    },
  ];
}

function comparisonBlock(doc: OpinionDocument): Content[] {
  if (!doc.comparison) return [];
  const groups = comparisonGroups(doc);
  return [
    heading(LABELS.comparison),
    fieldsTable([
      [LABELS.previousCheck, doc.comparison.previousCheckRunId],
      ...groups.map(([label, entries]): [Text, string] => [label, entries.map(comparisonLine).join('\n')]),
    ]),
    ...(groups.length
      ? []
      : [{ text: bilingual(LABELS.comparisonNone), color: MUTED, margin: [0, 3, 0, 0] } as Content]),
  ];
}

function sectionBlock(section: OpinionSection, index: number): Content[] {
  const head = heading(section.title, `${CHINESE_ORDINALS[index] ?? index + 1}、`);
  const remark = remarkBlock(LABELS.remark, sectionRemark(section));
  if (section.findings.length === 0) {
    return [head, { text: bilingual(LABELS.noFindings), color: MUTED }, ...remark];
  }
  const header = [
    LABELS.ruleId,
    LABELS.ruleTitle,
    LABELS.clause,
    LABELS.severity,
    LABELS.verdict,
    LABELS.reason,
    LABELS.evidence,
    LABELS.notes,
  ].map(headerCell);
  return [
    head,
    {
      table: {
        headerRows: 1,
        keepWithHeaderRows: 1,
        widths: ['auto', 86, 70, 36, 50, '*', 200, 100],
        body: [header, ...section.findings.map(findingRow)],
      },
      layout: GRID,
      fontSize: 7.5,
    },
    ...remark,
  ];
}

function conclusionBlock(doc: OpinionDocument): Content[] {
  const c = opinionConclusion(doc);
  return [
    heading(LABELS.conclusion),
    {
      text: [c.headline.zh, { text: `  ${c.headline.en}`, fontSize: 11, bold: false, color: MUTED }],
      fontSize: 16,
      bold: true,
      color: c.decided ? undefined : WARNING,
      margin: [0, 0, 0, 5],
    },
    fieldsTable([
      [LABELS.readiness, bilingual(c.readiness)],
      [
        LABELS.blockingRules,
        c.blockingRuleIds.length ? c.blockingRuleIds.join('、') : bilingual(LABELS.none),
      ],
    ]),
    ...remarkBlock(LABELS.conclusionRemark, doc.remarks?.conclusion ?? null),
  ];
}

function countsBlock(doc: OpinionDocument): Content[] {
  const total = VERDICT_ORDER.reduce((sum, v) => sum + (doc.counts[v] ?? 0), 0);
  return [
    heading(LABELS.counts),
    {
      table: {
        headerRows: 1,
        widths: Array(VERDICT_ORDER.length + 1).fill('*'),
        body: [
          [...VERDICT_ORDER.map((v) => headerCell(VERDICT_LABELS[v])), headerCell(LABELS.total)],
          [...VERDICT_ORDER.map((v) => String(doc.counts[v] ?? 0)), String(total)],
        ],
      },
      layout: GRID,
      fontSize: 9,
    },
  ];
}

function overrideBlock(doc: OpinionDocument): Content[] {
  const override = doc.decision?.override;
  if (!override) return [];
  return [
    heading(LABELS.override),
    fieldsTable([
      [LABELS.overrideReason, override.reason],
      [LABELS.overrideRules, override.ruleIds.join('、')],
    ]),
  ];
}

function rectificationBlock(doc: OpinionDocument): Content[] {
  const head = heading(LABELS.rectification);
  if (doc.rectification.length === 0) {
    return [head, { text: bilingual(LABELS.noRectification), color: MUTED }];
  }
  return [
    head,
    {
      table: {
        headerRows: 1,
        widths: [40, 'auto', '*', 90, 70],
        body: [
          [
            LABELS.rectificationNo,
            LABELS.rectificationRule,
            LABELS.rectificationDescription,
            LABELS.rectificationDeadline,
            LABELS.rectificationStatus,
          ].map(headerCell),
          ...doc.rectification.map((item, i): TableCell[] => [
            String(i + 1),
            { text: item.ruleId ?? '—', noWrap: true },
            item.description,
            formatDateOrInstant(item.deadline),
            bi(RECTIFICATION_STATUS_LABELS[item.status]),
          ]),
        ],
      },
      layout: GRID,
      fontSize: 9,
    },
  ];
}

function signatureBlock(doc: OpinionDocument): Content {
  const decision = doc.status === 'decided' ? doc.decision : null;
  return {
    columns: [
      { width: '*', text: '' },
      {
        width: 'auto',
        stack: [
          {
            text: `${bilingual(LABELS.decidedBy)}：${decision ? decision.decidedBy : bilingual(LABELS.notSigned)}`,
          },
          {
            text: `${bilingual(LABELS.decidedAt)}：${decision ? formatBeijingTime(decision.decidedAt) : ''}`,
          },
        ],
        fontSize: 10.5,
        lineHeight: 1.6,
      },
    ],
    margin: [0, 24, 0, 0],
  };
}

/** The pdfmake document of an opinion (exported for inspection; {@link renderOpinionPdf} prints it). */
export function opinionPdfDefinition(doc: OpinionDocument): TDocumentDefinitions {
  const decision = doc.decision;
  return {
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [36, 36, 36, 40],
    language: 'zh-CN',
    info: {
      title: `${OPINION_TITLE.zh} ${doc.project.name}`,
      subject: `${OPINION_TITLE.en} ${doc.documentNo}`,
      keywords: [doc.documentNo, doc.project.code, doc.checkRunId].join(' '),
      creator: '@hub/reports',
      producer: '@hub/reports (pdfmake)',
    },
    defaultStyle: { font: CJK_FONT_FAMILY, fontSize: 9, lineHeight: 1.15 },
    styles: { h2: { fontSize: 12.5, bold: true } },
    pageBreakBefore: keepHeadingsWithContent,
    footer: (currentPage, pageCount) => ({
      text: `${doc.documentNo}    第 ${currentPage} 页 / 共 ${pageCount} 页 · Page ${currentPage} of ${pageCount}`,
      alignment: 'center',
      fontSize: 8,
      color: MUTED,
      margin: [0, 12, 0, 0],
    }),
    content: [
      { text: OPINION_TITLE.zh, fontSize: 18, bold: true, alignment: 'center' },
      { text: OPINION_TITLE.en, fontSize: 11, color: MUTED, alignment: 'center', margin: [0, 2, 0, 4] },
      {
        text: `${bilingual(LABELS.documentNo)}：${doc.documentNo}`,
        alignment: 'center',
        margin: [0, 0, 0, 4],
      },
      heading(LABELS.projectBlock),
      fieldsTable(projectFields(doc)),
      heading(LABELS.checkBlock),
      fieldsTable(checkFields(doc)),
      ...conclusionBlock(doc),
      ...countsBlock(doc),
      ...comparisonBlock(doc),
      ...doc.sections.flatMap(sectionBlock),
      ...overrideBlock(doc),
      ...rectificationBlock(doc),
      heading(LABELS.comments),
      {
        table: { widths: ['*'], body: [[decision?.comments ? decision.comments : ' ']] },
        layout: GRID,
        fontSize: 9.5,
      },
      signatureBlock(doc),
    ],
  };
}

/**
 * The review opinion as a PDF: the same content as {@link renderOpinionHtml}, A4 landscape, with the
 * Chinese font of {@link CJK_FONT_PACKAGE} embedded as a subset (CID font with a ToUnicode map, so the
 * text can be searched and extracted). No file or URL other than the two font files is read.
 */
export async function renderOpinionPdf(doc: OpinionDocument): Promise<Buffer> {
  const fonts = cjkFontFiles();
  // pdfmake keeps its configuration on one shared instance: set all of it on every call, so that no
  // other user of the instance can leave it pointing at other fonts or open to other files.
  pdfmake.setFonts({
    [CJK_FONT_FAMILY]: {
      normal: fonts.normal,
      bold: fonts.bold,
      italics: fonts.normal,
      bolditalics: fonts.bold,
    },
  });
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((file) => file === fonts.normal || file === fonts.bold);
  return pdfmake.createPdf(opinionPdfDefinition(doc)).getBuffer();
}
