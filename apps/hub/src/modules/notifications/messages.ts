import type { EmailMessage } from './channels/email.channel';
import { beijingSeconds } from '@hub/vocabulary';
import { type ChannelId, type NotifiableAlert, SEVERITY_TITLES } from './notification.types';

/** Lists in a message show this many alerts, then "and N more". */
export const LIST_CAP = 20;
/** WeCom refuses markdown content over 4096 bytes; DingTalk's limit is 20,000. */
const MARKDOWN_BYTES: Partial<Record<ChannelId, number>> = { wecom: 4096, dingtalk: 18_000 };
/** Every message names the hub: DingTalk robots secured by keyword need one word they know. */
export const HUB_KEYWORD = '合规中枢';

/** What one delivery says, before it is put in a channel's format. */
export type NotificationContent =
  | { type: 'alert'; event: 'opened' | 'reopened'; checkRunId: string; alert: NotifiableAlert }
  | { type: 'alerts'; checkRunId: string; opened: NotifiableAlert[]; reopened: NotifiableAlert[] }
  | {
      type: 'digest';
      checkRunId: string;
      opened: NotifiableAlert[];
      reopened: NotifiableAlert[];
      resolved: NotifiableAlert[];
      /** alerts not resolved after the scan, all of them */
      open: number;
    }
  | { type: 'test'; subscriptionName: string; requestedBy: string; at: string };

type Block =
  | { kind: 'heading'; text: string }
  | { kind: 'para'; text: string; strong?: boolean }
  | { kind: 'field'; label: string; value: string }
  | { kind: 'item'; text: string };

/** A message as title and blocks, rendered as markdown (robots), text and HTML (email). */
interface MessageDoc {
  title: string;
  blocks: Block[];
}

/** `2026-11-01 09:00:00（北京时间 / Beijing time）`; China keeps UTC+8 all year. */
export function beijingTime(iso: string): string {
  const local = beijingSeconds(iso);
  return local === null ? iso : `${local}（北京时间 / Beijing time）`;
}

const severityText = (s: string) => {
  const t = SEVERITY_TITLES[s as keyof typeof SEVERITY_TITLES];
  return t ? `${t.zh} ${t.en}` : s;
};

const unitText = (a: NotifiableAlert) =>
  a.ownerUnitName && a.ownerUnitCode
    ? `${a.ownerUnitName}（${a.ownerUnitCode}）`
    : (a.ownerUnitName ?? a.ownerUnitCode ?? '—');

function alertItem(a: NotifiableAlert): string {
  const sev = SEVERITY_TITLES[a.severity as keyof typeof SEVERITY_TITLES]?.zh ?? a.severity;
  const where = [a.projectCode ?? '—', a.ownerUnitName ?? a.ownerUnitCode].filter(Boolean).join(' · ');
  return `[${sev} ${a.severity}] ${a.ruleId} · ${where} — ${a.titleZh} / ${a.titleEn}`;
}

/** Up to {@link LIST_CAP} items, then "另有 N 条 / and N more". */
function listBlocks(alerts: NotifiableAlert[]): Block[] {
  const items: Block[] = alerts.slice(0, LIST_CAP).map((a) => ({ kind: 'item', text: alertItem(a) }));
  const more = alerts.length - LIST_CAP;
  if (more > 0) items.push({ kind: 'item', text: `……另有 ${more} 条 / and ${more} more` });
  return items;
}

function alertDoc(c: Extract<NotificationContent, { type: 'alert' }>): MessageDoc {
  const a = c.alert;
  const sev = SEVERITY_TITLES[a.severity as keyof typeof SEVERITY_TITLES] ?? {
    zh: a.severity,
    en: a.severity,
  };
  const reopened = c.event === 'reopened';
  return {
    title: `【${HUB_KEYWORD}】${sev.zh}告警${reopened ? '（重新出现）' : ''}：${a.titleZh} / ${capitalise(sev.en)} alert${reopened ? ' (reopened)' : ''}: ${a.titleEn}`,
    blocks: [
      {
        kind: 'heading',
        text: `${HUB_KEYWORD} · ${sev.zh}告警${reopened ? '（重新出现）' : ''} / ${capitalise(sev.en)} alert${reopened ? ' (reopened)' : ''}`,
      },
      { kind: 'para', text: a.titleZh, strong: true },
      { kind: 'para', text: a.titleEn },
      { kind: 'field', label: '规则 / Rule', value: a.ruleId },
      { kind: 'field', label: '项目编码 / Project', value: a.projectCode ?? '—' },
      { kind: 'field', label: '责任单位 / Owner unit', value: unitText(a) },
      { kind: 'field', label: '级别 / Severity', value: severityText(a.severity) },
      { kind: 'field', label: '首次发现 / First seen', value: beijingTime(a.firstSeenAt) },
      { kind: 'field', label: '最近发现 / Last seen', value: beijingTime(a.lastSeenAt) },
      { kind: 'para', text: a.messageZh },
      { kind: 'para', text: a.messageEn },
      { kind: 'field', label: '扫描 / Scan', value: c.checkRunId },
    ],
  };
}

