import type { Text } from '@hub/rules';

/**
 * A start-up failure the operator can act on (port taken, database unreachable, migrations failing),
 * said in Chinese first, then English. The hub reports it once and exits non-zero.
 */
export class StartupError extends Error {
  constructor(
    readonly text: Text,
    options?: { cause?: unknown },
  ) {
    super(`${text.zh} / ${text.en}`, options);
  }
}
