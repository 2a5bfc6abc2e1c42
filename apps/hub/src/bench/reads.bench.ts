/**
 * `npm run bench` (in @hub/hub), fourth part: the reads the dashboard makes all day, on the demo city
 * scaled to 10,000 projects after a full scan, each at a fixed 200 requests per second for 10 s
 * (autocannon, `overallRate`) against the built hub (HUB_ROLE=all, as `npm start` runs it): one
 * project's findings, the findings summary, a portfolio page and a page of unresolved alerts. Prints
 * achieved rate, p50 and p99 against the 50 ms limit, and the errors; asserts nothing. The rate is
 * paced evenly (see `load`).
 *
 * Environment: BENCH_PROJECTS (default 10000), BENCH_RATE (requests/s, default 200),
 * BENCH_SECONDS (per endpoint, default 10), BENCH_LATENCY_MS (upstream latency for the scan, default 0).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import 'reflect-metadata';
import { writeRegistryWorkbook } from '@hub/registry';
import { generateDemoCity } from '@hub/sandbox';
import autocannon from 'autocannon';
import pino from 'pino';
import { createAppContext, prepareDatabase } from '../bootstrap';
import { loadEnv } from '../config/env';
import { BENCH_NOW, queueHubVars, startSlowedSandbox } from './bench-city';
import { TokensService } from '../modules/auth/tokens.service';
import { UsersService } from '../modules/auth/users.service';
import { RegistryImportService } from '../modules/registry/registry-import.service';
import { ScanOrchestrator } from '../modules/scans/scan-orchestrator.service';
import { freePort, spawnHub, stopProcess, waitReady } from './hub-process';
import { runBench } from './run-bench';

const PROJECTS = Number(process.env.BENCH_PROJECTS ?? 10_000);
const RATE = Number(process.env.BENCH_RATE ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 0);
const LIMIT_MS = 50;
const NOW = BENCH_NOW;

interface Figures {
  endpoint: string;
  rate: number;
  p50: number;
  p99: number;
  /** transport errors and timeouts, non-2xx answers */
  failed: number;
  /** answers received within the run (of rate × seconds asked for) */
  answered: number;
  /** median of requests sent one at a time: what one costs without a queue */
  alone: number;
}

/** Requests per second each autocannon instance sends; RATE / STREAM instances run staggered. */
const STREAM = 5;

/**
 * `path` at a fixed RATE for `seconds`. autocannon's `overallRate` lets each connection send its
 * quota for a second as fast as it can at the start of that second, so one instance at 200 req/s
 * sends bursts of 200; RATE / STREAM instances at STREAM req/s each, started 1000 / (RATE / STREAM)
 * ms apart, space the requests evenly (a burst of at most STREAM every 25 ms at 200 req/s).
 * Percentiles come from every response's own time, not autocannon's histogram, whose coordinated
 * omission correction assumes a 1 ms interval whatever the rate.
 */
async function load(
  base: string,
  path: string,
  token: string,
  seconds: number,
): Promise<Omit<Figures, 'alone'>> {
  const streams = Math.max(1, Math.round(RATE / STREAM));
  const times: number[] = [];
  const results = await Promise.all(
    Array.from({ length: streams }, async (_, i) => {
      await new Promise((r) => setTimeout(r, (i * 1000) / streams));
      return new Promise<autocannon.Result>((resolve, reject) => {
        const instance = autocannon(
          {
            url: base + path,
            headers: { authorization: `Bearer ${token}` },
            connections: STREAM,
            overallRate: RATE / streams,
            duration: seconds,
            timeout: 30,
          },
          (err, result) => (err ? reject(err) : resolve(result)),
        );
        instance.on('response', (_client, _status, _bytes, ms) => times.push(ms));
      });
    }),
  );
  times.sort((x, y) => x - y);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
  const sum = (pick: (r: autocannon.Result) => number) => results.reduce((n, r) => n + pick(r), 0);
  return {
    endpoint: path,
    rate: times.length / seconds,
    p50: Math.round(at(0.5)),
    p99: Math.round(at(0.99)),
    failed: sum((r) => r.errors + r.non2xx),
    answered: times.length,
  };
}

