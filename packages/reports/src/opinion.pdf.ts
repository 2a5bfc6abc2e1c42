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
import { beijingMinutes, chineseNumericDate, shortHash } from './format';
import { LABELS, OPINION_TITLE, say } from './labels';
import type {
  OpinionDocument,
  OpinionEvidence,
  OpinionFinding,
  OpinionLanguage,
  OpinionRenderOptions,
  OpinionSection,
} from './opinion.types';
import {
  addressee,
  checkFields,
  clauseLine,
  comparisonGroups,
  comparisonLine,
  countCells,
  evidenceShown,
  moreEvidence,
  documentNoLine,
  evidenceSource,
  findingNotes,
  opinionConclusion,
  opinionIntro,
  ordinal,
  projectFields,
  reasonLines,
  RECTIFICATION_COLUMNS,
  rectificationDescription,
  rectificationProgress,
  rectificationTables,
  sectionRemark,
  severityLabel,
  signatureLines,
  verdictLabel,
} from './opinion.view';

// pdfmake's module.exports is a class instance whose methods live on its prototype: an ES namespace
// import would copy none of them, and the package declares no default export, so it is required.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pdfmake: typeof PdfMake = require('pdfmake');

const MUTED = '#555555';
const ALERT = '#b00020';
const WARNING = '#8a5a00';
/** the red of an official document's masthead (版头) and its rule */
const MASTHEAD = '#c8161d';

/** A4 portrait in points, and margins that leave room for binding on the left (GB/T 9704 leaves 28 mm). */
const PAGE_WIDTH = 595.28;
const MARGINS: [number, number, number, number] = [71, 56, 51, 56];
const CONTENT_WIDTH = PAGE_WIDTH - MARGINS[0] - MARGINS[2];

/** What each part of an evidence line is, said once above the lines. */
const EVIDENCE_LEGEND: Text = {
  zh: '证据（来源 · 记录 · 获取时间 · 内容哈希前 12 位）',
  en: 'evidence (source · record · fetched at · first 12 of the sha256)',
};

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

/** The pieces of the opinion that depend on its language. */
class Printer {
  constructor(readonly lang: OpinionLanguage) {}

  /** The Chinese; in a bilingual opinion the English after it (or under it), smaller and grey. */
  bi(text: Text, newline = false): ContentText {
    if (this.lang !== 'bilingual' || !text.en) return { text: text.zh };
    return { text: [text.zh, newline ? '\n' : ' ', { text: text.en, color: MUTED, fontSize: 7 }] };
  }

  say(text: Text): string {
    return say(text, this.lang);
  }

  headerCell(label: Text): ContentText {
    return { ...this.bi(label, true), bold: true };
  }

  labelCell(label: Text): ContentText {
    return { ...this.bi(label, true), fillColor: '#f6f7f9' };
  }

  /**
   * Label/value pairs two to a row; a `wide` label takes a row of its own, so that a long name is
   * not squeezed into half the width.
   */
  fieldsGrid(fields: Array<[Text, string]>, wide: readonly Text[]): Content {
    const body: TableCell[][] = [];
    let pending: [Text, string] | null = null;
    const flush = () => {
      if (pending) body.push([this.labelCell(pending[0]), { text: pending[1], colSpan: 3 }, {}, {}]);
      pending = null;
    };
    for (const field of fields) {
      if (wide.includes(field[0])) {
        flush();
        body.push([this.labelCell(field[0]), { text: field[1], colSpan: 3 }, {}, {}]);
      } else if (pending) {
        const [label, value] = pending as [Text, string];
        body.push([this.labelCell(label), value, this.labelCell(field[0]), field[1]]);
        pending = null;
      } else {
        pending = field;
      }
    }
    flush();
    // The right-hand values are the longer ones (a check run's id is 36 characters): a wider column.
    return { table: { widths: [72, '*', 66, 166], body }, layout: GRID, fontSize: 8.5 };
  }

