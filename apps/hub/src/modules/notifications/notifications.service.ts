import { z } from 'zod';
import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { AppError } from '../../common/app-error';
import { Clock } from '../../infra/clock';
import { LOGGER } from '../../infra/core.module';
import { PrismaService } from '../../infra/database/prisma.service';
import { type JobContext, JobQueue, QUEUES, type SendOptions } from '../../infra/jobs/job-queue';
import type { NotificationDelivery, NotificationSubscription, Prisma } from '../../generated/prisma/client';
import { AuditService } from '../audit/audit.service';
import { DeliveryError } from './channels/channel';
import { NotificationChannels } from './channels/channels';
import { type NotificationContent, payloadFor } from './messages';
import {
  type ChannelId,
  type DeliveryKind,
  type DeliveryStatus,
  type NotifiableAlert,
  type ScanAlertChanges,
  severityRank,
} from './notification.types';
import type { DeliveryFilter } from './notifications.schemas';
import { NotifyEgress } from './notify-egress.service';
import { SubscriptionsService } from './subscriptions.service';
import { maskTarget, redactor, targetSecrets } from './targets';
import { ZDeliveryDetail, ZDeliveryView } from './notifications.answers';

/**
 * How a delivery's job is retried: 5 retries after the first attempt, 30 s doubling each time
 * (30 s, 1, 2, 4, 8 min: past a robot's per-minute rate limit and a receiver's short outage).
 */
export const NOTIFY_JOB_OPTIONS: Omit<SendOptions, 'id'> = {
  retryLimit: 5,
  retryDelay: 30,
  retryBackoff: true,
  // a send takes at most its 10 s timeout; a job held longer died with its worker
  expireInSeconds: 120,
};

/**
 * Above this many critical alerts for one subscription in one scan, they go as one message listing
 * them instead of one message each: robots take 20 messages a minute, and a flood helps nobody.
 */
export const MAX_IMMEDIATE_PER_SCAN = 10;

/** Serialises notifyScan per scan (with the scan id's hash), so that a retried finish adds nothing twice. */
const NOTIFY_LOCK = 7_246_400;
const MAX_ERROR_LENGTH = 2000;

export interface NotifyJob {
  deliveryId: string;
}

/** One entry of the delivery log. */
export type DeliveryView = z.infer<typeof ZDeliveryView>;

/** A delivery with the exact message it sends. */
export type DeliveryDetail = z.infer<typeof ZDeliveryDetail>;

interface Planned {
  subscription: NotificationSubscription;
  kind: 'immediate' | 'digest';
  alertIds: string[];
  content: NotificationContent;
}

