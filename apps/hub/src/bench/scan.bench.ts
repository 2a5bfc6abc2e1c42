/**
 * `npm run bench` (in @hub/hub): the demo city scaled to 10,000 projects behind sandbox upstreams
 * that answer every request 20 ms late. Measures, per source, the requests a full sync made against
 * the paging minimum (records ÷ largest page the contract allows), the full sync's wall time, the
 * evaluation of every project, the hub's peak RSS, and one single-project check's latency against
 * the per-request latency, and beside the scan the storage limit: how long PostgreSQL takes to write
 * the scan's findings on its own. Prints the figures for docs/performance.md; asserts nothing.
 *
 * Environment: BENCH_PROJECTS (default 10000), BENCH_LATENCY_MS (default 20).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import 'reflect-metadata';
import { writeRegistryWorkbook } from '@hub/registry';
import { generateDemoCity } from '@hub/sandbox';
import pino from 'pino';
import { createAppContext, prepareDatabase } from '../bootstrap';
import { loadEnv } from '../config/env';
import { envForSandbox } from '../demo';
import { BENCH_NOW, startSlowedSandbox } from './bench-city';
import { ChecksService } from '../modules/checks/checks.service';
import { RegistryImportService } from '../modules/registry/registry-import.service';
import { PrismaService } from '../infra/database/prisma.service';
import { runBench } from './run-bench';

/** Largest page each contract allows, per record kind: the floor for the number of requests. */
const MAX_PAGE: Record<string, Record<string, number>> = {
  'gov-cloud': { resource: 1000, tenant: 200 },
  'data-exchange': { system: 500, 'catalog-entry': 500, 'exchange-stats': 500 },
  mlps: { filing: 200 },
  video: { platform: 1000, device: 1000 },
  'service-platforms': { 'ywtb-system': 200, 'ybyh-service': 200, 'brain-app': 200 },
};

const PROJECTS = Number(process.env.BENCH_PROJECTS ?? 10_000);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 20);
const NOW = BENCH_NOW;

/**
 * The floor for writing a scan's findings: PostgreSQL copying the same rows, server side, into a
 * scratch table with the same columns and indexes (no client, no query compiler in between).
 */
async function storageLimit(prisma: PrismaService, runId: string): Promise<{ rows: number; ms: number }> {
  // A temporary table, in a transaction so that it lives on one pooled connection: the hub's role
  // may create nothing else.
  return prisma.$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe(
        'CREATE TEMP TABLE bench_findings (LIKE findings INCLUDING ALL) ON COMMIT DROP',
      );
      const t = performance.now();
      const rows = await tx.$executeRaw`
        INSERT INTO bench_findings SELECT * FROM findings WHERE check_run_id = ${runId}::uuid`;
      return { rows, ms: performance.now() - t };
    },
    { timeout: 300_000 },
  );
}

async function main(): Promise<void> {
  const logger = pino({ level: 'warn' });
  const t0 = performance.now();
  const city = generateDemoCity({ now: NOW, projects: PROJECTS });
  const generatedMs = performance.now() - t0;
  const sandbox = await startSlowedSandbox(city.dataset, LATENCY_MS, logger);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-bench-'));
  const urls = sandbox.urls;
  const env = loadEnv({
    HUB_DATA_DIR: dataDir,
    HUB_NOW: NOW,
    HUB_LOG_LEVEL: 'warn',
    ...envForSandbox(urls),
  });
  const base = await prepareDatabase(env, logger);
  const ctx = await createAppContext(env, logger, base);
  try {
    const t1 = performance.now();
    const imported = await ctx
      .get(RegistryImportService)
      .import('projects.xlsx', await writeRegistryWorkbook(city.projects));
    const importMs = performance.now() - t1;

    const t2 = performance.now();
    const scan = await ctx.get(ChecksService).scan('full');
    const scanMs = performance.now() - t2;

    const prisma = ctx.get(PrismaService);
    const lines: string[] = [];
    for (const s of scan.syncs) {
      const sync = await prisma.sourceSync.findUniqueOrThrow({ where: { id: s.syncId } });
      const kinds = await prisma.sourceRecord.groupBy({
        by: ['kind'],
        where: { source: s.source },
        _count: true,
      });
      const minimum = kinds.reduce(
        (sum, k) => sum + Math.max(1, Math.ceil(k._count / (MAX_PAGE[s.source]?.[k.kind] ?? 100))),
        0,
      );
      // Wall time as measured by the sync itself (its stored times follow the fixed hub clock).
      const ms = s.ms;
      lines.push(
        `| ${s.source} | ${s.status} | ${sync.recordsSeen} | ${sync.pagesFetched} | ${minimum} | ${ms} |`,
      );
    }

    const storage = await storageLimit(prisma, scan.id);

    const target = city.designed[0]!.code;
    const checks: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      await ctx.get(ChecksService).checkProject(target);
      checks.push(performance.now() - t);
    }
    checks.sort((a, b) => a - b);
    const rssMiB = process.resourceUsage().maxRSS / 1024;

    console.log(`\n## Full scan, ${PROJECTS} projects, ${LATENCY_MS} ms per upstream request\n`);
    console.log(
      `- demo city generated in ${generatedMs.toFixed(0)} ms; registry import (${imported.created} created) ${importMs.toFixed(0)} ms`,
    );
    console.log(
      `- scan (syncs + evaluation of ${scan.summary?.projects} projects): ${(scanMs / 1000).toFixed(1)} s`,
    );
    const slowestSync = Math.max(...scan.syncs.map((x) => x.ms ?? 0));
    console.log(
      `- of which after the syncs (matching, evaluation, writing the findings): ${((scanMs - slowestSync) / 1000).toFixed(1)} s`,
    );
    console.log(
      `- storage limit: PostgreSQL writes the scan's ${storage.rows} findings (INSERT … SELECT into a copy of the table and its indexes) in ${storage.ms.toFixed(0)} ms (${((storage.rows / storage.ms) * 1000).toFixed(0)} rows/s)`,
    );
    console.log(
      `- single-project check (median of 3): ${checks[1]!.toFixed(0)} ms (min ${checks[0]!.toFixed(0)}, max ${checks[2]!.toFixed(0)})`,
    );
    console.log(`- hub peak RSS: ${rssMiB.toFixed(0)} MiB (this process holds the sandbox too)\n`);
    console.log('| source | status | records seen | requests (pages) | paging minimum | sync ms |');
    console.log('| --- | --- | --- | --- | --- | --- |');
    for (const l of lines) console.log(l);
  } finally {
    await ctx.close();
    await sandbox.stop();
    await base.db.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

runBench(main);
