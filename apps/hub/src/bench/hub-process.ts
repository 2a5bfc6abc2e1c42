import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

/** The built hub's entry point, beside the bench scripts in dist. */
export const MAIN_JS = path.join(__dirname, '..', 'main.js');

/** A port nobody listens on now: the defaults (4000, 4101–4105) may be taken by a running hub. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Spawns the built hub with `env` over this process's environment; its stderr is kept for errors. */
export function spawnHub(env: Record<string, string>): { child: ChildProcess; stderr: () => string } {
  const child = spawn(process.execPath, [MAIN_JS], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  return { child, stderr: () => stderr };
}

/** Resolves once `GET /health/ready` answers 200; throws if the hub exits or is not ready in time. */
export async function waitReady(
  hub: { child: ChildProcess; stderr: () => string },
  port: number,
  timeoutMs = 120_000,
): Promise<void> {
  const t = performance.now();
  for (;;) {
    if (hub.child.exitCode !== null) throw new Error(`the hub exited ${hub.child.exitCode}: ${hub.stderr()}`);
    const ok = await fetch(`http://127.0.0.1:${port}/health/ready`, { signal: AbortSignal.timeout(1000) })
      .then((r) => r.status === 200)
      .catch(() => false);
    if (ok) return;
    if (performance.now() - t > timeoutMs) {
      throw new Error(`the hub was not ready in ${timeoutMs / 1000} s: ${hub.stderr()}`);
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Stops a spawned process with SIGTERM and waits for it to exit. */
export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}
