import {
  buildEvidence,
  buildFinding,
  buildOpinion,
  buildSections,
  extractPdfText,
  manyFindings,
} from '@hub/reports/testing';
import { renderOpinionPdf } from './opinion.pdf';
import { DECISION_TITLES } from './opinion.types';

/** pdf.js may split or space a run differently from how it was laid out: compare without whitespace. */
function squeeze(text: string): string {
  return text.replace(/\s+/g, '');
}

describe('renderOpinionPdf', () => {
  // The default opinion, rendered and read back once for the tests that only read it.
  let pdf: Buffer;
  let text: string;
  let pages: number;
  beforeAll(async () => {
    pdf = await renderOpinionPdf(buildOpinion());
    ({ text, pages } = await extractPdfText(pdf));
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

    expect(flat).toContain('岳阳市政务信息化项目技术审查意见');
    expect(flat).toContain(squeeze(doc.project.name));
    expect(flat).toContain('岳技审〔2026〕12号');
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
    expect(flat).toContain('2026年6月30日');
    expect(flat).toContain('岳阳市应急管理局信息科');
    expect(flat).toContain(squeeze('已完成 张工 2026年3月1日 说明：监理报告已补交 附件：监理报告.pdf'));
  });

  it('is issued like an official opinion: masthead, addressee, region by name, signature and seal lines, Chinese date, page X of Y', () => {
    const flat = squeeze(text);

    expect(flat.startsWith('岳阳市政务信息化项目技术支持组岳技审〔2026〕12号')).toBe(true);
    expect(flat).toContain('岳阳市应急管理局：你单位“岳阳市智慧应急指挥平台建设项目”');
    expect(flat).toContain('岳阳市（市本级，430600）');
    expect(flat).toContain('1,280.50');
    expect(flat).toContain('审查人：张审查');
    expect(flat).toContain('审查人（签字）：');
    expect(flat).toContain('岳阳市政务信息化项目技术支持组（盖章）');
    expect(flat).toContain('日期：二〇二六年三月三日');
    expect(flat).toContain('第1页共');
    expect(text.split('\f').map((page) => /第 (\d+) 页 共 (\d+) 页/.exec(page)?.slice(1))).toEqual(
      Array.from({ length: pages }, (_, i) => [String(i + 1), String(pages)]),
    );
  });

  it('prints Chinese only by default: no English label, reason or title, and never the reviewer’s login', () => {
    const flat = squeeze(text);

    for (const english of ['Technicalreviewopinion', 'Notagreed', 'Fail', 'Blocking', 'Page1', 'Deployed']) {
      expect(flat).not.toContain(english);
    }
    expect(flat).not.toContain('zhang.review');
  });

  it('prints Chinese with English when asked for a bilingual opinion', async () => {
    const bilingual = squeeze(
      (await extractPdfText(await renderOpinionPdf(buildOpinion(), { lang: 'bilingual' }))).text,
    );

    expect(bilingual).toContain('Technicalreviewopinion');
    expect(bilingual).toContain('不同意竣工验收Notagreed');
    expect(bilingual).toContain('Deployedonthegovernmentcloud');
    expect(bilingual).toContain('Page1of');
    expect(bilingual).toContain('审查人（签字）/Reviewer(signature)');
  });

  it('lays the opinion out on A4 portrait pages', () => {
    const boxes = [...pdf.toString('latin1').matchAll(/\/MediaBox \[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)];
    expect(boxes.length).toBe(pages);
    for (const [, width, height] of boxes) {
      expect([Math.round(Number(width)), Math.round(Number(height))]).toEqual([595, 842]);
    }
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

  it('a draft reads back as 草稿 with 不具备验收条件, the blocking rule ids, no number yet and blank signature lines', async () => {
    const flat = squeeze(
      (
        await extractPdfText(
          await renderOpinionPdf(buildOpinion({ status: 'draft', decision: null, documentNo: null })),
        )
      ).text,
    );

    expect(flat).toContain('（草稿，签发时编号）');
    expect(flat).toContain('草稿');
    expect(flat).toContain('不具备验收条件');
    expect(flat).toContain('YY-CLOUD-DEPLOY、YY-DATA-SHARE');
    expect(flat).toContain('审查人：审查人（签字）：');
    expect(flat).toContain('日期：年月日');
    expect(flat).not.toContain('二〇二六');
  });

  it('lists at most five evidence records of a finding and says how many there are', async () => {
    const evidence = Array.from({ length: 9 }, (_, i) => buildEvidence({ externalId: `ECS-MANY-${i}` }));
    const doc = buildOpinion({ sections: buildSections([buildFinding({ evidence })]) });

    const flat = squeeze((await extractPdfText(await renderOpinionPdf(doc))).text);

    for (let i = 0; i < 5; i++) expect(flat).toContain(`ECS-MANY-${i}`);
    expect(flat).not.toContain('ECS-MANY-5');
    expect(flat).toContain('等共9条记录');
  });

  it('a 20-finding opinion with two evidence records each fits on three pages and lists all 20 rules', async () => {
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
    expect(pages).toBeLessThanOrEqual(3);
    expect(flat).toContain(`第1页共${pages}页`);
    expect(pdf.length).toBeLessThan(400_000);
  });
});
