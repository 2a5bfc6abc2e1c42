import { z } from 'zod';
import { Inject, Injectable } from '@nestjs/common';
import { errors as joseErrors, type JWTHeaderParameters, jwtVerify, SignJWT } from 'jose';
import type { Logger } from 'pino';
import type { HubEnv } from '../../config/env';
import { Clock } from '../../infra/clock';
import { HUB_ENV, LOGGER } from '../../infra/core.module';
import { PrismaService } from '../../infra/database/prisma.service';
import type { User } from '../../generated/prisma/client';
import { AuditService } from '../audit/audit.service';
import { decoyPasswordHash, verifyPassword } from './passwords';
import type { Principal, Role } from './roles';
import { SessionKeysService } from './session-keys.service';
import { unauthenticated } from './tokens.service';
import { toUserView } from './users.service';
import { ZSession } from './auth.answers';

const ISSUER = 'egov-compliance-hub';

/** The audit action of a refused sign-in. */
export const SIGN_IN_FAILED = 'auth.sign-in-failed';

/**
 * Why a sign-in was refused, as the audit trail records it. The caller is told only that it failed:
 * which of name and password was wrong is for the administrators.
 */
export type SignInFailure =
  | 'unknown-user'
  | 'no-password'
  | 'bad-password'
  | 'disabled'
  | 'oidc-state'
  | 'oidc-answer'
  | 'oidc-claims'
  | 'oidc-no-role'
  | 'oidc-disabled';

export interface SignInRefusal {
  method: 'password' | 'oidc';
  /** the login name tried (an identity platform's account when known), never the password */
  login: string;
  reason: SignInFailure;
  /** the client address */
  from: string;
}

export type Session = z.infer<typeof ZSession>;

/**
 * Sign-in sessions as short-lived JWTs (HS256) that must carry `exp` and `iat`, signed with the
 * current key of {@link SessionKeysService} and named by its `kid`, so that every replica accepts
 * every other's sessions and a rotated key keeps verifying what it signed. A session names the
 * user's session version: changing the password, the role or disabling the user ends all sessions.
 */
