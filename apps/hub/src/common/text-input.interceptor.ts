import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { findUnsafeText, unsafeTextError } from './text-input';

/**
 * Refuses, with a 400 naming each field, any request whose path parameters, query or body hold
 * U+0000 or an unpaired surrogate — for every route at once, whether or not its handler validates
 * that input, before any of it reaches a query. Runs after the guards, so a caller without access
 * still learns nothing but 401/403. Multipart parts are parsed later, by the route's own
 * interceptor: the upload's file name is checked where it is read (`checkFileName`).
 */
@Injectable()
export class TextInputInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() === 'http') {
      const req = context.switchToHttp().getRequest<Request>();
      const issues = [
        ...findUnsafeText(req.params, 'params'),
        ...findUnsafeText(req.query, 'query'),
        ...findUnsafeText(req.body, 'body'),
      ];
      if (issues.length > 0) throw unsafeTextError(issues);
    }
    return next.handle();
  }
}
