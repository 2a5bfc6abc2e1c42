import type { Command } from 'commander';
import { parseInput } from '../common/zod';
import { DISPUTE_STATUSES } from '../modules/disputes/dispute.types';
import type { DisputeView } from '../modules/disputes/disputes.service';
import { cliActor, formatOption, print, withHub } from './context';
import type { OutputFormat } from './format';

const disputeLine = (d: DisputeView) =>
  `${d.id}  ${d.status.padEnd(9)} ${d.projectCode} ${d.projectName}  ${d.ruleId}  raised by ${d.raisedBy}: ${d.reason}` +
  (d.decidedBy ? `\n    decided by ${d.decidedBy}: ${d.decisionComment}` : '') +
  (d.correction ? `\n    ${d.correction.text.zh}\n    ${d.correction.text.en}` : '');

const OPTIONS = { zh: '命令参数', en: 'command options' };

/** `hub disputes list | raise | uphold | dismiss`. */
export function registerDisputesCommands(program: Command): void {
  const disputes = program.command('disputes').description('异议 / disputes');

  disputes
    .command('list')
    .description('异议列表（含更正请求）/ disputes, with their correction requests')
    .option('--project <code>', '只看一个项目 / one project only')
    .option('--status <status>', `状态 / status: ${DISPUTE_STATUSES.join(' | ')}`)
    .addOption(formatOption())
    .action((opts: { project?: string; status?: string; format: OutputFormat }) =>
      withHub(async (ctx) => {
        const { DisputesService, ZDisputeListFilter } =
          await import('../modules/disputes/disputes.service.js');
        const filter = parseInput(
          ZDisputeListFilter,
          { projectCode: opts.project, status: opts.status },
          OPTIONS,
        );
        const list = await ctx.get(DisputesService).list(filter);
        print(opts.format, list, () => [`${list.length} dispute(s)`, ...list.map(disputeLine)].join('\n'));
      }),
    );

  disputes
    .command('raise')
    .description('对最近一次检查的结论提出异议 / contest a finding of the latest check')
    .argument('<code>', '项目编码 / project code')
    .argument('<ruleId>', '规则编号 / rule id')
    .requiredOption('--reason <text>', '异议理由 / why the finding rests on wrong data')
    .addOption(formatOption())
    .action((code: string, ruleId: string, opts: { reason: string; format: OutputFormat }) =>
      withHub(async (ctx) => {
        const { DisputesService, ZDisputeRaise } = await import('../modules/disputes/disputes.service.js');
        const input = parseInput(ZDisputeRaise, { projectCode: code, ruleId, reason: opts.reason }, OPTIONS);
        const view = await ctx.get(DisputesService).raise(input, cliActor());
        print(opts.format, view, () => disputeLine(view));
      }),
    );

  for (const [name, zh] of [
    ['uphold', '采纳异议（生成更正请求）'],
    ['dismiss', '驳回异议'],
  ] as const) {
    disputes
      .command(name)
      .description(`${zh} / ${name} a dispute`)
      .argument('<id>', '异议 ID / dispute id')
      .requiredOption('--comment <text>', '意见 / comment')
      .addOption(formatOption())
      .action((id: string, opts: { comment: string; format: OutputFormat }) =>
        withHub(async (ctx) => {
          const { DisputesService, ZDisputeDecision } =
            await import('../modules/disputes/disputes.service.js');
          const decision = parseInput(ZDisputeDecision, { decision: name, comment: opts.comment }, OPTIONS);
          const view = await ctx.get(DisputesService).decide(id, decision, cliActor());
          print(opts.format, view, () => disputeLine(view));
        }),
      );
  }
}
