import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../infra/database/prisma.service';
import {
  type KeyRotation,
  newSessionKey,
  rotated,
  type SessionKeyRecord,
  type SessionKeyStore,
} from './session-keys';

/** Serialises changes to the key table across replicas: the first key, rotations. */
const KEYS_LOCK = 7_246_501;

/**
 * Session keys in the `session_keys` table, shared by every replica on the database. Used when
 * neither HUB_SESSION_KEY_FILE nor HUB_SESSION_SECRET is set.
 */
@Injectable()
export class SessionKeysRepository implements SessionKeyStore {
  readonly kind = 'database' as const;

  constructor(private readonly prisma: PrismaService) {}

  all(): Promise<SessionKeyRecord[]> {
    return this.prisma.sessionKey.findMany({ orderBy: { createdAt: 'asc' } });
  }

  async load(now: Date): Promise<SessionKeyRecord[]> {
    const keys = await this.all();
    if (keys.length) return keys;
    // The first replica to get here writes the key; the others read the one that won.
    return this.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${KEYS_LOCK})`;
      if ((await tx.sessionKey.count()) === 0) await tx.sessionKey.create({ data: newSessionKey(now) });
      return tx.sessionKey.findMany({ orderBy: { createdAt: 'asc' } });
    });
  }

  rotate(next: SessionKeyRecord, now: Date, removeRetiredBefore: Date): Promise<KeyRotation> {
    return this.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${KEYS_LOCK})`;
      const result = rotated(await tx.sessionKey.findMany(), next, now, removeRetiredBefore);
      await tx.sessionKey.deleteMany({ where: { kid: { in: result.removed } } });
      await tx.sessionKey.updateMany({ where: { kid: { in: result.retired } }, data: { retiredAt: now } });
      await tx.sessionKey.create({ data: next });
      return result;
    });
  }

  /** Deletes the given keys: they have moved to the key file. */
  async remove(kids: string[]): Promise<void> {
    await this.prisma.sessionKey.deleteMany({ where: { kid: { in: kids } } });
  }
}