/** Median latency of `path` asked 50 times, one request at a time. */
async function alone(base: string, path: string, token: string): Promise<number> {
  const result = await autocannon({
    url: base + path,
    headers: { authorization: `Bearer ${token}` },
    connections: 1,
    amount: 50,
  });
  return result.latency.p50;
}

async function main(): Promise<void> {
  const logger = pino({ level: 'warn' });
  const city = generateDemoCity({ now: NOW, projects: PROJECTS });
  const sandbox = await startSlowedSandbox(city.dataset, LATENCY_MS, logger);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-bench-reads-'));
  fs.chmodSync(dataDir, 0o755); // run as root, the embedded server runs as postgres and must reach it
  const port = await freePort();
  const vars: Record<string, string> = { ...queueHubVars(dataDir, sandbox.urls), HUB_PORT: String(port) };
  const env = loadEnv({ ...vars, HUB_ROLE: 'api' });
  const db = await prepareDatabase(env, logger);
  const ctx = await createAppContext(env, logger, db);
  // The hub attaches to this process's embedded server (same data directory).
  const hub = spawnHub(vars);
  try {
    await ctx.get(RegistryImportService).import('projects.xlsx', await writeRegistryWorkbook(city.projects));
    const users = ctx.get(UsersService);
    const { user } = await users.create(
      { username: 'bench-reader', displayName: 'bench', role: 'admin', unitCode: null },
      'bench',
    );
    const { token } = await ctx
      .get(TokensService)
      .create(await users.get(user.id), { name: 'bench' }, 'bench');
    await waitReady(hub, port);
    const scans = ctx.get(ScanOrchestrator);
    const t = performance.now();
    const scan = await scans.waitFor(await scans.start('bench', 'bench', 'full'), undefined, 1000);
    const scanS = (performance.now() - t) / 1000;
    if (scan.status !== 'completed') throw new Error(`the scan ended ${scan.status}`);

    const base = `http://127.0.0.1:${port}`;
    const endpoints = [
      `/api/projects/${city.designed[0]!.code}/findings`,
      '/api/findings/summary',
      '/api/portfolio?page=1&pageSize=20',
      '/api/alerts?status=unresolved&page=1&pageSize=50',
    ];
    const rows: Figures[] = [];
    const once = async (endpoint: string) => {
      const res = await fetch(base + endpoint, {
        headers: { authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(300_000),
      });
      return { status: res.status, bytes: (await res.arrayBuffer()).byteLength };
    };
    const answers: { status: number; bytes: number }[] = [];
    for (const endpoint of endpoints) {
      await load(base, endpoint, token, 2); // warm-up: connections, plans, caches
      rows.push({ ...(await load(base, endpoint, token, SECONDS)), alone: 0 });
      console.error(`${endpoint}: p99 ${rows.at(-1)!.p99} ms`);
      // The backlog of a slow endpoint drains before the next one is measured.
      answers.push(await once(endpoint));
      rows.at(-1)!.alone = await alone(base, endpoint, token);
    }

    console.log(
      `\n## Reads at ${RATE} req/s for ${SECONDS} s each, ${PROJECTS} projects after a full scan (${scanS.toFixed(1)} s), ` +
        `load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores\n`,
    );
    console.log(
      `| endpoint | req/s | p50 ms | p99 ms | limit ms | p99 / limit | errors / non-2xx | answered of ${RATE * SECONDS} | status, body KB | p50 alone ms |`,
    );
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    rows.forEach((r, i) =>
      console.log(
        `| \`${r.endpoint}\` | ${r.rate.toFixed(0)} | ${r.p50} | ${r.p99} | ${LIMIT_MS} | ` +
          `${(r.p99 / LIMIT_MS).toFixed(2)} | ${r.failed} | ${r.answered} | ` +
          `${answers[i]!.status}, ${(answers[i]!.bytes / 1024).toFixed(1)} | ${r.alone} |`,
      ),
    );
  } finally {
    await stopProcess(hub.child);
    await ctx.close();
    await sandbox.stop();
    await db.db.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

runBench(main);
