import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { parse as parseCookies } from 'cookie';
import type { Request } from 'express';
import type { Logger } from 'pino';
import { AppError } from '../../common/app-error';
import { LOGGER } from '../../infra/core.module';
import { type AuthenticatedRequest, POLICY_KEY, type RoutePolicy } from './policy';
import { ROLE_TITLES, roleAllows, type Principal } from './roles';
import { SessionsService } from './sessions.service';
import { TokensService, unauthenticated } from './tokens.service';

export const SESSION_COOKIE = 'hub_session';

/** The session cookie a request carries, if any. */
export function sessionCookie(req: Request): string | undefined {
  return req.headers.cookie ? parseCookies(req.headers.cookie)[SESSION_COOKIE] : undefined;
}

/**
 * Default deny: a route passes only if it declares a policy and the caller satisfies it. Credentials
 * are an API token or a session, as `Authorization: Bearer …` or the session cookie.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokensService,
    private readonly sessions: SessionsService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const policy = this.reflector.getAllAndOverride<RoutePolicy | undefined>(POLICY_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (!policy) {
      this.logger.error(
        { path: req.path, handler: context.getHandler().name },
        'route without a policy denied',
      );
      throw new AppError('FORBIDDEN', {
        zh: '此接口未声明访问策略，默认拒绝',
        en: 'This route declares no access policy and is denied by default',
      });
    }
    if (policy.kind === 'public') return true;
    const principal = await this.authenticate(req);
    req.principal = principal;
    if (principal.mustChangePassword && policy.permission !== 'session:self') {
      throw new AppError('PASSWORD_CHANGE_REQUIRED', {
        zh: '当前为一次性密码：请先修改密码（POST /api/auth/password）',
        en: 'Signed in with a one-time password: change it first (POST /api/auth/password)',
      });
    }
    if (!roleAllows(principal.role, policy.permission)) {
      throw new AppError(
        'FORBIDDEN',
        {
          zh: `无权访问：角色“${ROLE_TITLES[principal.role].zh}”没有 ${policy.permission} 权限`,
          en: `Forbidden: role ${principal.role} lacks ${policy.permission}`,
        },
        { role: principal.role, permission: policy.permission },
      );
    }
    return true;
  }

  private authenticate(req: AuthenticatedRequest): Promise<Principal> {
    const header = req.headers.authorization;
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match)
        throw unauthenticated(
          'Authorization 头格式应为 Bearer <令牌>',
          'expected Authorization: Bearer <token>',
        );
      const credential = match[1]!;
      return credential.startsWith('hubt_')
        ? this.tokens.authenticate(credential)
        : this.sessions.authenticate(credential);
    }
    const cookie = sessionCookie(req);
    if (cookie) return this.sessions.authenticate(cookie);
    return Promise.reject(unauthenticated('未提供凭据', 'no credentials'));
  }
}
