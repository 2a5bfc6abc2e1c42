import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { AppError } from '../../common/app-error';
import type { HubEnv } from '../../config/env';
import { HUB_ENV } from '../../infra/tokens';
import { sessionCookie } from './auth.guard';
import { MULTIPART_KEY } from './policy';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** `application/json`, `application/problem+json` …, with or without parameters. */
const JSON_TYPE = /^application\/(?:[\w.-]+\+)?json\s*(?:;|$)/i;
const DEFAULT_PORTS: Record<string, string> = { 'http:': '80', 'https:': '443' };

/**
 * Cross-site request forgery: a browser sends the session cookie with any request a page of any
 * origin makes, and an HTML form can POST form-encoded or text bodies without the page being able
 * to read the answer. So a state-changing request authenticated by the cookie (not by an
 * `Authorization` header, which no other origin can set) must come from the hub's own origin
 * (`Origin`, or `Sec-Fetch-Site: same-origin`) and carry a JSON content type, which forms cannot
 * send and which makes a cross-origin `fetch` ask permission first. Any state-changing body that
 * is not JSON is refused too, except on the multipart upload routes. Runs before authentication.
 */
@Injectable()
export class CsrfGuard implements CanActivate {
  private readonly trusted: Set<string>;

  constructor(
    private readonly reflector: Reflector,
    @Inject(HUB_ENV) private readonly env: Pick<HubEnv, 'HUB_PUBLIC_ORIGIN' | 'HUB_CORS_ORIGINS'>,
  ) {
    // Origins allowed to call with credentials (CORS) are the hub's own choice as well.
    this.trusted = new Set(env.HUB_CORS_ORIGINS.map((o) => new URL(o).origin));
  }

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<Request>();
    if (!STATE_CHANGING.has(req.method)) return true;
    const multipart =
      this.reflector.getAllAndOverride<boolean | undefined>(MULTIPART_KEY, [
        context.getHandler(),
        context.getClass(),
      ]) === true;
    const byCookie = req.headers.authorization === undefined && sessionCookie(req) !== undefined;
    if (byCookie && !this.sameOrigin(req)) {
      throw new AppError(
        'CROSS_SITE_REQUEST',
        {
          zh: '拒绝跨站请求：以登录 Cookie 发起的修改操作必须来自中枢自身页面（Origin 与中枢地址一致）。其他程序请使用 Authorization: Bearer <API 令牌>',
          en: 'Cross-site request refused: a change made with the sign-in cookie must come from the hub’s own pages (an Origin equal to the hub’s). Programs use Authorization: Bearer <API token>',
        },
        { origin: req.headers.origin ?? null, secFetchSite: req.headers['sec-fetch-site'] ?? null },
      );
    }
    if (multipart) return true;
    const type = req.headers['content-type'];
    if (type !== undefined ? !JSON_TYPE.test(type) : byCookie) {
      throw new AppError(
        'UNSUPPORTED_MEDIA_TYPE',
        {
          zh: `不支持的请求格式${type ? `（${type}）` : '（未声明 Content-Type）'}：修改操作的请求体须为 JSON，请设置 Content-Type: application/json`,
          en: `Unsupported request format${type ? ` (${type})` : ' (no Content-Type)'}: state-changing requests take JSON; send Content-Type: application/json`,
        },
        { contentType: type ?? null },
      );
    }
    return true;
  }

  private sameOrigin(req: Request): boolean {
    const origin = req.headers.origin;
    if (origin === undefined) return req.headers['sec-fetch-site'] === 'same-origin';
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      return false; // `null` (sandboxed frames, some redirects) or garbage
    }
    if (this.trusted.has(url.origin)) return true;
    if (this.env.HUB_PUBLIC_ORIGIN) return url.origin === this.env.HUB_PUBLIC_ORIGIN;
    return url.host === normaliseHost(req.headers.host, url.protocol);
  }
}

/** The Host header as an origin's host reads it: lower case, without the scheme's default port. */
function normaliseHost(host: string | undefined, protocol: string): string | undefined {
  if (!host) return undefined;
  const lower = host.toLowerCase();
  const port = DEFAULT_PORTS[protocol];
  return port && lower.endsWith(`:${port}`) ? lower.slice(0, -port.length - 1) : lower;
}
