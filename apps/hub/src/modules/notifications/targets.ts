import { redactCredentials } from '@hub/connectors';
import type { Text } from '@hub/rules';
import { z } from 'zod';
import type { ChannelId } from './notification.types';

/** Injection token of {@link NotifyOptions}. */
export const NOTIFY_OPTIONS = Symbol('NOTIFY_OPTIONS');

/** Settings of the notifications module that are not configuration: tests and simulators override them. */
export interface NotifyOptions {
  /**
   * Accept DingTalk and WeCom robot URLs on any http(s) host and path (a local simulator, nock),
   * not only `https://oapi.dingtalk.com/robot/send` and `https://qyapi.weixin.qq.com/cgi-bin/webhook/send`.
   * For tests only: production robots live on those hosts.
   */
  allowAnyRobotHost?: boolean;
  /** wall-clock milliseconds for signature timestamps (receivers compare them with their own clocks) */
  wallClock?: () => number;
}

/** The robots' documented endpoints and the query parameter that carries the robot's credential. */
export const ROBOT_ENDPOINTS = {
  dingtalk: { host: 'oapi.dingtalk.com', path: '/robot/send', credential: 'access_token' },
  wecom: { host: 'qyapi.weixin.qq.com', path: '/cgi-bin/webhook/send', credential: 'key' },
} as const;

/**
 * Where the robots live (`host` or `host:port`, always https): the public services by default,
 * a government network's own DingTalk or WeCom when HUB_DINGTALK_HOST / HUB_WECOM_HOST say so.
 */
export interface RobotHosts {
  dingtalk: string;
  wecom: string;
}

export const DEFAULT_ROBOT_HOSTS: RobotHosts = {
  dingtalk: ROBOT_ENDPOINTS.dingtalk.host,
  wecom: ROBOT_ENDPOINTS.wecom.host,
};

const MAX_URL_LENGTH = 2048;
const MAX_RECIPIENTS = 20;
const CREDENTIAL_VALUE = /^[\w-]{8,256}$/;

export type TargetCheck = { ok: true; target: string } | { ok: false; problem: Text };

const refuse = (zh: string, en: string): TargetCheck => ({ ok: false, problem: { zh, en } });

function parseHttpUrl(target: string): URL | TargetCheck {
  if (target.length > MAX_URL_LENGTH) {
    return refuse(
      `地址过长（超过 ${MAX_URL_LENGTH} 个字符）`,
      `the URL is longer than ${MAX_URL_LENGTH} characters`,
    );
  }
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return refuse('不是有效的 URL', 'not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return refuse('只支持 http:// 或 https:// 地址', 'only http:// and https:// URLs are accepted');
  }
  if (url.username || url.password) {
    return refuse(
      '地址中不能含用户名或密码：Webhook 以签名密钥（secret）认证',
      'the URL must not carry a user name or password: webhooks authenticate with the signing secret',
    );
  }
  url.hash = '';
  return url;
}

/**
 * Checks and normalises a subscription's target for its channel: an http(s) URL for webhooks, the
 * robot's documented endpoint with its credential for DingTalk (`access_token`) and WeCom (`key`),
 * one or more addresses (comma-separated) for email.
 */
export function checkTarget(
  channel: ChannelId,
  target: string,
  options: NotifyOptions & { robotHosts?: RobotHosts } = {},
): TargetCheck {
  const value = target.trim();
  if (channel === 'email') return checkRecipients(value);
  const url = parseHttpUrl(value);
  if (!(url instanceof URL)) return url;
  if (channel === 'webhook') return { ok: true, target: url.toString() };

  const endpoint = ROBOT_ENDPOINTS[channel];
  const origin = `https://${(options.robotHosts ?? DEFAULT_ROBOT_HOSTS)[channel]}`;
  const example = `${origin}${endpoint.path}?${endpoint.credential}=…`;
  const name =
    channel === 'dingtalk'
      ? { zh: '钉钉机器人', en: 'DingTalk robot' }
      : { zh: '企业微信机器人', en: 'WeCom robot' };
  if (!options.allowAnyRobotHost && (url.origin !== origin || url.pathname !== endpoint.path)) {
    return refuse(
      `${name.zh}地址应为 ${example}（群设置 → 机器人 → Webhook 地址）`,
      `a ${name.en} URL is ${example} (group settings → robot → webhook URL)`,
    );
  }
  const credential = url.searchParams.get(endpoint.credential);
  if (!credential || !CREDENTIAL_VALUE.test(credential)) {
    return refuse(
      `${name.zh}地址缺少有效的 ${endpoint.credential} 参数：应为 ${example}`,
      `the ${name.en} URL lacks a valid ${endpoint.credential} parameter: expected ${example}`,
    );
  }
  const others = [...url.searchParams.keys()].filter((k) => k !== endpoint.credential);
  if (others.length) {
    return refuse(
      `${name.zh}地址只应含 ${endpoint.credential} 参数，多余的：${others.join(', ')}${channel === 'dingtalk' ? '（加签的 timestamp、sign 由中枢每次发送时生成，请填写密钥 secret）' : ''}`,
      `the ${name.en} URL should carry only ${endpoint.credential}; remove: ${others.join(', ')}${channel === 'dingtalk' ? ' (the hub adds timestamp and sign to each request from the secret)' : ''}`,
    );
  }
  return { ok: true, target: url.toString() };
}

