import { Injectable } from '@nestjs/common';
import { isValidCreditCode } from '@hub/contracts';
import { z } from 'zod';
import { AppError } from '../../common/app-error';
import { parseInput, ZText } from '../../common/zod';
import { Clock } from '../../infra/clock';
import { PrismaService } from '../../infra/database/prisma.service';
import type { Prisma, User } from '../../generated/prisma/client';
import { AuditService } from '../audit/audit.service';
import { hashPassword, oneTimePassword, ZNewPassword } from './passwords';
import { ROLES, type Role } from './roles';
import { TokensService } from './tokens.service';
import { ZUserView } from './auth.answers';

export const ZUsername = z
  .string()
  .trim()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._@-]{1,63}$/,
    '用户名为 2–64 位字母、数字或 ._@- / 2–64 letters, digits or ._@-',
  );
/** 统一社会信用代码 with a correct check character (GB 32100-2015), as the registry requires. */
export const ZUnitCode = z
  .string()
  .refine(
    isValidCreditCode,
    '应为有效的 18 位统一社会信用代码 / a valid 18-character unified social credit code',
  );

export const ZUserInput = z
  .object({
    username: ZUsername,
    displayName: ZText(100),
    role: z.enum(ROLES),
    unitCode: ZUnitCode.nullish(),
  })
  .strict()
  .superRefine((u, ctx) => {
    if (u.role === 'applicant' && !u.unitCode) {
      ctx.addIssue({
        code: 'custom',
        path: ['unitCode'],
        message: '建设单位用户必须填写统一社会信用代码 / applicants need a unit code',
      });
    }
    if (u.role !== 'applicant' && u.unitCode) {
      ctx.addIssue({
        code: 'custom',
        path: ['unitCode'],
        message: '只有建设单位用户属于单位 / only applicants belong to a unit',
      });
    }
  });
export type UserInput = z.infer<typeof ZUserInput>;

export const ZUserUpdate = z
  .object({
    displayName: ZText(100).optional(),
    role: z.enum(ROLES).optional(),
    unitCode: ZUnitCode.nullable().optional(),
    disabled: z.boolean().optional(),
  })
  .strict();
export type UserUpdate = z.infer<typeof ZUserUpdate>;

export type UserView = z.infer<typeof ZUserView>;

export function toUserView(u: User): UserView {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role as Role,
    unitCode: u.unitCode,
    signIn: { password: u.passwordHash !== null, oidc: u.oidcSubject !== null },
    mustChangePassword: u.mustChangePassword,
    disabled: u.disabledAt !== null,
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    createdAt: u.createdAt.toISOString(),
  };
}

export const INITIAL_ADMIN = 'admin';

function isUniqueViolation(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 'P2002';
}

