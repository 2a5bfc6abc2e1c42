import { isAxiosError } from 'axios';
import { DATA_EXCHANGE_PATHS, ZDataExchangeEnvelope, ZDataExchangeToken } from '@hub/contracts';
import type { ConnectorLogger } from '../framework/connector';
import type { ResilientHttp } from '../framework/resilient-http';
import { UpstreamError } from '../framework/upstream-error';
import { dataExchangeErrorFromResponse, unwrapDataExchangeEnvelope } from './data-exchange.envelope';
import { DATA_EXCHANGE_SOURCE } from './data-exchange.source';

const SOURCE = DATA_EXCHANGE_SOURCE;

/** Longest head start a token is renewed with before its `expires_in` runs out. */
const MAX_REFRESH_MARGIN_MS = 60_000;
/** Share of a short-lived token's life given up as head start (a 1-second test token: 100 ms). */
const REFRESH_MARGIN_SHARE = 0.1;

/** What a {@link DataExchangeTokenSource} needs. */
export interface TokenSourceOptions {
  http: ResilientHttp;
  clientId: string;
  clientSecret: string;
  logger: ConnectorLogger;
  /** epoch ms; tests inject a clock to expire tokens without waiting */
  now: () => number;
}

interface CachedToken {
  value: string;
  /** when to stop handing it out: shortly before it expires, so a call never leaves with a dying token */
  renewAtMs: number;
}

/**
 * OAuth2 client-credentials tokens of the platform: fetched with a form POST, cached until shortly
 * before `expires_in` runs out, fetched once for all callers that ask at the same time, and dropped
 * when the platform refuses one (see {@link DataExchangeTokenSource.invalidate}).
 */
export class DataExchangeTokenSource {
  private cached: CachedToken | null = null;
  private pending: Promise<string> | null = null;

  constructor(private readonly options: TokenSourceOptions) {}

  /** A token that is not about to expire, fetching a new one when needed. */
  async get(signal?: AbortSignal): Promise<string> {
    const cached = this.cached;
    if (cached && this.options.now() < cached.renewAtMs) return cached.value;
    if (!this.pending) {
      // Not tied to one caller's signal: a sync and a targeted fetch may share the same request.
      const pending = this.fetch().finally(() => {
        this.pending = null;
      });
      // Handled here too, so a failure nobody waits for any more (all callers aborted) is not unhandled.
      pending.catch(() => undefined);
      this.pending = pending;
    }
    return abortable(this.pending, signal);
  }

  /** Forgets `token` if it is the cached one, so the next {@link get} fetches a new token. */
  invalidate(token: string): void {
    if (this.cached?.value === token) this.cached = null;
  }

  private async fetch(): Promise<string> {
    const { http, clientId, clientSecret, logger, now } = this.options;
    // Taken before the request: the platform starts counting `expires_in` no later than it answers.
    const requestedAt = now();
    const token = await http.execute(`POST ${DATA_EXCHANGE_PATHS.token}`, async ({ requestJson }) => {
      const form = new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: clientId,
        client_secret: clientSecret,
      });
      let response;
      try {
        response = await requestJson({
          method: 'POST',
          url: DATA_EXCHANGE_PATHS.token,
          data: form.toString(),
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        });
      } catch (err) {
        if (isAxiosError(err) && err.response)
          throw refused(dataExchangeErrorFromResponse(err.response, err));
        throw err;
      }
      const parsed = ZDataExchangeToken.safeParse(response.body);
      if (parsed.success) return parsed.data;
      if (ZDataExchangeEnvelope.safeParse(response.body).success) {
        // An error envelope with HTTP 200: let it say what went wrong.
        try {
          unwrapDataExchangeEnvelope(response.body, response.status);
        } catch (err) {
          throw refused(err);
        }
      }
      throw UpstreamError.badResponse(SOURCE, response.body, {
        httpStatus: response.status,
        retryable: false,
        why: {
          zh: `令牌应答缺少 access_token 或 expires_in：${parsed.error.issues[0]?.message ?? ''}`,
          en: `the token answer lacks access_token or expires_in: ${parsed.error.issues[0]?.message ?? ''}`,
        },
      });
    });
    const lifetimeMs = token.expires_in * 1000;
    const margin = Math.min(MAX_REFRESH_MARGIN_MS, lifetimeMs * REFRESH_MARGIN_SHARE);
    this.cached = { value: token.access_token, renewAtMs: requestedAt + lifetimeMs - margin };
    logger.debug({ source: SOURCE.id, expiresInSeconds: token.expires_in }, 'access token issued');
    return token.access_token;
  }
}

/** Token-endpoint auth failures are about the client credentials: say which settings to check. */
function refused(err: unknown): unknown {
  if (!(err instanceof UpstreamError) || err.code !== 'auth') return err;
  const said = `${err.upstreamCode ?? `HTTP ${err.httpStatus ?? '?'}`}`;
  return new UpstreamError({
    source: SOURCE,
    code: 'auth',
    retryable: false,
    ...(err.httpStatus === undefined ? {} : { httpStatus: err.httpStatus }),
    ...(err.upstreamCode === undefined ? {} : { upstreamCode: err.upstreamCode }),
    detail: {
      zh: `拒绝了中枢的客户端凭据（${said}），请核对中枢配置的 clientId 与 clientSecret，或向市大数据中心确认该客户端仍有效`,
      en: `refused the hub's client credentials (${said}); check the configured clientId and clientSecret, or ask the big-data centre whether the client is still active`,
    },
    cause: err,
  });
}

/** Waits for `promise`, but gives up with a typed `timeout` error as soon as `signal` aborts. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  const aborted = () =>
    new UpstreamError({
      source: SOURCE,
      code: 'timeout',
      retryable: false,
      detail: {
        zh: '请求已被中止（同步任务超时或服务停止）',
        en: 'call was aborted by the caller (run timeout or shutdown)',
      },
    });
  if (signal.aborted) return Promise.reject(aborted());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(aborted());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err instanceof Error ? err : new Error(String(err)));
      },
    );
  });
}
