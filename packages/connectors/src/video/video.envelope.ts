import { VideoCode, VideoHttpStatus, ZVideoEnvelope } from '@hub/contracts';
import type { SourceRef } from '../framework/source-ref';
import { UpstreamError, type UpstreamErrorInit } from '../framework/upstream-error';
import { VIDEO_SOURCE } from './video.source';

const SOURCE = VIDEO_SOURCE;

/**
 * Opens a `{code, message, data}` envelope: returns `data` for code 200 and throws the typed error the
 * code stands for otherwise (the platform reports its own failures with HTTP 200). A body that is not
 * an envelope at all (an HTML page from a gateway, garbage) is `bad-response`.
 */
export function unwrapVideoEnvelope(body: unknown, httpStatus: number): unknown {
  const envelope = ZVideoEnvelope.safeParse(body);
  if (!envelope.success) {
    throw UpstreamError.badResponse(SOURCE, body, {
      httpStatus,
      why: { zh: '不是 {code,message,data} 信封', en: 'not the {code,message,data} envelope' },
    });
  }
  const { code, message, data } = envelope.data;
  if (code === VideoCode.OK) return data ?? null;
  throw videoEnvelopeError(code, message ?? '', httpStatus);
}

/**
 * The typed error for a non-200 envelope code. The platform mirrors HTTP statuses in `code`, so they
 * are read the same way: 5xx (the documented `500 数据库繁忙`) is its own, passing trouble and is
 * retried; 401/403, 404, 429 and 503 mean what they mean over HTTP; any other 4xx is the hub's
 * request and would fail again.
 */
export function videoEnvelopeError(code: number, message: string, httpStatus?: number): UpstreamError {
  const said = `${code}: ${message}`;
  const base = { source: SOURCE, upstreamCode: code, ...(httpStatus === undefined ? {} : { httpStatus }) };
  const error = (init: Omit<UpstreamErrorInit, 'source' | 'upstreamCode' | 'httpStatus'>) =>
    new UpstreamError({ ...base, ...init });

  if (code === VideoHttpStatus.UNAUTHORIZED || code === 403) return videoAuthError(said, base);
  if (code === 404) {
    return error({
      code: 'not-found',
      retryable: false,
      detail: { zh: `未找到请求的资源（错误 ${said}）`, en: `has no such resource (error ${said})` },
    });
  }
  if (code === VideoHttpStatus.RATE_LIMITED) {
    return error({
      code: 'rate-limited',
      retryable: true,
      detail: {
        zh: `限流（错误 ${said}），已自动退避重试；持续出现时请降低同步频率`,
        en: `rate-limited the hub (error ${said}); retried with backoff, sync less often if it persists`,
      },
    });
  }
  if (code === VideoHttpStatus.MAINTENANCE) {
    return error({
      code: 'maintenance',
      retryable: true,
      detail: {
        zh: `暂停服务（错误 ${said}，可能正在维护），稍后自动重试`,
        en: `is unavailable (error ${said}, likely maintenance); retried later`,
      },
    });
  }
  return error({
    code: 'upstream-error',
    retryable: code >= VideoCode.INTERNAL && code < 600,
    detail: { zh: `返回错误 ${said}`, en: `returned error ${said}` },
  });
}

/** The bearer token was refused (HTTP 401, or 401/403 in the envelope). */
export function videoAuthError(
  said: string,
  init: { source?: SourceRef; upstreamCode?: number; httpStatus?: number; cause?: unknown },
): UpstreamError {
  return new UpstreamError({
    ...init,
    source: SOURCE,
    code: 'auth',
    retryable: false,
    detail: {
      zh: `拒绝了访问令牌（${said}），请检查中枢配置的视频平台 Bearer 令牌（token）是否正确、是否已过期`,
      en: `refused the bearer token (${said}); check that the hub's configured video platform token is right and not expired`,
    },
  });
}
