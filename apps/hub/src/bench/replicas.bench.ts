/**
 * `npm run bench` (in @hub/hub), second part: the same 10,000-project city scanned through the job
 * queue by one, two and three worker replicas (the built hub, HUB_ROLE=worker, as production runs
 * them). This process only imports the registry, queues each full scan and watches its progress.
 * Prints wall time, jobs per second and the time each phase ended, per replica count; asserts nothing.
 *
 * Environment: BENCH_PROJECTS (default 10000), BENCH_LATENCY_MS (default 20), BENCH_REPLICAS
 * (default "1,2,3"), BENCH_BATCH (projects per evaluation job, default 500).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import 'reflect-metadata';
import { writeRegistryWorkbook } from '@hub/registry';
import { generateDemoCity } from '@hub/sandbox';
import pino from 'pino';
import { createAppContext, prepareDatabase } from '../bootstrap';
import { loadEnv } from '../config/env';
import { BENCH_NOW, queueHubVars, startSlowedSandbox } from './bench-city';
import { JobQueue, QUEUES } from '../infra/jobs/job-queue';
import { RegistryImportService } from '../modules/registry/registry-import.service';
import { ScanOrchestrator, type ScanProgress } from '../modules/scans/scan-orchestrator.service';
import { MAIN_JS, stopProcess } from './hub-process';
import { runBench } from './run-bench';

const PROJECTS = Number(process.env.BENCH_PROJECTS ?? 10_000);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 20);
const REPLICAS = (process.env.BENCH_REPLICAS ?? '1,2,3').split(',').map(Number);
const BATCH = process.env.BENCH_BATCH ?? '500';
const NOW = BENCH_NOW;

async function startReplica(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, [MAIN_JS], {
    env: { ...process.env, ...env, HUB_ROLE: 'worker' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  const deadline = Date.now() + 60_000;
  while (!out.includes('hub worker replica')) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`replica did not start: ${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return child;
}

async function main(): Promise<void> {
  const logger = pino({ level: 'warn' });
  const city = generateDemoCity({ now: NOW, projects: PROJECTS });
  const sandbox = await startSlowedSandbox(city.dataset, LATENCY_MS, logger);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-bench-replicas-'));
  const vars: Record<string, string> = { ...queueHubVars(dataDir, sandbox.urls), HUB_SCAN_BATCH_SIZE: BATCH };
  const env = loadEnv({ ...vars, HUB_ROLE: 'api' });
  const base = await prepareDatabase(env, logger);
  const ctx = await createAppContext(env, logger, base);
  // Replicas attach to this process's embedded server (same data directory).
  const rows: string[] = [];
  try {
    await ctx.get(RegistryImportService).import('projects.xlsx', await writeRegistryWorkbook(city.projects));
    await ctx.get(JobQueue).pending(QUEUES.scanSync);
    // A first scan stores every record; the measured ones then do the same work each (full syncs of
    // records already stored, every project judged), so only the replica count differs.
    {
      const warm = await startReplica(vars);
      const scans = ctx.get(ScanOrchestrator);
      const t = performance.now();
      await scans.waitFor(await scans.start('bench', 'bench', 'full'), undefined, 1000);
      console.error(`warm-up scan (stores every record) ${((performance.now() - t) / 1000).toFixed(1)} s`);
      await stopProcess(warm);
    }
    for (const n of REPLICAS) {
      const replicas: ChildProcess[] = [];
      for (let i = 0; i < n; i++) replicas.push(await startReplica(vars));
      try {
        const scans = ctx.get(ScanOrchestrator);
        const started = performance.now();
        const phaseEnds: Record<string, number> = {};
        const id = await scans.start('bench', 'bench', 'full');
        const done: ScanProgress = await scans.waitFor(
          id,
          (p) => {
            for (const [phase, c] of Object.entries(p.phases)) {
              if (c.total > 0 && c.done === c.total && !(phase in phaseEnds)) {
                phaseEnds[phase] = (performance.now() - started) / 1000;
              }
            }
          },
          250,
        );
        const wall = (performance.now() - started) / 1000;
        const spread = Object.values(done.replicas).join(' / ');
        rows.push(
          `| ${n} | ${done.status} | ${wall.toFixed(1)} | ${done.jobs.total} | ${(done.jobs.total / wall).toFixed(2)} | ` +
            `${phaseEnds.sync?.toFixed(1) ?? '-'} | ${phaseEnds.evaluate?.toFixed(1) ?? '-'} | ${spread} |`,
        );
        console.error(rows.at(-1));
      } finally {
        await Promise.all(replicas.map(stopProcess));
      }
    }
    console.log(
      `\n## Full scan through the job queue, ${PROJECTS} projects, ${LATENCY_MS} ms per upstream request, ${BATCH} projects per evaluation job\n`,
    );
    console.log(
      '| worker replicas | status | wall s | jobs | jobs/s | syncs done at s | evaluation done at s | jobs per replica |',
    );
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const r of rows) console.log(r);
  } finally {
    await ctx.close();
    await sandbox.stop();
    await base.db.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

runBench(main);
