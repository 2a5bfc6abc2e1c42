import axios, { isAxiosError, type AxiosInstance, type AxiosRequestConfig } from 'axios';
import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  DelegateBackoff,
  TaskCancelledError,
  TimeoutStrategy,
  circuitBreaker,
  handleWhen,
  retry,
  timeout,
  type CircuitBreakerPolicy,
  type IRetryBackoffContext,
  type TimeoutPolicy,
} from 'cockatiel';
import { z } from 'zod';
import { BaseUrlScope } from './base-url';
import type { SourceRef } from './source-ref';
import type { CircuitStateName, ConnectorLogger } from './connector';
import { currentPatience } from './patience';
import { RequestThrottle } from './request-throttle';
import { UpstreamError } from './upstream-error';

/**
 * zod fields for the resilience settings every connector's config carries, with the defaults the
 * hub runs with; spread into a connector's config schema so all sources are tuned the same way.
 * Numbers are coerced because they usually come from environment variables.
 */
export const resilienceConfigShape = {
  /** per attempt, not per call */
  timeoutMs: z.coerce.number().int().positive().default(10_000),
  /** attempts per call, the first one included */
  maxAttempts: z.coerce.number().int().min(1).max(10).default(4),
  /** first backoff ceiling; each retry doubles it (full jitter picks a delay below it) */
  baseDelayMs: z.coerce.number().int().nonnegative().default(250),
  maxDelayMs: z.coerce.number().int().nonnegative().default(10_000),
  /** consecutive failed attempts that open the circuit */
  breakerThreshold: z.coerce.number().int().min(1).default(5),
  /** how long an open circuit fails fast before it lets one trial call through */
  breakerCooldownMs: z.coerce.number().int().nonnegative().default(30_000),
  /** requests in flight to this source at once */
  maxConcurrency: z.coerce.number().int().min(1).max(64).default(4),
  /** request starts per second to this source (0 = unlimited) */
  maxRequestsPerSecond: z.coerce.number().min(0).default(20),
  /** a bulk sync's page that fails after its retries is asked once more (after this pause) */
  reaskLostPages: z.union([z.boolean(), z.stringbool()]).default(true),
  reaskDelayMs: z.coerce.number().int().nonnegative().default(2_000),
};

/** Resilience settings of one source (see {@link resilienceConfigShape}). */
export interface ResilienceSettings {
  timeoutMs: number;
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  breakerThreshold: number;
  breakerCooldownMs: number;
  /** requests in flight at once (default: no practical limit) */
  maxConcurrency?: number;
  /** request starts per second, 0 = unlimited (the default) */
  maxRequestsPerSecond?: number;
  /**
   * Longest advised wait (in-band or `Retry-After`) the hub sits out inside one call; a longer one
   * ends the call with the rate-limited error, and the next scheduled run tries again.
   * Default 60 000 ms.
   */
  maxRetryAfterMs?: number;
  /** whether a patient call (a bulk sync's page) is asked once more after its retries; default yes */
  reaskLostPages?: boolean;
  /** pause before it is; default 2 000 ms */
  reaskDelayMs?: number;
}

/** The resilience settings out of a connector's config (which also holds URLs and secrets). */
export function resilienceSettings(config: ResilienceSettings): ResilienceSettings {
  return {
    timeoutMs: config.timeoutMs,
    maxAttempts: config.maxAttempts,
    baseDelayMs: config.baseDelayMs,
    maxDelayMs: config.maxDelayMs,
    breakerThreshold: config.breakerThreshold,
    breakerCooldownMs: config.breakerCooldownMs,
    ...(config.maxConcurrency === undefined ? {} : { maxConcurrency: config.maxConcurrency }),
    ...(config.maxRequestsPerSecond === undefined
      ? {}
      : { maxRequestsPerSecond: config.maxRequestsPerSecond }),
    ...(config.maxRetryAfterMs === undefined ? {} : { maxRetryAfterMs: config.maxRetryAfterMs }),
    ...(config.reaskLostPages === undefined ? {} : { reaskLostPages: config.reaskLostPages }),
    ...(config.reaskDelayMs === undefined ? {} : { reaskDelayMs: config.reaskDelayMs }),
  };
}