  /** `一、项目基本情况`, kept with what follows it. */
  heading(text: Text, prefix: string): Content {
    return {
      text: [
        `${prefix}${text.zh}`,
        ...(this.lang === 'bilingual'
          ? [{ text: `  ${text.en}`, color: MUTED, fontSize: 9, bold: false }]
          : []),
      ],
      style: 'h2',
      headlineLevel: 1,
      margin: [0, 10, 0, 4],
    };
  }

  subheading(text: Text, prefix: string): Content {
    return {
      text: [
        `${prefix}${text.zh}`,
        ...(this.lang === 'bilingual' ? [{ text: `  ${text.en}`, color: MUTED, bold: false }] : []),
      ],
      style: 'h3',
      headlineLevel: 1,
      margin: [0, 6, 0, 3],
    };
  }

  evidenceLine(e: OpinionEvidence): Content {
    return {
      text: [
        { text: `${evidenceSource(e, this.lang)} · ` },
        { text: `${e.kind} ${e.externalId}`, wordBreak: 'break-all' },
        { text: ` · ${beijingMinutes(e.fetchedAt) ?? e.fetchedAt} · ${shortHash(e.contentHash)}` },
      ],
      color: MUTED,
      fontSize: 6.5,
      margin: [0, 1, 0, 0],
    } as Content;
  }

  /** Reason, then the evidence records one per line, then exemption / dispute / change notes. */
  explanationCell(f: OpinionFinding): TableCell {
    const reason = reasonLines(f, this.lang).map((line, i): Content => ({
      text: line,
      color: i === 0 ? undefined : MUTED,
    }));
    const { shown, more } = evidenceShown(f);
    const evidence: Content[] = f.evidence.length
      ? [
          { text: `${this.say(EVIDENCE_LEGEND)}：`, color: MUTED, fontSize: 6.5, margin: [0, 2, 0, 0] },
          ...shown.map((e) => this.evidenceLine(e)),
          ...(more
            ? [{ text: this.say(moreEvidence(f.evidence.length)), color: MUTED, fontSize: 6.5 } as Content]
            : []),
        ]
      : [];
    const notes = findingNotes(f, this.lang).map((line): Content => ({
      text: line,
      fontSize: 7,
      color: WARNING,
      margin: [0, 2, 0, 0],
    }));
    return { stack: [...reason, ...evidence, ...notes] };
  }

  findingRow(f: OpinionFinding): TableCell[] {
    const alert = f.verdict === 'FAIL' || f.verdict === 'UNKNOWN';
    return [
      { text: f.ruleId, fontSize: 6.5 },
      {
        stack: [
          this.bi(f.title, true),
          { text: clauseLine(f, this.lang), color: MUTED, fontSize: 6.5, margin: [0, 1, 0, 0] },
        ],
      },
      {
        stack: [
          {
            ...this.bi(verdictLabel(f), true),
            color: alert ? (f.warningOnly ? WARNING : ALERT) : undefined,
            bold: alert,
          },
          {
            ...this.bi(severityLabel(f)),
            fontSize: 6.5,
            color: MUTED,
            bold: f.severity === 'blocking',
          },
        ],
      },
      this.explanationCell(f),
    ];
  }

  remark(label: Text, text: string | null): Content[] {
    if (!text || text.trim() === '') return [];
    return [
      {
        table: { widths: [72, '*'], body: [[this.labelCell(label), text]] },
        layout: GRID,
        fontSize: 8.5,
        margin: [0, 4, 0, 0],
      },
    ];
  }

  section(section: OpinionSection, index: number): Content[] {
    const head = this.subheading(section.title, `（${ordinal(index)}）`);
    const remark = this.remark(LABELS.remark, sectionRemark(section));
    if (section.findings.length === 0) {
      return [head, { text: this.say(LABELS.noFindings), color: MUTED }, ...remark];
    }
    const header = [
      this.headerCell(LABELS.ruleId),
      this.headerCell({ zh: '审查事项及依据', en: 'Obligation and clause' }),
      this.headerCell(LABELS.verdict),
      this.headerCell({ zh: '审查说明及证据', en: 'Reason and evidence' }),
    ];
    return [
      head,
      {
        table: {
          headerRows: 1,
          keepWithHeaderRows: 1,
          dontBreakRows: true,
          widths: [58, 92, 50, '*'],
          body: [header, ...section.findings.map((f) => this.findingRow(f))],
        },
        layout: GRID,
        fontSize: 7.5,
        lineHeight: 1.1,
      },
      ...remark,
    ];
  }
}

