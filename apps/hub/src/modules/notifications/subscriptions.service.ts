import { z } from 'zod';
import { Inject, Injectable } from '@nestjs/common';
import type { Text } from '@hub/rules';
import type { Logger } from 'pino';
import { AppError } from '../../common/app-error';
import { LOGGER } from '../../infra/core.module';
import { PrismaService } from '../../infra/database/prisma.service';
import type { NotificationSubscription, Prisma } from '../../generated/prisma/client';
import { AuditService } from '../audit/audit.service';
import { NotificationChannels } from './channels/channels';
import { CHANNEL_TITLES, type ChannelId, type NotifySeverity } from './notification.types';
import type { SubscriptionCreate, SubscriptionUpdate } from './notifications.schemas';
import { NotifyEgress } from './notify-egress.service';
import { maskTarget } from './targets';
import { ZChannelAvailability, ZSubscriptionView } from './notifications.answers';

/** A webhook signing secret shorter than this is refused: it would be guessable. */
export const MIN_WEBHOOK_SECRET_LENGTH = 16;

/** A subscription as the API and the CLI show it: never its secret, its target's keys masked. */
export type SubscriptionView = z.infer<typeof ZSubscriptionView>;

export type ChannelAvailability = z.infer<typeof ZChannelAvailability>;

type Tx = Prisma.TransactionClient;

