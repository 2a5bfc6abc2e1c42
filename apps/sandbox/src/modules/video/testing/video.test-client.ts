import { VIDEO_DEMO_TOKEN } from '../video.credentials';

/** A response read once: status, headers, raw text and the JSON body when there is one. */
export interface ReadResponse {
  status: number;
  headers: Headers;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read envelopes of many shapes
  body: any;
}

/**
 * GETs a video platform path with `Authorization: Bearer <token>` (the demo token unless given);
 * `authorization: null` sends no header at all, a string sends that header as it is.
 */
export async function bearerGet(
  baseUrl: string,
  pathWithQuery: string,
  opts: { token?: string; authorization?: string | null } = {},
): Promise<ReadResponse> {
  const authorization =
    opts.authorization === undefined ? `Bearer ${opts.token ?? VIDEO_DEMO_TOKEN}` : opts.authorization;
  const res = await fetch(`${baseUrl}${pathWithQuery}`, {
    headers: authorization === null ? {} : { Authorization: authorization },
  });
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    text,
    body: (res.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : undefined,
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
