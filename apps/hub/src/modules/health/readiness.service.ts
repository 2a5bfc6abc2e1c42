import { z } from 'zod';
import { Inject, Injectable } from '@nestjs/common';
import type { Text } from '@hub/rules';
import type { Logger } from 'pino';
import { LOGGER } from '../../infra/core.module';
import { PrismaService } from '../../infra/database/prisma.service';
import { JobQueue } from '../../infra/jobs/job-queue';
import { Lifecycle, within } from '../../infra/lifecycle';
import { ZDependencyState, ZReadiness } from './health.answers';

/** How long each dependency may take to answer before the hub counts as not ready. */
export const READY_TIMEOUT_MS = 2_000;

export type DependencyState = z.infer<typeof ZDependencyState>;

export type Readiness = z.infer<typeof ZReadiness>;

class TimedOut extends Error {}

/**
 * Readiness: a database round trip through the API's own pool and one through the job queue's,
 * each given {@link READY_TIMEOUT_MS}. A probe still waiting on a stalled server is shared by the
 * probes that follow instead of taking another connection each, so a paused database never drains
 * the pools; the next probe after it answers starts afresh.
 */
@Injectable()
export class ReadinessService {
  private readonly pending = new Map<string, Promise<void>>();

  constructor(
    private readonly prisma: PrismaService,
    private readonly queue: JobQueue,
    private readonly lifecycle: Lifecycle,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async check(): Promise<Readiness> {
    if (this.lifecycle.stopping) {
      const stopping: DependencyState = {
        ok: false,
        latencyMs: 0,
        reason: { zh: '合规中枢正在停止', en: 'the hub is shutting down' },
      };
      return { status: 'stopping', database: stopping, queue: stopping };
    }
    const [database, queue] = await Promise.all([
      this.probe('database', { zh: '数据库', en: 'the database' }, async () => {
        await this.prisma.$queryRaw`SELECT 1`;
      }),
      this.probe('queue', { zh: '作业队列', en: 'the job queue' }, () => this.queue.ping()),
    ]);
    return { status: database.ok && queue.ok ? 'ready' : 'not-ready', database, queue };
  }

  private async probe(name: string, what: Text, ask: () => Promise<void>): Promise<DependencyState> {
    const started = Date.now();
    let asking = this.pending.get(name);
    if (!asking) {
      asking = ask();
      this.pending.set(name, asking);
      const forget = () => this.pending.delete(name);
      asking.then(forget, forget);
    }
    try {
      await within(asking, READY_TIMEOUT_MS, () => new TimedOut());
      return { ok: true, latencyMs: Date.now() - started };
    } catch (e) {
      const timedOut = e instanceof TimedOut;
      this.logger.warn(
        { dependency: name, err: timedOut ? undefined : e },
        'readiness: dependency not ready',
      );
      return {
        ok: false,
        latencyMs: Date.now() - started,
        reason: timedOut
          ? {
              zh: `${what.zh}在 ${READY_TIMEOUT_MS / 1000} 秒内未应答`,
              en: `${what.en} did not answer within ${READY_TIMEOUT_MS / 1000} s`,
            }
          : { zh: `${what.zh}查询失败`, en: `${what.en} failed the query` },
      };
    }
  }
}
