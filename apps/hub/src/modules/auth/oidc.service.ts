import { Inject, Injectable } from '@nestjs/common';
import * as oidc from 'openid-client';
import type { Logger } from 'pino';
import { z } from 'zod';
import { AppError } from '../../common/app-error';
import type { HubEnv } from '../../config/env';
import { HUB_ENV, LOGGER } from '../../infra/core.module';
import { PrismaService } from '../../infra/database/prisma.service';
import type { User } from '../../generated/prisma/client';
import { ROLES } from './roles';
import { SessionsService, type SignInFailure } from './sessions.service';
import { sha256 } from './tokens.service';
import { UsersService, ZUnitCode, ZUsername } from './users.service';

const STATE_AUDIENCE = 'oidc-state';
/** how long the browser may take at the identity platform */
const STATE_TTL_SECONDS = 600;

export const OIDC_STATE_COOKIE = 'hub_oidc_state';

export interface OidcStart {
  authorizationUrl: string;
  /** to set as a cookie: the state, nonce and PKCE verifier, sealed */
  sealedState: string;
}

/** Audits a refused sign-in and hands back the error to throw. */
type Refuse = (reason: SignInFailure, login: string, error: AppError) => Promise<AppError>;

function oidcRefused(zh: string, en: string, details?: unknown): AppError {
  return new AppError(
    'UNAUTHENTICATED',
    { zh: `统一身份认证登录失败：${zh}`, en: `Unified identity sign-in failed: ${en}` },
    details,
  );
}

/**
 * Sign-in through the city's unified identity platform (OpenID Connect, authorization code + PKCE).
 * A user is found by issuer and subject; a first-time user is created when the ID token carries a
 * hub role claim (and, for an applicant, a unit claim). When the claim is present on later sign-ins
 * it is authoritative: the platform is where roles are assigned.
 */
@Injectable()
export class OidcService {
  private config: Promise<oidc.Configuration> | undefined;

  constructor(
    @Inject(HUB_ENV) private readonly env: HubEnv,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly prisma: PrismaService,
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
  ) {}

  get enabled(): boolean {
    return this.env.HUB_OIDC_ISSUER !== undefined;
  }

  redirectUri(): string {
    return (
      this.env.HUB_OIDC_REDIRECT_URI ??
      `http://${this.env.HUB_HOST}:${this.env.HUB_PORT}/api/auth/oidc/callback`
    );
  }

  async start(): Promise<OidcStart> {
    const config = await this.configuration();
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: this.redirectUri(),
      scope: this.env.HUB_OIDC_SCOPES,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    const sealedState = await this.sessions.seal(
      { state, nonce, verifier },
      STATE_AUDIENCE,
      STATE_TTL_SECONDS,
    );
    return { authorizationUrl: url.href, sealedState };
  }