/** Options of a {@link ResilientHttp}. */
export interface ResilientHttpOptions extends ResilienceSettings {
  source: SourceRef;
  /** every request must stay within it: same protocol, host and port, a path at or under its path */
  baseUrl: string;
  logger: ConnectorLogger;
  /** headers sent with every request */
  headers?: Record<string, string>;
  /** source of randomness for the backoff jitter; tests pin it */
  random?: () => number;
}

/** A parsed JSON answer with a 2xx status. */
export interface JsonResponse {
  status: number;
  headers: Record<string, unknown>;
  body: unknown;
}

/** What one attempt of a call gets: fresh per attempt, so signed headers can be recomputed. */
export interface AttemptContext {
  /** 1 for the first attempt */
  attempt: number;
  /** aborted when this attempt times out or the caller aborts */
  signal: AbortSignal;
  /**
   * Sends a request through the source's axios instance with this attempt's signal and parses the
   * body as JSON; a body that is not JSON (an HTML error page, garbage) throws `bad-response`. A URL
   * outside the base URL throws `url-refused` without sending anything; a 3xx answer throws
   * `redirect` (redirects are never followed).
   */
  requestJson(config: AxiosRequestConfig): Promise<JsonResponse>;
}

const DEFAULT_MAX_RETRY_AFTER_MS = 60_000;
const DEFAULT_REASK_DELAY_MS = 2_000;

/** Resolves after `ms`, or at once when the caller aborts. */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

function isRedirect(status: number): boolean {
  return status >= 300 && status < 400;
}

/** Failures that say the upstream is unhealthy; auth, rate limits and not-found say it is up. */
function isUpstreamFault(err: Error): boolean {
  return err instanceof UpstreamError && err.retryable && err.code !== 'rate-limited' && err.code !== 'auth';
}

/**
 * One source's HTTP edge: an axios instance wrapped in cockatiel policies, from the outside in
 * retry (exponential backoff with full jitter, or the upstream's advised wait) → circuit breaker
 * (consecutive failed attempts) → timeout (per attempt). Create one per source and keep it for the
 * life of the process: the circuit state lives here.
 *
 * The instance reaches only the configured base URL: every request's resolved URL is checked before
 * it is sent (see {@link BaseUrlScope}), and redirects are not followed, so neither a path built from
 * upstream data nor an upstream's 3xx can send the source's credentials anywhere else.
 */
export class ResilientHttp {
  private readonly http: AxiosInstance;
  private readonly breaker: CircuitBreakerPolicy;
  private readonly attemptTimeout: TimeoutPolicy;
  private readonly random: () => number;
  private readonly maxRetryAfterMs: number;
  private readonly throttle: RequestThrottle;
  private readonly scope: BaseUrlScope;
  /** when the circuit last opened; cockatiel keeps its own but does not expose it */
  private openedAt = 0;

  constructor(private readonly options: ResilientHttpOptions) {
    this.random = options.random ?? Math.random;
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS;
    // Unlimited unless configured: connector configs carry the defaults (see resilienceConfigShape).
    this.throttle = new RequestThrottle(options.maxConcurrency ?? 64, options.maxRequestsPerSecond ?? 0);
    this.scope = new BaseUrlScope(options.source, options.baseUrl);
    this.http = axios.create({
      baseURL: options.baseUrl,
      headers: { Accept: 'application/json', ...options.headers },
      // Parse JSON ourselves: axios would silently hand back an HTML page as a string.
      responseType: 'text',
      transformResponse: [(data: unknown) => data],
      validateStatus: (status) => status >= 200 && status < 300,
      // A redirect could take the request, credentials and all, to another host: never follow one.
      maxRedirects: 0,
    });
    // Checked on the URL axios will actually request (base + path, or an absolute URL as given, plus
    // params), before the adapter runs: a refused request never reaches the network.
    this.http.interceptors.request.use((config) => {
      let resolved: string | null;
      try {
        resolved = this.http.getUri(config);
      } catch {
        resolved = null;
      }
      this.scope.check(resolved);
      return config;
    });
    this.http.interceptors.response.use(
      (response) => {
        // Only reachable if a caller widened validateStatus; a 3xx is still not an answer.
        if (isRedirect(response.status)) throw this.redirectError(response, response.config);
        return response;
      },
      (err: unknown) => {
        if (isAxiosError(err) && err.response && isRedirect(err.response.status)) {
          throw this.redirectError(err.response, err.config, err);
        }
        throw err;
      },
    );
    this.breaker = circuitBreaker(handleWhen(isUpstreamFault), {
      halfOpenAfter: options.breakerCooldownMs,
      breaker: new ConsecutiveBreaker(options.breakerThreshold),
    });
    // Aggressive: an attempt ends at the deadline even if the request ignores its abort signal.
    this.attemptTimeout = timeout(options.timeoutMs, TimeoutStrategy.Aggressive);

    const { logger } = options;
    const source = options.source.id;
    this.breaker.onBreak(() => {
      this.openedAt = Date.now();
      logger.error({ source }, 'circuit opened: calls fail fast until the cool-down');
    });
    this.breaker.onHalfOpen(() => logger.info({ source }, 'circuit half-open: sending a trial call'));
    this.breaker.onReset(() => logger.info({ source }, 'circuit closed: upstream answered again'));
  }

