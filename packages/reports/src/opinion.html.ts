import type { Text } from '@hub/rules';
import { formatBeijingTime, formatDateOrInstant } from './format';
import {
  LABELS,
  OPINION_TITLE,
  RECTIFICATION_STATUS_LABELS,
  VERDICT_LABELS,
  VERDICT_ORDER,
  bilingual,
} from './labels';
import type { OpinionDocument, OpinionFinding, OpinionSection } from './opinion.types';
import {
  checkFields,
  clauseLine,
  comparisonGroups,
  comparisonLine,
  evidenceLine,
  findingNotes,
  opinionConclusion,
  projectFields,
  reasonLines,
  sectionRemark,
  severityLabel,
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

/** Section numbers as a Chinese official document writes them. */
const CHINESE_ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

function ordinal(index: number): string {
  return CHINESE_ORDINALS[index] ?? String(index + 1);
}

/** Chinese, then the English in a quieter span. Both escaped. */
function bi(text: Text): string {
  return text.en
    ? `${escapeHtml(text.zh)} <span class="en">${escapeHtml(text.en)}</span>`
    : escapeHtml(text.zh);
}

/** Lines of escaped text, one block each. */
function lines(values: string[]): string {
  return values.map((v) => `<div>${escapeHtml(v)}</div>`).join('');
}

function fieldsTable(fields: Array<[Text, string]>): string {
  const rows = fields.map(
    ([label, value]) => `<tr><th scope="row">${bi(label)}</th><td>${escapeHtml(value)}</td></tr>`,
  );
  return `<table class="fields"><tbody>${rows.join('')}</tbody></table>`;
}

const STYLE = `
@page { size: A4 landscape; margin: 14mm 12mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; color: #111; background: #fff;
  font-family: "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "SimSun", sans-serif;
  font-size: 10.5pt; line-height: 1.45; }
main { max-width: 277mm; margin: 0 auto; padding: 8mm 0; }
h1 { font-size: 18pt; text-align: center; margin: 0 0 2mm; }
h1 .en { display: block; font-size: 11pt; font-weight: normal; }
h2 { font-size: 12.5pt; margin: 6mm 0 2mm; border-bottom: 1.5px solid #333; padding-bottom: 1mm;
  break-after: avoid; page-break-after: avoid; }
section.block { break-inside: avoid; page-break-inside: avoid; }
.en { color: #555; font-size: 0.88em; }
.doc-no { text-align: center; margin: 0 0 4mm; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #999; padding: 1.2mm 1.6mm; vertical-align: top; text-align: left; }
thead th { background: #eef1f5; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
table.fields th { width: 32%; background: #f6f7f9; font-weight: normal; }
table.findings { font-size: 8.5pt; }
table.findings td.id { white-space: nowrap; }
table.findings td.evidence { overflow-wrap: anywhere; }
table.findings td.evidence div + div, table.findings td.notes div + div { margin-top: 1mm; }
.conclusion .headline { font-size: 15pt; font-weight: bold; margin: 1mm 0 2mm; }
.conclusion.draft .headline { color: #8a5a00; }
.verdict-FAIL, .verdict-UNKNOWN { color: #b00020; font-weight: bold; }
.verdict-PASS { color: #1b6e2a; }
.verdict-WAIVED, .verdict-NOT_APPLICABLE { color: #555; }
.severity-blocking { font-weight: bold; }
.empty { color: #666; font-style: italic; }
.remark { white-space: pre-wrap; border-left: 3px solid #333; padding: 1mm 2mm; margin: 2mm 0; }
.comments { white-space: pre-wrap; border: 1px solid #999; padding: 2mm; min-height: 12mm; }
.signature { margin-top: 10mm; display: flex; justify-content: flex-end; gap: 16mm; }
.signature div { min-width: 70mm; border-bottom: 1px solid #333; padding-bottom: 1mm; }
`;

function conclusionBlock(doc: OpinionDocument): string {
  const c = opinionConclusion(doc);
  const blocking = c.blockingRuleIds.length ? c.blockingRuleIds.join('、') : bilingual(LABELS.none);
  return (
    `<section class="block conclusion ${c.decided ? 'decided' : 'draft'}"><h2>${bi(LABELS.conclusion)}</h2>` +
    `<p class="headline">${bi(c.headline)}</p>` +
    fieldsTable([
      [LABELS.readiness, bilingual(c.readiness)],
      [LABELS.blockingRules, blocking],
    ]) +
    remarkBlock(LABELS.conclusionRemark, doc.remarks?.conclusion ?? null) +
    `</section>`
  );
}

/** The reviewer's text, kept as written (line breaks included). */
function remarkBlock(label: Text, text: string | null): string {
  if (!text || text.trim() === '') return '';
  return `<div class="remark"><strong>${bi(label)}</strong><div>${escapeHtml(text)}</div></div>`;
}

function comparisonBlock(doc: OpinionDocument): string {
  if (!doc.comparison) return '';
  const groups = comparisonGroups(doc);
  const rows = groups.map(
    ([label, entries]) =>
      `<tr><th scope="row">${bi(label)}</th><td>${lines(entries.map(comparisonLine))}</td></tr>`,
  );
  const body = groups.length
    ? `<table class="fields"><tbody>${rows.join('')}</tbody></table>`
    : `<p class="empty">${escapeHtml(bilingual(LABELS.comparisonNone))}</p>`;
  return (
    `<section class="block comparison"><h2>${bi(LABELS.comparison)}</h2>` +
    fieldsTable([[LABELS.previousCheck, doc.comparison.previousCheckRunId]]) +
    body +
    `</section>`
  );
}

function countsBlock(doc: OpinionDocument): string {
  const total = VERDICT_ORDER.reduce((sum, v) => sum + (doc.counts[v] ?? 0), 0);
  const head = VERDICT_ORDER.map((v) => `<th class="verdict-${v}">${bi(VERDICT_LABELS[v])}</th>`).join('');
  const cells = VERDICT_ORDER.map((v) => `<td>${doc.counts[v] ?? 0}</td>`).join('');
  return (
    `<section class="block counts"><h2>${bi(LABELS.counts)}</h2>` +
    `<table><thead><tr>${head}<th>${bi(LABELS.total)}</th></tr></thead>` +
    `<tbody><tr>${cells}<td>${total}</td></tr></tbody></table></section>`
  );
}

function findingRow(f: OpinionFinding): string {
  const evidence = f.evidence.length
    ? lines(f.evidence.map(evidenceLine))
    : `<span class="empty">${escapeHtml(bilingual(LABELS.noEvidence))}</span>`;
  return (
    `<tr class="finding verdict-row-${f.verdict}" data-rule-id="${escapeHtml(f.ruleId)}">` +
    `<td class="id">${escapeHtml(f.ruleId)}</td>` +
    `<td>${bi(f.title)}</td>` +
    `<td>${escapeHtml(clauseLine(f))}</td>` +
    `<td class="severity-${f.severity}">${bi(severityLabel(f))}</td>` +
    `<td class="verdict-${f.verdict}">${bi(verdictLabel(f))}</td>` +
    `<td>${lines(reasonLines(f))}</td>` +
    `<td class="evidence">${evidence}</td>` +
    `<td class="notes">${lines(findingNotes(f))}</td>` +
    `</tr>`
  );
}

function sectionBlock(section: OpinionSection, index: number): string {
  const heading = `<h2>${ordinal(index)}、${bi(section.title)}</h2>`;
  const remark = remarkBlock(LABELS.remark, sectionRemark(section));
  if (section.findings.length === 0) {
    return `<section class="findings-section" data-domain="${escapeHtml(section.domain)}">${heading}<p class="empty">${escapeHtml(bilingual(LABELS.noFindings))}</p>${remark}</section>`;
  }
  const head = [
    LABELS.ruleId,
    LABELS.ruleTitle,
    LABELS.clause,
    LABELS.severity,
    LABELS.verdict,
    LABELS.reason,
    LABELS.evidence,
    LABELS.notes,
  ]
    .map((l) => `<th>${bi(l)}</th>`)
    .join('');
  return (
    `<section class="findings-section" data-domain="${escapeHtml(section.domain)}">${heading}` +
    `<table class="findings"><colgroup><col style="width:10%"><col style="width:12%"><col style="width:9%">` +
    `<col style="width:6%"><col style="width:7%"><col style="width:21%"><col style="width:21%"><col style="width:14%"></colgroup>` +
    `<thead><tr>${head}</tr></thead><tbody>${section.findings.map(findingRow).join('')}</tbody></table>${remark}</section>`
  );
}

function overrideBlock(doc: OpinionDocument): string {
  const override = doc.decision?.override;
  if (!override) return '';
  return (
    `<section class="block override"><h2>${bi(LABELS.override)}</h2>` +
    fieldsTable([
      [LABELS.overrideReason, override.reason],
      [LABELS.overrideRules, override.ruleIds.join('、')],
    ]) +
    `</section>`
  );
}

function rectificationBlock(doc: OpinionDocument): string {
  const heading = `<h2>${bi(LABELS.rectification)}</h2>`;
  if (doc.rectification.length === 0) {
    return `<section class="block rectification">${heading}<p class="empty">${escapeHtml(bilingual(LABELS.noRectification))}</p></section>`;
  }
  const head = [
    LABELS.rectificationNo,
    LABELS.rectificationRule,
    LABELS.rectificationDescription,
    LABELS.rectificationDeadline,
    LABELS.rectificationStatus,
  ]
    .map((l) => `<th>${bi(l)}</th>`)
    .join('');
  const rows = doc.rectification.map(
    (item, i) =>
      `<tr><td>${i + 1}</td><td>${escapeHtml(item.ruleId ?? '—')}</td><td>${escapeHtml(item.description)}</td>` +
      `<td>${escapeHtml(formatDateOrInstant(item.deadline))}</td><td>${bi(RECTIFICATION_STATUS_LABELS[item.status])}</td></tr>`,
  );
  return `<section class="block rectification">${heading}<table><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table></section>`;
}

function commentsBlock(doc: OpinionDocument): string {
  const comments = doc.decision?.comments ?? '';
  return (
    `<section class="block comments-block"><h2>${bi(LABELS.comments)}</h2>` +
    `<div class="comments">${escapeHtml(comments)}</div></section>`
  );
}

function signatureBlock(doc: OpinionDocument): string {
  const decision = doc.status === 'decided' ? doc.decision : null;
  const by = decision ? escapeHtml(decision.decidedBy) : escapeHtml(bilingual(LABELS.notSigned));
  const at = decision ? escapeHtml(formatBeijingTime(decision.decidedAt)) : '';
  return (
    `<footer class="signature">` +
    `<div>${bi(LABELS.decidedBy)}：<span class="decided-by">${by}</span></div>` +
    `<div>${bi(LABELS.decidedAt)}：<span class="decided-at">${at}</span></div>` +
    `</footer>`
  );
}

/**
 * The review opinion as one self-contained printable HTML page: inline CSS, no scripts, no external
 * assets; Chinese first, English second; every value from the document escaped.
 */
export function renderOpinionHtml(doc: OpinionDocument): string {
  const title = `${OPINION_TITLE.zh} — ${doc.project.name} — ${doc.documentNo}`;
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
    `<main class="opinion" data-review-id="${escapeHtml(doc.reviewId)}">`,
    `<header><h1>${escapeHtml(OPINION_TITLE.zh)} <span class="en">${escapeHtml(OPINION_TITLE.en)}</span></h1>`,
    `<p class="doc-no">${bi(LABELS.documentNo)}：${escapeHtml(doc.documentNo)}</p></header>`,
    `<section class="block project"><h2>${bi(LABELS.projectBlock)}</h2>${fieldsTable(projectFields(doc))}</section>`,
    `<section class="block check"><h2>${bi(LABELS.checkBlock)}</h2>${fieldsTable(checkFields(doc))}</section>`,
    conclusionBlock(doc),
    countsBlock(doc),
    comparisonBlock(doc),
    ...doc.sections.map(sectionBlock),
    overrideBlock(doc),
    rectificationBlock(doc),
    commentsBlock(doc),
    signatureBlock(doc),
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
