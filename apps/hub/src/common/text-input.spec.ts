import { findUnsafeText, assertSafeText } from './text-input';

describe(findUnsafeText.name, () => {
  it('names every bad string by its path, object keys and array items included', () => {
    const issues = findUnsafeText(
      { note: 'a\u0000', items: [{ description: 'ok' }, { description: 'b\ud800' }], 'k\u0000': 1 },
      'body',
    );
    expect(issues.map((i) => i.path)).toEqual(['body.items.1.description', 'body.k\\u0000', 'body.note']);
    expect(issues[1]!.message.zh).toMatch(/^字段名含空字符/);
  });

  it('finds nothing in well-formed input of any shape', () => {
    expect(findUnsafeText({ a: ['岳阳', 1, null, true, { b: '𠀋😀' }] }, 'body')).toEqual([]);
    expect(findUnsafeText(undefined, 'query')).toEqual([]);
    expect(findUnsafeText('plain', '')).toEqual([]);
  });

  it('walks input nested deeper than the call stack without overflowing', () => {
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(findUnsafeText(deep, 'body')).toHaveLength(1);
  });

  it('refuses with a 400 whose Chinese message names each field', () => {
    expect(() => assertSafeText({ q: '\u0000' }, 'query')).toThrow(
      expect.objectContaining({
        status: 400,
        code: 'INVALID_REQUEST',
        text: expect.objectContaining({ zh: expect.stringContaining('query.q 含空字符 (U+0000)') }),
      }),
    );
  });
});