/**
 * A heading in the last fifth of a page starts the next one instead. (pdfmake reports a table's
 * repeated header row as on the page where the table was first placed, so "nothing follows on this
 * page" cannot be asked reliably; the position can.)
 */
const keepHeadingsWithContent: TDocumentDefinitions['pageBreakBefore'] = (node) =>
  node.headlineLevel === 1 && node.startPosition.verticalRatio > 0.8;

/** 发文机关标志 in red, the 文号 under it, a red rule, then the title. */
function masthead(doc: OpinionDocument, p: Printer, lang: OpinionLanguage): Content[] {
  const bilingualTitle = lang === 'bilingual';
  return [
    {
      text: doc.issuer.office,
      fontSize: 21,
      bold: true,
      color: MASTHEAD,
      alignment: 'center',
      characterSpacing: 1,
    },
    {
      text: [
        ...(bilingualTitle ? [{ text: `${p.say(LABELS.documentNo)}：`, color: MUTED, fontSize: 8 }] : []),
        documentNoLine(doc, lang),
      ],
      alignment: 'center',
      fontSize: 11,
      margin: [0, 10, 0, 4],
    },
    {
      canvas: [
        {
          type: 'line',
          x1: 0,
          y1: 0,
          x2: CONTENT_WIDTH,
          y2: 0,
          lineWidth: 1.6,
          lineColor: MASTHEAD,
        },
      ],
      margin: [0, 0, 0, 12],
    },
    { text: doc.issuer.title, fontSize: 16, bold: true, alignment: 'center' },
    ...(bilingualTitle
      ? [{ text: OPINION_TITLE.en, fontSize: 10, color: MUTED, alignment: 'center' } as Content]
      : []),
    { text: addressee(doc), fontSize: 10.5, margin: [0, 12, 0, 3] },
    { text: opinionIntro(doc), fontSize: 10.5, leadingIndent: 21, lineHeight: 1.45 },
  ];
}

function countsTable(doc: OpinionDocument, p: Printer): Content {
  const { labels, values } = countCells(doc);
  return {
    table: {
      headerRows: 1,
      widths: Array(labels.length).fill('*'),
      body: [
        labels.map((l) => p.headerCell(l)),
        values.map((v) => ({ text: String(v), alignment: 'center' })),
      ],
    },
    layout: GRID,
    fontSize: 8.5,
    margin: [0, 4, 0, 0],
  };
}

function comparisonBlock(doc: OpinionDocument, p: Printer, prefix: string): Content[] {
  if (!doc.comparison) return [];
  const groups = comparisonGroups(doc);
  return [
    p.heading(LABELS.comparison, prefix),
    {
      table: {
        widths: [72, '*'],
        body: [
          [p.labelCell(LABELS.previousCheck), doc.comparison.previousCheckRunId],
          ...groups.map(([label, entries]): TableCell[] => [
            p.labelCell(label),
            entries.map(comparisonLine).join('\n'),
          ]),
        ],
      },
      layout: GRID,
      fontSize: 8.5,
    },
    ...(groups.length
      ? []
      : [{ text: p.say(LABELS.comparisonNone), color: MUTED, margin: [0, 3, 0, 0] } as Content]),
  ];
}

