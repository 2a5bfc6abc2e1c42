import { buildFinding, buildOpinion, buildSections, extractPdfText } from '@hub/reports/testing';
import { Workbook } from 'exceljs';
import { renderOpinionHtml } from './opinion.html';
import { renderOpinionPdf } from './opinion.pdf';
import type { OpinionDocument } from './opinion.types';
import { renderOpinionXlsx } from './opinion.xlsx';

/** An opinion the reviewer has written remarks on, compared with a previous check. */
function edited(): OpinionDocument {
  const sections = buildSections([
    buildFinding({ ruleId: 'YY-CLOUD-DEPLOY', verdict: 'FAIL' }),
    buildFinding({ ruleId: 'YY-MLPS-EVAL', domain: 'security', verdict: 'PASS' }),
  ]).map((s) => (s.domain === 'cloud' ? { ...s, remark: '须迁移至政务云。' } : s));
  return buildOpinion({
    sections,
    remarks: {
      conclusion: '建议整改后复核。',
      updatedBy: 'li.review',
      updatedAt: '2026-03-03T06:00:00.000Z',
    },
    comparison: {
      previousCheckRunId: 'run-before',
      added: [],
      removed: [{ ruleId: 'YY-OLD-RULE', title: { zh: '旧规则', en: 'Old rule' }, from: 'PASS', to: null }],
      changed: [
        {
          ruleId: 'YY-CLOUD-DEPLOY',
          title: { zh: '部署在政务云', en: 'Cloud' },
          from: 'UNKNOWN',
          to: 'FAIL',
        },
      ],
    },
  });
}

describe('opinion remarks and comparison', () => {
  it('prints the concluding and section remarks and the comparison in the HTML', () => {
    const html = renderOpinionHtml(edited());
    expect(html).toContain('建议整改后复核。');
    const cloud = html.slice(html.indexOf('data-domain="cloud"'), html.indexOf('data-domain="security"'));
    expect(cloud).toContain('须迁移至政务云。');
    expect(html).toContain('与上次检查对比');
    expect(html).toContain('YY-OLD-RULE 旧规则：通过 → —');
    expect(html).toContain('YY-CLOUD-DEPLOY 部署在政务云：无法判断 → 不通过');
  });

  it('prints neither block when there is no remark and no previous check', () => {
    const html = renderOpinionHtml(buildOpinion());
    expect(html).not.toContain('与上次检查对比');
    expect(html).not.toContain('class="remark"');
  });

  it('escapes the reviewer’s text', () => {
    const doc = edited();
    doc.remarks!.conclusion = '<script>alert(1)</script>';
    expect(renderOpinionHtml(doc)).not.toContain('<script>alert(1)</script>');
  });

  it('writes the remarks and the comparison on the workbook’s summary sheet', async () => {
    const workbook = new Workbook();
    await workbook.xlsx.load((await renderOpinionXlsx(edited())) as unknown as ArrayBuffer);
    const cells = workbook.worksheets[0]!.getSheetValues().flat().map(String).join('\n');
    expect(cells).toContain('建议整改后复核。');
    expect(cells).toContain('须迁移至政务云。');
    expect(cells).toContain('YY-CLOUD-DEPLOY 部署在政务云：无法判断 → 不通过');
  });

  it('prints the remarks in the PDF', async () => {
    const { text } = await extractPdfText(await renderOpinionPdf(edited()));
    const flat = text.replace(/\s+/g, '');
    expect(flat).toContain('建议整改后复核。');
    expect(flat).toContain('须迁移至政务云。');
    expect(flat).toContain('与上次检查对比');
  });
});
