import { DATA_EXCHANGE_PATHS } from '@hub/contracts';
import { DATA_EXCHANGE_DEMO_CLIENT_ID, DATA_EXCHANGE_DEMO_CLIENT_SECRET } from '../data-exchange.credentials';

/** A response read once: status, content type, headers, raw text and the JSON body when there is one. */
export interface ReadResponse {
  status: number;
  contentType: string;
  headers: Headers;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read envelopes of many shapes
  body: any;
}

/** Reads a fetch response into a {@link ReadResponse}. */
export async function read(res: Response): Promise<ReadResponse> {
  const text = await res.text();
  const contentType = res.headers.get('content-type') ?? '';
  return {
    status: res.status,
    contentType,
    headers: res.headers,
    text,
    body: contentType.includes('json') ? JSON.parse(text) : undefined,
  };
}

/** POSTs the token form; fields default to the demo client's credentials. */
export async function requestToken(
  baseUrl: string,
  form: Record<string, string> = {},
): Promise<ReadResponse> {
  const body = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: DATA_EXCHANGE_DEMO_CLIENT_ID,
    client_secret: DATA_EXCHANGE_DEMO_CLIENT_SECRET,
    ...form,
  });
  return read(await fetch(`${baseUrl}${DATA_EXCHANGE_PATHS.token}`, { method: 'POST', body }));
}

/** A fresh access token of the demo client. */
export async function demoToken(baseUrl: string): Promise<string> {
  const res = await requestToken(baseUrl);
  if (res.status !== 200) throw new Error(`token request failed: ${res.status} ${res.text}`);
  return res.body.access_token as string;
}

/** GETs a path with a bearer token. */
export async function authedGet(
  baseUrl: string,
  pathWithQuery: string,
  token: string,
): Promise<ReadResponse> {
  return read(await fetch(`${baseUrl}${pathWithQuery}`, { headers: { Authorization: `Bearer ${token}` } }));
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
