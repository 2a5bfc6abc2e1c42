import type { Text } from '@hub/rules';
import { chineseNumericDate } from './format';
import { LABELS, OPINION_TITLE, say } from './labels';
import type {
  OpinionDocument,
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
  documentNoLine,
  evidenceLine,
  evidenceShown,
  findingNotes,
  moreEvidence,
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

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for an HTML text node or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

const STYLE = `
@page { size: A4 portrait; margin: 20mm 18mm 20mm 25mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; color: #111; background: #fff;
  font-family: "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "SimSun", sans-serif;
  font-size: 10.5pt; line-height: 1.5; }
main { max-width: 167mm; margin: 0 auto; padding: 8mm 0; }
.masthead { text-align: center; color: #c8161d; font-size: 21pt; font-weight: bold; letter-spacing: 1pt; margin: 0; }
.doc-no { text-align: center; margin: 3mm 0 1.5mm; }
hr.rule { border: 0; border-top: 1.6pt solid #c8161d; margin: 0 0 4mm; }
h1 { font-size: 16pt; text-align: center; margin: 0 0 4mm; }
h1 .en { display: block; font-size: 10pt; font-weight: normal; }
.addressee { margin: 0 0 1mm; }
.intro { text-indent: 2em; margin: 0 0 2mm; }
h2 { font-size: 11.5pt; margin: 5mm 0 2mm; break-after: avoid; page-break-after: avoid; }
h3 { font-size: 10pt; margin: 3mm 0 1.5mm; break-after: avoid; page-break-after: avoid; }
section.block { break-inside: avoid; page-break-inside: avoid; }
.en { color: #555; font-size: 0.85em; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #999; padding: 1mm 1.4mm; vertical-align: top; text-align: left; }
thead th { background: #eef1f5; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
table.fields { font-size: 9pt; }
table.fields th { width: 18%; background: #f6f7f9; font-weight: normal; }
table.counts td { text-align: center; }
table.findings { font-size: 8pt; table-layout: fixed; }
table.findings td { overflow-wrap: anywhere; }
table.findings .clause, table.findings .severity, .evidence { color: #555; font-size: 0.85em; }
table.findings .notes { color: #8a5a00; }
.conclusion .headline { font-size: 14pt; font-weight: bold; margin: 0 0 1mm; }
.conclusion.draft .headline { color: #8a5a00; }
.verdict-FAIL, .verdict-UNKNOWN { color: #b00020; font-weight: bold; }
.verdict-PASS { color: #1b6e2a; }
.verdict-WAIVED, .verdict-NOT_APPLICABLE { color: #555; }
.severity-blocking { font-weight: bold; }
.empty { color: #666; }
.rectification .warning { color: #b45309; font-weight: bold; }
.rectification h3 { font-size: 10.5pt; margin: 10px 0 4px; }
.remark { white-space: pre-wrap; border-left: 3px solid #333; padding: 1mm 2mm; margin: 2mm 0; }
.override { border: 1px solid #b00020; padding: 1mm 2mm; margin: 2mm 0; }
.comments p { text-indent: 2em; margin: 0; }
.signature { margin-top: 10mm; display: flex; justify-content: space-between; break-inside: avoid; page-break-inside: avoid; }
.signature .reviewer div + div { margin-top: 6mm; }
.signature .sign-line { display: inline-block; min-width: 38mm; border-bottom: 1px solid #333; }
.signature .seal { text-align: center; }
.signature .seal .date { margin-top: 9mm; }
`;

/** The pieces of the opinion that depend on its language, every value escaped. */
class HtmlPrinter {
  constructor(readonly lang: OpinionLanguage) {}

  /** The Chinese; in a bilingual opinion the English after it, in a quieter span. */
  bi(text: Text): string {
    return this.lang === 'bilingual' && text.en
      ? `${escapeHtml(text.zh)} <span class="en">${escapeHtml(text.en)}</span>`
      : escapeHtml(text.zh);
  }

  say(text: Text): string {
    return escapeHtml(say(text, this.lang));
  }

  lines(values: string[], className = ''): string {
    const cls = className ? ` class="${className}"` : '';
    return values.map((v) => `<div${cls}>${escapeHtml(v)}</div>`).join('');
  }

  fieldsTable(fields: Array<[Text, string]>): string {
    const rows = fields.map(
      ([label, value]) => `<tr><th scope="row">${this.bi(label)}</th><td>${escapeHtml(value)}</td></tr>`,
    );
    return `<table class="fields"><tbody>${rows.join('')}</tbody></table>`;
  }

  heading(text: Text, prefix: string): string {
    return `<h2>${prefix}${this.bi(text)}</h2>`;
  }

  remark(label: Text, text: string | null): string {
    if (!text || text.trim() === '') return '';
    return `<div class="remark"><strong>${this.bi(label)}</strong><div>${escapeHtml(text)}</div></div>`;
  }

  findingRow(f: OpinionFinding): string {
    const { shown, more } = evidenceShown(f);
    const evidence = [
      ...shown.map((e) => evidenceLine(e, this.lang)),
      ...(more ? [say(moreEvidence(f.evidence.length), this.lang)] : []),
    ];
    return (
      `<tr class="finding verdict-row-${f.verdict}" data-rule-id="${escapeHtml(f.ruleId)}">` +
      `<td class="id">${escapeHtml(f.ruleId)}</td>` +
      `<td>${this.bi(f.title)}<div class="clause">${escapeHtml(clauseLine(f, this.lang))}</div></td>` +
      `<td><div class="verdict-${f.verdict}">${this.bi(verdictLabel(f))}</div>` +
      `<div class="severity severity-${f.severity}">${this.bi(severityLabel(f))}</div></td>` +
      `<td>${this.lines(reasonLines(f, this.lang))}${this.lines(evidence, 'evidence')}` +
      `${this.lines(findingNotes(f, this.lang), 'notes')}</td>` +
      `</tr>`
    );
  }

  section(section: OpinionSection, index: number): string {
    const heading = `<h3>（${ordinal(index)}）${this.bi(section.title)}</h3>`;
    const remark = this.remark(LABELS.remark, sectionRemark(section));
    const open = `<section class="findings-section" data-domain="${escapeHtml(section.domain)}">${heading}`;
    if (section.findings.length === 0) {
      return `${open}<p class="empty">${this.say(LABELS.noFindings)}</p>${remark}</section>`;
    }
    const head = [
      LABELS.ruleId,
      { zh: '审查事项及依据', en: 'Obligation and clause' },
      LABELS.verdict,
      { zh: '审查说明及证据', en: 'Reason and evidence' },
    ]
      .map((l) => `<th>${this.bi(l)}</th>`)
      .join('');
    return (
      `${open}<table class="findings"><colgroup><col style="width:14%"><col style="width:21%">` +
      `<col style="width:11%"><col style="width:54%"></colgroup>` +
      `<thead><tr>${head}</tr></thead><tbody>${section.findings.map((f) => this.findingRow(f)).join('')}</tbody></table>${remark}</section>`
    );
  }
}

function countsBlock(doc: OpinionDocument, p: HtmlPrinter, prefix: string): string {
  const { labels, values } = countCells(doc);
  return (
    `<section class="block counts">${p.heading(LABELS.counts, prefix)}` +
    `<table class="counts"><thead><tr>${labels.map((l) => `<th>${p.bi(l)}</th>`).join('')}</tr></thead>` +
    `<tbody><tr>${values.map((v) => `<td>${v}</td>`).join('')}</tr></tbody></table></section>`
  );
}

function comparisonBlock(doc: OpinionDocument, p: HtmlPrinter, prefix: string): string {
  if (!doc.comparison) return '';
  const groups = comparisonGroups(doc);
  const rows = groups.map(
    ([label, entries]) =>
      `<tr><th scope="row">${p.bi(label)}</th><td>${p.lines(entries.map(comparisonLine))}</td></tr>`,
  );
  const body = groups.length
    ? `<table class="fields"><tbody>${rows.join('')}</tbody></table>`
    : `<p class="empty">${p.say(LABELS.comparisonNone)}</p>`;
  return (
    `<section class="block comparison">${p.heading(LABELS.comparison, prefix)}` +
    p.fieldsTable([[LABELS.previousCheck, doc.comparison.previousCheckRunId]]) +
    body +
    `</section>`
  );
}

function conclusionBlock(doc: OpinionDocument, p: HtmlPrinter, prefix: string): string {
  const c = opinionConclusion(doc);
  const blocking = c.blockingRuleIds.length ? c.blockingRuleIds.join('、') : say(LABELS.none, p.lang);
  const override = doc.decision?.override;
  return (
    `<section class="block conclusion ${c.decided ? 'decided' : 'draft'}">${p.heading(LABELS.conclusion, prefix)}` +
    `<p class="headline">${p.bi(c.headline)}</p>` +
    p.fieldsTable([
      [LABELS.readiness, say(c.readiness, p.lang)],
      [LABELS.blockingRules, blocking],
    ]) +
    p.remark(LABELS.conclusionRemark, doc.remarks?.conclusion ?? null) +
    (override
      ? `<div class="override"><strong>${p.bi(LABELS.override)}</strong>` +
        p.fieldsTable([
          [LABELS.overrideReason, override.reason],
          [LABELS.overrideRules, override.ruleIds.join('、')],
        ]) +
        `</div>`
      : '') +
    `</section>`
  );
}

function rectificationBlock(doc: OpinionDocument, p: HtmlPrinter, prefix: string): string {
  const heading = p.heading(LABELS.rectification, prefix);
  if (doc.rectification.length === 0 && doc.rectificationHistory.length === 0) {
    return `<section class="block rectification">${heading}<p class="empty">${p.say(LABELS.noRectification)}</p></section>`;
  }
  const head = RECTIFICATION_COLUMNS.map((l) => `<th>${p.bi(l)}</th>`).join('');
  const tables = rectificationTables(doc).map(({ caption, items }) => {
    const rows = items.map((item, i) => {
      const [status, ...rest] = rectificationProgress(item, p.lang);
      const warning = item.warning ? rest.pop()! : null;
      return (
        `<tr${item.warning ? ' class="still-failing"' : ''}><td>${i + 1}</td>` +
        `<td>${escapeHtml(rectificationDescription(item, p.lang))}</td><td>${escapeHtml(item.ruleId ?? '—')}</td>` +
        `<td>${escapeHtml(item.owner)}</td><td>${escapeHtml(chineseNumericDate(item.deadline))}</td>` +
        `<td>${p.lines([status!, ...rest])}${warning ? p.lines([warning], 'warning') : ''}</td></tr>`
      );
    });
    const title = caption ? `<h3>${p.bi(caption)}</h3>` : '';
    return items.length === 0 && !caption
      ? `<p class="empty">${p.say(LABELS.noRectification)}</p>`
      : `${title}<table><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
  });
  return `<section class="block rectification">${heading}${tables.join('')}</section>`;
}

function commentsBlock(doc: OpinionDocument, p: HtmlPrinter, prefix: string): string {
  const comments = doc.decision?.comments?.trim();
  if (!comments) return '';
  const paragraphs = comments.split('\n').map((line) => `<p>${escapeHtml(line)}</p>`);
  return `<section class="block comments">${p.heading(LABELS.comments, prefix)}${paragraphs.join('')}</section>`;
}

function signatureBlock(doc: OpinionDocument, p: HtmlPrinter): string {
  const s = signatureLines(doc);
  return (
    `<footer class="signature">` +
    `<div class="reviewer"><div>${p.say(LABELS.decidedBy)}：<strong class="decided-by">${escapeHtml(s.reviewer)}</strong></div>` +
    `<div>${p.say(LABELS.signature)}：<span class="sign-line"></span></div></div>` +
    `<div class="seal"><div class="office">${escapeHtml(s.office)}${p.say(LABELS.seal)}</div>` +
    `<div class="date">${p.say(LABELS.date)}：<span class="issued-on">${escapeHtml(s.date)}</span></div></div>` +
    `</footer>`
  );
}

/**
 * The review opinion as one self-contained printable HTML page (A4 portrait): inline CSS, no
 * scripts, no external assets; the same document as the PDF, Chinese only unless `lang` is
 * `bilingual`; every value from the document escaped.
 */
export function renderOpinionHtml(doc: OpinionDocument, options: OpinionRenderOptions = {}): string {
  const lang = options.lang ?? 'zh';
  const p = new HtmlPrinter(lang);
  const title = `${doc.issuer.title} — ${doc.project.name} — ${doc.documentNo ?? doc.reviewNo}`;
  const blocks: Array<(prefix: string) => string> = [
    (prefix) =>
      `<section class="block project">${p.heading(LABELS.projectBlock, prefix)}${p.fieldsTable([
        ...projectFields(doc, lang),
        ...checkFields(doc),
      ])}</section>`,
    (prefix) => countsBlock(doc, p, prefix),
    (prefix) =>
      `<section class="findings">${p.heading(LABELS.findingsBlock, prefix)}` +
      `${doc.sections.map((s, i) => p.section(s, i)).join('')}</section>`,
    ...(doc.comparison ? [(prefix: string) => comparisonBlock(doc, p, prefix)] : []),
    (prefix) => conclusionBlock(doc, p, prefix),
    (prefix) => rectificationBlock(doc, p, prefix),
    ...(doc.decision?.comments?.trim() ? [(prefix: string) => commentsBlock(doc, p, prefix)] : []),
  ];
  return [
    '<!DOCTYPE html>',
    '<html lang="zh-CN">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    `<main class="opinion${doc.status === 'draft' ? ' draft' : ''}" data-review-id="${escapeHtml(doc.reviewId)}">`,
    `<header><p class="masthead">${escapeHtml(doc.issuer.office)}</p>`,
    `<p class="doc-no">${lang === 'bilingual' ? `${p.bi(LABELS.documentNo)}：` : ''}${escapeHtml(documentNoLine(doc, lang))}</p><hr class="rule">`,
    `<h1>${escapeHtml(doc.issuer.title)}${lang === 'bilingual' ? ` <span class="en">${escapeHtml(OPINION_TITLE.en)}</span>` : ''}</h1></header>`,
    `<p class="addressee">${escapeHtml(addressee(doc))}</p>`,
    `<p class="intro">${escapeHtml(opinionIntro(doc))}</p>`,
    ...blocks.map((block, i) => block(`${ordinal(i)}、`)),
    signatureBlock(doc, p),
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
