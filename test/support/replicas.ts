import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from '../../apps/hub/src/infra/paths';

/** Builds the hub once per test run (turbo caches it): replicas run the built artefact, as in production. */
export function buildHub(): void {
  execFileSync('npx', ['turbo', 'run', 'build', '--filter=@hub/hub', '--output-logs=errors-only'], {
    cwd: repoRoot(),
    stdio: 'ignore',
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
  });
}

export interface Replica {
  name: string;
  process: ChildProcess;
  output: () => string;
  /** SIGKILL: no graceful shutdown, its jobs stay active until they expire */
  kill(): void;
  stop(): Promise<void>;
}

/** Starts `node apps/hub/dist/main.js` as a worker replica and waits until it takes jobs. */
export async function startReplica(name: string, env: Record<string, string>): Promise<Replica> {
  let out = '';
  const child = spawn(process.execPath, [path.join(repoRoot(), 'apps/hub/dist/main.js')], {
    cwd: repoRoot(),
    env: { ...process.env, HUB_ROLE: 'worker', HUB_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 60_000;
  while (!out.includes('hub worker replica')) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`replica ${name} did not start:\n${out.slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    name,
    process: child,
    output: () => out,
    kill: () => child.kill('SIGKILL'),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      }
    },
  };
}
