import {
  DataExchangeAssumedErrorCode as Assumed,
  DataExchangeErrorCode,
  ZDataExchangeEnvelope,
} from '@hub/contracts';
import {
  UpstreamError,
  parseRetryAfter,
  type HttpResponseLike,
  type UpstreamErrorInit,
} from '../framework/upstream-error';
import { DATA_EXCHANGE_SOURCE } from './data-exchange.source';

const SOURCE = DATA_EXCHANGE_SOURCE;

/** A failure as the platform reported it: the HTTP status and, when it sent one, its error envelope. */
export interface DataExchangeFailure {
  httpStatus: number;
  errorCode: string | null;
  errorMsg: string | null;
  /** from `Retry-After` */
  retryAfterMs?: number;
  cause?: unknown;
}

/**
 * Opens a `{success, result}` envelope: returns `result` when `success` is true and throws the typed
 * error the failure stands for otherwise (the platform sends some with HTTP 200). A body that is not
 * an envelope at all (an HTML page from a gateway, garbage) is `bad-response`.
 */
export function unwrapDataExchangeEnvelope(body: unknown, httpStatus: number): unknown {
  const envelope = ZDataExchangeEnvelope.safeParse(body);
  if (!envelope.success) {
    throw UpstreamError.badResponse(SOURCE, body, {
      httpStatus,
      why: { zh: '不是 {success,result} 信封', en: 'not the {success,result} envelope' },
    });
  }
  const { success, result, errorCode, errorMsg } = envelope.data;
  if (success) return result ?? null;
  throw dataExchangeError({
    httpStatus,
    errorCode: errorCode === null || errorCode === undefined ? null : String(errorCode),
    errorMsg: errorMsg ?? null,
  });
}

/**
 * The typed error of an HTTP error status: the platform's envelope decides when the body is one
 * (`TOKEN_EXPIRED` must be told from other 401s), the status alone otherwise (a gateway's HTML page).
 */
export function dataExchangeErrorFromResponse(response: HttpResponseLike, cause?: unknown): UpstreamError {
  const envelope = ZDataExchangeEnvelope.safeParse(parseJson(response.data));
  if (!envelope.success || envelope.data.success) return UpstreamError.fromResponse(SOURCE, response, cause);
  const retryAfterMs = parseRetryAfter(headerValue(response.headers, 'retry-after'));
  const { errorCode, errorMsg } = envelope.data;
  return dataExchangeError({
    httpStatus: response.status,
    errorCode: errorCode === null || errorCode === undefined ? null : String(errorCode),
    errorMsg: errorMsg ?? null,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    cause,
  });
}

/**
 * Classifies a failure the platform reported in its envelope. The contract documents only
 * `TOKEN_EXPIRED`, so the HTTP status decides first and the (assumed) error code only where the
 * status says nothing, as with HTTP 200.
 */
export function dataExchangeError(failure: DataExchangeFailure): UpstreamError {
  const { httpStatus, errorCode, errorMsg, retryAfterMs } = failure;
  const said = `${errorCode ?? `HTTP ${httpStatus}`}${errorMsg ? `: ${errorMsg}` : ''}`;
  const error = (init: Omit<UpstreamErrorInit, 'source' | 'httpStatus' | 'upstreamCode' | 'cause'>) =>
    new UpstreamError({
      source: SOURCE,
      httpStatus,
      ...(errorCode === null ? {} : { upstreamCode: errorCode }),
      ...(failure.cause === undefined ? {} : { cause: failure.cause }),
      ...init,
    });

  if (errorCode === DataExchangeErrorCode.TOKEN_EXPIRED) {
    // Not retryable as such: the client fetches a new token and repeats the call itself, once.
    return error({
      code: 'auth',
      retryable: false,
      detail: {
        zh: `访问令牌已过期（${said}）`,
        en: `rejected the access token as expired (${said})`,
      },
    });
  }
  if (httpStatus === 429 || errorCode === Assumed.RATE_LIMITED) {
    const wait = retryAfterMs === undefined ? undefined : retryAfterMs / 1000;
    return error({
      code: 'rate-limited',
      retryable: true,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      detail: {
        zh: `限流（${said}）${wait === undefined ? '' : `，要求 ${wait} 秒后重试`}；持续出现时请降低同步频率`,
        en: `rate-limited the hub (${said})${wait === undefined ? '' : `, retry advised after ${wait} s`}; sync less often if it persists`,
      },
    });
  }
  if (httpStatus === 503 || errorCode === Assumed.SERVICE_UNAVAILABLE) {
    return error({
      code: 'maintenance',
      retryable: true,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      detail: {
        zh: `暂停服务（${said}，可能正在维护），稍后自动重试`,
        en: `is unavailable (${said}, likely maintenance); retried later`,
      },
    });
  }
  if (
    httpStatus === 401 ||
    httpStatus === 403 ||
    errorCode === Assumed.INVALID_TOKEN ||
    errorCode === Assumed.INVALID_CLIENT
  ) {
    return error({
      code: 'auth',
      retryable: false,
      detail: {
        zh: `拒绝访问（${said}），请检查中枢的 clientId、clientSecret 与授权范围`,
        en: `refused access (${said}); check the hub's clientId, clientSecret and granted scope`,
      },
    });
  }
  if (httpStatus === 404 || errorCode === Assumed.NOT_FOUND) {
    return error({
      code: 'not-found',
      retryable: false,
      detail: { zh: `未找到请求的记录（${said}）`, en: `has no such record (${said})` },
    });
  }
  // The platform's own trouble may pass; a complaint about the request will not.
  return error({
    code: 'upstream-error',
    retryable: httpStatus >= 500 || errorCode === Assumed.SYSTEM_ERROR,
    detail: { zh: `返回错误 ${said}`, en: `returned error ${said}` },
  });
}

/** True for an error that a fresh access token may cure: the platform refused the token itself. */
export function isTokenRejection(error: unknown): error is UpstreamError {
  return (
    error instanceof UpstreamError &&
    error.code === 'auth' &&
    (error.httpStatus === 401 ||
      error.upstreamCode === DataExchangeErrorCode.TOKEN_EXPIRED ||
      error.upstreamCode === Assumed.INVALID_TOKEN)
  );
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
