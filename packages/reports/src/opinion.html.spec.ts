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

    const html = renderOpinionHtml(doc);

    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain('理由&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;');
    expect(html).toContain('reason &lt;/td&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;');
    expect(html).toContain('项目 &lt;img src=x onerror=alert(1)&gt; &amp; &quot;引号&quot;');
    expect(html).toContain('&lt;/div&gt;&lt;script&gt;document.cookie&lt;/script&gt;');
  });

  it('is one self-contained page: inline CSS, no external asset, no script', () => {
    const html = renderOpinionHtml(buildOpinion());

    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<style>');
    expect(html).toContain('@page { size: A4 landscape');
    expect(html).not.toMatch(/<link|<script|<img|<iframe|\ssrc=|\shref=|url\(|@import/i);
  });

  it('prints the opinion Chinese first, English second: header, project, check, conclusion, counts', () => {
    const html = renderOpinionHtml(buildOpinion());

    expect(html).toContain('政务信息化项目技术审查意见 <span class="en">Technical review opinion</span>');
    expect(html).toContain('岳数审〔2026〕12号');
    for (const value of [
      '岳阳市智慧应急指挥平台建设项目',
      '2025-430600-65-01-000123',
      '岳阳市应急管理局',
      '11430600MB1234567X',
      '430600',
      '1280.50',
      '岳阳市政务信息化项目管理办法 / Yueyang e-government project measures（第 3 版 / version 3）',
      'run_01JABCDEF9876543210',
    ]) {
      expect(html).toContain(value);
    }
    expect(html).toContain('总投资（万元） <span class="en">Total investment (10,000 CNY)</span>');
    // 01:35 UTC is 09:35 in Beijing
    expect(html).toContain('2026-03-02 09:35 (北京时间)');
    expect(html).toContain('<p class="headline">不同意竣工验收 <span class="en">Not agreed</span></p>');
    expect(html).toContain('不具备验收条件 / not ready for acceptance');
    expect(html).toContain('YY-CLOUD-DEPLOY、YY-DATA-SHARE');
    // counts: PASS 2, FAIL 3, WAIVED 1, NOT_APPLICABLE 1, UNKNOWN 1, total 8
    expect(html).toContain(
      '<tbody><tr><td>2</td><td>3</td><td>1</td><td>1</td><td>1</td><td>8</td></tr></tbody>',
    );
  });

  it('prints one section per entry with a row per finding: clause, severity, verdict, reason, evidence, notes', () => {
    const html = renderOpinionHtml(buildOpinion());

    const headings = [
      ...html.matchAll(/<h2>([一二三四五])、([^<]+) <span class="en">([^<]+)<\/span><\/h2>/g),
    ].map((m) => `${m[1]}${m[2]}/${m[3]}`);
    expect(headings).toEqual([
      '一政务云资源集约应用/Government cloud use',
      '二数据共享/Data sharing',
      '三网络安全/Network security',
      '四平台对接/Platform integration',
      '五项目管理/Project management',
    ]);
    const failing = html.slice(html.indexOf('data-rule-id="YY-CLOUD-DEPLOY"'));
    const row = failing.slice(0, failing.indexOf('</tr>'));
    expect(row).toContain('第十二条（本地规定 / local measures）');
    expect(row).toContain('阻断 <span class="en">Blocking</span>');
    expect(row).toContain('<td class="verdict-FAIL">不通过 <span class="en">Fail</span></td>');
    expect(row).toContain('政务云台账中没有本项目的运行资源');
    expect(row).toContain(
      '政务云资源台账 / government cloud resource inventory · resource ECS-YY-000123 · 2026-03-02 09:30 (北京时间) · sha256 a3f1c2d4e5b6',
    );
    expect(row).not.toContain('a3f1c2d4e5b60'); // only the first 12 characters of the hash
    expect(row).toContain('tenant TENANT-430600-0042');
    expect(row).toContain('变化 / Change: 上次检查亦未通过 / still failing');

    expect(html).toContain('无法判断 <span class="en">Unknown</span>');
    expect(html).toContain('不通过（仅提示） <span class="en">Fail (warning only)</span>');
    expect(html).toContain('建议 <span class="en">Advisory</span>');
    expect(html).toContain('豁免 <span class="en">Waived</span>');
    expect(html).toContain('不适用 <span class="en">Not applicable</span>');
    expect(html).toContain(
      '豁免依据 / Exemption: 岳政数函〔2026〕7号；批准机关 / authority: 岳阳市政务服务和大数据管理局；有效期至 / valid until: 2026-12-31',
    );
    expect(html).toContain('异议 / Dispute: 异议待处理 / dispute open: 监理报告已线下提交，见附件。');
  });

  it('ends with rectification items, comments and the signature line', () => {
    const html = renderOpinionHtml(buildOpinion());

    expect(html).toContain(
      '<tr><td>1</td><td>YY-CLOUD-DEPLOY</td><td>将系统迁移至政务云并更新资源台账。</td><td>2026-06-30</td><td>未完成 <span class="en">open</span></td></tr>',
    );
    expect(html).toContain('<tr><td>2</td><td>—</td><td>补充监理报告。</td>');
    expect(html).toContain(
      '<div class="comments">项目未部署在政务云，请整改后重新申请验收。\n第二行说明。</div>',
    );
    expect(html).toContain('<span class="decided-by">张审查</span>');
    expect(html).toContain('<span class="decided-at">2026-03-03 15:00 (北京时间)</span>');
    expect(html).not.toContain('class="block override"');
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

    expect(html).toContain(
      '<p class="headline">同意竣工验收 <span class="en">Agreed to completion acceptance</span></p>',
    );
    expect(html).toContain('存在阻断项仍同意验收 <span class="en">Approved despite blocking findings</span>');
    expect(html).toContain('<td>市领导批示同意先行验收</td>');
    expect(html).toContain('<td>YY-CLOUD-DEPLOY、YY-DATA-SHARE</td>');
  });

  it('prints a draft as 草稿 / draft with the readiness and the blocking rule ids, unsigned', () => {
    const html = renderOpinionHtml(buildOpinion({ status: 'draft', decision: null }));

    expect(html).toContain('<section class="block conclusion draft">');
    expect(html).toContain('<p class="headline">草稿 <span class="en">draft</span></p>');
    expect(html).toContain('不具备验收条件 / not ready for acceptance');
    expect(html).toContain('YY-CLOUD-DEPLOY、YY-DATA-SHARE');
    expect(html).toContain('<span class="decided-by">（未签署） / (not signed)</span>');

    const ready = renderOpinionHtml(
      buildOpinion({ status: 'draft', decision: null, sections: buildSections([buildFinding()]) }),
    );
    expect(ready).toContain('具备验收条件 / ready for acceptance');
    expect(ready).toContain('<td>无 / none</td>');
  });
});
