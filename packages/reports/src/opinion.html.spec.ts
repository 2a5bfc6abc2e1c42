import { buildFinding, buildOpinion, buildSections } from '@hub/reports/testing';
import { renderOpinionHtml } from './opinion.html';
import { DECISION_TITLES } from './opinion.types';

describe('renderOpinionHtml', () => {
  it('escapes every value: a <script> in a reason, a name or a comment is shown as text, never run', () => {
    const doc = buildOpinion({
      project: { name: '项目 <img src=x onerror=alert(1)> & "引号"' },
      sections: buildSections([
        buildFinding({
          verdict: 'FAIL',
          reason: { zh: '理由<script>alert("xss")</script>', en: "reason </td><script>alert('x')</script>" },
        }),
      ]),
    });
    doc.decision!.comments = '</div><script>document.cookie</script>';
    doc.decision!.reviewerName = '<b>李科长</b>';

    for (const lang of ['zh', 'bilingual'] as const) {
      const html = renderOpinionHtml(doc, { lang });

      expect(html).not.toMatch(/<script/i);
      expect(html).not.toMatch(/<img/i);
      expect(html).not.toContain('<b>');
      expect(html).toContain('理由&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;');
      expect(html).toContain('项目 &lt;img src=x onerror=alert(1)&gt; &amp; &quot;引号&quot;');
      expect(html).toContain('&lt;/div&gt;&lt;script&gt;document.cookie&lt;/script&gt;');
    }
    expect(renderOpinionHtml(doc, { lang: 'bilingual' })).toContain(
      'reason &lt;/td&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;',
    );
  });

  it('is one self-contained A4 portrait page: inline CSS, no external asset, no script', () => {
    const html = renderOpinionHtml(buildOpinion());

    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<style>');
    expect(html).toContain('@page { size: A4 portrait');
    expect(html).not.toMatch(/<link|<script|<img|<iframe|\ssrc=|\shref=|url\(|@import/i);
  });

  it('opens like an official opinion: masthead, 文号, the city’s title, addressee and the check in one sentence', () => {
    const html = renderOpinionHtml(buildOpinion());

    expect(html).toContain('<p class="masthead">岳阳市政务信息化项目技术支持组</p>');
    expect(html).toContain('<p class="doc-no">岳技审〔2026〕12号</p>');
    expect(html).toContain('<h1>岳阳市政务信息化项目技术审查意见</h1>');
    expect(html).toContain('<p class="addressee">岳阳市应急管理局：</p>');
    expect(html).toContain(
      '你单位“岳阳市智慧应急指挥平台建设项目”（项目编码 2025-430600-65-01-000123）竣工验收前技术审查申请收悉。' +
        '我组依据《岳阳市政务信息化项目管理办法》（第 3 版），于 2026年3月2日 对照各相关业务系统的数据对项目进行了检查，' +
        '共检查 8 项：通过 2 项，不通过 3 项，豁免 1 项，不适用 1 项，无法判断 1 项。',
    );
  });

  it('prints the project block with the region by name and the investment as an amount, then the counts', () => {
    const html = renderOpinionHtml(buildOpinion());

    expect(html).toContain('<h2>一、项目基本情况</h2>');
    for (const [label, value] of [
      ['项目名称', '岳阳市智慧应急指挥平台建设项目'],
      ['项目编码', '2025-430600-65-01-000123'],
      ['所属区划', '岳阳市（市本级，430600）'],
      ['建设单位', '岳阳市应急管理局'],
      ['统一社会信用代码', '11430600MB1234567X'],
      ['总投资（万元）', '1,280.50'],
      ['审查依据', '《岳阳市政务信息化项目管理办法》（第 3 版）'],
      ['检查时间', '2026-03-02 09:35 (北京时间)'],
      ['检查批次', 'run_01JABCDEF9876543210'],
      ['审查编号', 'JSSC-2026-0012'],
    ]) {
      expect(html).toContain(`<tr><th scope="row">${label}</th><td>${value}</td></tr>`);
    }
    expect(html).toContain('<h2>二、检查结果统计</h2>');
    // counts: PASS 2, FAIL 3, WAIVED 1, NOT_APPLICABLE 1, UNKNOWN 1, total 8
    expect(html).toContain(
      '<tbody><tr><td>2</td><td>3</td><td>1</td><td>1</td><td>1</td><td>8</td></tr></tbody>',
    );
  });

  it('prints a sub-section per review domain with a row per finding: clause, verdict, severity, reason, evidence, notes', () => {
    const html = renderOpinionHtml(buildOpinion());

    const headings = [...html.matchAll(/<h3>（([一二三四五])）([^<]+)<\/h3>/g)].map((m) => `${m[1]}${m[2]}`);
    expect(headings).toEqual([
      '一政务云资源集约应用',
      '二数据共享',
      '三网络安全',
      '四平台对接',
      '五项目管理',
    ]);
    const failing = html.slice(html.indexOf('data-rule-id="YY-CLOUD-DEPLOY"'));
    const row = failing.slice(0, failing.indexOf('</tr>'));
    expect(row).toContain('<div class="clause">第十二条 · 本地规定</div>');
    expect(row).toContain('<div class="verdict-FAIL">不通过</div>');
    expect(row).toContain('<div class="severity severity-blocking">阻断</div>');
    expect(row).toContain('政务云台账中没有本项目的运行资源');
    expect(row).toContain(
      '政务云资源台账 · resource ECS-YY-000123 · 2026-03-02 09:30 (北京时间) · sha256 a3f1c2d4e5b6',
    );
    expect(row).not.toContain('a3f1c2d4e5b60'); // only the first 12 characters of the hash
    expect(row).toContain('tenant TENANT-430600-0042');
    expect(row).toContain('变化: 上次检查亦未通过');

    for (const label of ['无法判断', '不通过（仅提示）', '整改建议', '豁免', '不适用'])
      expect(html).toContain(`>${label}<`);
    expect(html).toContain(
      '豁免依据: 岳政数函〔2026〕7号；批准机关: 岳阳市政务服务和大数据管理局；有效期至: 2026-12-31',
    );
    expect(html).toContain('异议: 异议待处理: 监理报告已线下提交，见附件。');
  });

  it('is Chinese only by default and Chinese with English when bilingual', () => {
    const zh = renderOpinionHtml(buildOpinion());
    const both = renderOpinionHtml(buildOpinion(), { lang: 'bilingual' });

    expect(zh).not.toContain('class="en"');
    expect(zh).not.toMatch(/Not agreed|Blocking|The cloud inventory|Deployed on/);
    expect(both).toContain(
      '<h1>岳阳市政务信息化项目技术审查意见 <span class="en">Technical review opinion</span></h1>',
    );
    expect(both).toContain('<p class="headline">不同意竣工验收 <span class="en">Not agreed</span></p>');
    expect(both).toContain('<div class="verdict-FAIL">不通过 <span class="en">Fail</span></div>');
    expect(both).toContain('The cloud inventory lists running resources of the project.');
  });

  it('warns on an item marked done whose rule the re-check still fails, and lists the previous review’s done items', () => {
    const base = buildOpinion();
    const still = { zh: '整改事项已标记完成，但复查仍不通过', en: 'marked done, re-check still fails' };
    const html = renderOpinionHtml(
      buildOpinion({
        rectification: [{ ...base.rectification[0]!, carriedFrom: 'JSSC-2026-0003' }],
        rectificationHistory: [{ ...base.rectification[1]!, ruleId: 'YY-MLPS-FILING', warning: still }],
      }),
    );
    expect(html).toContain('<td>将系统迁移至政务云并更新资源台账。（转自 JSSC-2026-0003）</td>');
    expect(html).toContain('<h3>上次审查已完成的整改事项（本次复查）</h3>');
    expect(html).toContain(
      '<tr class="still-failing"><td>1</td><td>补充监理报告。</td><td>YY-MLPS-FILING</td>',
    );
    expect(html).toContain('<div class="warning">⚠ 整改事项已标记完成，但复查仍不通过</div>');
    expect(renderOpinionHtml(base)).not.toContain('still-failing');
  });

  it('ends with the conclusion, rectification items with deadlines, comments and the signature and seal lines', () => {
    const html = renderOpinionHtml(buildOpinion());

    expect(html).toContain('<h2>四、审查结论</h2><p class="headline">不同意竣工验收</p>');
    expect(html).toContain('<td>不具备验收条件</td>');
    expect(html).toContain('<h2>五、整改事项</h2>');
    expect(html).toContain(
      '<tr><td>1</td><td>将系统迁移至政务云并更新资源台账。</td><td>YY-CLOUD-DEPLOY</td><td>岳阳市应急管理局信息科</td>' +
        '<td>2026年6月30日</td><td><div>未完成</div></td></tr>',
    );
    expect(html).toContain(
      '<tr><td>2</td><td>补充监理报告。</td><td>—</td><td>岳阳市应急管理局</td><td>2026年4月15日</td>' +
        '<td><div>已完成</div><div>张工 2026年3月1日</div><div>说明：监理报告已补交</div><div>附件：监理报告.pdf</div></td></tr>',
    );
    expect(html).toContain(
      '<h2>六、其他说明</h2><p>项目未部署在政务云，请整改后重新申请验收。</p><p>第二行说明。</p>',
    );
    expect(html).toContain('审查人：<strong class="decided-by">张审查</strong>');
    expect(html).toContain('审查人（签字）：<span class="sign-line"></span>');
    expect(html).toContain('<div class="office">岳阳市政务信息化项目技术支持组（盖章）</div>');
    expect(html).toContain('日期：<span class="issued-on">二〇二六年三月三日</span>');
    expect(html).not.toContain('zhang.review');
    expect(html).not.toContain('class="override"');
  });

  it('prints an approval despite blocking findings with its override', () => {
    const doc = buildOpinion();
    doc.decision = {
      ...doc.decision!,
      decision: 'approve',
      title: DECISION_TITLES.approve,
      override: { reason: '市领导批示同意先行验收', ruleIds: ['YY-CLOUD-DEPLOY', 'YY-DATA-SHARE'] },
    };

    const html = renderOpinionHtml(doc);

    expect(html).toContain('<p class="headline">同意竣工验收</p>');
    expect(html).toContain('<div class="override"><strong>存在阻断项仍同意验收</strong>');
    expect(html).toContain('<td>市领导批示同意先行验收</td>');
    expect(html).toContain('<td>YY-CLOUD-DEPLOY、YY-DATA-SHARE</td>');
  });

  it('prints a draft as 草稿 with the readiness and the blocking rule ids, no number and blank signature lines', () => {
    const html = renderOpinionHtml(buildOpinion({ status: 'draft', decision: null, documentNo: null }));

    expect(html).toContain('<p class="doc-no">（草稿，签发时编号）</p>');
    expect(html).toContain('<section class="block conclusion draft">');
    expect(html).toContain('<p class="headline">草稿</p>');
    expect(html).toContain('不具备验收条件');
    expect(html).toContain('YY-CLOUD-DEPLOY、YY-DATA-SHARE');
    expect(html).toContain('<strong class="decided-by"></strong>');
    expect(html).toContain('<span class="issued-on">　　年　　月　　日</span>');
    expect(html).not.toContain('其他说明');

    const ready = renderOpinionHtml(
      buildOpinion({ status: 'draft', decision: null, sections: buildSections([buildFinding()]) }),
    );
    expect(ready).toContain('<td>具备验收条件</td>');
    expect(ready).toContain('<td>无</td>');
  });

  it('names a county by the city and the county, and shows an unknown division code as it is', () => {
    const county = renderOpinionHtml(
      buildOpinion({ project: { region: '430602', regionName: '岳阳市岳阳楼区' } }),
    );
    const unknown = renderOpinionHtml(buildOpinion({ project: { region: '110000', regionName: null } }));

    expect(county).toContain('<td>岳阳市岳阳楼区（430602）</td>');
    expect(unknown).toContain('<tr><th scope="row">所属区划</th><td>110000</td></tr>');
  });
});
