import fs from 'node:fs';
import path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { Logger } from 'pino';
import type { DatabaseHandle } from './infra/database/database';
import { createAppContext, createHttpApp, listen, prepareDatabase } from './bootstrap';
import { EXIT_CONFIG, EXIT_FAILURE } from './common/exit-codes';
import { StartupError } from './common/startup-error';
import { dashboardDir } from './dashboard';
import { type HubEnv, InvalidEnvError, loadEnv } from './config/env';
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
import { stopHub } from './shutdown';

/**
 * `npm start`: database (embedded unless DATABASE_URL), migrations, the sandbox upstreams with the
 * demo city, the API, then a registry import and one full scan, ending in a summary. Any failure on
 * the way is reported once and ends the process non-zero; SIGTERM / SIGINT stop it in order (see
 * stopHub), the embedded database last.
 */
async function main(): Promise<void> {
  let env: HubEnv;
  try {
    env = loadEnv();
  } catch (e) {
    console.error(e instanceof InvalidEnvError ? e.message : e);
    process.exit(e instanceof InvalidEnvError ? EXIT_CONFIG : EXIT_FAILURE);
  }
  const logger = createLogger(env.HUB_LOG_LEVEL);
  const started = Date.now();
  /** what runs beside the application, stopped after it in reverse order: the database last */
  const stops: (() => Promise<void>)[] = [];
  let app: INestApplication | undefined;
  let stopping: Promise<void> | undefined;
  const summary: StartSummary = {};
  const stop = (reason: string, exitCode: number): Promise<void> =>
    (stopping ??= (async () => {
      // A start that ends before its summary still owes the operator the password it created.
      if (summary.password) console.log(`\n${passwordLines(summary.password)}\n`);
      summary.password = null;
      logger.info({ reason }, 'shutting down');
      const began = Date.now();
      let code = exitCode;
      try {
        if (app) await stopHub(app, env, logger);
      } catch (e) {
        logger.error({ err: e }, 'the application did not stop cleanly');
        code ||= EXIT_FAILURE;
      }
      for (const stopOne of stops.reverse()) {
        await stopOne().catch((e: unknown) => {
          logger.error({ err: e }, 'stop failed');
          code ||= EXIT_FAILURE;
        });
      }
      logger.info({ ms: Date.now() - began, exitCode: code }, 'hub stopped');
      process.exit(code);
    })());
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal while stopping: exiting at once');
      process.exit(EXIT_FAILURE);
    }
    void stop(signal, 0);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    const base = await prepareDatabase(env, logger, { stopOnSignal: false });
    stops.push(() => base.db.stop());
    summary.database = databaseLine(env, base.db);
    let workbook: string | undefined;
    if (env.HUB_SANDBOX === 'embedded') {
      const demo = await ensureDemoCity(env, base.clock.nowIso(), logger);
      const sandbox = await startEmbeddedSandbox(env, demo.dataset, logger);
      stops.push(() => sandbox.stop());
      workbook = demo.workbook;
      summary.sandbox = sandbox.urls as Record<string, string>;
    }
    if (env.HUB_ROLE === 'worker') {
      // A worker replica: the same modules without HTTP.
      app = (await createAppContext(env, logger, base)) as INestApplication;
      await app.init();
    } else {
      app = await createHttpApp(env, logger, base);
      summary.url = await listen(app, env);
      // The hub's URL is the first URL in the output (scripts take it as the hub's): this line, then
      // the summary block.
      logger.info({ url: summary.url, ms: Date.now() - started }, 'hub listening');
    }
    if (summary.sandbox) logger.info({ urls: summary.sandbox }, 'sandbox upstreams serving the demo city');
    if (app.get(JobQueue).runsWorkers) {
      await app.get(ScanOrchestrator).startWorkers();
      await app.get(ScanScheduler).startWorkers();
      await app.get(ScanWiring).startWorkers();
    }
    // Stopped while starting: the stop has begun, nothing more is to be started.
    if (stopping) return;
    const scheduled = [...app.get(ScanScheduler).start(), app.get(ScanWiring).schedule()];
    const checkpoints = app.get(AuditCheckpointService).start();
    summary.schedules =
      `${scheduled.map((s) => `${s.name} "${s.cron}"`).join(', ')}, ` +
      `${checkpoints.name} every ${checkpoints.seconds} s`;
    // Never stored in clear: printed once, in the summary or, should the start end before it, then.
    summary.password = env.HUB_ROLE === 'worker' ? null : await app.get(UsersService).ensureInitialAdmin();

    if (env.HUB_SCAN_ON_START && app.get(JobQueue).runsWorkers) {
      logger.info('first scan running; the summary follows when it ends');
      summary.scan = await firstScan(app, workbook, logger);
    }
    logger.info({ ms: Date.now() - started }, 'hub started');
    console.log(summaryBlock(summary, env));
    summary.password = null;
  } catch (e) {
    // A signal during start-up is a stop, not a failure of the start.
    if (stopping) return;
    reportStartupFailure(e, logger);
    await stop('startup-failure', EXIT_FAILURE);
  }
}

/** What the summary block at the end of a start says; filled in as the parts start. */
interface StartSummary {
  url?: string;
  sandbox?: Record<string, string>;
  database?: string;
  schedules?: string;
  /** the first administrator's one-time password, until it has been printed */
  password?: string | null;
  scan?: string[];
}

