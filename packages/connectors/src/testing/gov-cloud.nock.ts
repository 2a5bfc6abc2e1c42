import type { ReplyFnContext, ReplyFnResult } from 'nock';
import { GOV_CLOUD_MAX_SKEW_MS, GovCloudCode, govCloudSignature } from '@hub/contracts';
import { errorBody } from './gov-cloud.factory';

export const GOV_CLOUD_TEST_BASE_URL = 'http://gov-cloud.test';
export const GOV_CLOUD_TEST_CREDENTIALS = {
  accessKey: 'ak-hub-test',
  secretKey: 'sk-hub-test-secret',
} as const;

/** A request as the fake cloud saw it. */
export interface SeenRequest {
  uri: string;
  headers: Record<string, string>;
}

/**
 * Plays the cloud's side of the AK/SK scheme inside nock reply functions: every request's
 * signature is recomputed with `govCloudSignature` over the path and query as they arrived, and a
 * wrong one gets the 40001 envelope the real cloud sends, so a signing bug fails the test.
 */
export class GovCloudSignatureCheck {
  readonly requests: SeenRequest[] = [];

  constructor(private readonly credentials = GOV_CLOUD_TEST_CREDENTIALS) {}

  /** A nock reply function answering `body` with `status` to correctly signed requests. */
  reply(
    body: unknown,
    status = 200,
    headers: Record<string, string> = {},
  ): (this: ReplyFnContext, uri: string) => ReplyFnResult {
    const verify = (method: string, seen: SeenRequest): string | null => {
      this.requests.push(seen);
      return this.problemWith(method, seen);
    };
    return function (this: ReplyFnContext, uri: string): ReplyFnResult {
      const problem = verify(this.req.method ?? 'GET', { uri, headers: { ...this.req.headers } });
      if (problem) return [200, errorBody(GovCloudCode.BAD_SIGNATURE, `signature mismatch: ${problem}`)];
      return [status, body as Record<string, unknown>, headers];
    };
  }

  /** Why the request's authentication headers are wrong, or null when they are right. */
  problemWith(method: string, { uri, headers }: SeenRequest): string | null {
    if (headers['x-ak'] !== this.credentials.accessKey) return `x-ak is ${headers['x-ak']}`;
    const timestamp = headers['x-timestamp'] ?? '';
    if (!/^\d{13}$/.test(timestamp)) return `x-timestamp ${timestamp} is not epoch ms`;
    if (Math.abs(Date.now() - Number(timestamp)) > GOV_CLOUD_MAX_SKEW_MS) return 'x-timestamp skew';
    const nonce = headers['x-nonce'] ?? '';
    if (nonce.length === 0) return 'x-nonce missing';
    const expected = govCloudSignature({
      method,
      pathWithQuery: uri,
      timestamp,
      nonce,
      secretKey: this.credentials.secretKey,
    });
    return headers['x-signature'] === expected ? null : 'x-signature does not match';
  }

  /** Nonces in request order. */
  get nonces(): string[] {
    return this.requests.map((r) => r.headers['x-nonce'] ?? '');
  }
}
