/**
 * `npm run bench` (in @hub/hub), third part: how soon the built hub answers. `hub --help` and
 * `hub --version` (they load neither Nest nor the database), median of 5 runs; `node dist/main.js`
 * with the embedded defaults (embedded PostgreSQL, the sandbox serving the demo city, the first scan)
 * until `GET /health/ready` answers 200, on a fresh data directory (initdb, migrations, demo city)
 * and then again on the same one, as a second `npm start` runs. Prints the figures for
 * docs/performance.md; asserts nothing.
 *
 * Environment: BENCH_RUNS (CLI runs, default 5), BENCH_STARTS (starts on the same data, default 3).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SANDBOX_SOURCE_IDS } from '@hub/sandbox';
import { envForSandbox } from '../demo';
import { freePort, spawnHub, stopProcess, waitReady } from './hub-process';
import { runBench } from './run-bench';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const STARTS = Number(process.env.BENCH_STARTS ?? 3);
const DIST = path.join(__dirname, '..');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function cliMs(args: string[]): number {
  const t = performance.now();
  const run = spawnSync(process.execPath, [path.join(DIST, 'cli.js'), ...args], { encoding: 'utf8' });
  const ms = performance.now() - t;
  if (run.status !== 0) throw new Error(`hub ${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  return ms;
}

/** Milliseconds from spawning `main.js` to the first 200 of /health/ready; the process is then stopped. */
async function startMs(env: Record<string, string>, port: number): Promise<number> {
  const t = performance.now();
  const hub = spawnHub(env);
  try {
    await waitReady(hub, port);
    return performance.now() - t;
  } finally {
    await stopProcess(hub.child);
  }
}

async function main(): Promise<void> {
  const help = Array.from({ length: RUNS }, () => cliMs(['--help']));
  const version = Array.from({ length: RUNS }, () => cliMs(['--version']));

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-bench-start-'));
  fs.chmodSync(dataDir, 0o755); // run as root, the embedded server runs as postgres and must reach it
  try {
    const port = await freePort();
    const sandbox: Record<string, string> = {};
    for (const source of SANDBOX_SOURCE_IDS) sandbox[source] = `http://127.0.0.1:${await freePort()}`;
    const env = { HUB_DATA_DIR: dataDir, HUB_PORT: String(port), ...envForSandbox(sandbox) };
    const cold = await startMs(env, port);
    const warm: number[] = [];
    for (let i = 0; i < STARTS; i++) warm.push(await startMs(env, port));

    console.log('\n## Start-up of the built hub\n');
    console.log(`| what | median | runs |`);
    console.log(`| --- | --- | --- |`);
    console.log(
      `| \`hub --help\` | ${median(help).toFixed(0)} ms | ${help.map((x) => x.toFixed(0)).join(', ')} |`,
    );
    console.log(
      `| \`hub --version\` | ${median(version).toFixed(0)} ms | ${version.map((x) => x.toFixed(0)).join(', ')} |`,
    );
    console.log(`| \`main.js\` to /health/ready 200, fresh data directory | ${cold.toFixed(0)} ms | 1 |`);
    console.log(
      `| \`main.js\` to /health/ready 200, existing data | ${median(warm).toFixed(0)} ms | ${warm.map((x) => x.toFixed(0)).join(', ')} |\n`,
    );
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

runBench(main);