function conclusionBlock(doc: OpinionDocument, p: Printer, prefix: string): Content[] {
  const c = opinionConclusion(doc);
  const override = doc.decision?.override;
  const blocking = c.blockingRuleIds.length ? c.blockingRuleIds.join('、') : p.say(LABELS.none);
  return [
    p.heading(LABELS.conclusion, prefix),
    {
      text: [
        c.headline.zh,
        ...(p.say(c.headline) !== c.headline.zh
          ? [{ text: `  ${c.headline.en}`, fontSize: 10, bold: false, color: MUTED }]
          : []),
      ],
      fontSize: 14,
      bold: true,
      color: c.decided ? undefined : WARNING,
      margin: [0, 0, 0, 4],
    },
    {
      text: [
        `${p.say(LABELS.readiness)}：${p.say(c.readiness)}；`,
        `${p.say(LABELS.blockingRules)}：${blocking}。`,
      ],
      fontSize: 10,
    },
    ...p.remark(LABELS.conclusionRemark, doc.remarks?.conclusion ?? null),
    ...(override
      ? [
          {
            table: {
              widths: [72, '*'],
              body: [
                [{ ...p.labelCell(LABELS.override), colSpan: 2, bold: true, color: ALERT }, {}],
                [p.labelCell(LABELS.overrideReason), override.reason],
                [p.labelCell(LABELS.overrideRules), override.ruleIds.join('、')],
              ],
            },
            layout: GRID,
            fontSize: 8.5,
            margin: [0, 4, 0, 0],
          } as Content,
        ]
      : []),
  ];
}

function rectificationBlock(doc: OpinionDocument, p: Printer, prefix: string): Content[] {
  const head = p.heading(LABELS.rectification, prefix);
  if (doc.rectification.length === 0 && doc.rectificationHistory.length === 0) {
    return [head, { text: p.say(LABELS.noRectification), color: MUTED }];
  }
  return [
    head,
    ...rectificationTables(doc).flatMap(({ caption, items }): Content[] => [
      ...(caption ? [{ text: p.say(caption), bold: true, margin: [0, 6, 0, 3] } as Content] : []),
      items.length === 0
        ? { text: p.say(LABELS.noRectification), color: MUTED }
        : {
            table: {
              headerRows: 1,
              dontBreakRows: true,
              widths: [22, '*', 76, 62, 56, 100],
              body: [
                RECTIFICATION_COLUMNS.map((l) => p.headerCell(l)),
                ...items.map((item, i): TableCell[] => {
                  const lines = rectificationProgress(item, p.lang);
                  const warning = item.warning ? lines.pop()! : null;
                  return [
                    { text: String(i + 1), alignment: 'center' },
                    rectificationDescription(item, p.lang),
                    { text: item.ruleId ?? '—', fontSize: 7 },
                    item.owner,
                    chineseNumericDate(item.deadline),
                    {
                      stack: [
                        ...lines.map((line) => ({ text: line })),
                        ...(warning ? [{ text: warning, color: WARNING, bold: true }] : []),
                      ],
                    },
                  ];
                }),
              ],
            },
            layout: GRID,
            fontSize: 8.5,
          },
    ]),
  ];
}

function commentsBlock(doc: OpinionDocument, p: Printer, prefix: string): Content[] {
  const comments = doc.decision?.comments?.trim();
  if (!comments) return [];
  return [
    p.heading(LABELS.comments, prefix),
    ...comments
      .split('\n')
      .map((line): Content => ({ text: line, fontSize: 10, leadingIndent: 21, lineHeight: 1.4 })),
  ];
}

/**
 * 审查人 with the line to sign on, the issuing office with room for its seal, and the date of issue
 * in Chinese numerals; never split across pages.
 */
function signatureBlock(doc: OpinionDocument, p: Printer): Content {
  const s = signatureLines(doc);
  const line = (width: number): Content => ({
    canvas: [{ type: 'line', x1: 0, y1: 0, x2: width, y2: 0, lineWidth: 0.6 }],
    margin: [0, 1, 0, 0],
  });
  return {
    unbreakable: true,
    margin: [0, 26, 0, 0],
    fontSize: 10.5,
    columns: [
      {
        width: 230,
        stack: [
          { text: [`${p.say(LABELS.decidedBy)}：`, { text: s.reviewer, bold: true }] },
          {
            columns: [
              { width: 'auto', text: `${p.say(LABELS.signature)}：` },
              { width: 110, stack: [{ text: ' ' }, line(110)] },
            ],
            margin: [0, 22, 0, 0],
          },
        ],
      },
      {
        width: '*',
        alignment: 'center',
        stack: [
          { text: `${s.office}${p.say(LABELS.seal)}` },
          { text: ' ', margin: [0, 0, 0, 26] },
          { text: `${p.say(LABELS.date)}：${s.date}` },
        ],
      },
    ],
  };
}

