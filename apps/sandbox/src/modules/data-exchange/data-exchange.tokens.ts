import { randomBytes } from 'node:crypto';

/** How long an expired token is still recognised as one of ours (and answered TOKEN_EXPIRED). */
const EXPIRED_TOKEN_MEMORY_MS = 24 * 3_600_000;

/** What the platform makes of a bearer token. */
export type TokenState = 'valid' | 'expired' | 'unknown';

/**
 * Access tokens the simulator issued, with their expiry on the injected clock. Expired tokens are
 * remembered for a day so that a client presenting one hears TOKEN_EXPIRED, as the contract says,
 * rather than "unknown"; after that they are forgotten so memory stays bounded.
 */
export class TokenStore {
  // Insertion order is issue order and every token lives equally long, so the oldest come first.
  private readonly expiries = new Map<string, number>();
  private issuedCount = 0;

  constructor(
    private readonly ttlSeconds: number,
    private readonly clock: () => number,
  ) {}

  /** A new token and its lifetime in seconds. */
  issue(): { accessToken: string; expiresIn: number } {
    const now = this.clock();
    this.prune(now);
    const accessToken = randomBytes(24).toString('base64url');
    this.expiries.set(accessToken, now + this.ttlSeconds * 1000);
    this.issuedCount++;
    return { accessToken, expiresIn: this.ttlSeconds };
  }

  /** Whether `token` may be used now. */
  check(token: string): TokenState {
    const expiresAt = this.expiries.get(token);
    if (expiresAt === undefined) return 'unknown';
    return this.clock() < expiresAt ? 'valid' : 'expired';
  }

  /** Tokens issued since start. */
  get issued(): number {
    return this.issuedCount;
  }

  /** Tokens remembered (live or recently expired). */
  get size(): number {
    return this.expiries.size;
  }

  private prune(now: number): void {
    for (const [token, expiresAt] of this.expiries) {
      if (now - expiresAt < EXPIRED_TOKEN_MEMORY_MS) break;
      this.expiries.delete(token);
    }
  }
}
