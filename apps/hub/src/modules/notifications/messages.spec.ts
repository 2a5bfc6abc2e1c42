import { randomUUID } from 'node:crypto';
import { beijingTime, LIST_CAP, payloadFor } from './messages';
import { notifiableAlert } from './testing/notify.factory';

const RUN = randomUUID();

describe('payloadFor', () => {
  const alert = notifiableAlert({ firstSeenAt: '2026-11-01T01:00:00.000Z' });

  it('writes an immediate alert Chinese first, with rule, project, unit, severity and Beijing times', () => {
    const p = payloadFor('wecom', { type: 'alert', event: 'opened', checkRunId: RUN, alert }) as {
      msgtype: string;
      markdown: { content: string };
    };
    expect(p.msgtype).toBe('markdown');
    const text = p.markdown.content;
    for (const part of [
      alert.titleZh,
      alert.titleEn,
      alert.ruleId,
      alert.projectCode!,
      alert.ownerUnitName!,
      alert.ownerUnitCode!,
      '严重 critical',
      '2026-11-01 09:00:00（北京时间 / Beijing time）',
      '合规中枢',
    ]) {
      expect(text).toContain(part);
    }
    expect(text.indexOf(alert.titleZh)).toBeLessThan(text.indexOf(alert.titleEn));
    expect(text.indexOf(alert.messageZh)).toBeLessThan(text.indexOf(alert.messageEn));
  });

  it(`caps a digest's lists at ${LIST_CAP} items with "and N more"`, () => {
    const opened = Array.from({ length: LIST_CAP + 5 }, () => notifiableAlert());
    const p = payloadFor('email', {
      type: 'digest',
      checkRunId: RUN,
      opened,
      reopened: [],
      resolved: [],
      open: 40,
    }) as {
      subject: string;
      text: string;
      html: string;
    };
    expect(p.subject).toContain('新增 25');
    expect(p.text).toContain(opened[LIST_CAP - 1]!.titleZh);
    expect(p.text).not.toContain(opened[LIST_CAP]!.titleZh);
    expect(p.text).toContain('另有 5 条 / and 5 more');
    expect(p.text).toContain('未关闭告警（全部）/ Open alerts (all)：40');
    expect(p.html).toContain('<li>');

    const hook = payloadFor('webhook', {
      type: 'digest',
      checkRunId: RUN,
      opened,
      reopened: [],
      resolved: [],
      open: 40,
    }) as {
      counts: { opened: number };
      opened: { items: unknown[]; more: number };
    };
    expect(hook.counts.opened).toBe(25);
    expect(hook.opened.items).toHaveLength(LIST_CAP);
    expect(hook.opened.more).toBe(5);
  });

  it('keeps WeCom markdown within its 4096-byte limit', () => {
    const long = 'x'.repeat(300);
    const opened = Array.from({ length: LIST_CAP }, () => notifiableAlert({ titleZh: `很长的标题${long}` }));
    const p = payloadFor('wecom', {
      type: 'digest',
      checkRunId: RUN,
      opened,
      reopened: [],
      resolved: [],
      open: 1,
    }) as {
      markdown: { content: string };
    };
    expect(Buffer.byteLength(p.markdown.content)).toBeLessThanOrEqual(4096);
    expect(p.markdown.content).toContain('truncated');
  });

  it('escapes HTML in email bodies', () => {
    const p = payloadFor('email', {
      type: 'alert',
      event: 'reopened',
      checkRunId: RUN,
      alert: notifiableAlert({ titleEn: '<script>x</script>' }),
    }) as { html: string };
    expect(p.html).not.toContain('<script>');
    expect(p.html).toContain('&lt;script&gt;');
  });
});

describe('beijingTime', () => {
  it('shows an instant in UTC+8', () => {
    expect(beijingTime('2026-12-31T16:30:00Z')).toBe('2027-01-01 00:30:00（北京时间 / Beijing time）');
  });
});