function alertsDoc(c: Extract<NotificationContent, { type: 'alerts' }>): MessageDoc {
  const n = c.opened.length + c.reopened.length;
  return {
    title: `【${HUB_KEYWORD}】本次扫描 ${n} 条严重告警 / ${n} critical alerts from one scan`,
    blocks: [
      { kind: 'heading', text: `${HUB_KEYWORD} · ${n} 条严重告警 / ${n} critical alerts` },
      {
        kind: 'para',
        text: '一次扫描的严重告警较多，合并为一条消息 / Many critical alerts in one scan, sent as one message',
      },
      ...section(`新增 / Opened (${c.opened.length})`, c.opened),
      ...section(`重新出现 / Reopened (${c.reopened.length})`, c.reopened),
      { kind: 'field', label: '扫描 / Scan', value: c.checkRunId },
    ],
  };
}

function section(heading: string, alerts: NotifiableAlert[]): Block[] {
  return alerts.length ? [{ kind: 'heading', text: heading }, ...listBlocks(alerts)] : [];
}

function digestDoc(c: Extract<NotificationContent, { type: 'digest' }>): MessageDoc {
  return {
    title: `【${HUB_KEYWORD}】扫描告警摘要：新增 ${c.opened.length}，重新出现 ${c.reopened.length}，已消除 ${c.resolved.length} / Scan digest: ${c.opened.length} opened, ${c.reopened.length} reopened, ${c.resolved.length} resolved`,
    blocks: [
      { kind: 'heading', text: `${HUB_KEYWORD} · 扫描告警摘要 / Scan alert digest` },
      { kind: 'field', label: '新增 / Opened', value: String(c.opened.length) },
      { kind: 'field', label: '重新出现 / Reopened', value: String(c.reopened.length) },
      { kind: 'field', label: '已消除 / Resolved', value: String(c.resolved.length) },
      { kind: 'field', label: '未关闭告警（全部）/ Open alerts (all)', value: String(c.open) },
      ...section(`新增告警 / Opened (${c.opened.length})`, c.opened),
      ...section(`重新出现 / Reopened (${c.reopened.length})`, c.reopened),
      ...section(`已消除 / Resolved (${c.resolved.length})`, c.resolved),
      { kind: 'field', label: '扫描 / Scan', value: c.checkRunId },
    ],
  };
}

function testDoc(c: Extract<NotificationContent, { type: 'test' }>): MessageDoc {
  return {
    title: `【${HUB_KEYWORD}】测试消息 / Test message`,
    blocks: [
      { kind: 'heading', text: `${HUB_KEYWORD} · 测试消息 / Test message` },
      {
        kind: 'para',
        text: `通知订阅「${c.subscriptionName}」的测试消息：收到即表示配置正确。`,
      },
      {
        kind: 'para',
        text: `A test message of the notification subscription "${c.subscriptionName}": if you read this, it works.`,
      },
      { kind: 'field', label: '发起人 / Requested by', value: c.requestedBy },
      { kind: 'field', label: '时间 / At', value: beijingTime(c.at) },
    ],
  };
}

function docOf(c: NotificationContent): MessageDoc {
  switch (c.type) {
    case 'alert':
      return alertDoc(c);
    case 'alerts':
      return alertsDoc(c);
    case 'digest':
      return digestDoc(c);
    case 'test':
      return testDoc(c);
  }
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Markdown for the robots; DingTalk needs a blank line to break a line, WeCom does not. */
function renderMarkdown(doc: MessageDoc, channel: 'dingtalk' | 'wecom'): string {
  const lineBreak = channel === 'dingtalk' ? '\n\n' : '\n';
  let out = '';
  let previous: Block['kind'] | null = null;
  for (const b of doc.blocks) {
    // Consecutive items form one list; a heading opens a new part after a blank line.
    if (previous !== null)
      out += b.kind === 'heading' ? '\n\n' : b.kind === 'item' && previous === 'item' ? '\n' : lineBreak;
    if (b.kind === 'heading') out += `### ${b.text}`;
    else if (b.kind === 'para') out += b.strong ? `**${b.text}**` : b.text;
    else if (b.kind === 'field') out += `**${b.label}**：${b.value}`;
    else out += `- ${b.text}`;
    previous = b.kind;
  }
  return capBytes(out, MARKDOWN_BYTES[channel]!);
}

function renderText(doc: MessageDoc): string {
  const lines: string[] = [];
  for (const b of doc.blocks) {
    if (b.kind === 'heading') lines.push(...(lines.length ? [''] : []), `【${b.text}】`);
    else if (b.kind === 'para') lines.push(b.text);
    else if (b.kind === 'field') lines.push(`${b.label}：${b.value}`);
    else lines.push(`  • ${b.text}`);
  }
  return lines.join('\n') + '\n';
}

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!,
  );

