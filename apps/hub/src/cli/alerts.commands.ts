import { ALERT_SEVERITY_LABELS, ALERT_STATUS_LABELS, formatBeijingTime, labelOf } from '@hub/vocabulary';
import type { Command } from 'commander';
import { parseInput } from '../common/zod';
import type { AlertChanges, AlertView } from '../modules/alerts/alerts.service';
import { ALERT_STATUSES, MONITOR_RULE_IDS } from '../modules/alerts/monitor.catalogue';
import { cliActor, formatOption, print, withHub } from './context';
import type { OutputFormat } from './format';

const alertLine = (a: AlertView) =>
  `${a.id}  ${a.severity.padEnd(8)} ${labelOf(ALERT_SEVERITY_LABELS, a.severity).zh}  ${a.status.padEnd(12)} ${labelOf(ALERT_STATUS_LABELS, a.status).zh}  ` +
  `${a.ruleId.padEnd(18)} ${a.projectCode ?? '-'}  ${a.ownerUnitName ?? a.ownerUnitCode ?? ''}\n` +
  `  ${a.title.zh}\n  ${a.message.zh}\n` +
  `  首次发现 first seen ${formatBeijingTime(a.firstSeenAt)}，最近 last seen ${formatBeijingTime(a.lastSeenAt)}` +
  (a.timesReopened ? `, reopened ${a.timesReopened}×` : '') +
  (a.acknowledgedBy ? `, acknowledged by ${a.acknowledgedBy}` : '') +
  (a.resolvedBy ? `, resolved by ${a.resolvedBy} at ${a.resolvedAt}` : '');

function changesText(c: AlertChanges): string {
  const section = (name: string, list: AlertView[]) =>
    list.length ? [`${name} (${list.length}):`, ...list.map((a) => `  ${a.ruleId} ${a.title.zh}`)] : [];
  return [
    `alerts evaluated at ${c.evaluatedAt}${c.checkRunId ? ` for check run ${c.checkRunId}` : ''}: ` +
      `${c.opened.length} opened, ${c.reopened.length} reopened, ${c.resolved.length} resolved, ${c.open} open`,
    ...section('新告警 opened', c.opened),
    ...section('重新打开 reopened', c.reopened),
    ...section('已消除 resolved', c.resolved),
    ...c.skippedRules.map((s) => `跳过 skipped ${s.ruleId}: ${s.reason.zh}`),
  ].join('\n');
}

/** Options are checked with the API's own schemas, so a bad one names its field the same way. */
const OPTIONS = { zh: '命令参数', en: 'command options' };

/** `hub alerts [list] [--status] [--rule] | evaluate | ack <id> | resolve <id> --comment`. */
export function registerAlertsCommands(program: Command): void {
  const alerts = program.command('alerts').description('监测告警 / monitoring alerts (MON-* rules)');

  // The default subcommand: `hub alerts --status open` lists. Options on `alerts` itself would take
  // the `--format` of `hub alerts ack … --format json` (commander reads a parent's options anywhere).
  alerts
    .command('list', { isDefault: true })
    .description('告警列表（默认）/ list alerts (the default)')
    .option('--status <status>', `状态 / status: ${ALERT_STATUSES.join(' | ')}`)
    .option('--rule <ruleId>', `监测规则 / monitoring rule: ${MONITOR_RULE_IDS.join(' | ')}`)
    .option('--severity <severity>', '级别 / severity: critical | warning | info')
    .option('--project <code>', '只看一个项目 / one project only')
    .option('--unit <creditCode>', '责任单位 / owner unit')
    .addOption(formatOption())
    .action(
      (opts: {
        status?: string;
        rule?: string;
        severity?: string;
        project?: string;
        unit?: string;
        format: OutputFormat;
      }) =>
        withHub(async (ctx) => {
          const { AlertsService, ZAlertFilter } = await import('../modules/alerts/alerts.service.js');
          const filter = parseInput(
            ZAlertFilter,
            {
              status: opts.status,
              ruleId: opts.rule,
              severity: opts.severity,
              projectCode: opts.project,
              unitCode: opts.unit,
            },
            OPTIONS,
          );
          const { items } = await ctx.get(AlertsService).list(filter);
          print(opts.format, items, () => [`${items.length} alert(s)`, ...items.map(alertLine)].join('\n'));
        }),
    );

  alerts
    .command('evaluate')
    .description('立即按已存储的记录评估全部监测规则 / judge every MON-* rule on the stored records now')
    .addOption(formatOption())
    .action((opts: { format: OutputFormat }) =>
      withHub(async (ctx) => {
        const { AlertsService } = await import('../modules/alerts/alerts.service.js');
        const changes = await ctx.get(AlertsService).evaluate(null);
        print(opts.format, changes, () => changesText(changes));
      }),
    );

  alerts
    .command('ack')
    .description('确认告警 / acknowledge an alert')
    .argument('<id>', '告警 ID / alert id')
    .option('--comment <text>', '说明 / comment')
    .addOption(formatOption())
    .action((id: string, opts: { comment?: string; format: OutputFormat }) =>
      withHub(async (ctx) => {
        const { AlertsService, ZAcknowledge } = await import('../modules/alerts/alerts.service.js');
        const { comment } = parseInput(ZAcknowledge, { comment: opts.comment }, OPTIONS);
        const view = await ctx.get(AlertsService).acknowledge(id, cliActor(), comment);
        print(opts.format, view, () => alertLine(view));
      }),
    );

  alerts
    .command('resolve')
    .description('关闭告警（情况仍存在时下次评估将重新打开）/ resolve an alert; it reopens if still seen')
    .argument('<id>', '告警 ID / alert id')
    .requiredOption('--comment <text>', '处理说明 / how it was handled')
    .addOption(formatOption())
    .action((id: string, opts: { comment: string; format: OutputFormat }) =>
      withHub(async (ctx) => {
        const { AlertsService, ZResolve } = await import('../modules/alerts/alerts.service.js');
        const { comment } = parseInput(ZResolve, { comment: opts.comment }, OPTIONS);
        const view = await ctx.get(AlertsService).resolve(id, cliActor(), comment);
        print(opts.format, view, () => alertLine(view));
      }),
    );
}
