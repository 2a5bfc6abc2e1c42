import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import type { Response } from 'express';
import { PackRegistrationError } from '@hub/rules';
import type { Logger } from 'pino';
import { AppError, type AppErrorCode, type ErrorBody } from './app-error';
import { DATABASE_UNAVAILABLE_TEXT, isDatabaseUnavailable } from './database-unavailable';

const HTTP_CODES: Record<number, AppErrorCode> = {
  400: 'INVALID_REQUEST',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  413: 'PAYLOAD_TOO_LARGE',
  429: 'RATE_LIMITED',
};

const HTTP_TEXT: Record<number, { zh: string; en: string }> = {
  404: { zh: '请求的地址不存在', en: 'No such route' },
  413: {
    zh: '请求体或上传文件过大（JSON 最大 1 MB，台账文件与整改附件最大 10 MB）',
    en: 'Request body or upload too large (JSON up to 1 MB, registry files and rectification attachments up to 10 MB)',
  },
  429: { zh: '请求过于频繁，请稍后再试', en: 'Too many requests: try again later' },
};

/** Every error leaves as `{ error: { code, message: { zh, en } } }`; never a stack trace. */
@Catch()
export class AppErrorFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const { status, body } = this.toBody(exception);
    if (body.error.code === 'DATABASE_UNAVAILABLE') {
      // An outage, not a fault of this request: once per request, without the trace.
      this.logger.warn(
        { err: { message: (exception as Error).message } },
        'request failed: database unavailable',
      );
    } else if (status >= 500) this.logger.error({ err: exception }, 'request failed');
    res.status(status).json(body);
  }

  private toBody(exception: unknown): { status: number; body: ErrorBody } {
    // a project of a pack no longer loaded (its file removed from HUB_PACKS_DIR) is the caller's 409
    if (exception instanceof PackRegistrationError) {
      return this.toBody(new AppError('PACK_NOT_LOADED', { zh: exception.zh, en: exception.en }));
    }
    if (exception instanceof AppError) {
      return {
        status: exception.status,
        body: { error: { code: exception.code, message: exception.text, details: exception.details } },
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code = HTTP_CODES[status] ?? (status >= 500 ? 'INTERNAL' : 'INVALID_REQUEST');
      return {
        status,
        body: {
          error: {
            code,
            message: HTTP_TEXT[status] ?? { zh: `请求无效：${exception.message}`, en: exception.message },
          },
        },
      };
    }
    if (isDatabaseUnavailable(exception)) {
      return {
        status: 503,
        body: { error: { code: 'DATABASE_UNAVAILABLE', message: DATABASE_UNAVAILABLE_TEXT } },
      };
    }
    return {
      status: 500,
      body: {
        error: {
          code: 'INTERNAL',
          message: { zh: '服务器内部错误，请查看日志', en: 'Internal error: see the hub log' },
        },
      },
    };
  }
}