/**
 * Notifications of alerts: after every scan, an immediate message per critical alert opened or
 * reopened and a digest of what the scan changed, to each enabled subscription whose filters
 * match. Each message is a delivery row (its exact payload, attempts, last error) and one job on
 * the queue; the job sends it through the subscription's channel and the queue retries it with
 * backoff.
 */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly queue: JobQueue,
    private readonly channels: NotificationChannels,
    private readonly subscriptions: SubscriptionsService,
    private readonly egress: NotifyEgress,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Registers this process's workers for the notification queue (worker processes call it). */
  async startWorkers(concurrency = 2): Promise<void> {
    await this.queue.work<NotifyJob>(QUEUES.notify, (data, job) => this.deliver(data, job), concurrency);
  }

  /**
   * Called at the end of every scan with what its monitoring changed. For each enabled subscription:
   * when `immediate`, a message per newly opened or reopened critical alert that matches its unit
   * and rule filters (one message for all of them past {@link MAX_IMMEDIATE_PER_SCAN}); when
   * `digest`, one digest of the opened, reopened and resolved alerts that match its filters and
   * severity, with the open count, if any matched. Calling it again for the same scan adds nothing
   * (and queues again any delivery whose job was lost). Returns how many deliveries it created.
   */
  async notifyScan(checkRunId: string, alerts: ScanAlertChanges): Promise<{ deliveries: number }> {
    const subscriptions = await this.prisma.notificationSubscription.findMany({
      where: { enabled: true },
      orderBy: { createdAt: 'asc' },
    });
    const planned = subscriptions.flatMap((s) => plan(s, checkRunId, alerts));
    const created = await this.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${NOTIFY_LOCK}::int, hashtext(${checkRunId}))`;
      const existing = await tx.notificationDelivery.findMany({
        where: { checkRunId, kind: { in: ['immediate', 'digest'] } },
        select: { subscriptionId: true, kind: true, alertIds: true },
      });
      const seen = new Set(existing.map((d) => deliveryKey(d.subscriptionId, d.kind, d.alertIds)));
      const rows = planned
        .filter((p) => !seen.has(deliveryKey(p.subscription.id, p.kind, p.alertIds)))
        .map((p) => ({
          id: randomUUID(),
          subscriptionId: p.subscription.id,
          kind: p.kind,
          alertIds: p.alertIds,
          checkRunId,
          status: 'pending',
          payload: payloadFor(p.subscription.channel as ChannelId, p.content) as Prisma.InputJsonObject,
        }));
      if (rows.length) await tx.notificationDelivery.createMany({ data: rows });
      return rows.length;
    });
    // Queued after the commit (the queue has its own connection); a job lost in between is queued
    // again by the next call, its id being the delivery's.
    const pending = await this.prisma.notificationDelivery.findMany({
      where: { checkRunId, status: 'pending', attempts: 0 },
      select: { id: true },
    });
    for (const d of pending) await this.enqueue(d.id);
    this.logger.info(
      {
        checkRunId,
        subscriptions: subscriptions.length,
        deliveries: created,
        opened: alerts.opened.length,
        reopened: alerts.reopened.length,
        resolved: alerts.resolved.length,
      },
      `notifications for scan: ${created} deliveries to ${new Set(planned.map((p) => p.subscription.id)).size}/${subscriptions.length} subscriptions`,
    );
    return { deliveries: created };
  }

  /** Queues a test message to a subscription now (enabled or not), audited; returns its delivery. */
  async sendTest(subscriptionId: string, actor: string): Promise<DeliveryView> {
    const subscription = await this.subscriptions.find(subscriptionId);
    const channel = subscription.channel as ChannelId;
    const unavailable = this.channels.unavailable(channel);
    if (unavailable) {
      throw new AppError('INVALID_REQUEST', {
        zh: `无法发送测试消息：${unavailable.zh}`,
        en: `Cannot send a test message: ${unavailable.en}`,
      });
    }
    // Said at once rather than in the delivery log: the target may have been accepted before the
    // egress rules (or before its name moved to an address they refuse).
    await this.subscriptions.checkedTarget(channel, subscription.target);
    const delivery = await this.prisma.$transaction(async (tx) => {
      const row = await tx.notificationDelivery.create({
        data: {
          subscriptionId,
          kind: 'test',
          alertIds: [],
          status: 'pending',
          payload: payloadFor(channel, {
            type: 'test',
            subscriptionName: subscription.name,
            requestedBy: actor,
            at: this.clock.nowIso(),
          }) as Prisma.InputJsonObject,
        },
      });
      await this.audit.append(
        {
          actor,
          action: 'subscription.test',
          objectType: 'notification-subscription',
          objectId: subscriptionId,
          data: { deliveryId: row.id, channel, target: maskTarget(channel, subscription.target) },
        },
        tx,
      );
      return row;
    });
    await this.enqueue(delivery.id);
    return toDeliveryView(delivery, subscription);
  }

  /**
   * The queue's handler: sends one delivery and records the attempt. A failure that another attempt
   * may cure is thrown (after recording it) so the queue retries with backoff; on the last attempt,
   * or when retrying cannot help, the delivery is marked failed and the job ends.
   */
  async deliver({ deliveryId }: NotifyJob, job: JobContext): Promise<void> {
    const delivery = await this.prisma.notificationDelivery.findUnique({
      where: { id: deliveryId },
      include: { subscription: true },
    });
    const log = this.logger.child({ deliveryId, jobId: job.id });
    if (!delivery) {
      log.info('delivery no longer exists (its subscription was deleted); nothing sent');
      return;
    }
    if (delivery.status !== 'pending') return;
    const subscription = delivery.subscription;
    const channel = subscription.channel as ChannelId;
    const attempt = job.retryCount + 1;
    const context = { subscriptionId: subscription.id, channel, kind: delivery.kind, attempt };
    if (!subscription.enabled && delivery.kind !== 'test') {
      await this.prisma.notificationDelivery.updateMany({
        where: { id: deliveryId, status: 'pending' },
        data: {
          status: 'failed',
          lastError: '订阅在发送前已停用，未发送 / the subscription was disabled before sending; not sent',
        },
      });
      log.info(context, 'notification not sent: subscription disabled');
      return;
    }
    const redact = redactor([
      subscription.secret,
      ...targetSecrets(channel, subscription.target),
      ...this.channels.configSecrets(),
    ]);
    try {
      // The robot hosts are configuration: a target accepted under other settings is checked again.
      const form = this.egress.checkForm(channel, subscription.target);
      if (!form.ok) throw new DeliveryError(form.problem, false);
      await this.channels
        .get(channel)
        .send(
          { channel, target: subscription.target, secret: subscription.secret },
          delivery.payload,
          delivery.id,
        );
    } catch (e) {
      const error =
        e instanceof DeliveryError
          ? e
          : new DeliveryError(
              {
                zh: `发送失败：${e instanceof Error ? e.message : String(e)}`,
                en: `send failed: ${e instanceof Error ? e.message : String(e)}`,
              },
              true,
            );
      const lastError = redact(error.message).slice(0, MAX_ERROR_LENGTH);
      const final = !error.retryable || job.retryCount >= job.retryLimit;
      await this.prisma.notificationDelivery.updateMany({
        where: { id: deliveryId, status: 'pending' },
        data: {
          attempts: { increment: 1 },
          lastAttemptAt: this.clock.now(),
          lastError,
          ...(final ? { status: 'failed' } : {}),
        },
      });
      log.warn(
        { ...context, retryable: error.retryable, error: lastError },
        final ? 'notification failed' : 'notification attempt failed; the queue retries it',
      );
      if (final) return;
      // Only the redacted text travels on: the queue logs what it is thrown.
      throw new NotificationAttemptFailed(lastError);
    }
    await this.prisma.notificationDelivery.updateMany({
      where: { id: deliveryId, status: 'pending' },
      data: {
        attempts: { increment: 1 },
        lastAttemptAt: this.clock.now(),
        status: 'delivered',
        deliveredAt: this.clock.now(),
      },
    });
    log.info(context, 'notification delivered');
  }

  /** The delivery log, newest first. */
  async listDeliveries(filter: DeliveryFilter): Promise<{ total: number; items: DeliveryView[] }> {
    const where: Prisma.NotificationDeliveryWhereInput = {
      ...(filter.subscriptionId ? { subscriptionId: filter.subscriptionId } : {}),
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.kind ? { kind: filter.kind } : {}),
      ...(filter.checkRunId ? { checkRunId: filter.checkRunId } : {}),
    };
    const [rows, total] = await this.prisma.$transaction([
      this.prisma.notificationDelivery.findMany({
        where,
        include: { subscription: { select: { name: true, channel: true } } },
        orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
        skip: (filter.page - 1) * filter.pageSize,
        take: filter.pageSize,
      }),
      this.prisma.notificationDelivery.count({ where }),
    ]);
    return { total, items: rows.map((r) => toDeliveryView(r, r.subscription)) };
  }

  async getDelivery(id: string): Promise<DeliveryDetail> {
    const row = await this.prisma.notificationDelivery.findUnique({
      where: { id },
      include: { subscription: { select: { name: true, channel: true } } },
    });
    if (!row) {
      throw new AppError('NOT_FOUND', {
        zh: `通知发送记录 ${id} 不存在`,
        en: `No notification delivery ${id}`,
      });
    }
    return { ...toDeliveryView(row, row.subscription), payload: row.payload };
  }

  private async enqueue(deliveryId: string): Promise<void> {
    await this.queue.send<NotifyJob>(
      QUEUES.notify,
      { deliveryId },
      { ...NOTIFY_JOB_OPTIONS, id: deliveryId },
    );
  }
}

/** A retryable failure as the queue sees it: the redacted message only, no cause. */
export class NotificationAttemptFailed extends Error {
  override readonly name = 'NotificationAttemptFailed';
}

function matches(s: NotificationSubscription, a: NotifiableAlert): boolean {
  return (
    (s.unitCodes.length === 0 || (a.ownerUnitCode !== null && s.unitCodes.includes(a.ownerUnitCode))) &&
    (s.ruleIds.length === 0 || s.ruleIds.includes(a.ruleId)) &&
    severityRank(a.severity) >= severityRank(s.minSeverity)
  );
}

/** The deliveries one scan owes one subscription. */
function plan(s: NotificationSubscription, checkRunId: string, changes: ScanAlertChanges): Planned[] {
  const out: Planned[] = [];
  const mine = (list: NotifiableAlert[]) => list.filter((a) => matches(s, a));
  const opened = mine(changes.opened);
  const reopened = mine(changes.reopened);
  const resolved = mine(changes.resolved);
  if (s.immediate) {
    const critical = (list: NotifiableAlert[]) => list.filter((a) => a.severity === 'critical');
    const [o, r] = [critical(opened), critical(reopened)];
    if (o.length + r.length > MAX_IMMEDIATE_PER_SCAN) {
      out.push({
        subscription: s,
        kind: 'immediate',
        alertIds: [...o, ...r].map((a) => a.id),
        content: { type: 'alerts', checkRunId, opened: o, reopened: r },
      });
    } else {
      for (const [event, list] of [
        ['opened', o],
        ['reopened', r],
      ] as const) {
        for (const alert of list) {
          out.push({
            subscription: s,
            kind: 'immediate',
            alertIds: [alert.id],
            content: { type: 'alert', event, checkRunId, alert },
          });
        }
      }
    }
  }
  if (s.digest && opened.length + reopened.length + resolved.length > 0) {
    out.push({
      subscription: s,
      kind: 'digest',
      alertIds: [...opened, ...reopened, ...resolved].map((a) => a.id),
      content: { type: 'digest', checkRunId, opened, reopened, resolved, open: changes.open },
    });
  }
  return out;
}

/** What makes a scan's delivery unique: a digest per subscription, an immediate per alert set. */
function deliveryKey(subscriptionId: string, kind: string, alertIds: string[]): string {
  return kind === 'digest'
    ? `${subscriptionId}|digest`
    : `${subscriptionId}|${kind}|${[...alertIds].sort().join(',')}`;
}

function toDeliveryView(
  row: NotificationDelivery,
  subscription: Pick<NotificationSubscription, 'name' | 'channel'>,
): DeliveryView {
  return {
    id: row.id,
    subscriptionId: row.subscriptionId,
    subscriptionName: subscription.name,
    channel: subscription.channel as ChannelId,
    kind: row.kind as DeliveryKind,
    status: row.status as DeliveryStatus,
    attempts: row.attempts,
    lastError: row.lastError,
    lastAttemptAt: row.lastAttemptAt?.toISOString() ?? null,
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    checkRunId: row.checkRunId,
    alertIds: row.alertIds,
  };
}
