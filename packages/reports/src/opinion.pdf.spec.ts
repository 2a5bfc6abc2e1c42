import { buildOpinion, buildSections, extractPdfText, manyFindings } from '@hub/reports/testing';
import { renderOpinionPdf } from './opinion.pdf';
import { DECISION_TITLES } from './opinion.types';

/** pdf.js may split or space a run differently from how it was laid out: compare without whitespace. */
function squeeze(text: string): string {
  return text.replace(/\s+/g, '');
}

describe('renderOpinionPdf', () => {
  // The default opinion, rendered and read back once for the first two tests.
  let pdf: Buffer;
  let text: string;
  beforeAll(async () => {
    pdf = await renderOpinionPdf(buildOpinion());
    ({ text } = await extractPdfText(pdf));
  });

  it('embeds the CJK font from npm with a ToUnicode map, so the text extracts', () => {
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const raw = pdf.toString('latin1');
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansHans-Regular/);
    expect(raw).toContain('/FontFile3'); // the embedded (subset) CFF program
    expect(raw).toContain('/ToUnicode');
    expect(raw).not.toMatch(/\/BaseFont \/(?!([A-Z]{6}\+)?NotoSansHans)/); // no font left to the reader's machine
  });

  it('a rejected opinion reads back with the project, 不同意竣工验收, every failing rule id and Beijing times', () => {
    const doc = buildOpinion();
    const failing = doc.sections.flatMap((s) => s.findings).filter((f) => f.verdict === 'FAIL');
    expect(failing.map((f) => f.ruleId)).toEqual(['YY-CLOUD-DEPLOY', 'YY-SECURITY-SYNC', 'YY-SUPERVISION']);

    const flat = squeeze(text);

    expect(flat).toContain('政务信息化项目技术审查意见');
    expect(flat).toContain('Technicalreviewopinion');
    expect(flat).toContain(squeeze(doc.project.name));
    expect(flat).toContain(squeeze(doc.documentNo));
    expect(flat).toContain('不同意竣工验收');
    for (const finding of failing) expect(flat).toContain(finding.ruleId);
    expect(flat).toContain('YY-DATA-SHARE'); // the blocking UNKNOWN
    for (const title of ['政务云资源集约应用', '数据共享', '网络安全', '平台对接', '项目管理']) {
      expect(flat).toContain(title);
    }
    expect(flat).toContain('不通过');
    expect(flat).toContain('无法判断');
    expect(flat).toContain(squeeze('2026-03-02 09:35 (北京时间)'));
    expect(flat).toContain('a3f1c2d4e5b6');
    expect(flat).not.toContain('a3f1c2d4e5b60');
    expect(flat).toContain('将系统迁移至政务云并更新资源台账。');
    expect(flat).toContain('张审查');
  });

  it('an approval despite blocking findings reads back as 同意竣工验收 with the override', async () => {
    const doc = buildOpinion();
    doc.decision = {
      ...doc.decision!,
      decision: 'approve',
      title: DECISION_TITLES.approve,
      override: { reason: '市领导批示同意先行验收', ruleIds: ['YY-CLOUD-DEPLOY'] },
    };

    const flat = squeeze((await extractPdfText(await renderOpinionPdf(doc))).text);

    expect(flat).toContain('同意竣工验收');
    expect(flat).not.toContain('不同意竣工验收');
    expect(flat).toContain('存在阻断项仍同意验收');
    expect(flat).toContain('市领导批示同意先行验收');
  });

  it('a draft reads back as 草稿 / draft with 不具备验收条件 and the blocking rule ids', async () => {
    const flat = squeeze(
      (await extractPdfText(await renderOpinionPdf(buildOpinion({ status: 'draft', decision: null })))).text,
    );

    expect(flat).toContain('草稿draft');
    expect(flat).toContain('不具备验收条件');
    expect(flat).toContain('YY-CLOUD-DEPLOY、YY-DATA-SHARE');
    expect(flat).toContain('（未签署）');
  });

  it('a 20-finding opinion with two evidence records each stays small and lists all 20 rules', async () => {
    const doc = buildOpinion({ sections: buildSections(manyFindings(20)) });

    const started = performance.now();
    const pdf = await renderOpinionPdf(doc);
    const renderMs = performance.now() - started;
    const { pages, text } = await extractPdfText(pdf);
    console.info(
      `20-finding opinion: ${pdf.length} bytes, ${pages} pages, rendered in ${Math.round(renderMs)} ms`,
    );

    const flat = squeeze(text);
    for (let i = 1; i <= 20; i++) expect(flat).toContain(`YY-RULE-${String(i).padStart(2, '0')}`);
    expect(pdf.length).toBeLessThan(400_000);
  });
});