const ZEmail = z.email();

function checkRecipients(value: string): TargetCheck {
  const addresses = value
    .split(/[,;]/)
    .map((a) => a.trim())
    .filter(Boolean);
  if (addresses.length === 0) return refuse('缺少收件地址', 'no recipient address');
  if (addresses.length > MAX_RECIPIENTS) {
    return refuse(`收件地址最多 ${MAX_RECIPIENTS} 个`, `at most ${MAX_RECIPIENTS} recipients`);
  }
  const bad = addresses.filter((a) => !ZEmail.safeParse(a).success);
  if (bad.length) {
    return refuse(`不是有效的邮件地址：${bad.join(', ')}`, `not valid email addresses: ${bad.join(', ')}`);
  }
  return { ok: true, target: addresses.join(', ') };
}

/** Long path segments that look like tokens (`/hooks/T0123/B0456/XXXXXXXXXXXXXXXXXXXXXXXX`). */
const TOKEN_SEGMENT = /^[\w-]{20,}$/;

const mask = (value: string) => (value.length >= 16 ? `${value.slice(0, 4)}***` : '***');

/**
 * A target as the API and the CLI show it: URLs with every query value and token-like path segment
 * masked (`…/robot/send?access_token=3f2a***`); email addresses as they are.
 */
export function maskTarget(channel: string, target: string): string {
  if (channel === 'email') return target;
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return '***';
  }
  const path = url.pathname
    .split('/')
    .map((segment) => (TOKEN_SEGMENT.test(segment) ? mask(segment) : segment))
    .join('/');
  const query = [...url.searchParams.entries()].map(([k, v]) => `${k}=${mask(v)}`).join('&');
  return `${url.origin}${path}${query ? `?${query}` : ''}`;
}

/** What in a target is secret: every query value and token-like path segment of a URL. */
export function targetSecrets(channel: string, target: string): string[] {
  if (channel === 'email') return [];
  try {
    const url = new URL(target);
    return [
      ...url.searchParams.values(),
      ...url.pathname.split('/').filter((s) => TOKEN_SEGMENT.test(s)),
      url.username,
      url.password,
    ].filter((v) => v.length >= 4);
  } catch {
    return [target];
  }
}

const REDACTED = '[REDACTED]';
/** The shortest start of a secret that is still redacted on its own. */
const MIN_PARTIAL_SECRET = 8;
/** The query string of any http(s) URL in a text: where robots and many webhooks carry their keys. */
const URL_QUERY = /(\bhttps?:\/\/[^\s?#"'<>]+)\?[^\s"'<>]*/gi;

/**
 * A redactor for text that may end up in `lastError` or a log line: every known secret (a
 * subscription's signing secret, its target's keys and tokens, the SMTP password) raw and
 * URL-encoded, then the query string of any URL, then credential-like fields (see
 * `redactCredentials` of the connectors).
 */
export function redactor(secrets: readonly (string | null | undefined)[]): (text: string) => string {
  const values = [
    ...new Set(
      secrets
        .filter((s): s is string => typeof s === 'string' && s.length >= 4)
        .flatMap((s) => [s, encodeURIComponent(s)]),
    ),
  ].sort((a, b) => b.length - a.length);
  return (text) => {
    let out = text;
    for (const v of values) out = out.split(v).join(REDACTED);
    // A quote cut at a length limit (a response snippet) may end in the first part of a secret.
    for (const v of values) {
      for (let k = v.length - 1; k >= MIN_PARTIAL_SECRET; k--) {
        const prefix = v.slice(0, k);
        if (out.includes(prefix)) out = out.split(prefix).join(REDACTED);
      }
    }
    return redactCredentials(out.replace(URL_QUERY, `$1?${REDACTED}`));
  };
}
