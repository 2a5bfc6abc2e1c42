import { describeUnsafeText, printableText, unsafeTextProblem } from '@hub/contracts';
import { AppError } from './app-error';

/** One string of an input the hub refuses, and where it sits (`query.q`, `body.items.0.note`). */
export interface UnsafeTextIssue {
  path: string;
  message: { zh: string; en: string };
}

/** Reported at once; an input with more bad strings than this is refused all the same. */
const MAX_ISSUES = 20;

/**
 * Every string in `value` — object keys too — holding U+0000 or an unpaired surrogate. Walks
 * without recursion: a 1 MB JSON body can nest deeper than the call stack.
 */
export function findUnsafeText(value: unknown, root: string): UnsafeTextIssue[] {
  const issues: UnsafeTextIssue[] = [];
  const pending: { value: unknown; path: string }[] = [{ value, path: root }];
  while (pending.length > 0 && issues.length < MAX_ISSUES) {
    const next = pending.pop()!;
    if (typeof next.value === 'string') {
      const problem = unsafeTextProblem(next.value);
      if (problem) issues.push({ path: next.path, message: describeUnsafeText(problem) });
    } else if (Array.isArray(next.value)) {
      next.value.forEach((item, i) => pending.push({ value: item, path: join(next.path, String(i)) }));
    } else if (next.value !== null && typeof next.value === 'object') {
      for (const [key, item] of Object.entries(next.value)) {
        const path = join(next.path, printableText(key, 60));
        const problem = unsafeTextProblem(key);
        if (problem) {
          issues.push({
            path,
            message: {
              zh: `字段名${describeUnsafeText(problem).zh}`,
              en: `field name ${describeUnsafeText(problem).en}`,
            },
          });
        } else {
          pending.push({ value: item, path });
        }
      }
    }
  }
  return issues.sort((a, b) => a.path.localeCompare(b.path));
}

function join(path: string, segment: string): string {
  return path === '' ? segment : `${path}.${segment}`;
}

/**
 * The 400 for refused text, naming each field: `请求含无法接受的字符：query.q 含空字符 (U+0000)…`.
 * `details.issues` has the shape of every other INVALID_REQUEST.
 */
export function unsafeTextError(issues: UnsafeTextIssue[]): AppError {
  return new AppError(
    'INVALID_REQUEST',
    {
      zh: `请求含无法接受的字符：${issues.map((i) => `${i.path || '(根)'} ${i.message.zh}`).join('；')}`,
      en: `The request holds characters the hub cannot accept: ${issues.map((i) => `${i.path || '(root)'} ${i.message.en}`).join('; ')}`,
    },
    { issues: issues.map((i) => ({ path: i.path, message: i.message.en, zh: i.message.zh })) },
  );
}

/** Throws {@link unsafeTextError} when any string of `value` holds a refused character. */
export function assertSafeText(value: unknown, root: string): void {
  const issues = findUnsafeText(value, root);
  if (issues.length > 0) throw unsafeTextError(issues);
}
