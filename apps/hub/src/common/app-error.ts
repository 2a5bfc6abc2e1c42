import type { Text } from '@hub/rules';
import { z } from 'zod';
import { apiSchema, ZBilingual } from '../openapi/api-schemas';

/**
 * The hub's one error type. Each code has one HTTP status (the table below); the message says what
 * was wrong and what to do, in Chinese first and English second, since operators read it.
 */
export const APP_ERROR_STATUS = {
  /** a request body, query or parameter failed validation */
  INVALID_REQUEST: 400,
  /** an uploaded registry file was rejected as a whole */
  INVALID_FILE: 400,
  /** no credentials, or credentials that are wrong, expired or revoked */
  UNAUTHENTICATED: 401,
  /** the caller's role does not allow this */
  FORBIDDEN: 403,
  /** signed in with a one-time password: choose a new one first */
  PASSWORD_CHANGE_REQUIRED: 403,
  /** a browser's signed-in state change from another origin (cross-site request forgery) */
  CROSS_SITE_REQUEST: 403,
  PROJECT_NOT_FOUND: 404,
  CHECK_NOT_FOUND: 404,
  NOT_FOUND: 404,
  /** the request is valid but conflicts with the current state */
  CONFLICT: 409,
  /** the project names a policy pack (适用办法) that this hub has not loaded */
  PACK_NOT_LOADED: 409,
  PAYLOAD_TOO_LARGE: 413,
  /** a state-changing request whose body is not JSON (or a registry upload not multipart) */
  UNSUPPORTED_MEDIA_TYPE: 415,
  /** too many sign-in or token requests from one address */
  RATE_LIMITED: 429,
  /** a registry import failed inside the database and was rolled back: nothing of it was stored */
  IMPORT_FAILED: 503,
  /** the caller already has as many checks running as one user may */
  TOO_MANY_CHECKS: 429,
  /** PostgreSQL cannot be reached or the connection was lost: try again once it is back */
  DATABASE_UNAVAILABLE: 503,
  /** an upstream system could not be reached for a request that needs it */
  UPSTREAM_UNAVAILABLE: 502,
  INTERNAL: 500,
} as const;
export type AppErrorCode = keyof typeof APP_ERROR_STATUS;

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    readonly text: Text,
    readonly details?: unknown,
  ) {
    super(text.en);
  }

  get status(): number {
    return APP_ERROR_STATUS[this.code];
  }

  static projectNotFound(code: string): AppError {
    return new AppError('PROJECT_NOT_FOUND', {
      zh: `项目 ${code} 不存在：请先导入项目台账，或检查项目编码`,
      en: `Project ${code} does not exist: import the registry first or check the code`,
    });
  }
}

/** Body of every error response: a code of the table above and what to do, Chinese first. */
export const ZErrorBody = apiSchema(
  'Error',
  z.object({
    error: z.object({
      code: z.enum(Object.keys(APP_ERROR_STATUS) as [AppErrorCode, ...AppErrorCode[]]),
      message: ZBilingual,
      details: z.unknown().optional(),
    }),
  }),
);
export type ErrorBody = z.infer<typeof ZErrorBody>;
