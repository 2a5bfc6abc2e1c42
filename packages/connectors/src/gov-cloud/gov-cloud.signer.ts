import { randomUUID } from 'node:crypto';
import { govCloudSignature } from '@hub/contracts';

/** The four authentication headers of the gov-cloud contract. */
export interface GovCloudAuthHeaders {
  'X-Ak': string;
  'X-Timestamp': string;
  'X-Nonce': string;
  'X-Signature': string;
}

/** What signing one request needs; `now` and `nonce` are injectable so tests can pin them. */
export interface GovCloudSigningInput {
  method: string;
  /** path and query exactly as sent, e.g. `/openapi/v1/resources?cursor=abc&limit=500` */
  pathWithQuery: string;
  accessKey: string;
  secretKey: string;
  now?: () => number;
  nonce?: () => string;
}

/**
 * Signs one request. Call it per attempt: the cloud rejects a timestamp more than 300 s off and a
 * nonce seen in the last 10 minutes, so a retried request needs both fresh.
 */
export function signGovCloudRequest(input: GovCloudSigningInput): GovCloudAuthHeaders {
  const timestamp = String((input.now ?? Date.now)());
  const nonce = (input.nonce ?? randomUUID)();
  return {
    'X-Ak': input.accessKey,
    'X-Timestamp': timestamp,
    'X-Nonce': nonce,
    'X-Signature': govCloudSignature({
      method: input.method,
      pathWithQuery: input.pathWithQuery,
      timestamp,
      nonce,
      secretKey: input.secretKey,
    }),
  };
}

/**
 * Path plus query with the parameters sorted by name (the order the signature uses), values
 * percent-encoded strictly (RFC 3986) so that what is signed is byte for byte what is sent.
 * Absent and empty values are left out.
 */
export function buildPathWithQuery(
  path: string,
  params: Readonly<Record<string, string | number | null | undefined>>,
): string {
  const pairs = Object.entries(params)
    .filter(
      (entry): entry is [string, string | number] =>
        entry[1] !== undefined && entry[1] !== null && entry[1] !== '',
    )
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${strictEncode(key)}=${strictEncode(String(value))}`);
  return pairs.length > 0 ? `${path}?${pairs.join('&')}` : path;
}

function strictEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
