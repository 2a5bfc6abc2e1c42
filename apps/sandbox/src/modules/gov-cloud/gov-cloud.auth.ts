import { timingSafeEqual } from 'node:crypto';
import {
  GOV_CLOUD_MAX_SKEW_MS,
  GOV_CLOUD_NONCE_TTL_MS,
  GovCloudCode,
  govCloudSignature,
} from '@hub/contracts';
import type { Request } from 'express';

/**
 * Nonces seen within the contract's 10-minute window. A nonce older than that may be forgotten: a replay
 * would also need a timestamp within 300 s of now, which its signature no longer matches.
 */
export class NonceStore {
  // Insertion order is arrival order, so expired nonces are always at the front.
  private readonly seen = new Map<string, number>();

  constructor(private readonly ttlMs: number = GOV_CLOUD_NONCE_TTL_MS) {}

  /** Records the nonce and returns true, or returns false when it was already used within the window. */
  claim(nonce: string, nowMs: number): boolean {
    this.prune(nowMs);
    if (this.seen.has(nonce)) return false;
    this.seen.set(nonce, nowMs);
    return true;
  }

  /** How many nonces are remembered. */
  get size(): number {
    return this.seen.size;
  }

  private prune(nowMs: number): void {
    for (const [nonce, seenAt] of this.seen) {
      if (nowMs - seenAt < this.ttlMs) break;
      this.seen.delete(nonce);
    }
  }
}

/** What {@link verifyGovCloudRequest} checks a request against. */
export interface GovCloudAuthOptions {
  accessKey: string;
  secretKey: string;
  clock: () => number;
  nonces: NonceStore;
}

/** Why a request was refused, as envelope code and message. */
export interface GovCloudAuthFailure {
  code: number;
  msg: string;
}

const REQUIRED_HEADERS = ['X-Ak', 'X-Timestamp', 'X-Nonce', 'X-Signature'] as const;

/**
 * Checks the contract's AK/SK signature on one request; null when it passes. The nonce is only spent
 * once everything else is right, so a request with a bad signature cannot burn a client's nonce.
 * The signature is recomputed over the request target exactly as received (`originalUrl`, still
 * percent-encoded), so a client that signs something other than what it sends is caught.
 */
export function verifyGovCloudRequest(req: Request, opts: GovCloudAuthOptions): GovCloudAuthFailure | null {
  const missing = REQUIRED_HEADERS.filter((h) => !req.get(h));
  if (missing.length) {
    return { code: GovCloudCode.BAD_SIGNATURE, msg: `missing header(s): ${missing.join(', ')}` };
  }
  const ak = req.get('X-Ak')!;
  const timestamp = req.get('X-Timestamp')!;
  const nonce = req.get('X-Nonce')!;
  const signature = req.get('X-Signature')!;

  if (ak !== opts.accessKey) return { code: GovCloudCode.BAD_SIGNATURE, msg: 'unknown access key' };

  if (!/^[0-9]{1,16}$/.test(timestamp)) {
    return { code: GovCloudCode.TIMESTAMP_SKEW, msg: 'X-Timestamp must be epoch milliseconds' };
  }
  const skew = Math.abs(opts.clock() - Number(timestamp));
  if (skew > GOV_CLOUD_MAX_SKEW_MS) {
    return {
      code: GovCloudCode.TIMESTAMP_SKEW,
      msg: `timestamp is ${Math.round(skew / 1000)} s from server time (max ${GOV_CLOUD_MAX_SKEW_MS / 1000} s)`,
    };
  }

  const expected = govCloudSignature({
    method: req.method,
    pathWithQuery: req.originalUrl,
    timestamp,
    nonce,
    secretKey: opts.secretKey,
  });
  if (!sameText(expected, signature)) return { code: GovCloudCode.BAD_SIGNATURE, msg: 'signature mismatch' };

  if (!opts.nonces.claim(nonce, opts.clock())) {
    return { code: GovCloudCode.NONCE_REUSED, msg: 'nonce already used' };
  }
  return null;
}

function sameText(a: string, b: string): boolean {
  const ba = Buffer.from(a);
  const bb = Buffer.from(b);
  return ba.length === bb.length && timingSafeEqual(ba, bb);
}
