import { GovCloudCode, ZGovCloudEnvelope, ZGovCloudRateLimitData } from '@hub/contracts';
import { UpstreamError, type UpstreamErrorInit } from '../framework/upstream-error';
import { GOV_CLOUD_SOURCE } from './gov-cloud.source';

const SOURCE = GOV_CLOUD_SOURCE;

/**
 * Opens a `{code, msg, data}` envelope: returns `data` for code 0 and throws the typed error the
 * code stands for otherwise (errors arrive with HTTP 200). A body that is not an envelope at all
 * (an HTML page from a gateway, garbage) is `bad-response`.
 */
export function unwrapGovCloudEnvelope(body: unknown, httpStatus: number): unknown {
  const envelope = ZGovCloudEnvelope.safeParse(body);
  if (!envelope.success) {
    throw UpstreamError.badResponse(SOURCE, body, {
      httpStatus,
      why: { zh: '不是 {code,msg,data} 信封', en: 'not the {code,msg,data} envelope' },
    });
  }
  const { code, msg, data } = envelope.data;
  if (code === GovCloudCode.OK) return data ?? null;
  throw govCloudEnvelopeError(code, msg, data, httpStatus);
}

/** The typed error for a non-zero envelope code. */
export function govCloudEnvelopeError(
  code: number,
  msg: string,
  data: unknown,
  httpStatus?: number,
): UpstreamError {
  const said = `${code}: ${msg}`;
  const base = { source: SOURCE, upstreamCode: code, ...(httpStatus === undefined ? {} : { httpStatus }) };
  const error = (init: Omit<UpstreamErrorInit, 'source' | 'upstreamCode' | 'httpStatus'>) =>
    new UpstreamError({ ...base, ...init });

  switch (code) {
    case GovCloudCode.BAD_SIGNATURE:
      return error({
        code: 'auth',
        retryable: false,
        detail: {
          zh: `签名校验失败（错误 ${said}），请核对中枢配置的 accessKey 与 secretKey`,
          en: `rejected the signature (error ${said}); check the configured accessKey and secretKey`,
        },
      });
    case GovCloudCode.TIMESTAMP_SKEW:
      return error({
        code: 'auth',
        retryable: false,
        detail: {
          zh: `拒绝了请求时间戳（错误 ${said}）：中枢服务器与政务云的时钟相差超过 300 秒，请校准中枢服务器时钟（NTP）`,
          en: `rejected the timestamp (error ${said}): the hub's clock and the cloud's clock differ by more than 300 s, synchronise the hub's clock (NTP)`,
        },
      });
    case GovCloudCode.NONCE_REUSED:
      // A fresh nonce fixes it, and every attempt signs with a new one.
      return error({
        code: 'auth',
        retryable: true,
        detail: {
          zh: `拒绝了重复使用的随机数（错误 ${said}），已换用新随机数重试`,
          en: `rejected a reused nonce (error ${said}); retried with a new nonce`,
        },
      });
    case GovCloudCode.TENANT_NOT_VISIBLE:
      return error({
        code: 'auth',
        retryable: false,
        detail: {
          zh: `租户对中枢不可见（错误 ${said}），请向市大数据中心申请该租户台账的查看权限`,
          en: `does not show this tenant to the hub (error ${said}); ask the big-data centre to grant read access to it`,
        },
      });
    case GovCloudCode.NOT_FOUND:
      return error({
        code: 'not-found',
        retryable: false,
        detail: { zh: `未找到请求的记录（错误 ${said}）`, en: `has no such record (error ${said})` },
      });
    case GovCloudCode.RATE_LIMITED: {
      const advice = ZGovCloudRateLimitData.safeParse(data);
      const seconds = advice.success ? advice.data.retryAfterSeconds : undefined;
      return error({
        code: 'rate-limited',
        retryable: true,
        ...(seconds === undefined ? {} : { retryAfterMs: Math.round(seconds * 1000) }),
        detail: {
          zh: `限流（错误 ${said}）${seconds === undefined ? '' : `，要求 ${seconds} 秒后重试`}；持续出现时请降低同步频率`,
          en: `rate-limited the hub (error ${said})${seconds === undefined ? '' : `, retry advised after ${seconds} s`}; sync less often if it persists`,
        },
      });
    }
    default:
      // 50000 and any undocumented 5xxxx are the cloud's own trouble and may pass; other codes will not.
      return error({
        code: 'upstream-error',
        retryable: code >= GovCloudCode.INTERNAL,
        detail: { zh: `返回错误 ${said}`, en: `returned error ${said}` },
      });
  }
}