function renderHtml(doc: MessageDoc): string {
  const out: string[] = [];
  let inList = false;
  for (const b of doc.blocks) {
    if (b.kind !== 'item' && inList) {
      out.push('</ul>');
      inList = false;
    }
    if (b.kind === 'heading') out.push(`<h3>${escapeHtml(b.text)}</h3>`);
    else if (b.kind === 'para')
      out.push(b.strong ? `<p><strong>${escapeHtml(b.text)}</strong></p>` : `<p>${escapeHtml(b.text)}</p>`);
    else if (b.kind === 'field') out.push(`<p><b>${escapeHtml(b.label)}</b>：${escapeHtml(b.value)}</p>`);
    else {
      if (!inList) out.push('<ul>');
      inList = true;
      out.push(`<li>${escapeHtml(b.text)}</li>`);
    }
  }
  if (inList) out.push('</ul>');
  return `<!doctype html><html><body style="font-family:sans-serif;font-size:14px">${out.join('\n')}</body></html>`;
}

/** Cuts text to `max` UTF-8 bytes on a character boundary, saying so. */
function capBytes(text: string, max: number): string {
  if (Buffer.byteLength(text, 'utf8') <= max) return text;
  const suffix = '\n\n……（内容过长已截断 / truncated）';
  let cut = text.slice(0, max);
  while (Buffer.byteLength(cut + suffix, 'utf8') > max)
    cut = cut.slice(0, -Math.max(1, Math.floor(cut.length / 20)));
  return cut + suffix;
}

/** A list of alerts in a webhook body: the first {@link LIST_CAP}, and how many were left out. */
function listJson(alerts: NotifiableAlert[]): { items: NotifiableAlert[]; more: number } {
  return { items: alerts.slice(0, LIST_CAP), more: Math.max(0, alerts.length - LIST_CAP) };
}

function webhookBody(c: NotificationContent, doc: MessageDoc): Record<string, unknown> {
  const message = { title: doc.title, text: renderText(doc) };
  switch (c.type) {
    case 'alert':
      return { type: 'alert', event: c.event, checkRunId: c.checkRunId, alert: c.alert, message };
    case 'alerts':
      return {
        type: 'alerts',
        checkRunId: c.checkRunId,
        counts: { opened: c.opened.length, reopened: c.reopened.length },
        opened: listJson(c.opened),
        reopened: listJson(c.reopened),
        message,
      };
    case 'digest':
      return {
        type: 'digest',
        checkRunId: c.checkRunId,
        counts: {
          opened: c.opened.length,
          reopened: c.reopened.length,
          resolved: c.resolved.length,
          open: c.open,
        },
        opened: listJson(c.opened),
        reopened: listJson(c.reopened),
        resolved: listJson(c.resolved),
        message,
      };
    case 'test':
      return {
        type: 'test',
        subscription: c.subscriptionName,
        requestedBy: c.requestedBy,
        at: c.at,
        message,
      };
  }
}

/**
 * The exact body a channel sends for `content`: what a delivery stores as its payload.
 * - webhook: JSON with the structured data (`type`: alert | alerts | digest | test) and the text
 * - DingTalk: `{ msgtype: 'markdown', markdown: { title, text } }`
 * - WeCom: `{ msgtype: 'markdown', markdown: { content } }` (at most 4096 bytes)
 * - email: `{ subject, text, html }`
 */
export function payloadFor(channel: ChannelId, content: NotificationContent): Record<string, unknown> {
  const doc = docOf(content);
  switch (channel) {
    case 'webhook':
      return webhookBody(content, doc);
    case 'dingtalk':
      return { msgtype: 'markdown', markdown: { title: doc.title, text: renderMarkdown(doc, 'dingtalk') } };
    case 'wecom':
      return { msgtype: 'markdown', markdown: { content: renderMarkdown(doc, 'wecom') } };
    case 'email': {
      const mail: EmailMessage = { subject: doc.title, text: renderText(doc), html: renderHtml(doc) };
      return { ...mail };
    }
  }
}