const INDENT = '  ';

/** The first administrator's one-time password as the operator must read it, once. */
function passwordLines(password: string): string {
  return (
    `${INDENT}初始管理员 / first administrator: ${INITIAL_ADMIN}  一次性密码 / one-time password: ${password}\n` +
    `${INDENT}（首次登录后须修改密码；遗失时运行 npm run hub -- users reset-password ${INITIAL_ADMIN}）`
  );
}

/** Where the hub's data lives, without credentials: the embedded server or the external one. */
function databaseLine(env: HubEnv, db: DatabaseHandle): string {
  const url = new URL(db.url);
  const where = `PostgreSQL ${url.hostname}:${url.port || 5432}${url.pathname} (${db.appLogin.user})`;
  return env.DATABASE_URL
    ? `${where}，外部数据库 / external`
    : `${where}，嵌入式 / embedded in ${path.join(env.HUB_DATA_DIR, 'pg')}` +
        (db.owned ? '' : '（已在运行，共用 / already running, shared）');
}

/**
 * The block printed last, once everything has started (and the first scan has ended): the one place
 * an operator looks for the hub's address, the dashboard, the upstreams, the database and the first
 * administrator's password.
 */
function summaryBlock(s: StartSummary, env: HubEnv): string {
  const lines = [''];
  if (s.url) {
    lines.push(`合规中枢已启动 / hub listening at ${s.url}  (API docs: ${s.url}/api/docs)`);
    lines.push(
      dashboardDir()
        ? `管理界面 / dashboard: ${s.url}/`
        : `管理界面未构建 / dashboard not built: npm run build -w @hub/web`,
    );
  } else {
    // Printed once the replica takes jobs: what scripts and tests wait for.
    lines.push(`合规中枢作业副本已启动 / hub worker replica ${REPLICA_ID} started`);
  }
  lines.push(
    s.sandbox
      ? `沙箱 / sandbox upstreams: ${Object.entries(s.sandbox)
          .map(([source, url]) => `${source} ${url}`)
          .join(', ')}`
      : `沙箱未启动，连接真实上游 / no sandbox (HUB_SANDBOX=${env.HUB_SANDBOX}): real upstreams`,
  );
  if (s.database) lines.push(`数据库 / database: ${s.database}`);
  if (s.schedules) lines.push(`定时任务 / schedules (北京时间): ${s.schedules}`);
  lines.push(...(s.scan ?? []));
  const block = lines.map((l) => (l ? `${INDENT}${l}` : l)).join('\n');
  return `${block}\n${s.password ? `${passwordLines(s.password)}\n` : ''}`;
}

/** One report of why the hub did not start: a log line, and the same said to the operator's terminal. */
function reportStartupFailure(e: unknown, logger: Logger): void {
  if (e instanceof StartupError) {
    logger.fatal(
      { reason: e.text.en, cause: (e.cause as Error | undefined)?.message },
      'hub failed to start',
    );
    console.error(`\n  合规中枢启动失败：${e.text.zh}\n  The hub failed to start: ${e.text.en}\n`);
  } else {
    logger.fatal({ err: e }, 'hub failed to start');
    console.error(
      `\n  合规中枢启动失败 / the hub failed to start: ${e instanceof Error ? e.message : String(e)}\n`,
    );
  }
}

/** The registry import and the first scan through the job queue; returns the summary's lines. */
async function firstScan(
  app: INestApplication,
  workbook: string | undefined,
  logger: Logger,
): Promise<string[]> {
  const lines: string[] = [];
  if (workbook && fs.existsSync(workbook)) {
    const report = await app
      .get(RegistryImportService)
      .import(path.basename(workbook), fs.readFileSync(workbook));
    lines.push(
      `项目台账 / registry ${report.fileName}: 新增 created ${report.created}, 更新 updated ${report.updated}, ` +
        `未变 unchanged ${report.unchanged}, 拒绝 rejected ${report.rejected}`,
    );
  }
  const scans = app.get(ScanOrchestrator);
  const running = await app
    .get(PrismaService)
    .checkRun.findFirst({ where: { kind: 'scan', status: 'running' } });
  if (running) {
    lines.push(`扫描 ${running.id} 正由其他副本执行 / a scan is already running on the shared queue`);
    return lines;
  }
  // Through the shared job queue, as scheduled scans run: any replica may take its jobs.
  const progress = await scans.waitFor(await scans.start('start', 'system'));
  const scan = progress.report!;
  const s = scan.summary;
  lines.push(
    `同步 / sources: ${scan.syncs.map((x) => `${x.source} ${x.status}${x.error ? ` (${x.error})` : ''}`).join(', ')}`,
  );
  if (s) {
    const verdicts = Object.entries(s.verdicts)
      .map(([v, n]) => `${v} ${n}`)
      .join(', ');
    lines.push(`扫描 / scan ${scan.id}: 项目 projects ${s.projects}, 结论 findings: ${verdicts}`);
    lines.push(`不具备验收条件 / projects not ready: ${s.notReady} of ${s.projects}`);
  }
  logger.info({ checkRunId: scan.id }, 'first scan done');
  return lines;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(EXIT_FAILURE);
});
