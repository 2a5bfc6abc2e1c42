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

/** A `node apps/hub/dist/main.js` process, as `npm start` runs it. */
export interface HubProcess {
  process: ChildProcess;
  /** stdout and stderr so far, interleaved as they arrived */
  output: () => string;
  /** how the process ended: its exit code, or the signal that ended it */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** resolves once the output contains `text`; rejects if the process ends first or after `ms` */
  waitFor(text: string, ms?: number): Promise<void>;
}

/** Starts the built hub with `env` on top of this process's environment; output is captured. */
export function spawnHub(env: Record<string, string>): HubProcess {
  let out = '';
  const child = spawn(process.execPath, [path.join(repoRoot(), 'apps/hub/dist/main.js')], {
    cwd: repoRoot(),
    env: { ...process.env, HUB_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    process: child,
    output: () => out,
    exited,
    waitFor: async (text, ms = 60_000) => {
      const deadline = Date.now() + ms;
      while (!out.includes(text)) {
        if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
          throw new Error(`the hub never printed ${JSON.stringify(text)}:\n${out.slice(-3000)}`);
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    },
  };
}

export interface Replica {
  name: string;
  process: ChildProcess;
  output: () => string;
  exited: HubProcess['exited'];
  /** SIGKILL: no graceful shutdown, its jobs stay active until they expire */
  kill(): void;
  stop(): Promise<void>;
}

/** Starts `node apps/hub/dist/main.js` as a worker replica and waits until it takes jobs. */
export async function startReplica(name: string, env: Record<string, string>): Promise<Replica> {
  const hub = spawnHub({ HUB_ROLE: 'worker', ...env });
  const child = hub.process;
  try {
    await hub.waitFor('hub worker replica');
  } catch (e) {
    child.kill('SIGKILL');
    throw new Error(`replica ${name} did not start: ${(e as Error).message}`, { cause: e });
  }
  return {
    name,
    process: child,
    output: hub.output,
    exited: hub.exited,
    kill: () => child.kill('SIGKILL'),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await Promise.race([hub.exited, new Promise((r) => setTimeout(r, 15_000))]);
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      }
    },
  };
}

/**
 * SIGKILLs the first of `replicas` to print a line matching `line`, the moment it does (the output
 * is read as it arrives, not polled): a kill in the middle of the job that line announces. Resolves
 * with that replica and the line; rejects if none prints it within `ms`.
 */
export function killFirstToPrint(
  replicas: readonly Replica[],
  line: RegExp,
  ms: number,
): Promise<{ replica: Replica; line: string }> {
  return new Promise((resolve, reject) => {
    const watchers = replicas.map((replica) => {
      let pending = '';
      const watch = (chunk: Buffer) => {
        pending += chunk.toString();
        const lines = pending.split('\n');
        pending = lines.pop()!;
        const hit = lines.find((l) => line.test(l));
        if (hit === undefined) return;
        replica.kill();
        detach();
        resolve({ replica, line: hit });
      };
      replica.process.stdout!.on('data', watch);
      return { replica, watch };
    });
    const detach = () => {
      clearTimeout(timer);
      for (const w of watchers) w.replica.process.stdout!.off('data', w.watch);
    };
    const timer = setTimeout(() => {
      detach();
      reject(
        new Error(
          `no replica printed ${line}:\n${replicas.map((r) => r.output().slice(-1500)).join('\n---\n')}`,
        ),
      );
    }, ms);
  });
}

/** Lines of a hub's output that report an error (pino level 50 or 60) or carry a stack trace. */
export function errorLines(output: string): string[] {
  return output
    .split('\n')
    .filter((line) => /"level":(50|60)/.test(line) || /\n?\s+at \S+ \(|"stack":/.test(line));
}
