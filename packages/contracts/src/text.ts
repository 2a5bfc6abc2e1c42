/**
 * Text the hub refuses anywhere it is given text: PostgreSQL cannot store U+0000 in `text` or
 * `jsonb`, and an unpaired UTF-16 surrogate is not a character at all (it cannot be encoded as
 * UTF-8, so it would be silently replaced or refused further along).
 */
// eslint-disable-next-line no-control-regex -- finding U+0000 is the point
const UNSAFE_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNSAFE_TEXT_ALL = new RegExp(UNSAFE_TEXT.source, 'g');

export interface UnsafeTextProblem {
  kind: 'nul' | 'lone-surrogate';
  /** UTF-16 offset of the first offending unit */
  index: number;
  /** the offending unit as `U+XXXX` */
  unit: string;
}

/** The first character of `text` the hub cannot accept, or null when there is none. */
export function unsafeTextProblem(text: string): UnsafeTextProblem | null {
  const match = UNSAFE_TEXT.exec(text);
  if (!match) return null;
  const code = match[0].charCodeAt(0);
  return {
    kind: code === 0 ? 'nul' : 'lone-surrogate',
    index: match.index,
    unit: `U+${code.toString(16).toUpperCase().padStart(4, '0')}`,
  };
}

/** What is wrong, as an operator reads it: `含空字符 (U+0000)` / `contains a NUL character (U+0000)`. */
export function describeUnsafeText(problem: UnsafeTextProblem): { zh: string; en: string } {
  return problem.kind === 'nul'
    ? {
        zh: `含空字符 (${problem.unit})，请删除后重试`,
        en: `contains a NUL character (${problem.unit}); remove it and retry`,
      }
    : {
        zh: `含未配对的代理码元 (${problem.unit})，不是有效的 Unicode 文本，请检查文本编码`,
        en: `contains an unpaired surrogate (${problem.unit}), which is not valid Unicode; check the text encoding`,
      };
}

/** `text` safe to echo back or store: each refused unit written as `\u0000`, at most `max` units. */
export function printableText(text: string, max = 100): string {
  const escaped = text.replace(
    UNSAFE_TEXT_ALL,
    (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  if (escaped.length <= max) return escaped;
  // Cut before a high surrogate so the shortened text does not end with half a character.
  const end = /[\uD800-\uDBFF]/.test(escaped.charAt(max - 2)) ? max - 2 : max - 1;
  return `${escaped.slice(0, end)}…`;
}