@Injectable()
export class SessionsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly keys: SessionKeysService,
    @Inject(HUB_ENV) private readonly env: HubEnv,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Checks a username and password; the same answer whichever of the two was wrong. */
  async login(username: string, password: string, from: string): Promise<Session> {
    const user = await this.prisma.user.findUnique({ where: { username } });
    const ok = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), password);
    const reason: SignInFailure | null = !user
      ? 'unknown-user'
      : !user.passwordHash
        ? 'no-password'
        : !ok
          ? 'bad-password'
          : user.disabledAt
            ? 'disabled'
            : null;
    if (reason) {
      await this.recordRefusal({ method: 'password', login: username, reason, from });
      throw unauthenticated(
        '用户名或密码错误，或用户已停用',
        'wrong username or password, or the user is disabled',
      );
    }
    return this.open(user!, 'password', from); // no reason to refuse: the user exists
  }

  /**
   * A refused sign-in into the audit trail (actor `anonymous`, object the login tried). Each attempt
   * is one entry: the sign-in routes are rate limited per client address, and refused-for-rate
   * requests never get here. A trail that cannot be written does not turn the refusal into a 500.
   */
  async recordRefusal(refusal: SignInRefusal): Promise<void> {
    this.logger.warn(refusal, 'sign-in refused');
    await this.audit
      .append({
        actor: 'anonymous',
        action: SIGN_IN_FAILED,
        objectType: 'user',
        objectId: refusal.login,
        data: { method: refusal.method, reason: refusal.reason, from: refusal.from },
      })
      .catch((e: unknown) =>
        this.logger.error({ err: e, ...refusal }, 'a refused sign-in could not be audited'),
      );
  }

  /** Issues a session for a user who has just proved who they are, and records the sign-in. */
  async open(user: User, method: 'password' | 'oidc', from: string): Promise<Session> {
    const now = this.clock.now();
    const updated = await this.prisma.$transaction(async (tx) => {
      const u = await tx.user.update({ where: { id: user.id }, data: { lastLoginAt: now } });
      await this.audit.append(
        {
          actor: user.username,
          action: 'session.open',
          objectType: 'user',
          objectId: user.username,
          data: { method, from },
        },
        tx,
      );
      return u;
    });
    const expiresAt = new Date(now.getTime() + this.env.HUB_SESSION_TTL_MINUTES * 60_000);
    const { kid, key } = await this.keys.signingKey();
    const accessToken = await new SignJWT({ sv: updated.sessionVersion })
      .setProtectedHeader({ alg: 'HS256', kid })
      .setIssuer(ISSUER)
      .setSubject(updated.id)
      .setIssuedAt(Math.floor(now.getTime() / 1000))
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(key);
    return {
      accessToken,
      tokenType: 'Bearer',
      expiresAt: expiresAt.toISOString(),
      user: toUserView(updated),
    };
  }

  /** The principal of a session token, or UNAUTHENTICATED saying why not. */
  async authenticate(jwt: string): Promise<Principal> {
    let subject: string;
    let version: unknown;
    try {
      const { payload } = await jwtVerify(jwt, this.verificationKey, {
        issuer: ISSUER,
        algorithms: ['HS256'],
        // A JWT without an expiry would be a session for ever.
        requiredClaims: ['exp', 'iat', 'sub'],
        currentDate: this.clock.now(),
      });
      // Sealed values carry an audience; only a session has none.
      if (payload.aud !== undefined) throw new Error('not a session');
      subject = payload.sub ?? '';
      version = payload['sv'];
    } catch (e) {
      if (e instanceof joseErrors.JWTExpired) throw unauthenticated('登录已过期', 'session expired');
      throw unauthenticated('会话无效', 'invalid session');
    }
    const user = await this.prisma.user.findUnique({ where: { id: subject } });
    if (!user || user.disabledAt) throw unauthenticated('用户不存在或已停用', 'user missing or disabled');
    if (user.sessionVersion !== version) throw unauthenticated('会话已失效', 'session ended');
    return {
      userId: user.id,
      username: user.username,
      displayName: user.displayName,
      role: user.role as Role,
      unitCode: user.unitCode,
      tokenId: null,
      mustChangePassword: user.mustChangePassword,
    };
  }

  /** A short-lived signed value for the browser to carry back (the OIDC sign-in's state). */
  /**
   * Seconds until `session` expires by the hub's clock, for the cookie's Max-Age. Measured against
   * the browser's clock instead, a hub running on a fixed or skewed clock would hand out cookies
   * that are already expired.
   */
  secondsLeft(session: Session): number {
    return Math.max(0, Math.floor((Date.parse(session.expiresAt) - this.clock.now().getTime()) / 1000));
  }

  async seal(claims: Record<string, string>, audience: string, ttlSeconds: number): Promise<string> {
    const now = Math.floor(this.clock.now().getTime() / 1000);
    const { kid, key } = await this.keys.signingKey();
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', kid })
      .setIssuer(ISSUER)
      .setAudience(audience)
      .setIssuedAt(now)
      .setExpirationTime(now + ttlSeconds)
      .sign(key);
  }

  /** The claims of a sealed value, or null when it is forged, for another purpose or expired. */
  async unseal(token: string, audience: string): Promise<Record<string, unknown> | null> {
    try {
      const { payload } = await jwtVerify(token, this.verificationKey, {
        issuer: ISSUER,
        audience,
        algorithms: ['HS256'],
        requiredClaims: ['exp', 'iat'],
        currentDate: this.clock.now(),
      });
      return payload;
    } catch {
      return null;
    }
  }

  private readonly verificationKey = (header: JWTHeaderParameters): Promise<Uint8Array> =>
    this.keys.verificationKey(header.kid);
}
