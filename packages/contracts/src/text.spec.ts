import fc from 'fast-check';
import { describeUnsafeText, printableText, unsafeTextProblem } from './text';

describe(unsafeTextProblem.name, () => {
  it.each([
    ['a NUL', 'ab\u0000c', { kind: 'nul', index: 2, unit: 'U+0000' }],
    ['a lone high surrogate', 'ab\ud83d', { kind: 'lone-surrogate', index: 2, unit: 'U+D83D' }],
    ['a lone low surrogate', '\ude00ab', { kind: 'lone-surrogate', index: 0, unit: 'U+DE00' }],
    [
      'two high surrogates in a row',
      '\ud83d\ud83d\ude00',
      { kind: 'lone-surrogate', index: 0, unit: 'U+D83D' },
    ],
  ])('finds %s and where it is', (_, text, problem) => {
    expect(unsafeTextProblem(text)).toEqual(problem);
  });

  it('accepts any well-formed text, characters outside the BMP and other control characters included', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme' }).filter((s) => !s.includes('\u0000')),
        (text) => {
          expect(unsafeTextProblem(text)).toBeNull();
        },
      ),
    );
    expect(unsafeTextProblem('𠀋😀\t\u0001岳阳')).toBeNull();
  });

  it('describes the problem in Chinese first, with the character', () => {
    const text = describeUnsafeText(unsafeTextProblem('\u0000')!);
    expect(text.zh).toMatch(/^含空字符 \(U\+0000\)/);
    expect(text.en).toContain('U+0000');
  });
});

describe(printableText.name, () => {
  it('writes refused characters as escapes, leaving the rest as it is', () => {
    expect(printableText('备\u0000注\ud800😀')).toBe('备\\u0000注\\ud800😀');
    expect(unsafeTextProblem(printableText('\u0000\udfff'))).toBeNull();
  });

  it('shortens long text without ending on half a character', () => {
    expect(printableText('长'.repeat(10), 5)).toBe('长长长长…');
    const cut = printableText('a' + '😀'.repeat(10), 5);
    expect(unsafeTextProblem(cut)).toBeNull();
    expect(cut.length).toBeLessThanOrEqual(5);
  });
});
