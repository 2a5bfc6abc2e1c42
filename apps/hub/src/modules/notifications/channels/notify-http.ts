import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { Injectable } from '@nestjs/common';
import { bodySnippet } from '@hub/connectors';
import axios, { type AxiosInstance, isAxiosError } from 'axios';
import { NotifyEgress, type PinnedAddress, urlPort } from '../notify-egress.service';
import { DeliveryError } from './channel';

/** Per-request timeout of every notification sent over HTTP. */
export const NOTIFY_HTTP_TIMEOUT_MS = 10_000;
/** Answers past this are cut off: a robot or receiver answers with a few bytes. */
const MAX_RESPONSE_BYTES = 64 * 1024;
/** Transport error messages longer than this are not quoted (some carry the whole request). */
const MAX_QUOTED_MESSAGE = 300;

export interface HttpAnswer {
  status: number;
  body: string;
}

/**
 * A connection to the checked address and nowhere else: the agent's lookup answers with it
 * whatever the name, so no second DNS query (a rebind) can move the connection. The URL keeps
 * the name, so the Host header, TLS SNI and the certificate check are the name's.
 */
function pinnedAgent(protocol: string, pinned: PinnedAddress): http.Agent {
  const lookup: LookupFunction = (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address: pinned.address, family: pinned.family }]);
    else callback(null, pinned.address, pinned.family);
  };
  return protocol === 'https:' ? new https.Agent({ lookup }) : new http.Agent({ lookup });
}

/**
 * The one HTTP client of notifications: POSTs a body as given, 10 s timeout, never follows a
 * redirect (it could carry the request, signed, anywhere), http and https only, and only to an
 * address {@link NotifyEgress} accepted, pinned for the connection. Any answer comes back;
 * failures to get one, and refused targets, become {@link DeliveryError}s.
 */
@Injectable()
export class NotifyHttp {
  constructor(private readonly egress: NotifyEgress) {}

  private readonly http: AxiosInstance = axios.create({
    timeout: NOTIFY_HTTP_TIMEOUT_MS,
    maxRedirects: 0,
    // A proxy from the environment would make the connection's address the proxy's, not the checked one.
    proxy: false,
    // Parse ourselves: a robot's JSON, a receiver's anything.
    responseType: 'text',
    transformResponse: [(data: unknown) => data],
    validateStatus: () => true,
    maxContentLength: MAX_RESPONSE_BYTES,
    maxBodyLength: MAX_RESPONSE_BYTES,
  });

  async post(url: string, body: string, headers: Record<string, string>): Promise<HttpAnswer> {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new DeliveryError({ zh: '目标地址无效', en: 'the target URL is not valid' }, false);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw new DeliveryError({ zh: '只向 http(s) 地址发送', en: 'only http(s) targets are sent to' }, false);
    }
    const pinned = await this.egress.resolve(parsed.hostname, urlPort(parsed));
    if (!pinned.ok) throw new DeliveryError(pinned.problem, pinned.retryable);
    const agent = pinnedAgent(parsed.protocol, pinned);
    try {
      const res = await this.http.post<string>(url, Buffer.from(body, 'utf8'), {
        headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers },
        httpAgent: agent,
        httpsAgent: agent,
      });
      return { status: res.status, body: typeof res.data === 'string' ? res.data : String(res.data ?? '') };
    } catch (e) {
      throw transportFailure(e);
    } finally {
      agent.destroy();
    }
  }
}

/** A request that got no answer: timeouts and connection failures are retried. */
function transportFailure(e: unknown): DeliveryError {
  if (!isAxiosError(e)) {
    const message = e instanceof Error ? e.message : String(e);
    return new DeliveryError({ zh: `发送失败：${message}`, en: `send failed: ${message}` }, true);
  }
  if (e.code === 'ECONNABORTED' || e.code === 'ETIMEDOUT') {
    const s = NOTIFY_HTTP_TIMEOUT_MS / 1000;
    return new DeliveryError({ zh: `请求超时（${s} 秒）`, en: `timed out after ${s} s` }, true);
  }
  if (e.code === 'ERR_FR_MAX_BODY_LENGTH_EXCEEDED' || e.code === 'ERR_BAD_RESPONSE') {
    return new DeliveryError(
      { zh: `应答无法读取：${e.message}`, en: `unreadable answer: ${e.message}` },
      true,
    );
  }
  const code = e.code ?? 'unknown';
  // A long message is left out rather than cut: a cut could leave half a key that redaction misses.
  const detail = e.message.length <= MAX_QUOTED_MESSAGE ? `：${e.message}` : '';
  return new DeliveryError(
    {
      zh: `无法连接（${code}${detail}），请检查地址与网络`,
      en: `could not connect (${code}${detail.replace('：', ': ')}); check the address and the network path`,
    },
    true,
  );
}

/**
 * An HTTP answer that is not a success: redirects are not followed and fail for good, 408/425/429
 * and 5xx are retried, other 4xx fail for good. The first 80 characters of the body are quoted with
 * credential-like values masked.
 */
export function httpFailure(answer: HttpAnswer, who: { zh: string; en: string }): DeliveryError {
  const { status } = answer;
  const snippet = bodySnippet(answer.body);
  const quoted = snippet ? `: ${snippet}` : '';
  const quotedZh = snippet ? `：${snippet}` : '';
  if (status >= 300 && status < 400) {
    return new DeliveryError(
      {
        zh: `${who.zh}返回重定向（HTTP ${status}），中枢不跟随重定向：请改用最终地址`,
        en: `${who.en} answered with a redirect (HTTP ${status}), which the hub does not follow: use the final URL`,
      },
      false,
    );
  }
  const retryable = status === 408 || status === 425 || status === 429 || status >= 500;
  return new DeliveryError(
    {
      zh: `${who.zh}返回 HTTP ${status}${quotedZh}`,
      en: `${who.en} answered HTTP ${status}${quoted}`,
    },
    retryable,
  );
}

/** The JSON a robot answers with, or null when it is not JSON. */
export function parseJsonObject(body: string): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(body);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}
