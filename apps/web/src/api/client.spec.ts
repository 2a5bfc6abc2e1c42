import { afterEach, describe, expect, it, vi } from 'vitest';
import { api } from './client';

/** Stubs fetch with a 200 JSON answer and records each request's method, headers and body. */
function recordFetch() {
  const calls: { method: string; headers: Record<string, string>; body: unknown }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn((_url: string, init: RequestInit) => {
      calls.push({
        method: init.method ?? 'GET',
        headers: (init.headers ?? {}) as Record<string, string>,
        body: init.body,
      });
      return Promise.resolve(
        new Response(JSON.stringify({ ok: true }), { headers: { 'Content-Type': 'application/json' } }),
      );
    }),
  );
  return calls;
}

describe('api client', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('declares a JSON body on every state-changing call, those without a body included', async () => {
    const calls = recordFetch();
    await api.post('/api/scans');
    await api.post('/api/tokens', { name: 'ci' });
    await api.patch('/api/users/u1', { disabled: true });
    await api.delete('/api/tokens/t1');
    expect(calls.map((c) => [c.method, c.headers['Content-Type']])).toEqual([
      ['POST', 'application/json'],
      ['POST', 'application/json'],
      ['PATCH', 'application/json'],
      ['DELETE', 'application/json'],
    ]);
    expect(calls[0]!.body).toBe('{}');
    expect(calls[1]!.body).toBe('{"name":"ci"}');
    expect(calls[3]!.body).toBeUndefined();
  });

  it('sends reads without a content type', async () => {
    const calls = recordFetch();
    await api.get('/api/projects');
    expect(calls[0]).toMatchObject({ method: 'GET', body: undefined });
    expect(calls[0]!.headers['Content-Type']).toBeUndefined();
  });
});
