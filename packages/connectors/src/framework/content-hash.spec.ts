import { createHash } from 'node:crypto';
import { canonicalJson, contentHash } from './content-hash';

describe(contentHash.name, () => {
  it('is the sha256 hex of the JSON with keys sorted at every depth', () => {
    const payload = { b: [3, { z: 1, a: 2 }], a: { d: null, c: '政务云' } };

    const sut = contentHash(payload);

    const expected = createHash('sha256')
      .update('{"a":{"c":"政务云","d":null},"b":[3,{"a":2,"z":1}]}')
      .digest('hex');
    expect(sut).toBe(expected);
    expect(sut).toMatch(/^[0-9a-f]{64}$/);
  });

  it('does not depend on the order the upstream sent the fields in', () => {
    expect(contentHash({ id: 'x', spec: { vcpu: 4, mem: 8 } })).toBe(
      contentHash({ spec: { mem: 8, vcpu: 4 }, id: 'x' }),
    );
  });

  it('changes when a value or the order of an array changes', () => {
    const base = contentHash({ items: [1, 2], status: 'running' });

    expect(contentHash({ items: [2, 1], status: 'running' })).not.toBe(base);
    expect(contentHash({ items: [1, 2], status: 'released' })).not.toBe(base);
  });

  it('serialises scalars and undefined fields as JSON does', () => {
    expect(canonicalJson('a')).toBe('"a"');
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
    expect(canonicalJson(undefined)).toBe('null');
  });
});