  /**
   * Completes the sign-in from the callback's query string; returns the hub user it maps to. A
   * refusal is audited with its reason and the client address `from`.
   */
  async finish(query: string, sealedState: string | undefined, from: string): Promise<User> {
    const config = await this.configuration();
    const refuse: Refuse = async (reason, login, error) => {
      await this.sessions.recordRefusal({ method: 'oidc', login, reason, from });
      return error;
    };
    const state = sealedState ? await this.sessions.unseal(sealedState, STATE_AUDIENCE) : null;
    if (!state) {
      throw await refuse(
        'oidc-state',
        '-',
        oidcRefused('登录状态缺失或已过期，请重新登录', 'sign-in state missing or expired; start again'),
      );
    }
    const callbackUrl = new URL(this.redirectUri());
    callbackUrl.search = query;
    let claims: oidc.IDToken;
    try {
      const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: String(state['verifier']),
        expectedState: String(state['state']),
        expectedNonce: String(state['nonce']),
        idTokenExpected: true,
      });
      claims = tokens.claims()!;
    } catch (e) {
      this.logger.warn({ err: e }, 'OIDC callback refused');
      const reason = e instanceof Error ? e.message : String(e);
      throw await refuse(
        'oidc-answer',
        '-',
        oidcRefused('身份平台的应答未通过校验', `the identity platform's answer did not verify (${reason})`),
      );
    }
    return this.userFor(claims, refuse);
  }

  private async userFor(claims: oidc.IDToken, refuse: Refuse): Promise<User> {
    const subject = `${claims.iss}|${claims.sub}`;
    const claimed = ZUsername.safeParse(claims['preferred_username']);
    const login = claimed.success ? claimed.data : `oidc:${claims.sub}`;
    const roleClaim = claims[this.env.HUB_OIDC_ROLE_CLAIM];
    const unitClaim = claims[this.env.HUB_OIDC_UNIT_CLAIM];
    const role = roleClaim === undefined ? undefined : z.enum(ROLES).safeParse(roleClaim);
    if (role && !role.success) {
      throw await refuse(
        'oidc-claims',
        login,
        oidcRefused(`角色声明 ${this.env.HUB_OIDC_ROLE_CLAIM} 的值无效`, `role claim has an unknown value`, {
          claim: this.env.HUB_OIDC_ROLE_CLAIM,
          allowed: ROLES,
        }),
      );
    }
    const unitCode = role?.data === 'applicant' ? (ZUnitCode.safeParse(unitClaim).data ?? undefined) : null;
    if (unitCode === undefined) {
      throw await refuse(
        'oidc-claims',
        login,
        oidcRefused(
          `建设单位账号缺少有效的 ${this.env.HUB_OIDC_UNIT_CLAIM}（统一社会信用代码）声明`,
          `an applicant needs a valid ${this.env.HUB_OIDC_UNIT_CLAIM} claim`,
        ),
      );
    }
    const actor = `oidc:${claims.sub}`;
    const existing = await this.prisma.user.findUnique({ where: { oidcSubject: subject } });
    if (existing) {
      if (existing.disabledAt) {
        throw await refuse(
          'oidc-disabled',
          existing.username,
          oidcRefused('该用户已停用', 'the user is disabled'),
        );
      }
      if (role?.data && (role.data !== existing.role || unitCode !== existing.unitCode)) {
        await this.users.update(existing.id, { role: role.data, unitCode }, actor);
        return this.prisma.user.findUniqueOrThrow({ where: { id: existing.id } });
      }
      return existing;
    }
    if (!role?.data) {
      throw await refuse(
        'oidc-no-role',
        login,
        oidcRefused(
          '统一身份认证平台未授予本系统角色，请联系管理员',
          'the identity platform grants this account no hub role; ask an administrator',
        ),
      );
    }
    // A new platform account never takes over a local one: when its preferred username is taken or
    // unusable, it gets a name derived from its subject (hashed when the subject is no valid name).
    const candidates = [
      ...(claimed.success ? [claimed.data] : []),
      `oidc-${claims.sub}`.slice(0, 64),
      `oidc-${sha256(subject).slice(0, 24)}`,
    ].filter((c) => ZUsername.safeParse(c).success);
    let username = candidates.at(-1)!;
    for (const candidate of candidates) {
      if (!(await this.prisma.user.findUnique({ where: { username: candidate } }))) {
        username = candidate;
        break;
      }
    }
    const name =
      typeof claims['name'] === 'string' && claims['name'].trim() ? claims['name'].trim() : username;
    try {
      await this.users.create(
        { username, displayName: name.slice(0, 100), role: role.data, unitCode },
        actor,
        {
          oidcSubject: subject,
          oidcOnly: true,
        },
      );
    } catch (e) {
      // Two first sign-ins of one account at once: the other created it; use that one.
      if (!(e instanceof AppError && e.code === 'CONFLICT')) throw e;
    }
    return this.prisma.user.findUniqueOrThrow({ where: { oidcSubject: subject } });
  }

  private configuration(): Promise<oidc.Configuration> {
    const { HUB_OIDC_ISSUER: issuer, HUB_OIDC_CLIENT_ID: id, HUB_OIDC_CLIENT_SECRET: secret } = this.env;
    if (!issuer || !id || !secret) {
      return Promise.reject(
        new AppError('NOT_FOUND', {
          zh: '未配置统一身份认证登录（HUB_OIDC_ISSUER）',
          en: 'OIDC sign-in is not configured (HUB_OIDC_ISSUER)',
        }),
      );
    }
    this.config ??= oidc
      .discovery(
        new URL(issuer),
        id,
        secret,
        undefined,
        this.env.HUB_OIDC_ALLOW_HTTP ? { execute: [oidc.allowInsecureRequests] } : undefined,
      )
      .catch((e: unknown) => {
        this.config = undefined;
        this.logger.error({ err: e, issuer }, 'OIDC discovery failed');
        throw new AppError('UPSTREAM_UNAVAILABLE', {
          zh: '无法连接统一身份认证平台，请稍后再试',
          en: 'The unified identity platform cannot be reached; try again later',
        });
      });
    return this.config;
  }
}
