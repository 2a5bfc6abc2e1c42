import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Logger } from 'pino';
import type { HubEnv } from '../../config/env';
import { Clock } from '../../infra/clock';
import { REPLICA_ID } from '../../infra/jobs/job-queue';
import { HUB_ENV, LOGGER } from '../../infra/tokens';
import {
  type AuditCheckpoint,
  type CheckpointReason,
  signCheckpoint,
  sortCheckpointLines,
} from './audit-chain';
import { AuditCheckpointSinks } from './audit-checkpoint.sinks';
import { AuditCheckpointStore } from './audit-checkpoint.store';
import { AuditKeyStore } from './audit-key.store';
import { AuditService, type AuditVerification } from './audit.service';

/**
 * Checkpoints of the audit chain — its head hash and length, signed with the audit key — appended to
 * a file outside the database (and copied to syslog / a webhook when configured): at start, every
 * HUB_AUDIT_CHECKPOINT_SECONDS while the hub runs, at shutdown and after a verification that found
 * the trail intact. `hub audit verify` compares the chain with every one of them, so entries deleted
 * from the end, or rewritten, show even though the chain that remains is whole.
 *
 * Replicas: each process writes to its own HUB_AUDIT_CHECKPOINT_FILE (replicas on one host may share
 * the file: a line is one append). A process writes only when the head moved since the last
 * checkpoint of the chain at the end of the file, so idle or same-host replicas add nothing twice.
 */
@Injectable()
export class AuditCheckpointService implements OnApplicationBootstrap, OnModuleDestroy {
  private timer: NodeJS.Timeout | undefined;
  /** one checkpoint at a time in this process */
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly audit: AuditService,
    private readonly store: AuditCheckpointStore,
    private readonly sinks: AuditCheckpointSinks,
    private readonly keys: AuditKeyStore,
    private readonly clock: Clock,
    @Inject(HUB_ENV) private readonly env: HubEnv,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.audit.ensureKeyedChain();
    await this.checkpoint('start');
  }

  /** Periodic checkpoints, for the processes that keep running (`npm start`, replicas). */
  start(): { name: string; seconds: number } {
    const seconds = this.env.HUB_AUDIT_CHECKPOINT_SECONDS;
    this.timer ??= setInterval(() => void this.checkpoint('interval'), seconds * 1000);
    this.timer.unref();
    return { name: 'audit-checkpoint', seconds };
  }

  /** Before the database connection closes (modules are destroyed in reverse order of their start). */
  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.checkpoint('shutdown');
  }

  /** Verifies the trail and, when it is intact, records its head as a checkpoint. */
  async verify(): Promise<AuditVerification> {
    const result = await this.audit.verify();
    if (result.ok) await this.checkpoint('verify');
    return result;
  }

  /** Writes a checkpoint unless the head has not moved since the last one; never throws. */
  checkpoint(reason: CheckpointReason): Promise<AuditCheckpoint | null> {
    const next = this.running.then(() =>
      this.write(reason).catch((e: unknown) => {
        this.logger.error({ err: e, reason }, 'audit checkpoint not written');
        return null;
      }),
    );
    this.running = next;
    return next;
  }

  private async write(reason: CheckpointReason): Promise<AuditCheckpoint | null> {
    const head = await this.audit.head();
    if (!head) return null;
    const key = this.keys.key();
    const seq = head.seq.toString();
    const previous = sortCheckpointLines(await this.store.tail(), key.bytes).valid.filter(
      (c) => c.chainId === head.chainId,
    );
    const last = previous[previous.length - 1];
    if (last && last.seq === seq && last.headHash === head.hash && last.count === head.count) return null;
    if (last && (last.count > head.count || BigInt(last.seq) > head.seq)) {
      // Recorded all the same: the earlier checkpoint still shows what is missing to every verify.
      this.logger.error(
        { before: { seq: last.seq, count: last.count }, now: { seq, count: head.count } },
        'the audit trail is shorter than at its last checkpoint: run hub audit verify',
      );
    }
    const checkpoint = signCheckpoint(key.bytes, {
      v: 1,
      at: this.clock.now().toISOString(),
      database: head.database,
      chainId: head.chainId,
      keyId: head.keyId,
      seq,
      count: head.count,
      headHash: head.hash,
      reason,
      replica: REPLICA_ID,
    });
    await this.store.append(checkpoint);
    await this.sinks.send(checkpoint);
    this.logger.debug({ seq, count: head.count, reason }, 'audit checkpoint written');
    return checkpoint;
  }
}