/** The pdfmake document of an opinion (exported for inspection; {@link renderOpinionPdf} prints it). */
export function opinionPdfDefinition(
  doc: OpinionDocument,
  options: OpinionRenderOptions = {},
): TDocumentDefinitions {
  const lang = options.lang ?? 'zh';
  const p = new Printer(lang);
  const blocks: Array<(prefix: string) => Content[]> = [
    (prefix) => [
      p.heading(LABELS.projectBlock, prefix),
      p.fieldsGrid(
        [...projectFields(doc, lang), ...checkFields(doc)],
        [LABELS.projectName, LABELS.unitName, LABELS.pack],
      ),
    ],
    (prefix) => [p.heading(LABELS.counts, prefix), countsTable(doc, p)],
    (prefix) => [p.heading(LABELS.findingsBlock, prefix), ...doc.sections.flatMap((s, i) => p.section(s, i))],
    ...(doc.comparison ? [(prefix: string) => comparisonBlock(doc, p, prefix)] : []),
    (prefix) => conclusionBlock(doc, p, prefix),
    (prefix) => rectificationBlock(doc, p, prefix),
    ...(doc.decision?.comments?.trim() ? [(prefix: string) => commentsBlock(doc, p, prefix)] : []),
  ];
  const running = `${doc.documentNo ?? doc.reviewNo}\u3000${doc.project.name}`;
  return {
    pageSize: 'A4',
    pageOrientation: 'portrait',
    pageMargins: MARGINS,
    language: 'zh-CN',
    info: {
      title: `${doc.issuer.title} ${doc.project.name}`,
      subject: `${OPINION_TITLE.en} ${doc.documentNo ?? doc.reviewNo}`,
      keywords: [doc.documentNo ?? doc.reviewNo, doc.project.code, doc.checkRunId].join(' '),
      creator: '@hub/reports',
      producer: '@hub/reports (pdfmake)',
    },
    defaultStyle: { font: CJK_FONT_FAMILY, fontSize: 9, lineHeight: 1.2 },
    styles: { h2: { fontSize: 11.5, bold: true }, h3: { fontSize: 10, bold: true } },
    pageBreakBefore: keepHeadingsWithContent,
    ...(doc.status === 'draft'
      ? { watermark: { text: '草稿', color: MUTED, opacity: 0.12, bold: true, fontSize: 120 } }
      : {}),
    header: (currentPage) =>
      currentPage === 1
        ? null
        : {
            text: running,
            alignment: 'right',
            fontSize: 7.5,
            color: MUTED,
            margin: [MARGINS[0], 24, MARGINS[2], 0],
          },
    footer: (currentPage, pageCount) => ({
      text:
        `第 ${currentPage} 页 共 ${pageCount} 页` +
        (lang === 'bilingual' ? ` · Page ${currentPage} of ${pageCount}` : ''),
      alignment: 'center',
      fontSize: 9,
      margin: [0, 18, 0, 0],
    }),
    content: [
      ...masthead(doc, p, lang),
      ...blocks.flatMap((block, i) => block(`${ordinal(i)}、`)),
      signatureBlock(doc, p),
    ],
  };
}

/**
 * The review opinion as a PDF: A4 portrait with the city's masthead, document number, sections by
 * review domain, conclusion, rectification items and the signature and seal lines; Chinese only unless
 * `lang` is `bilingual`. The Chinese font of {@link CJK_FONT_PACKAGE} is embedded as a subset (CID
 * font with a ToUnicode map, so the text can be searched and extracted). No file or URL other than
 * the two font files is read.
 */
export async function renderOpinionPdf(
  doc: OpinionDocument,
  options: OpinionRenderOptions = {},
): Promise<Buffer> {
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
  return pdfmake.createPdf(opinionPdfDefinition(doc, options)).getBuffer();
}
