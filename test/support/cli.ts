import { vi } from 'vitest';
import { buildCli } from '../../apps/hub/src/cli';

/**
 * Runs a `hub` command in-process against the database in `envVars`; returns what it printed to
 * stdout through console.log. Errors propagate as the command threw them (what `hub` prints on stderr).
 */
export async function runCli(envVars: Record<string, string>, args: string[]): Promise<string> {
  const lines: string[] = [];
  const spy = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
  const saved = { ...process.env };
  Object.assign(process.env, envVars);
  try {
    await buildCli()
      .exitOverride()
      .parseAsync(['node', 'hub', ...args]);
  } finally {
    spy.mockRestore();
    process.env = saved;
  }
  return lines.join('\n');
}
