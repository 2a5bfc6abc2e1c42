import { isAxiosError, type AxiosError } from 'axios';
import type { SourceId } from '@hub/contracts';
import type { Text } from '@hub/rules';
import type { SourceRef } from './source-ref';

/** Every way an upstream call can fail, as the hub reports it. */
export const UPSTREAM_ERROR_CODES = [
  'timeout',
  'network',
  'http-status',
  'bad-response',
  'auth',
  'rate-limited',
  'upstream-error',
  'maintenance',
  'circuit-open',
  'not-found',
  'url-refused',
  'redirect',
] as const;

/**
 * - `timeout`: no answer within the per-attempt timeout (or the caller aborted the run)
 * - `network`: connection refused, reset, DNS failure
 * - `http-status`: an HTTP error status without a more specific meaning
 * - `bad-response`: a body that is not what the contract promises (HTML page, garbage, wrong shape)
 * - `auth`: credentials or signature rejected, or the data is not visible to the hub
 * - `rate-limited`: the upstream asked the hub to slow down
 * - `upstream-error`: the upstream reported an error of its own in its envelope
 * - `maintenance`: HTTP 503, the system is down on purpose
 * - `circuit-open`: the hub stopped calling after consecutive failures
 * - `not-found`: the record asked for does not exist
 * - `url-refused`: the hub refused to send a request outside the source's configured base URL
 *   (another origin, or a path above the base path); nothing was sent
 * - `redirect`: the upstream answered with a redirect (HTTP 3xx), which the hub does not follow
 */
export type UpstreamErrorCode = (typeof UPSTREAM_ERROR_CODES)[number];

/** What an {@link UpstreamError} is built from. */
export interface UpstreamErrorInit {
  /** the system that failed: its id is kept on the error, its title begins the Chinese message */
  source: SourceRef;
  code: UpstreamErrorCode;
  retryable: boolean;
  /** what went wrong, as a phrase that follows the source's name (zh: after `…接口`) */
  detail: Text;
  httpStatus?: number;
  /** the upstream's own error code, e.g. 40001 */
  upstreamCode?: number | string;
  /** how long the upstream asked the hub to wait before the next attempt */
  retryAfterMs?: number;
  cause?: unknown;
}

/** The parts of an HTTP response that decide how a failure is classified. */
export interface HttpResponseLike {
  status: number;
  headers?: unknown;
  data?: unknown;
}

const SNIPPET_LENGTH = 80;
const REDACTION_WINDOW = 1_000;
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

/**
 * A failed upstream call, typed at the client boundary so that retries, the circuit breaker, sync
 * outcomes and UNKNOWN verdicts can all decide on `code` and `retryable` instead of parsing messages.
 * `message` is English for logs; `messageZh` is what an operator reads.
 */
export class UpstreamError extends Error {
  override readonly name = 'UpstreamError';
  readonly source: SourceId;
  readonly code: UpstreamErrorCode;
  readonly httpStatus?: number;
  readonly upstreamCode?: number | string;
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  /** Chinese message for operators, e.g. `政务云资源台账接口返回错误 50000: internal error`. */
  readonly messageZh: string;

  constructor(init: UpstreamErrorInit) {
    super(
      `${init.source.id} ${init.detail.en}`,
      init.cause === undefined ? undefined : { cause: withoutRequestDetails(init.cause) },
    );
    this.source = init.source.id;
    this.code = init.code;
    this.retryable = init.retryable;
    this.messageZh = `${init.source.title.zh}接口${init.detail.zh}`;
    if (init.httpStatus !== undefined) this.httpStatus = init.httpStatus;
    if (init.upstreamCode !== undefined) this.upstreamCode = init.upstreamCode;
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
  }

  /** Both messages, Chinese first, for findings and status pages. */
  get text(): Text {
    return { zh: this.messageZh, en: this.message };
  }

