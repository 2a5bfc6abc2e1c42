import fs from 'node:fs';
import { DELIVERY_STATUS_LABELS, labelOf } from '@hub/vocabulary';
import type { Command } from 'commander';
import { AppError } from '../common/app-error';
import { parseInput } from '../common/zod';
import { CHANNELS, NOTIFY_SEVERITIES } from '../modules/notifications/notification.types';
import {
  ZDeliveryFilter,
  ZSubscriptionCreate,
  ZSubscriptionUpdate,
} from '../modules/notifications/notifications.schemas';
import type { DeliveryView } from '../modules/notifications/notifications.service';
import type { SubscriptionView } from '../modules/notifications/subscriptions.service';

const subscriptions = () => import('../modules/notifications/subscriptions.service.js');
const notificationsService = () => import('../modules/notifications/notifications.service.js');
import { cliActor, formatOption, print, withHub } from './context';
import type { OutputFormat } from './format';

/** Options are checked with the API's own schemas, so a bad one names its field the same way. */
const OPTIONS = { zh: '命令参数', en: 'command options' };

const list = (value: string | undefined) =>
  value === undefined
    ? undefined
    : value
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean);

const subscriptionLine = (s: SubscriptionView) =>
  `${s.id}  ${s.enabled ? '启用 enabled ' : '停用 disabled'}  ${s.channel.padEnd(8)} ${s.name}\n` +
  `  target ${s.target}${s.hasSecret ? ' (secret set)' : ''}\n` +
  `  units ${s.unitCodes.join(',') || '*'}  rules ${s.ruleIds.join(',') || '*'}  min ${s.minSeverity}  ` +
  `immediate ${s.immediate ? 'on' : 'off'}  digest ${s.digest ? 'on' : 'off'}\n` +
  `  deliveries: ${s.deliveries.delivered} delivered, ${s.deliveries.pending} pending, ${s.deliveries.failed} failed`;

const deliveryLine = (d: DeliveryView) =>
  `${d.id}  ${d.status.padEnd(9)} ${labelOf(DELIVERY_STATUS_LABELS, d.status).zh}  ${d.kind.padEnd(9)} ${d.channel.padEnd(8)} ` +
  `${d.subscriptionName}  attempts ${d.attempts}  created ${d.createdAt}` +
  (d.deliveredAt ? `  delivered ${d.deliveredAt}` : '') +
  (d.lastError ? `\n  last error: ${d.lastError}` : '');

function readSecret(opts: { secret?: string; secretFile?: string }): string | undefined {
  if (opts.secret !== undefined && opts.secretFile !== undefined) {
    throw new AppError('INVALID_REQUEST', {
      zh: '--secret 与 --secret-file 只能给一个',
      en: 'give --secret or --secret-file, not both',
    });
  }
  if (opts.secretFile === undefined) return opts.secret;
  if (!fs.existsSync(opts.secretFile)) {
    throw new AppError('INVALID_REQUEST', {
      zh: `文件不存在：${opts.secretFile}`,
      en: `No such file: ${opts.secretFile}`,
    });
  }
  return fs.readFileSync(opts.secretFile, 'utf8').trim();
}

/**
 * `hub notifications list | add | enable <id> | disable <id> | remove <id> | test <id> | deliveries`:
 * the same services and validation as /api/notifications; changes are audited as `cli:<os user>`.
 */
