import { ServicePlatformsCode, ZServicePlatformsEnvelope } from '@hub/contracts';
import {
  UpstreamError,
  parseRetryAfter,
  type HttpResponseLike,
  type UpstreamErrorInit,
} from '../framework/upstream-error';
import { SERVICE_PLATFORMS_SOURCE } from './service-platforms.source';

const SOURCE = SERVICE_PLATFORMS_SOURCE;
/** Statuses whose meaning does not depend on the body. */
const GENERIC_STATUSES = new Set([404, 429, 503]);

/** What the gateway said besides the code: the HTTP status it came with and any advised wait. */
export interface ServicePlatformsEnvelopeErrorContext {
  httpStatus?: number;
  /** from a `Retry-After` header */
  retryAfterMs?: number;
}

/**
 * Opens a 2xx `{code, message, data}` envelope: returns `data` for `"00000"` and throws the typed
 * error the code stands for otherwise (`B0001` system busy comes with HTTP 200). A body that is not
 * an envelope at all (an HTML page from a proxy, garbage) is `bad-response`.
 */
export function unwrapServicePlatformsEnvelope(
  body: unknown,
  httpStatus: number,
  headers?: unknown,
): unknown {
  const envelope = ZServicePlatformsEnvelope.safeParse(body);
  if (!envelope.success) {
    throw UpstreamError.badResponse(SOURCE, body, {
      httpStatus,
      why: { zh: '不是 {code,message,data} 信封', en: 'not the {code,message,data} envelope' },
    });
  }
  const { code, message, data } = envelope.data;
  if (code === ServicePlatformsCode.OK) return data ?? null;
  const retryAfterMs = parseRetryAfter(headerValue(headers, 'retry-after'));
  throw servicePlatformsEnvelopeError(code, message ?? '', {
    httpStatus,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  });
}

/**
 * The typed error of a non-2xx answer. The gateway sends its envelope with error statuses too
 * (`A0401` with 401, internal errors with 500), and its code says more than the status, except for
 * 503 (maintenance, whatever the body), 429 (throttled, with `Retry-After`) and 404 (a wrong base
 * URL), which keep their generic meaning. A body that is not an envelope (an HTML error page) is
 * classified by status.
 */
export function servicePlatformsHttpError(response: HttpResponseLike, cause?: unknown): UpstreamError {
  if (GENERIC_STATUSES.has(response.status)) {
    return UpstreamError.fromResponse(SOURCE, response, cause);
  }
  const envelope = ZServicePlatformsEnvelope.safeParse(parseJson(response.data));
  if (!envelope.success || envelope.data.code === ServicePlatformsCode.OK) {
    return UpstreamError.fromResponse(SOURCE, response, cause);
  }
  const retryAfterMs = parseRetryAfter(headerValue(response.headers, 'retry-after'));
  return servicePlatformsEnvelopeError(envelope.data.code, envelope.data.message ?? '', {
    httpStatus: response.status,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  });
}

/**
 * The typed error for an envelope code other than `"00000"`:
 * - `A0401` (or any code with HTTP 401/403): `auth`, not retried;
 * - `B0001` system busy: `rate-limited`, retried with backoff (or after `Retry-After`), and not
 *   counted against the circuit, since a busy gateway is up;
 * - other `B…` (the platform's own failures) and `C…` (a service behind the gateway): `upstream-error`,
 *   retried;
 * - other `A…` (the request was refused) and codes outside the scheme: `upstream-error`, not retried,
 *   since the same request would get the same answer.
 */
export function servicePlatformsEnvelopeError(
  code: string,
  message: string,
  context: ServicePlatformsEnvelopeErrorContext = {},
): UpstreamError {
  const said = message ? `${code}: ${message}` : code;
  const status = context.httpStatus;
  const base = {
    source: SOURCE,
    upstreamCode: code,
    ...(status === undefined ? {} : { httpStatus: status }),
  };
  const error = (init: Omit<UpstreamErrorInit, 'source' | 'upstreamCode' | 'httpStatus'>) =>
    new UpstreamError({ ...base, ...init });

  if (code === ServicePlatformsCode.UNAUTHORIZED || status === 401 || status === 403) {
    return error({
      code: 'auth',
      retryable: false,
      detail: {
        zh: `拒绝了中枢的应用凭据（错误 ${said}），请核对中枢配置的 appKey 与 appSecret（X-App-Key / X-App-Secret）`,
        en: `refused the hub's app credentials (error ${said}); check the configured appKey and appSecret (X-App-Key / X-App-Secret)`,
      },
    });
  }
  if (code === ServicePlatformsCode.SYSTEM_BUSY) {
    const wait = context.retryAfterMs === undefined ? undefined : context.retryAfterMs / 1000;
    return error({
      code: 'rate-limited',
      retryable: true,
      ...(context.retryAfterMs === undefined ? {} : { retryAfterMs: context.retryAfterMs }),
      detail: {
        zh: `系统繁忙（错误 ${said}）${wait === undefined ? '' : `，要求 ${wait} 秒后重试`}，已退避重试；持续出现时请降低同步频率`,
        en: `is busy (error ${said})${wait === undefined ? '' : `, retry advised after ${wait} s`}; retried with backoff, sync less often if it persists`,
      },
    });
  }
  return error({
    code: 'upstream-error',
    retryable: /^[BC]/.test(code),
    detail: { zh: `返回错误 ${said}`, en: `returned error ${said}` },
  });
}

function parseJson(data: unknown): unknown {
  if (typeof data !== 'string') return data;
  try {
    return JSON.parse(data);
  } catch {
    return undefined;
  }
}

function headerValue(headers: unknown, name: string): unknown {
  if (!headers || typeof headers !== 'object') return undefined;
  const get = (headers as { get?: unknown }).get;
  if (typeof get === 'function') return (get as (n: string) => unknown).call(headers, name);
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : (headers as Record<string, unknown>)[key];
}
