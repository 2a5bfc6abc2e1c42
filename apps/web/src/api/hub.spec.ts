import { afterEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import { type Answer, fillPath, hub } from './hub';
import type { Schemas } from './schema';

describe('hub (the API typed by the OpenAPI document)', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('fills path parameters URL-encoded and refuses a missing one', () => {
    expect(fillPath('/api/projects/{code}/findings/{ruleId}/evidence', { code: 'YY 1', ruleId: 'A/B' })).toBe(
      '/api/projects/YY%201/findings/A%2FB/evidence',
    );
    expect(() => fillPath('/api/reviews/{id}', {})).toThrow('{id}');
  });

  it('asks the filled path with the query through the same client', async () => {
    const urls: string[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn((url: string) => {
        urls.push(url);
        return Promise.resolve(new Response('[]', { headers: { 'Content-Type': 'application/json' } }));
      }),
    );
    await hub.get('/api/projects/{code}/history', { path: { code: 'YY-1' }, query: { limit: 5 } });
    expect(urls).toEqual(['/api/projects/YY-1/history?limit=5']);
  });

  it('answers the types the document names', () => {
    expectTypeOf<Answer<'/api/sources', 'get'>>().toEqualTypeOf<Schemas['SourceStatus'][]>();
    expectTypeOf<Answer<'/api/reviews/{id}/check', 'post'>>().toEqualTypeOf<Schemas['Review']>();
    expectTypeOf<Answer<'/api/auth/logout', 'post'>>().toEqualTypeOf<undefined>();
  });
});
