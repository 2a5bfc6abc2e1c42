/**
 * An error an operator caused and can fix (a bad flag, a dataset file that does not parse), as
 * opposed to a bug. The CLI prints its message without a stack trace and exits with code 2.
 * The message carries Chinese first and English second, because operators read both.
 */
export class SandboxUsageError extends Error {
  override readonly name = 'SandboxUsageError';

  constructor(
    /** the Chinese message */
    readonly zh: string,
    /** the English message */
    readonly en: string,
  ) {
    super(`${zh} / ${en}`);
  }
}