  /**
   * State of the source's circuit, for the status page. Once the cool-down has passed the circuit
   * reads `half-open` (the next call is the trial), though cockatiel moves only when that call comes.
   */
  circuitState(): CircuitStateName {
    switch (this.breaker.state) {
      case CircuitState.Closed:
        return 'closed';
      case CircuitState.HalfOpen:
        return 'half-open';
      case CircuitState.Open:
        return Date.now() - this.openedAt >= this.options.breakerCooldownMs ? 'half-open' : 'open';
      default:
        return 'open';
    }
  }

  /**
   * Runs `fn` once per attempt until it succeeds, fails with a non-retryable error, or the attempts
   * run out. `fn` is called afresh each time, so it can sign with a new nonce and timestamp.
   * Throws {@link UpstreamError} for every upstream failure; other errors (bugs) pass through.
   */
  async execute<T>(
    operation: string,
    fn: (ctx: AttemptContext) => Promise<T>,
    signal?: AbortSignal,
  ): Promise<T> {
    const policy = retry(
      handleWhen((err) => this.shouldRetry(err)),
      {
        maxAttempts: this.options.maxAttempts - 1,
        backoff: new DelegateBackoff((ctx: IRetryBackoffContext<unknown>) =>
          this.backoffDelay(operation, ctx),
        ),
      },
    );
    const run = () => policy.execute(({ attempt }) => this.attempt(attempt + 1, fn, signal), signal);
    try {
      return await run();
    } catch (err) {
      const patience = this.options.reaskLostPages === false ? undefined : currentPatience();
      if (!patience || patience.exhausted || signal?.aborted || !this.worthAskingAgain(err)) throw err;
      // A bulk sync asks a lost page once more, once the pause and any open circuit's cool-down are over.
      patience.reasked++;
      const waitMs = Math.max(this.options.reaskDelayMs ?? DEFAULT_REASK_DELAY_MS, this.coolDownLeftMs());
      this.options.logger.warn(
        { source: this.options.source.id, operation, waitMs, error: (err as Error).message },
        'page failed after its retries; asking once more',
      );
      await sleep(waitMs, signal);
      try {
        const result = await run();
        patience.recovered++;
        return result;
      } catch (again) {
        patience.exhausted = true;
        throw again;
      }
    }
  }

  /** A failure that a later ask might not meet: an outage, not a refusal or a malformed answer. */
  private worthAskingAgain(err: unknown): boolean {
    return (
      err instanceof UpstreamError &&
      (err.code === 'circuit-open' || (err.retryable && err.code !== 'auth')) &&
      (err.retryAfterMs === undefined || err.retryAfterMs <= this.maxRetryAfterMs)
    );
  }

  /** How long an open circuit still fails fast (0 when it is closed or due for its trial call). */
  private coolDownLeftMs(): number {
    if (this.breaker.state !== CircuitState.Open) return 0;
    return Math.max(0, this.openedAt + this.options.breakerCooldownMs - Date.now());
  }

