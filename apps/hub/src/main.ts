import fs from 'node:fs';
import path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { Logger } from 'pino';
import { createAppContext, createHttpApp, prepareDatabase } from './bootstrap';
import { dashboardDir } from './dashboard';
import { InvalidEnvError, loadEnv } from './config/env';
import { ensureDemoCity, startEmbeddedSandbox } from './demo';
import { createLogger } from './infra/logger';
import { INITIAL_ADMIN, UsersService } from './modules/auth/users.service';
import { PrismaService } from './infra/database/prisma.service';
import { AuditCheckpointService } from './modules/audit/audit-checkpoint.service';
import { JobQueue, REPLICA_ID } from './infra/jobs/job-queue';
import { ScanOrchestrator } from './modules/scans/scan-orchestrator.service';
import { ScanScheduler } from './modules/scans/scan-scheduler.service';
import { ScanWiring } from './modules/scans/scan-wiring.service';
import { RegistryImportService } from './modules/registry/registry-import.service';

/**
 * `npm start`: database (embedded unless DATABASE_URL), migrations, the sandbox upstreams with the
 * demo city, the API, then a registry import and one full scan, ending in a summary.
 */
async function main(): Promise<void> {
  const env = loadEnv();
  const logger = createLogger(env.HUB_LOG_LEVEL);
  const started = Date.now();
  const base = await prepareDatabase(env, logger);
  const stops: (() => Promise<void>)[] = [() => base.db.stop()];
  let app: INestApplication | undefined;
  const shutdown = once(async (signal: string) => {
    logger.info({ signal }, 'shutting down');
    if (app) await app.close();
    for (const stop of stops.reverse())
      await stop().catch((e: unknown) => logger.error({ err: e }, 'stop failed'));
    process.exit(0);
  });
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    let workbook: string | undefined;
    let sandboxUrls: Record<string, string> | undefined;
    if (env.HUB_SANDBOX === 'embedded') {
      const demo = await ensureDemoCity(env, base.clock.nowIso(), logger);
      const sandbox = await startEmbeddedSandbox(env, demo.dataset, logger);
      stops.push(() => sandbox.stop());
      workbook = demo.workbook;
      sandboxUrls = sandbox.urls as Record<string, string>;
    }
    if (env.HUB_ROLE === 'worker') {
      // A worker replica: the same modules without HTTP.
      app = (await createAppContext(env, logger, base)) as INestApplication;
      await app.init();
      console.log(`\n  合规中枢作业副本已启动 / hub worker replica ${REPLICA_ID} started\n`);
    } else {
      app = await createHttpApp(env, logger, base);
      await app.listen(env.HUB_PORT, env.HUB_HOST);
      const url = `http://${env.HUB_HOST}:${(app.getHttpServer().address() as { port: number }).port}`;
      logger.info({ url, docs: `${url}/api/docs`, ms: Date.now() - started }, 'hub listening');
      // The hub's URL is the first one printed: scripts take the first URL of the output as the hub's.
      console.log(`\n  合规中枢已启动 / hub listening at ${url}  (API docs: ${url}/api/docs)`);
      console.log(
        dashboardDir()
          ? `  管理界面 / dashboard: ${url}/\n`
          : `  管理界面未构建 / dashboard not built: npm run build -w @hub/web\n`,
      );
    }
    if (sandboxUrls) logger.info({ urls: sandboxUrls }, 'sandbox upstreams serving the demo city');
    if (app.get(JobQueue).runsWorkers) {
      await app.get(ScanOrchestrator).startWorkers();
      await app.get(ScanScheduler).startWorkers();
      await app.get(ScanWiring).startWorkers();
    }
    const scheduled = [...app.get(ScanScheduler).start(), app.get(ScanWiring).schedule()];
    const checkpoints = app.get(AuditCheckpointService).start();
    console.log(
      `  定时任务 / schedules (北京时间): ${scheduled.map((s) => `${s.name} "${s.cron}"`).join(', ')}, ` +
        `${checkpoints.name} every ${checkpoints.seconds} s`,
    );
    const password = env.HUB_ROLE === 'worker' ? null : await app.get(UsersService).ensureInitialAdmin();
    if (password) {
      // Printed once and never stored in clear; it must be changed at first sign-in.
      console.log(
        `  初始管理员 / first administrator: ${INITIAL_ADMIN}  一次性密码 / one-time password: ${password}\n` +
          `  （首次登录后须修改密码；遗失时运行 npm run hub -- users reset-password ${INITIAL_ADMIN}）\n`,
      );
    }

    if (env.HUB_SCAN_ON_START && app.get(JobQueue).runsWorkers) await firstScan(app, workbook, logger);
  } catch (e) {
    logger.fatal({ err: e }, 'hub failed to start');
    await shutdown('startup-failure');
  }
}

async function firstScan(app: INestApplication, workbook: string | undefined, logger: Logger): Promise<void> {
  if (workbook && fs.existsSync(workbook)) {
    const report = await app
      .get(RegistryImportService)
      .import(path.basename(workbook), fs.readFileSync(workbook));
    console.log(
      `  项目台账 / registry ${report.fileName}: 新增 created ${report.created}, 更新 updated ${report.updated}, ` +
        `未变 unchanged ${report.unchanged}, 拒绝 rejected ${report.rejected}`,
    );
  }
  const scans = app.get(ScanOrchestrator);
  const running = await app
    .get(PrismaService)
    .checkRun.findFirst({ where: { kind: 'scan', status: 'running' } });
  if (running) {
    console.log(`  扫描 ${running.id} 正由其他副本执行 / a scan is already running on the shared queue`);
    return;
  }
  // Through the shared job queue, as scheduled scans run: any replica may take its jobs.
  const progress = await scans.waitFor(await scans.start('start', 'system'));
  const scan = progress.report!;
  const s = scan.summary;
  const syncs = scan.syncs.map((x) => `${x.source} ${x.status}${x.error ? ` (${x.error})` : ''}`).join(', ');
  console.log(`  同步 / sources: ${syncs}`);
  if (s) {
    const verdicts = Object.entries(s.verdicts)
      .map(([v, n]) => `${v} ${n}`)
      .join(', ');
    console.log(`  扫描 / scan ${scan.id}: 项目 projects ${s.projects}, 结论 findings: ${verdicts}`);
    console.log(`  不具备验收条件 / projects not ready: ${s.notReady} of ${s.projects}\n`);
  }
  logger.info({ checkRunId: scan.id }, 'first scan done');
}

function once<A extends unknown[]>(fn: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  let running: Promise<void> | undefined;
  return (...args) => (running ??= fn(...args));
}

main().catch((e: unknown) => {
  console.error(e instanceof InvalidEnvError ? e.message : e);
  process.exit(1);
});
