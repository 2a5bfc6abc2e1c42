import type { Server } from 'node:http';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import type { Logger } from 'pino';
import type { HubEnv } from './config/env';
import { JobQueue } from './infra/jobs/job-queue';
import { Lifecycle } from './infra/lifecycle';
import { ChecksService } from './modules/checks/checks.service';

/**
 * Stops a hub process in order, within HUB_SHUTDOWN_GRACE_SECONDS:
 * 1. readiness answers 503, cron triggers stop, workers take no new jobs;
 * 2. the HTTP server takes no new connections and finishes the requests it has, while running jobs
 *    and targeted checks go on;
 * 3. at the deadline, requests still open are cut, checks still running are closed as interrupted
 *    and jobs still running are given back to the queue; the queue's connections close;
 * 4. the Nest application closes, the Prisma pool last.
 * The database itself (embedded) is the caller's to stop, after this.
 */
export async function stopHub(app: INestApplicationContext, env: HubEnv, logger: Logger): Promise<void> {
  const deadline = Date.now() + env.HUB_SHUTDOWN_GRACE_SECONDS * 1000;
  app.get(Lifecycle).beginShutdown();
  for (const job of app.get(SchedulerRegistry, { strict: false }).getCronJobs().values()) void job.stop();
  const queue = app.get(JobQueue);
  await queue.stopTaking();
  logger.info({ graceSeconds: env.HUB_SHUTDOWN_GRACE_SECONDS }, 'taking no new work; finishing what runs');
  await Promise.all([closeHttp(app, deadline, logger), app.get(ChecksService).drain(deadline)]);
  await queue.stop(deadline);
  await app.close();
}

/** Stops accepting, lets open requests finish until `deadline`, then cuts what is left. */
async function closeHttp(app: INestApplicationContext, deadline: number, logger: Logger): Promise<void> {
  const getServer = (app as Partial<INestApplication>).getHttpServer;
  const server = getServer?.call(app) as Server | undefined;
  if (!server?.listening) return;
  await new Promise<void>((resolve) => {
    // A keep-alive connection becomes idle after its last answer: close those as they appear.
    const idle = setInterval(() => server.closeIdleConnections(), 200);
    const cut = setTimeout(
      () => {
        logger.warn('requests still open at the end of the grace period: closing their connections');
        server.closeAllConnections();
      },
      Math.max(0, deadline - Date.now()),
    );
    server.close(() => {
      clearInterval(idle);
      clearTimeout(cut);
      resolve();
    });
    server.closeIdleConnections();
  });
}