  private async attempt<T>(
    attempt: number,
    fn: (ctx: AttemptContext) => Promise<T>,
    callerSignal: AbortSignal | undefined,
  ): Promise<T> {
    try {
      // The throttle's queue wait comes before the attempt's timeout starts: a request waiting its
      // turn has not been sent and must not time out for it.
      return await this.throttle.run(() =>
        this.breaker.execute(async ({ signal: breakerSignal }) => {
          try {
            return await this.attemptTimeout.execute(
              ({ signal }) =>
                fn({ attempt, signal, requestJson: (config) => this.requestJson(config, signal) }),
              breakerSignal,
            );
          } catch (err) {
            // Classify here so that the breaker counts typed faults, not raw axios errors.
            throw this.classify(err, callerSignal);
          }
        }, callerSignal),
      );
    } catch (err) {
      if (err instanceof BrokenCircuitError) throw this.circuitOpenError();
      throw err;
    }
  }

  private async requestJson(config: AxiosRequestConfig, signal: AbortSignal): Promise<JsonResponse> {
    const response = await this.http.request<unknown>({ ...config, signal, maxRedirects: 0 });
    const raw: unknown = response.data;
    let body: unknown;
    try {
      body = typeof raw === 'string' ? JSON.parse(raw) : raw;
    } catch (err) {
      throw UpstreamError.badResponse(this.options.source, raw, { httpStatus: response.status, cause: err });
    }
    return { status: response.status, headers: { ...response.headers }, body };
  }

  private redirectError(
    response: { status: number; headers?: unknown },
    config: AxiosRequestConfig | undefined,
    cause?: unknown,
  ): UpstreamError {
    let requestUrl: string | undefined;
    try {
      requestUrl = config ? this.http.getUri(config) : this.options.baseUrl;
    } catch {
      requestUrl = this.options.baseUrl;
    }
    return UpstreamError.redirect(this.options.source, response, { requestUrl, cause });
  }

  private classify(err: unknown, callerSignal: AbortSignal | undefined): unknown {
    const { source, timeoutMs } = this.options;
    if (callerSignal?.aborted) {
      return new UpstreamError({
        source,
        code: 'timeout',
        retryable: false,
        detail: {
          zh: '请求已被中止（同步任务超时或服务停止）',
          en: 'call was aborted by the caller (run timeout or shutdown)',
        },
        cause: err,
      });
    }
    if (err instanceof UpstreamError) return err;
    if (err instanceof TaskCancelledError || (isAxiosError(err) && err.code === 'ERR_CANCELED')) {
      return new UpstreamError({
        source,
        code: 'timeout',
        retryable: true,
        detail: {
          zh: `请求超时（${timeoutMs} 毫秒内无响应），已自动重试；持续出现时请检查网络或联系对方运维`,
          en: `did not answer within ${timeoutMs} ms; retried automatically, check the network or the upstream's operators if it persists`,
        },
        cause: err,
      });
    }
    if (isAxiosError(err)) return UpstreamError.fromAxiosError(source, err);
    return err;
  }

  private circuitOpenError(): UpstreamError {
    const seconds = Math.ceil(this.options.breakerCooldownMs / 1000);
    return new UpstreamError({
      source: this.options.source,
      code: 'circuit-open',
      retryable: false,
      detail: {
        zh: `连续失败已熔断，约 ${seconds} 秒后再试探调用；请先排查对方系统是否可用`,
        en: `circuit is open after consecutive failures; a trial call is allowed after about ${seconds} s, check that the upstream is up`,
      },
    });
  }

  private shouldRetry(err: Error): boolean {
    return (
      err instanceof UpstreamError &&
      err.retryable &&
      (err.retryAfterMs === undefined || err.retryAfterMs <= this.maxRetryAfterMs)
    );
  }

  private backoffDelay(operation: string, ctx: IRetryBackoffContext<unknown>): number {
    const err = 'error' in ctx.result ? ctx.result.error : undefined;
    const advised = err instanceof UpstreamError ? err.retryAfterMs : undefined;
    const { baseDelayMs, maxDelayMs, logger } = this.options;
    const source = this.options.source.id;
    // Full jitter: a random delay below the exponential ceiling spreads retries of many callers apart.
    const delayMs =
      advised ?? Math.floor(this.random() * Math.min(maxDelayMs, baseDelayMs * 2 ** (ctx.attempt - 1)));
    logger.warn(
      {
        source,
        operation,
        attempt: ctx.attempt,
        delayMs,
        code: err instanceof UpstreamError ? err.code : undefined,
        upstreamCode: err instanceof UpstreamError ? err.upstreamCode : undefined,
        error: err?.message,
      },
      'upstream call failed, retrying',
    );
    return delayMs;
  }
}
