import { Injectable } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { PrismaService } from '../../infra/database/prisma.service';

type ThrottlerRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** Expired counters are deleted at most this often per process, by the next hit after it. */
const SWEEP_EVERY_MS = 60_000;

/**
 * The throttler's counters in PostgreSQL (`rate_limits`), so that every replica counts the same
 * attempts. Each hit is one atomic upsert timed by the database's clock, which all replicas share: a
 * fixed window from the first hit; once over the limit the key is blocked for `blockDuration`
 * (attempts while blocked do not count), after which it starts a fresh window.
 */
@Injectable()
export class PostgresThrottlerStorage implements ThrottlerStorage {
  private lastSweep = 0;

  constructor(private readonly prisma: PrismaService) {}

  async increment(key: string, ttl: number, limit: number, blockDuration: number): Promise<ThrottlerRecord> {
    this.sweep();
    const [row] = await this.prisma.$queryRaw<
      { hits: number; expires_in: number; blocked: boolean; blocked_for: number }[]
    >`
      INSERT INTO rate_limits AS r ("key", hits, expires_at, blocked_until)
      VALUES (
        ${key}, 1, now() + ${ttl}::float8 * interval '1 millisecond',
        CASE WHEN 1 > ${limit}::int THEN now() + ${blockDuration}::float8 * interval '1 millisecond' END
      )
      ON CONFLICT ("key") DO UPDATE SET
        hits = CASE
          WHEN r.blocked_until > now() THEN r.hits
          WHEN r.expires_at <= now() OR r.blocked_until <= now() THEN 1
          ELSE r.hits + 1 END,
        expires_at = CASE
          WHEN r.blocked_until > now() THEN r.expires_at
          WHEN r.expires_at <= now() OR r.blocked_until <= now() THEN EXCLUDED.expires_at
          ELSE r.expires_at END,
        blocked_until = CASE
          WHEN r.blocked_until > now() THEN r.blocked_until
          WHEN r.expires_at <= now() OR r.blocked_until <= now() THEN EXCLUDED.blocked_until
          WHEN r.hits + 1 > ${limit}::int THEN now() + ${blockDuration}::float8 * interval '1 millisecond'
          ELSE NULL END
      RETURNING
        hits,
        GREATEST(0, CEIL(EXTRACT(EPOCH FROM expires_at - now())))::int AS expires_in,
        COALESCE(blocked_until > now(), false) AS blocked,
        GREATEST(0, CEIL(EXTRACT(EPOCH FROM COALESCE(blocked_until, now()) - now())))::int AS blocked_for`;
    return {
      totalHits: row!.hits,
      timeToExpire: row!.expires_in,
      isBlocked: row!.blocked,
      timeToBlockExpire: row!.blocked ? row!.blocked_for : 0,
    };
  }

  /** Drops counters whose window and block are both over; never delays the hit that triggers it. */
  private sweep(): void {
    const now = Date.now();
    if (now - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = now;
    this.prisma.$executeRaw`
      DELETE FROM rate_limits
      WHERE expires_at < now() AND (blocked_until IS NULL OR blocked_until < now())`.catch(() => undefined);
  }
}