export function registerNotificationsCommands(program: Command): void {
  const notifications = program
    .command('notifications')
    .description('告警通知订阅与发送记录 / alert notification subscriptions and deliveries');

  notifications
    .command('list', { isDefault: true })
    .description('通知订阅（默认）/ list subscriptions (the default)')
    .addOption(formatOption())
    .action((opts: { format: OutputFormat }) =>
      withHub(async (ctx) => {
        const { SubscriptionsService } = await subscriptions();
        const items = await ctx.get(SubscriptionsService).list();
        print(opts.format, items, () =>
          [`${items.length} subscription(s)`, ...items.map(subscriptionLine)].join('\n'),
        );
      }),
    );

  notifications
    .command('add')
    .description('新建通知订阅 / add a subscription')
    .requiredOption('--channel <channel>', `渠道 / channel: ${CHANNELS.join(' | ')}`)
    .requiredOption(
      '--target <target>',
      'URL（webhook、钉钉、企业微信机器人）或邮件地址 / URL or email addresses',
    )
    .option('--name <name>', '名称 / name')
    .option(
      '--secret <secret>',
      '签名密钥：webhook 必填，钉钉加签可选 / signing secret (webhook, DingTalk 加签)',
    )
    .option('--secret-file <path>', '从文件读取密钥（不留在命令历史中）/ read the secret from a file')
    .option(
      '--units <codes>',
      '责任单位统一社会信用代码，逗号分隔 / owner unit credit codes, comma-separated',
    )
    .option('--rules <ids>', '规则编号，逗号分隔 / rule ids, comma-separated')
    .option(
      '--min-severity <severity>',
      `最低级别 / least severity: ${NOTIFY_SEVERITIES.join(' | ')}`,
      'warning',
    )
    .option('--no-immediate', '不逐条发送严重告警 / no immediate message per critical alert')
    .option('--no-digest', '不发送每次扫描的摘要 / no digest per scan')
    .option('--disabled', '创建为停用 / create disabled')
    .addOption(formatOption())
    .action(
      (opts: {
        channel: string;
        target: string;
        name?: string;
        secret?: string;
        secretFile?: string;
        units?: string;
        rules?: string;
        minSeverity: string;
        immediate: boolean;
        digest: boolean;
        disabled?: boolean;
        format: OutputFormat;
      }) =>
        withHub(async (ctx) => {
          const { SubscriptionsService } = await subscriptions();
          const input = parseInput(
            ZSubscriptionCreate,
            {
              name: opts.name,
              channel: opts.channel,
              target: opts.target,
              secret: readSecret(opts),
              unitCodes: list(opts.units),
              ruleIds: list(opts.rules),
              minSeverity: opts.minSeverity,
              immediate: opts.immediate,
              digest: opts.digest,
              enabled: !opts.disabled,
            },
            OPTIONS,
          );
          const view = await ctx.get(SubscriptionsService).create(input, cliActor());
          print(opts.format, view, () => subscriptionLine(view));
        }),
    );

  for (const [name, enabled] of [
    ['enable', true],
    ['disable', false],
  ] as const) {
    notifications
      .command(name)
      .description(
        enabled
          ? '启用订阅 / enable a subscription'
          : '停用订阅（保留发送记录）/ disable a subscription, keeping its log',
      )
      .argument('<id>', '订阅 ID / subscription id')
      .addOption(formatOption())
      .action((id: string, opts: { format: OutputFormat }) =>
        withHub(async (ctx) => {
          const { SubscriptionsService } = await subscriptions();
          const patch = parseInput(ZSubscriptionUpdate, { enabled }, OPTIONS);
          const view = await ctx.get(SubscriptionsService).update(id, patch, cliActor());
          print(opts.format, view, () => subscriptionLine(view));
        }),
      );
  }

  notifications
    .command('remove')
    .description('删除订阅及其发送记录 / delete a subscription and its delivery log')
    .argument('<id>', '订阅 ID / subscription id')
    .addOption(formatOption())
    .action((id: string, opts: { format: OutputFormat }) =>
      withHub(async (ctx) => {
        const { SubscriptionsService } = await subscriptions();
        const result = await ctx.get(SubscriptionsService).remove(id, cliActor());
        print(opts.format, result, () => `deleted ${id} with ${result.deliveriesRemoved} deliveries`);
      }),
    );

  notifications
    .command('test')
    .description('经队列发送一条测试消息 / queue a test message')
    .argument('<id>', '订阅 ID / subscription id')
    .option(
      '--wait <seconds>',
      '在本进程中发送并等待结果（最多 N 秒）/ send from this process and wait up to N seconds for the outcome',
    )
    .addOption(formatOption())
    .action((id: string, opts: { wait?: string; format: OutputFormat }) =>
      withHub(async (ctx) => {
        const [{ NotificationsService }, { JobQueue }] = await Promise.all([
          notificationsService(),
          import('../infra/jobs/job-queue.js'),
        ]);
        const service = ctx.get(NotificationsService);
        const waitSeconds = opts.wait === undefined ? 0 : Number(opts.wait);
        if (!Number.isFinite(waitSeconds) || waitSeconds < 0 || waitSeconds > 600) {
          throw new AppError('INVALID_REQUEST', {
            zh: '--wait 应为 0 到 600 秒',
            en: '--wait takes 0 to 600 seconds',
          });
        }
        if (waitSeconds > 0 && ctx.get(JobQueue).runsWorkers) await service.startWorkers(1);
        let delivery = await service.sendTest(id, cliActor());
        const until = Date.now() + waitSeconds * 1000;
        while (delivery.status === 'pending' && Date.now() < until) {
          await new Promise((r) => setTimeout(r, 500));
          delivery = await service.getDelivery(delivery.id);
          // a failed attempt that the queue will retry later: report it rather than wait minutes
          if (delivery.attempts > 0 && delivery.status === 'pending') break;
        }
        const { payload: _payload, ...view } = delivery as DeliveryView & { payload?: unknown };
        print(opts.format, view, () =>
          [
            deliveryLine(view),
            ...(view.status === 'pending' && waitSeconds === 0
              ? ['queued; the hub sends it: see `hub notifications deliveries --subscription ' + id + '`']
              : []),
          ].join('\n'),
        );
      }),
    );

  notifications
    .command('deliveries')
    .description('发送记录 / the delivery log')
    .option('--subscription <id>', '只看一个订阅 / one subscription only')
    .option('--status <status>', '状态 / status: pending | delivered | failed')
    .option('--kind <kind>', '类型 / kind: immediate | digest | test')
    .option('--limit <n>', '最多条数 / at most n entries', '50')
    .addOption(formatOption())
    .action(
      (opts: {
        subscription?: string;
        status?: string;
        kind?: string;
        limit: string;
        format: OutputFormat;
      }) =>
        withHub(async (ctx) => {
          const { NotificationsService } = await notificationsService();
          const filter = parseInput(
            ZDeliveryFilter,
            {
              subscriptionId: opts.subscription,
              status: opts.status,
              kind: opts.kind,
              pageSize: opts.limit,
            },
            OPTIONS,
          );
          const { total, items } = await ctx.get(NotificationsService).listDeliveries(filter);
          print(opts.format, { total, items }, () =>
            [`${items.length} of ${total} deliveries`, ...items.map(deliveryLine)].join('\n'),
          );
        }),
    );
}