  /** Structured form for pino and for storing with a sync run. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      source: this.source,
      code: this.code,
      httpStatus: this.httpStatus,
      upstreamCode: this.upstreamCode,
      retryable: this.retryable,
      retryAfterMs: this.retryAfterMs,
      message: this.message,
      messageZh: this.messageZh,
    };
  }

  /**
   * Classifies an axios failure: timeouts, connection failures, HTTP error statuses (see
   * {@link UpstreamError.fromResponse}) and bodies axios could not parse as JSON. Anything that is
   * not an axios error becomes a non-retryable `network` error that keeps the original as `cause`.
   */
  static fromAxiosError(source: SourceRef, err: unknown): UpstreamError {
    if (err instanceof UpstreamError) return err;
    if (!isAxiosError(err)) {
      const message = err instanceof Error ? err.message : String(err);
      return new UpstreamError({
        source,
        code: 'network',
        retryable: false,
        detail: { zh: `调用失败：${message}`, en: `call failed: ${message}` },
        cause: err,
      });
    }
    const response = err.response;
    if (response && response.status >= 200 && response.status < 300) {
      // axios only fails a 2xx when it could not parse the body it was told is JSON.
      return UpstreamError.badResponse(source, response.data, { httpStatus: response.status, cause: err });
    }
    if (response) return UpstreamError.fromResponse(source, response, err);
    if (err.code === 'ECONNABORTED' || err.code === 'ETIMEDOUT') {
      return new UpstreamError({
        source,
        code: 'timeout',
        retryable: true,
        detail: {
          zh: `请求超时（${err.message}），将自动重试；持续出现时请检查网络或联系对方运维`,
          en: `timed out (${err.message}); retried automatically, check the network or the upstream's operators if it persists`,
        },
        cause: err,
      });
    }
    if (err.code === 'ERR_CANCELED') {
      return new UpstreamError({
        source,
        code: 'timeout',
        retryable: false,
        detail: { zh: '请求已取消', en: 'request was cancelled' },
        cause: err,
      });
    }
    const sysCode = err.code ?? 'unknown';
    return new UpstreamError({
      source,
      code: 'network',
      retryable: NETWORK_CODES.has(sysCode),
      detail: {
        zh: `无法连接（${sysCode}：${err.message}），请检查接口地址配置与中枢到对方的网络连通性`,
        en: `could not be reached (${sysCode}: ${err.message}); check the configured base URL and the network path from the hub`,
      },
      cause: err,
    });
  }

  /**
   * Classifies an HTTP error status: 3xx `redirect` (see {@link UpstreamError.redirect}), 401/403
   * `auth`, 404 `not-found`, 408 `timeout`, 429 `rate-limited` (with `Retry-After`), 503
   * `maintenance`, other 5xx and 4xx `http-status`. The first 80 characters of the body are quoted,
   * since an HTML error page often names the cause.
   */
  static fromResponse(source: SourceRef, response: HttpResponseLike, cause?: unknown): UpstreamError {
    const status = response.status;
    if (status >= 300 && status < 400) return UpstreamError.redirect(source, response, { cause });
    const snippet = bodySnippet(response.data);
    const quoted = snippet ? `: ${snippet}` : '';
    const quotedZh = snippet ? `：${snippet}` : '';
    const retryAfterMs = parseRetryAfter(headerValue(response.headers, 'retry-after'));
    const base = {
      source,
      httpStatus: status,
      cause,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    };
    if (status === 401 || status === 403) {
      return new UpstreamError({
        ...base,
        code: 'auth',
        retryable: false,
        detail: {
          zh: `拒绝访问（HTTP ${status}），请检查中枢的接入凭据与授权范围${quotedZh}`,
          en: `refused access (HTTP ${status}); check the hub's credentials and granted scope${quoted}`,
        },
      });
    }
    if (status === 404) {
      return new UpstreamError({
        ...base,
        code: 'not-found',
        retryable: false,
        detail: {
          zh: `未找到请求的资源（HTTP 404）${quotedZh}`,
          en: `has no such resource (HTTP 404)${quoted}`,
        },
      });
    }
    if (status === 408) {
      return new UpstreamError({
        ...base,
        code: 'timeout',
        retryable: true,
        detail: { zh: `请求超时（HTTP 408）${quotedZh}`, en: `timed out (HTTP 408)${quoted}` },
      });
    }
    if (status === 429) {
      const wait = retryAfterMs === undefined ? '' : `${retryAfterMs / 1000}`;
      return new UpstreamError({
        ...base,
        code: 'rate-limited',
        retryable: true,
        detail: {
          zh: `限流（HTTP 429）${wait ? `，要求 ${wait} 秒后重试` : ''}；请降低同步频率`,
          en: `rate-limited the hub (HTTP 429)${wait ? `, retry advised after ${wait} s` : ''}; sync less often`,
        },
      });
    }
    if (status === 503) {
      return new UpstreamError({
        ...base,
        code: 'maintenance',
        retryable: true,
        detail: {
          zh: `暂停服务（HTTP 503，可能正在维护），稍后自动重试${quotedZh}`,
          en: `is unavailable (HTTP 503, likely maintenance); retried later${quoted}`,
        },
      });
    }
    return new UpstreamError({
      ...base,
      code: 'http-status',
      retryable: status >= 500,
      detail: { zh: `返回 HTTP ${status}${quotedZh}`, en: `answered HTTP ${status}${quoted}` },
    });
  }

