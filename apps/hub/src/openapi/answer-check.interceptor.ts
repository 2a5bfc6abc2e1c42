import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
  RequestMethod,
} from '@nestjs/common';
import { HTTP_CODE_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import type { Request, Response } from 'express';
import { map, type Observable } from 'rxjs';
import { answersOf } from './api-answer';

/** An answer the document does not describe: its route, status and what differs. */
export interface AnswerMismatch {
  route: string;
  status: number;
  problems: string[];
}

/**
 * Compares every JSON answer with the schema its route declares (`@ApiAnswer`), as JSON carries it.
 * For tests: a mismatch fails the request (500) and is kept in `mismatches`, so that a test run over
 * the API shows where the document and the answers part.
 */
@Injectable()
export class AnswerCheckInterceptor implements NestInterceptor {
  readonly mismatches: AnswerMismatch[] = [];

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const handler = context.getHandler();
    const answers = answersOf(handler);
    return next.handle().pipe(
      map((value: unknown) => {
        const http = context.switchToHttp();
        const res = http.getResponse<Response>();
        // Answers written to the response by hand (files, redirects) are not JSON bodies.
        if (res.headersSent || value === undefined) return value;
        const status = res.statusCode !== 200 ? res.statusCode : defaultStatus(handler);
        const req = http.getRequest<Request>();
        const route = `${req.method} ${(req.route as { path?: string } | undefined)?.path ?? req.path}`;
        const answer = answers.find((a) => a.status === status && a.schema);
        const problems = answer
          ? (answer.schema!.safeParse(JSON.parse(JSON.stringify(value))).error?.issues ?? []).map(
              (i) => `${i.path.join('.') || '(root)'}: ${i.message}`,
            )
          : [`no @ApiAnswer schema for status ${status}`];
        if (problems.length) {
          this.mismatches.push({ route, status, problems });
          throw new Error(`${route} answered ${status} unlike its @ApiAnswer: ${problems.join('; ')}`);
        }
        return value;
      }),
    );
  }
}

function defaultStatus(handler: object): number {
  const declared = Reflect.getMetadata(HTTP_CODE_METADATA, handler) as number | undefined;
  if (declared !== undefined) return declared;
  return Reflect.getMetadata(METHOD_METADATA, handler) === RequestMethod.POST ? 201 : 200;
}