/** Notification subscriptions: who is told about alerts, where, and which ones. Every change is audited. */
@Injectable()
export class SubscriptionsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
    private readonly channels: NotificationChannels,
    private readonly egress: NotifyEgress,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Which channels this hub offers: email only with an SMTP server configured. */
  channelsAvailable(): ChannelAvailability[] {
    return (Object.keys(CHANNEL_TITLES) as ChannelId[]).map((channel) => {
      const reason = this.channels.unavailable(channel);
      return { channel, title: CHANNEL_TITLES[channel], available: reason === null, reason };
    });
  }

  async list(): Promise<SubscriptionView[]> {
    const rows = await this.prisma.notificationSubscription.findMany({ orderBy: { createdAt: 'asc' } });
    const counts = await this.deliveryCounts(rows.map((r) => r.id));
    return rows.map((r) => toView(r, counts.get(r.id)));
  }

  async get(id: string): Promise<SubscriptionView> {
    const row = await this.find(id);
    return toView(row, (await this.deliveryCounts([id])).get(id));
  }

  /** The subscription with its secret: for sending only, never for showing. */
  async find(id: string, tx: Tx = this.prisma): Promise<NotificationSubscription> {
    const row = await tx.notificationSubscription.findUnique({ where: { id } });
    if (!row) {
      throw new AppError('NOT_FOUND', {
        zh: `通知订阅 ${id} 不存在`,
        en: `No notification subscription ${id}`,
      });
    }
    return row;
  }

  async create(input: SubscriptionCreate, actor: string): Promise<SubscriptionView> {
    const unavailable = this.channels.unavailable(input.channel);
    if (unavailable) this.invalid(unavailable);
    const target = await this.checkedTarget(input.channel, input.target);
    this.checkSecret(input.channel, input.secret ?? null);
    const row = await this.prisma.$transaction(async (tx) => {
      const created = await tx.notificationSubscription.create({
        data: {
          name: input.name ?? `${input.channel} ${maskTarget(input.channel, target)}`.slice(0, 100),
          channel: input.channel,
          target,
          secret: input.secret ?? null,
          unitCodes: unique(input.unitCodes),
          ruleIds: unique(input.ruleIds),
          minSeverity: input.minSeverity,
          immediate: input.immediate,
          digest: input.digest,
          enabled: input.enabled,
          createdBy: actor,
        },
      });
      await this.audit.append(
        {
          actor,
          action: 'subscription.create',
          objectType: 'notification-subscription',
          objectId: created.id,
          data: auditData(created),
        },
        tx,
      );
      return created;
    });
    this.logger.info(
      { subscriptionId: row.id, channel: row.channel, actor },
      'notification subscription created',
    );
    return toView(row);
  }

  async update(id: string, input: SubscriptionUpdate, actor: string): Promise<SubscriptionView> {
    // Resolved before the transaction: a DNS lookup has no business holding a connection open.
    const channel = (await this.find(id)).channel as ChannelId;
    const target = input.target === undefined ? undefined : await this.checkedTarget(channel, input.target);
    const row = await this.prisma.$transaction(async (tx) => {
      const current = await this.find(id, tx);
      const secret = input.secret === undefined ? current.secret : input.secret;
      if (input.secret !== undefined) this.checkSecret(channel, secret);
      const data: Prisma.NotificationSubscriptionUpdateInput = {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(target !== undefined ? { target } : {}),
        ...(input.secret !== undefined ? { secret: input.secret } : {}),
        ...(input.unitCodes !== undefined ? { unitCodes: unique(input.unitCodes) } : {}),
        ...(input.ruleIds !== undefined ? { ruleIds: unique(input.ruleIds) } : {}),
        ...(input.minSeverity !== undefined ? { minSeverity: input.minSeverity } : {}),
        ...(input.immediate !== undefined ? { immediate: input.immediate } : {}),
        ...(input.digest !== undefined ? { digest: input.digest } : {}),
        ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
      };
      const updated = await tx.notificationSubscription.update({ where: { id }, data });
      await this.audit.append(
        {
          actor,
          action: 'subscription.update',
          objectType: 'notification-subscription',
          objectId: id,
          data: {
            changed: Object.keys(data),
            ...(input.secret !== undefined ? { secret: input.secret === null ? 'removed' : 'replaced' } : {}),
            from: auditData(current),
            to: auditData(updated),
          },
        },
        tx,
      );
      return updated;
    });
    this.logger.info({ subscriptionId: id, actor }, 'notification subscription updated');
    return this.get(row.id);
  }

  /**
   * Deletes the subscription, its secret and, by cascade, its delivery log; queued deliveries are
   * dropped when their job finds no row. The audit entry keeps what it was and how many deliveries
   * went with it. To stop notifications but keep the log, disable instead.
   */
  async remove(id: string, actor: string): Promise<{ id: string; deleted: true; deliveriesRemoved: number }> {
    const removed = await this.prisma.$transaction(async (tx) => {
      const current = await this.find(id, tx);
      const deliveries = await tx.notificationDelivery.count({ where: { subscriptionId: id } });
      await tx.notificationSubscription.delete({ where: { id } });
      await this.audit.append(
        {
          actor,
          action: 'subscription.delete',
          objectType: 'notification-subscription',
          objectId: id,
          data: { ...auditData(current), deliveriesRemoved: deliveries },
        },
        tx,
      );
      return deliveries;
    });
    this.logger.info({ subscriptionId: id, actor }, 'notification subscription deleted');
    return { id, deleted: true, deliveriesRemoved: removed };
  }

  /** The target normalised, or INVALID_REQUEST naming `target`: its form, and where it leads now. */
  async checkedTarget(channel: ChannelId, target: string): Promise<string> {
    const check = await this.egress.checkDestination(channel, target);
    if (!check.ok) this.invalid(check.problem, 'target');
    return check.target;
  }

  private checkSecret(channel: ChannelId, secret: string | null): void {
    if (channel === 'webhook') {
      if (!secret || secret.length < MIN_WEBHOOK_SECRET_LENGTH) {
        this.invalid(
          {
            zh: `Webhook 订阅需要至少 ${MIN_WEBHOOK_SECRET_LENGTH} 个字符的签名密钥 secret（如 openssl rand -hex 32 生成），接收方用它验证 X-Hub-Signature`,
            en: `a webhook subscription needs a signing secret of at least ${MIN_WEBHOOK_SECRET_LENGTH} characters (e.g. openssl rand -hex 32); receivers verify X-Hub-Signature with it`,
          },
          'secret',
        );
      }
    } else if ((channel === 'wecom' || channel === 'email') && secret) {
      this.invalid(
        channel === 'wecom'
          ? {
              zh: '企业微信群机器人不支持签名：Webhook 地址中的 key 即凭据，请不要填写 secret',
              en: 'WeCom group robots have no signing: the key in the webhook URL is the credential; give no secret',
            }
          : { zh: '邮件订阅不使用 secret', en: 'email subscriptions take no secret' },
        'secret',
      );
    }
  }

  private invalid(problem: Text, field?: string): never {
    throw new AppError(
      'INVALID_REQUEST',
      {
        zh: `通知订阅无效：${field ? `${field}: ` : ''}${problem.zh}`,
        en: `Invalid notification subscription: ${field ? `${field}: ` : ''}${problem.en}`,
      },
      field ? { issues: [{ path: field, message: problem.en }] } : undefined,
    );
  }

  private async deliveryCounts(ids: string[]): Promise<Map<string, SubscriptionView['deliveries']>> {
    const out = new Map<string, SubscriptionView['deliveries']>();
    if (!ids.length) return out;
    const groups = await this.prisma.notificationDelivery.groupBy({
      by: ['subscriptionId', 'status'],
      where: { subscriptionId: { in: ids } },
      _count: { _all: true },
    });
    for (const g of groups) {
      const counts = out.get(g.subscriptionId) ?? { pending: 0, delivered: 0, failed: 0 };
      if (g.status === 'pending' || g.status === 'delivered' || g.status === 'failed') {
        counts[g.status] = g._count._all;
      }
      out.set(g.subscriptionId, counts);
    }
    return out;
  }
}

const unique = (values: string[]) => [...new Set(values)];

function toView(
  row: NotificationSubscription,
  deliveries: SubscriptionView['deliveries'] = { pending: 0, delivered: 0, failed: 0 },
): SubscriptionView {
  return {
    id: row.id,
    name: row.name,
    channel: row.channel as ChannelId,
    target: maskTarget(row.channel, row.target),
    hasSecret: Boolean(row.secret),
    unitCodes: row.unitCodes,
    ruleIds: row.ruleIds,
    minSeverity: row.minSeverity as NotifySeverity,
    immediate: row.immediate,
    digest: row.digest,
    enabled: row.enabled,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    deliveries,
  };
}

/** What the audit trail keeps of a subscription: everything but the secret, the target masked. */
function auditData(row: NotificationSubscription): Record<string, unknown> {
  return {
    name: row.name,
    channel: row.channel,
    target: maskTarget(row.channel, row.target),
    hasSecret: Boolean(row.secret),
    unitCodes: row.unitCodes,
    ruleIds: row.ruleIds,
    minSeverity: row.minSeverity,
    immediate: row.immediate,
    digest: row.digest,
    enabled: row.enabled,
  };
}
