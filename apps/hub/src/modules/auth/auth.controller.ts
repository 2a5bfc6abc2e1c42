import { Body, Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { parse as parseCookies, serialize } from 'cookie';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { AppError } from '../../common/app-error';
import { jsonSchema, ZodPipe } from '../../common/zod';
import { PrismaService } from '../../infra/database/prisma.service';
import { AuditService } from '../audit/audit.service';
import { SESSION_COOKIE } from './auth.guard';
import { OIDC_STATE_COOKIE, OidcService } from './oidc.service';
import { ZNewPassword, verifyPassword } from './passwords';
import { Allow, CurrentPrincipal, Public, RateLimited } from './policy';
import { type Principal, ROLE_PERMISSIONS } from './roles';
import { type Session, SessionsService } from './sessions.service';
import { unauthenticated } from './tokens.service';
import { toUserView, UsersService } from './users.service';
import { ApiAnswer, ApiAnswerWithout } from '../../openapi/api-answer';
import { ZMe, ZSession, ZSignInMethods } from './auth.answers';

const ZLogin = z
  .object({ username: z.string().min(1).max(64), password: z.string().min(1).max(200) })
  .strict();
const ZPasswordChange = z
  .object({ currentPassword: z.string().min(1).max(200), newPassword: ZNewPassword })
  .strict();

function setCookie(
  req: Request,
  res: Response,
  name: string,
  value: string,
  maxAgeSeconds: number,
  sameSite: 'strict' | 'lax',
) {
  res.append(
    'Set-Cookie',
    serialize(name, value, {
      httpOnly: true,
      secure: req.secure,
      sameSite,
      path: '/',
      maxAge: maxAgeSeconds,
    }),
  );
}

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(
    private readonly sessions: SessionsService,
    private readonly oidc: OidcService,
    private readonly users: UsersService,
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
  ) {}

  @Get('providers')
  @Public()
  @ApiOperation({ summary: '可用的登录方式 / sign-in methods on offer' })
  @ApiAnswer(ZSignInMethods)
  providers() {
    return { password: true, oidc: this.oidc.enabled };
  }

  @Post('login')
  @Public()
  @RateLimited()
  @HttpCode(200)
  @ApiOperation({ summary: '用户名密码登录 / sign in with username and password' })
  @ApiBody({ schema: jsonSchema(ZLogin) })
  @ApiAnswer(ZSession)
  async login(
    @Body(new ZodPipe(ZLogin)) body: z.infer<typeof ZLogin>,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Session> {
    const session = await this.sessions.login(body.username, body.password, req.ip ?? 'unknown');
    this.setSession(req, res, session);
    return session;
  }

  @Post('logout')
  @Allow('session:self')
  @HttpCode(204)
  @ApiOperation({ summary: '退出登录（结束该用户的全部会话）/ sign out everywhere' })
  @ApiAnswerWithout(204, '已退出，会话 Cookie 已清除 / signed out; the session cookie is cleared')
  async logout(
    @CurrentPrincipal() me: Principal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    if (me.userId && !me.tokenId) {
      await this.prisma.$transaction(async (tx) => {
        await tx.user.update({ where: { id: me.userId! }, data: { sessionVersion: { increment: 1 } } });
        await this.audit.append(
          { actor: me.username, action: 'session.close', objectType: 'user', objectId: me.username },
          tx,
        );
      });
    }

    setCookie(req, res, SESSION_COOKIE, '', 0, 'strict');
  }

  @Get('me')
  @Allow('session:self')
  @ApiOperation({ summary: '当前用户与权限 / who am I and what may I do' })
  @ApiAnswer(ZMe)
  async me(@CurrentPrincipal() me: Principal) {
    const user = me.userId ? toUserView(await this.users.get(me.userId)) : null;
    return {
      user,
      role: me.role,
      unitCode: me.unitCode,
      viaToken: me.tokenId !== null,
      permissions: ROLE_PERMISSIONS[me.role],
    };
  }

  @Post('password')
  @Allow('session:self')
  @RateLimited()
  @HttpCode(200)
  @ApiOperation({ summary: '修改自己的密码（结束其它会话）/ change my password' })
  @ApiBody({ schema: jsonSchema(ZPasswordChange) })
  @ApiAnswer(ZSession)
  async changePassword(
    @CurrentPrincipal() me: Principal,
    @Body(new ZodPipe(ZPasswordChange)) body: z.infer<typeof ZPasswordChange>,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Session> {
    const user = me.userId ? await this.users.get(me.userId) : null;
    if (me.tokenId || !user?.passwordHash) {
      throw new AppError('CONFLICT', {
        zh: '该登录方式没有本地密码可改：请用密码登录后修改，统一身份认证账号在身份平台修改',
        en: 'No local password to change here: sign in with a password first; identity-platform accounts change it there',
      });
    }
    if (!(await verifyPassword(user.passwordHash, body.currentPassword))) {
      throw unauthenticated('当前密码错误', 'current password is wrong');
    }
    const updated = await this.users.changePassword(user.id, body.newPassword, me.username);
    const session = await this.sessions.open(updated, 'password', req.ip ?? 'unknown');
    this.setSession(req, res, session);
    return session;
  }

  @Get('oidc/login')
  @Public()
  @RateLimited()
  @ApiOperation({ summary: '跳转到统一身份认证平台登录 / sign in through the unified identity platform' })
  @ApiAnswerWithout(302, '跳转到身份平台 / to the identity platform')
  async oidcLogin(@Req() req: Request, @Res() res: Response) {
    const { authorizationUrl, sealedState } = await this.oidc.start();
    // Lax: the identity platform's redirect back is a top-level cross-site navigation.
    setCookie(req, res, OIDC_STATE_COOKIE, sealedState, 600, 'lax');
    res.redirect(302, authorizationUrl);
  }

  @Get('oidc/callback')
  @Public()
  @RateLimited()
  @ApiOperation({ summary: '统一身份认证平台回调 / the identity platform’s redirect back' })
  @ApiAnswerWithout(302, '已登录，跳转到首页 / signed in; to the dashboard')
  async oidcCallback(@Req() req: Request, @Res() res: Response, @Query() _query: unknown) {
    const sealed = req.headers.cookie ? parseCookies(req.headers.cookie)[OIDC_STATE_COOKIE] : undefined;
    const query = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?')) : '';
    const user = await this.oidc.finish(query, sealed, req.ip ?? 'unknown');
    const session = await this.sessions.open(user, 'oidc', req.ip ?? 'unknown');
    setCookie(req, res, OIDC_STATE_COOKIE, '', 0, 'lax');
    this.setSession(req, res, session);
    res.redirect(302, '/');
  }

  private setSession(req: Request, res: Response, session: Session) {
    setCookie(req, res, SESSION_COOKIE, session.accessToken, this.sessions.secondsLeft(session), 'strict');
  }
}
