import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request } from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import type { AuthenticatedRequest } from '../modules/auth/policy';
import { LOG_CENSOR, isSecretName } from './logger';

/**
 * Query parameters whose values are credentials besides the names the logger redacts everywhere:
 * the OIDC callback's authorization code and state.
 */
const SECRET_QUERY = new Set(['code', 'state', 'session_state']);

/** A request's path and query as the access log writes it: values of credential parameters censored. */
export function accessLogUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const pairs = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const rawName = eq < 0 ? pair : pair.slice(0, eq);
      let name = rawName;
      try {
        name = decodeURIComponent(rawName.replace(/\+/g, ' '));
      } catch {
        // a malformed escape: judge the name as written
      }
      return eq >= 0 && (isSecretName(name) || SECRET_QUERY.has(name.toLowerCase()))
        ? `${rawName}=${LOG_CENSOR}`
        : pair;
    });
  return `${url.slice(0, q)}?${pairs.join('&')}`;
}

const isProbe = (req: IncomingMessage) => /^\/health(\/|\?|$)/.test(req.url ?? '');

/**
 * The HTTP access log: one line per answered request on the hub's own logger (component `http`),
 * with method, path and query (credential values censored), status, duration in ms and the signed-in
 * user when the request named one. Headers are not logged at all, so `Authorization` and cookies
 * never reach it. Liveness and readiness probes are logged at debug, server errors at warn (the error
 * filter has already logged the error itself).
 */
export function accessLog(logger: Logger) {
  return pinoHttp<Request, ServerResponse>({
    logger: logger.child({ component: 'http' }),
    wrapSerializers: false,
    serializers: {
      req: (req: Request) => ({
        id: req.id,
        method: req.method,
        url: accessLogUrl(req.originalUrl ?? req.url),
        remoteAddress: req.ip ?? req.socket?.remoteAddress,
      }),
      res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
    },
    customProps: (req) => {
      const principal = (req as AuthenticatedRequest).principal;
      return principal ? { user: principal.username } : {};
    },
    customLogLevel: (req, res, err) =>
      isProbe(req) ? 'debug' : err || res.statusCode >= 500 ? 'warn' : 'info',
    customSuccessMessage: (req, res, ms) =>
      `${req.method} ${accessLogUrl(req.originalUrl ?? req.url)} ${res.statusCode} ${ms} ms`,
    customErrorMessage: (req, res) =>
      `${req.method} ${accessLogUrl(req.originalUrl ?? req.url)} ${res.statusCode}`,
    // The status and duration, not an error object with a stack: the failure is logged where it happened.
    customErrorObject: (_req, _res, _err, val: Record<string, unknown>) => ({
      res: val['res'],
      responseTime: val['responseTime'],
    }),
  });
}