/** Users and their passwords. Every change is written to the audit trail in the same transaction. */
@Injectable()
export class UsersService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly tokens: TokensService,
  ) {}

  list(): Promise<UserView[]> {
    return this.prisma.user.findMany({ orderBy: { username: 'asc' } }).then((rows) => rows.map(toUserView));
  }

  async get(idOrName: string): Promise<User> {
    const user = await this.prisma.user.findFirst({
      where: z.uuid().safeParse(idOrName).success ? { id: idOrName } : { username: idOrName },
    });
    if (!user) {
      throw new AppError('NOT_FOUND', { zh: `用户 ${idOrName} 不存在`, en: `No user ${idOrName}` });
    }
    return user;
  }

  /**
   * Creates a user who signs in with a one-time password (returned once, never stored in clear) that
   * must be changed at first sign-in; `oidcOnly` users have no password at all.
   */
  async create(
    input: UserInput,
    actor: string,
    options: { oidcSubject?: string; oidcOnly?: boolean } = {},
  ): Promise<{ user: UserView; oneTimePassword: string | null }> {
    const data = parseInput(ZUserInput, input, { zh: '用户信息', en: 'user' });
    const password = options.oidcOnly ? null : oneTimePassword();
    const taken = new AppError('CONFLICT', {
      zh: `用户名 ${data.username} 或该统一身份账号已存在`,
      en: `Username ${data.username} or this identity-platform account already exists`,
    });
    const user = await this.prisma
      .$transaction(async (tx) => {
        if (await tx.user.findUnique({ where: { username: data.username } })) throw taken;
        const created = await tx.user.create({
          data: {
            ...data,
            unitCode: data.unitCode ?? null,
            passwordHash: password ? await hashPassword(password) : null,
            mustChangePassword: password !== null,
            oidcSubject: options.oidcSubject ?? null,
          },
        });
        await this.audit.append(
          {
            actor,
            action: 'user.create',
            objectType: 'user',
            objectId: created.username,
            data: { role: created.role, unitCode: created.unitCode, oidc: created.oidcSubject !== null },
          },
          tx,
        );
        return created;
      })
      // A concurrent create of the same name or account loses on the unique index.
      .catch((e: unknown) => {
        throw isUniqueViolation(e) ? taken : e;
      });
    return { user: toUserView(user), oneTimePassword: password };
  }

  /**
   * The first start's administrator: created with a one-time password when the hub has no user at
   * all. Returns the password to print, or null when users exist. Safe for replicas starting together.
   */
  async ensureInitialAdmin(actor = 'system'): Promise<string | null> {
    if ((await this.prisma.user.count()) > 0) return null;
    try {
      const { oneTimePassword: password } = await this.create(
        { username: INITIAL_ADMIN, displayName: '系统管理员', role: 'admin', unitCode: null },
        actor,
      );
      return password;
    } catch (e) {
      if (e instanceof AppError && e.code === 'CONFLICT') return null;
      throw e;
    }
  }

  async update(idOrName: string, change: UserUpdate, actor: string): Promise<UserView> {
    const patch = parseInput(ZUserUpdate, change, { zh: '用户修改', en: 'user change' });
    const current = await this.get(idOrName);
    const next = {
      role: patch.role ?? current.role,
      unitCode: patch.unitCode !== undefined ? patch.unitCode : current.unitCode,
    };
    parseInput(
      ZUserInput,
      { username: current.username, displayName: patch.displayName ?? current.displayName, ...next },
      { zh: '用户修改', en: 'user change' },
    );
    const data: Prisma.UserUpdateInput = {
      ...(patch.displayName !== undefined ? { displayName: patch.displayName } : {}),
      role: next.role,
      unitCode: next.unitCode,
    };
    const accessChanged = next.role !== current.role || next.unitCode !== current.unitCode;
    if (patch.disabled !== undefined && patch.disabled !== (current.disabledAt !== null)) {
      data.disabledAt = patch.disabled ? this.clock.now() : null;
    }
    // Sessions carry the role they were issued with: end them when access changes.
    if (accessChanged || data.disabledAt) data.sessionVersion = { increment: 1 };
    const user = await this.prisma.$transaction(async (tx) => {
      if (patch.disabled || patch.role) await this.keepOneAdmin(tx, current, patch);
      const updated = await tx.user.update({ where: { id: current.id }, data });
      // Tokens act with the user's current role, so a token issued for other access goes too.
      const tokensRevoked = data.disabledAt
        ? await this.tokens.revokeAllOf(current.id, 'disabled', tx)
        : accessChanged
          ? await this.tokens.revokeAllOf(current.id, 'access-change', tx)
          : 0;
      await this.audit.append(
        {
          actor,
          action: 'user.update',
          objectType: 'user',
          objectId: current.username,
          data: {
            change: patch,
            before: { role: current.role, unitCode: current.unitCode, disabled: current.disabledAt !== null },
            tokensRevoked,
          },
        },
        tx,
      );
      return updated;
    });
    return toUserView(user);
  }

  /**
   * Replaces the user's password with a one-time one (returned once), ends their sessions and
   * revokes their API tokens: a reset is what follows a lost or leaked credential.
   */
  async resetPassword(idOrName: string, actor: string): Promise<{ user: UserView; oneTimePassword: string }> {
    const current = await this.get(idOrName);
    const password = oneTimePassword();
    const hash = await hashPassword(password);
    const user = await this.prisma.$transaction(async (tx) => {
      const updated = await tx.user.update({
        where: { id: current.id },
        data: { passwordHash: hash, mustChangePassword: true, sessionVersion: { increment: 1 } },
      });
      const tokensRevoked = await this.tokens.revokeAllOf(current.id, 'password-reset', tx);
      await this.audit.append(
        {
          actor,
          action: 'user.password-reset',
          objectType: 'user',
          objectId: current.username,
          data: { tokensRevoked },
        },
        tx,
      );
      return updated;
    });
    return { user: toUserView(user), oneTimePassword: password };
  }

  /** The user's own change; ends every other session of theirs. */
  async changePassword(userId: string, newPassword: string, actor: string): Promise<User> {
    const password = parseInput(ZNewPassword, newPassword, { zh: '新密码', en: 'new password' });
    const hash = await hashPassword(password);
    return this.prisma.$transaction(async (tx) => {
      const updated = await tx.user.update({
        where: { id: userId },
        data: { passwordHash: hash, mustChangePassword: false, sessionVersion: { increment: 1 } },
      });
      await this.audit.append(
        { actor, action: 'user.password-change', objectType: 'user', objectId: updated.username },
        tx,
      );
      return updated;
    });
  }

  /** The hub must keep one enabled administrator, or nobody could manage it. */
  private async keepOneAdmin(tx: Prisma.TransactionClient, current: User, patch: UserUpdate): Promise<void> {
    const losesAdmin =
      current.role === 'admin' && (patch.disabled === true || (patch.role && patch.role !== 'admin'));
    if (!losesAdmin) return;
    const others = await tx.user.count({
      where: { role: 'admin', disabledAt: null, id: { not: current.id } },
    });
    if (others === 0) {
      throw new AppError('CONFLICT', {
        zh: '不能停用或降级最后一个系统管理员',
        en: 'Cannot disable or demote the last administrator',
      });
    }
  }
}