  /**
   * An HTTP 3xx: the hub does not follow redirects (a redirect could send the request, with its
   * credentials, anywhere), so the call fails for good. The `Location` is named by its origin only
   * (never its path or query, which may carry tokens), resolved against `requestUrl` when relative.
   */
  static redirect(
    source: SourceRef,
    response: HttpResponseLike,
    opts: { requestUrl?: string; cause?: unknown } = {},
  ): UpstreamError {
    const status = response.status;
    const target = redirectTarget(headerValue(response.headers, 'location'), opts.requestUrl);
    return new UpstreamError({
      source,
      code: 'redirect',
      retryable: false,
      httpStatus: status,
      detail: {
        zh: `返回重定向（HTTP ${status}${target ? `，指向 ${target}` : ''}），中枢不跟随重定向；请检查配置的接口地址是否已变更（如 http 改为 https 或换了网关）`,
        en: `answered with a redirect (HTTP ${status}${target ? ` to ${target}` : ''}), which the hub does not follow; check whether the configured base URL has changed (e.g. http to https, or a new gateway)`,
      },
      ...(opts.cause === undefined ? {} : { cause: opts.cause }),
    });
  }

  /**
   * A body that is not what the contract promises. `retryable` defaults to true because an HTML
   * page from a gateway or firewall in front of the upstream is usually transient; pass false when
   * the upstream itself answered with the wrong shape (retrying returns the same).
   */
  static badResponse(
    source: SourceRef,
    body: unknown,
    opts: { httpStatus?: number; why?: Text; retryable?: boolean; cause?: unknown } = {},
  ): UpstreamError {
    const snippet = bodySnippet(body);
    const status = opts.httpStatus === undefined ? '' : `HTTP ${opts.httpStatus}, `;
    const why = opts.why ?? { zh: '不是约定的 JSON', en: 'not the JSON the contract promises' };
    return new UpstreamError({
      source,
      code: 'bad-response',
      retryable: opts.retryable ?? true,
      detail: {
        zh: `返回内容无法识别（${status}${why.zh}）：「${snippet}」`,
        en: `returned an unexpected body (${status}${why.en}): "${snippet}"`,
      },
      ...(opts.httpStatus === undefined ? {} : { httpStatus: opts.httpStatus }),
      cause: opts.cause,
    });
  }
}

/**
 * First 80 characters of a body, whitespace collapsed, for quoting in a message. Values that look like
 * credentials (`"access_token": "…"`, `client_secret=…`, `Bearer …`) are replaced by `[REDACTED]`
 * first: a token endpoint's answer, or an upstream echoing a request, must not put a secret into an
 * error message, a log line or a stored sync run.
 */
