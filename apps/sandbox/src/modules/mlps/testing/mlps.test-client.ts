import { MLPS_TOKEN_HEADER } from '@hub/contracts';
import { MLPS_DEMO_TOKEN } from '../mlps.credentials';

/** A response read once: status, headers of interest, raw text and the JSON body when there is one. */
export interface MlpsReply {
  status: number;
  contentType: string;
  retryAfter: string | null;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read lists and filings of many shapes
  body: any;
}

/** GETs a path of the MLPS simulator with the demo token, another token, or none (`token: null`). */
export async function mlpsGet(
  baseUrl: string,
  pathWithQuery: string,
  opts: { token?: string | null } = {},
): Promise<MlpsReply> {
  const token = opts.token === undefined ? MLPS_DEMO_TOKEN : opts.token;
  const res = await fetch(`${baseUrl}${pathWithQuery}`, {
    headers: token === null ? {} : { [MLPS_TOKEN_HEADER]: token },
  });
  const text = await res.text();
  const contentType = res.headers.get('content-type') ?? '';
  return {
    status: res.status,
    contentType,
    retryAfter: res.headers.get('retry-after'),
    text,
    body: contentType.includes('json') ? JSON.parse(text) : undefined,
  };
}

/** A `random` that returns the given values in turn, then fails loudly if a test draws more than it planned. */
export function draws(...values: number[]): () => number {
  let i = 0;
  return () => {
    if (i >= values.length) throw new Error(`random drawn ${i + 1} times, only ${values.length} planned`);
    return values[i++]!;
  };
}
