/**
 * The dashboard's only way to the hub: same-origin fetch with the session cookie. Every hub error
 * arrives as `{ error: { code, message: { zh, en }, details } }` and is raised as an ApiError.
 */
import type { Schemas } from './schema';

/** Text Chinese first, English second, as the hub writes it. */
export type Bilingual = Schemas['Bilingual'];

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly text: Bilingual,
    readonly details?: unknown,
  ) {
    super(`${text.zh} / ${text.en}`);
    this.name = 'ApiError';
  }
}

type Query = Record<string, string | number | boolean | undefined | null | readonly (string | number)[]>;

/** `/api/x` plus the defined query values; arrays become repeated parameters. */
export function apiUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) value.forEach((v) => params.append(key, String(v)));
    else params.append(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/** Listeners told when the hub answers 401: the session ended or never was. */
const unauthenticatedListeners = new Set<() => void>();
export function onUnauthenticated(listener: () => void): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

async function toApiError(res: Response): Promise<ApiError> {
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('application/json')) {
    const body = (await res.json().catch(() => null)) as {
      error?: { code?: string; message?: Bilingual; details?: unknown };
    } | null;
    if (body?.error?.message) {
      return new ApiError(res.status, body.error.code ?? 'ERROR', body.error.message, body.error.details);
    }
  }
  return new ApiError(res.status, 'HTTP_' + res.status, {
    zh: `服务器返回 HTTP ${res.status}`,
    en: `the hub answered HTTP ${res.status}`,
  });
}

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
}

async function send(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
  let res: Response;
  // A form (a file upload) is sent as multipart: the browser writes its Content-Type and boundary.
  const form = options.body instanceof FormData ? options.body : null;
  try {
    res = await fetch(apiUrl(path, options.query), {
      method,
      credentials: 'same-origin',
      headers: {
        Accept: 'application/json',
        // The hub refuses a cookie-signed change without it (even with no body): a cross-site form
        // cannot send it, so it is part of what tells the dashboard from a forged request. A
        // multipart upload carries the browser's own boundary instead (its routes check the origin).
        ...(method !== 'GET' && !form ? { 'Content-Type': 'application/json' } : {}),
      },
      body: form ?? (options.body !== undefined ? JSON.stringify(options.body) : undefined),
      signal: options.signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', { zh: '无法连接合规中枢服务', en: 'cannot reach the hub' });
  }
  if (!res.ok) {
    const error = await toApiError(res);
    if (res.status === 401) unauthenticatedListeners.forEach((l) => l());
    throw error;
  }
  return res;
}

async function json<T>(res: Response): Promise<T> {
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

export const api = {
  get: async <T>(path: string, options?: RequestOptions) => json<T>(await send('GET', path, options)),
  post: async <T>(path: string, body?: unknown, options?: RequestOptions) =>
    json<T>(await send('POST', path, { ...options, body: body ?? {} })),
  /** A multipart form, e.g. a note with a file. */
  postForm: async <T>(path: string, form: FormData, options?: RequestOptions) =>
    json<T>(await send('POST', path, { ...options, body: form })),
  patch: async <T>(path: string, body: unknown, options?: RequestOptions) =>
    json<T>(await send('PATCH', path, { ...options, body })),
  delete: async <T>(path: string, options?: RequestOptions) => json<T>(await send('DELETE', path, options)),
  /** A file answer (PDF, xlsx…), saved by the browser under the name the hub gives or `fallbackName`. */
  download: async (path: string, fallbackName: string, options?: RequestOptions) => {
    const res = await send('GET', path, options);
    const disposition = res.headers.get('content-disposition') ?? '';
    const match = /filename\*=UTF-8''([^;]+)|filename="?([^";]+)"?/i.exec(disposition);
    const name = match ? decodeURIComponent(match[1] ?? match[2] ?? fallbackName) : fallbackName;
    const blob = await res.blob();
    const href = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = href;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(href), 10_000);
    return name;
  },
};