export function bodySnippet(body: unknown): string {
  let text: string;
  if (body === undefined || body === null) text = '';
  else if (typeof body === 'string') text = body;
  else if (Buffer.isBuffer(body)) text = body.toString('utf8');
  else {
    try {
      text = JSON.stringify(body) ?? String(body);
    } catch {
      text = String(body);
    }
  }
  // Redacted within a window, not the whole body: the patterns are not linear on long runs of word
  // characters, and nothing beyond the window can reach the quoted start.
  const collapsed = text.replace(/\s+/g, ' ').trim().slice(0, REDACTION_WINDOW);
  return redactCredentials(collapsed).slice(0, SNIPPET_LENGTH);
}

const REDACTED = '[REDACTED]';
/** Names of fields and parameters whose values are credentials. */
const SECRET_NAME =
  '[\\w.-]*(?:secret|password|passwd|pwd|token|signature|authorization|credential|api[_-]?key|access[_-]?key|app[_-]?key|cookie)[\\w.-]*';
const SECRET_JSON_FIELD = new RegExp(`("${SECRET_NAME}"\\s*:\\s*)("(?:[^"\\\\]|\\\\.)*"|[^,}\\s]+)`, 'gi');
const SECRET_PARAMETER = new RegExp(`(\\b${SECRET_NAME}=)[^&\\s"'<]+`, 'gi');
const SECRET_HEADER = new RegExp(`(\\b${SECRET_NAME}\\s*:\\s*)(?:(?:Bearer|Basic)\\s+)?[^\\s,;"'<]+`, 'gi');
/** A bearer token anywhere (`Basic` is left alone: as a word it is too common in upstream messages). */
const BEARER_TOKEN = /\b(Bearer)\s+[\w.~+/-]+=*/gi;

/** `text` with the values of credential-like JSON fields, parameters and headers, and bearer tokens, masked. */
export function redactCredentials(text: string): string {
  return text
    .replace(SECRET_JSON_FIELD, `$1"${REDACTED}"`)
    .replace(SECRET_PARAMETER, `$1${REDACTED}`)
    .replace(SECRET_HEADER, `$1${REDACTED}`)
    .replace(BEARER_TOKEN, `$1 ${REDACTED}`);
}

/**
 * What is kept of an axios error as a cause: its name, code, HTTP status, message and stack. The
 * axios error itself holds the request config (headers with tokens and signatures, a form body with
 * the client secret), the request and the response; its `toJSON` and pino's error serializers write
 * those out, so it is never kept.
 */
class UpstreamCause extends Error {
  readonly code?: string;
  readonly status?: number;

  constructor(err: AxiosError) {
    super(err.message);
    this.name = err.name;
    if (err.code !== undefined) this.code = err.code;
    const status = err.response?.status ?? err.status;
    if (status !== undefined) this.status = status;
    if (err.stack !== undefined) this.stack = err.stack;
  }
}

function withoutRequestDetails(cause: unknown): unknown {
  return isAxiosError(cause) ? new UpstreamCause(cause) : cause;
}

/** Where a redirect points, by origin only; undefined when there is no readable `Location`. */
function redirectTarget(location: unknown, requestUrl: string | undefined): string | undefined {
  if (typeof location !== 'string' || location.trim() === '') return undefined;
  try {
    const url = new URL(location.trim(), requestUrl);
    return url.origin === 'null' ? url.protocol : url.origin;
  } catch {
    return undefined;
  }
}

/** `Retry-After` as milliseconds: delay-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: unknown, now: number = Date.now()): number | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function headerValue(headers: unknown, name: string): unknown {
  if (!headers || typeof headers !== 'object') return undefined;
  const get = (headers as { get?: unknown }).get;
  if (typeof get === 'function') return (get as (n: string) => unknown).call(headers, name);
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : (headers as Record<string, unknown>)[key];
}
