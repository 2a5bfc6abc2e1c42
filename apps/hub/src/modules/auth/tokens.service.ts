import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { AppError } from '../../common/app-error';
import { parseInput, ZText } from '../../common/zod';
import { Clock } from '../../infra/clock';
import { PrismaService } from '../../infra/database/prisma.service';
import type { ApiToken, Prisma, User } from '../../generated/prisma/client';
import { AuditService } from '../audit/audit.service';
import type { Principal, Role } from './roles';
import { TOKEN_REVOCATION_REASONS, ZTokenView } from './auth.answers';

const TOKEN_PREFIX = 'hubt_';
const DAY_MS = 86_400_000;
/** lastUsedAt is written at most this often per token, not on every request */
const LAST_USED_RESOLUTION_MS = 60_000;

export const ZTokenRequest = z
  .object({
    name: ZText(100),
    /** 1–365 days; 90 by default */
    expiresInDays: z.number().int().min(1).max(365).default(90),
  })
  .strict();
export type TokenRequest = z.input<typeof ZTokenRequest>;

/** Why tokens were revoked other than by hand: their user's credentials or access changed. */
export type TokenRevocationReason = (typeof TOKEN_REVOCATION_REASONS)[number];

const REVOCATION_TEXT: Record<TokenRevocationReason, { zh: string; en: string }> = {
  'password-reset': {
    zh: '用户密码已被重置，请签发新令牌',
    en: "the user's password was reset; issue a new token",
  },
  disabled: {
    zh: '用户已停用（重新启用不会恢复旧令牌），请签发新令牌',
    en: 'the user was disabled (enabling them again does not bring old tokens back); issue a new token',
  },
  'access-change': {
    zh: '用户的角色或单位已变更，请签发新令牌',
    en: "the user's role or unit changed; issue a new token",
  },
};

export type TokenView = z.infer<typeof ZTokenView>;

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * API tokens. A token is 32 random bytes; only its sha256 is stored (a secret that long needs no slow
 * hash), so it is shown once at creation. It acts as its user, with the user's role and unit.
 */
@Injectable()
export class TokensService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async create(
    owner: User,
    request: TokenRequest,
    actor: string,
  ): Promise<{ token: string; view: TokenView }> {
    const { name, expiresInDays } = parseInput(ZTokenRequest, request, {
      zh: '令牌申请',
      en: 'token request',
    });
    if (owner.disabledAt) {
      throw new AppError('CONFLICT', {
        zh: `用户 ${owner.username} 已停用，不能签发令牌`,
        en: `User ${owner.username} is disabled`,
      });
    }
    const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
    const row = await this.prisma.$transaction(async (tx) => {
      const created = await tx.apiToken.create({
        data: {
          userId: owner.id,
          name,
          prefix: token.slice(0, TOKEN_PREFIX.length + 6),
          secretHash: sha256(token),
          expiresAt: new Date(this.clock.now().getTime() + expiresInDays * DAY_MS),
          createdBy: actor,
        },
        include: { user: true },
      });
      await this.audit.append(
        {
          actor,
          action: 'token.create',
          objectType: 'token',
          objectId: created.id,
          data: { name, owner: owner.username, expiresAt: created.expiresAt.toISOString() },
        },
        tx,
      );
      return created;
    });
    return { token, view: this.view(row) };
  }

  /** Tokens of one user, or of everyone when `userId` is null; newest first. */
  async list(userId: string | null): Promise<TokenView[]> {
    const rows = await this.prisma.apiToken.findMany({
      where: userId ? { userId } : {},
      include: { user: true },
      orderBy: { createdAt: 'desc' },
    });
    return rows.map((r) => this.view(r));
  }

  /** Revokes a token; `ownerId` limits it to that user's tokens (others look absent). */
  async revoke(id: string, actor: string, ownerId: string | null): Promise<TokenView> {
    const row = z.uuid().safeParse(id).success
      ? await this.prisma.apiToken.findUnique({ where: { id }, include: { user: true } })
      : null;
    if (!row || (ownerId && row.userId !== ownerId)) {
      throw new AppError('NOT_FOUND', { zh: `令牌 ${id} 不存在`, en: `No token ${id}` });
    }
    if (row.revokedAt) return this.view(row);
    const updated = await this.prisma.$transaction(async (tx) => {
      const r = await tx.apiToken.update({
        where: { id },
        data: { revokedAt: this.clock.now() },
        include: { user: true },
      });
      await this.audit.append(
        {
          actor,
          action: 'token.revoke',
          objectType: 'token',
          objectId: id,
          data: { name: r.name, owner: r.user.username },
        },
        tx,
      );
      return r;
    });
    return this.view(updated);
  }

  /**
   * Revokes every live token of a user, for good, in the caller's transaction: a password reset,
   * a disable or a change of role or unit ends what the old credentials and access could do, and
   * enabling the user again gives nothing back. Returns how many were revoked.
   */
  async revokeAllOf(
    userId: string,
    reason: TokenRevocationReason,
    tx: Prisma.TransactionClient,
  ): Promise<number> {
    const { count } = await tx.apiToken.updateMany({
      where: { userId, revokedAt: null },
      data: { revokedAt: this.clock.now(), revokedReason: reason },
    });
    return count;
  }

  /** The principal a presented token stands for, or UNAUTHENTICATED saying why not. */
  async authenticate(token: string): Promise<Principal> {
    const row = token.startsWith(TOKEN_PREFIX)
      ? await this.prisma.apiToken.findUnique({
          where: { secretHash: sha256(token) },
          include: { user: true },
        })
      : null;
    const now = this.clock.now();
    if (!row) throw unauthenticated('令牌无效', 'Invalid token');
    if (row.revokedAt) {
      const why = REVOCATION_TEXT[row.revokedReason as TokenRevocationReason];
      throw unauthenticated(
        why ? `令牌已吊销：${why.zh}` : '令牌已吊销',
        why ? `Token revoked: ${why.en}` : 'Token revoked',
      );
    }
    if (row.expiresAt <= now) throw unauthenticated('令牌已过期', 'Token expired');
    if (row.user.disabledAt) throw unauthenticated('用户已停用', 'User disabled');
    if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      await this.prisma.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
    }
    return {
      userId: row.user.id,
      username: row.user.username,
      displayName: row.user.displayName,
      role: row.user.role as Role,
      unitCode: row.user.unitCode,
      tokenId: row.id,
      // A token is issued by a signed-in user or an operator; it is not a password to change.
      mustChangePassword: false,
    };
  }

  private view(r: ApiToken & { user: User }): TokenView {
    const now = this.clock.now();
    return {
      id: r.id,
      name: r.name,
      prefix: r.prefix,
      username: r.user.username,
      role: r.user.role as Role,
      expiresAt: r.expiresAt.toISOString(),
      revokedAt: r.revokedAt?.toISOString() ?? null,
      revokedReason: (r.revokedReason as TokenRevocationReason | null) ?? null,
      lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
      createdBy: r.createdBy,
      createdAt: r.createdAt.toISOString(),
      status: r.revokedAt ? 'revoked' : r.expiresAt <= now ? 'expired' : 'active',
    };
  }
}

export function unauthenticated(zh: string, en: string): AppError {
  return new AppError('UNAUTHENTICATED', {
    zh: `未通过身份验证：${zh}。请重新登录或使用有效的 API 令牌`,
    en: `Not authenticated: ${en}. Sign in again or present a valid API token`,
  });
}
