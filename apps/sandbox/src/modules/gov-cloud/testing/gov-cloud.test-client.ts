import { randomUUID } from 'node:crypto';
import { govCloudSignature } from '@hub/contracts';
import { GOV_CLOUD_DEMO_ACCESS_KEY, GOV_CLOUD_DEMO_SECRET_KEY } from '../gov-cloud.credentials';

/** What a test may override to make a request wrong on purpose. */
export interface SignedGetOptions {
  accessKey?: string;
  secretKey?: string;
  timestamp?: string;
  nonce?: string;
  /** sent instead of the computed signature */
  signature?: string;
}

/** A response read once: status, content type, raw text and the JSON body when there is one. */
export interface ReadResponse {
  status: number;
  contentType: string;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read envelopes of many shapes
  body: any;
}

/** GETs a gov-cloud path with the contract's signature headers, signing exactly what is sent. */
export async function signedGet(
  baseUrl: string,
  pathWithQuery: string,
  opts: SignedGetOptions = {},
): Promise<ReadResponse> {
  const timestamp = opts.timestamp ?? String(Date.now());
  const nonce = opts.nonce ?? randomUUID();
  const signature =
    opts.signature ??
    govCloudSignature({
      method: 'GET',
      pathWithQuery,
      timestamp,
      nonce,
      secretKey: opts.secretKey ?? GOV_CLOUD_DEMO_SECRET_KEY,
    });
  const res = await fetch(`${baseUrl}${pathWithQuery}`, {
    headers: {
      'X-Ak': opts.accessKey ?? GOV_CLOUD_DEMO_ACCESS_KEY,
      'X-Timestamp': timestamp,
      'X-Nonce': nonce,
      'X-Signature': signature,
    },
  });
  return read(res);
}

/** Reads a fetch response into a {@link ReadResponse}. */
export async function read(res: Response): Promise<ReadResponse> {
  const text = await res.text();
  const contentType = res.headers.get('content-type') ?? '';
  return {
    status: res.status,
    contentType,
    text,
    body: contentType.includes('json') ? JSON.parse(text) : undefined,
  };
}

/** A `random` that returns the given values in turn, then fails loudly if a test draws more than it planned. */
export function sequence(...values: number[]): () => number {
  let i = 0;
  return () => {
    if (i >= values.length)
      throw new Error(`random drawn ${i + 1} times, only ${values.length} values planned`);
    return values[i++]!;
  };
}
