import { type Command, Option } from 'commander';
import { parseInput } from '../common/zod';
import { EXEMPTION_CATEGORIES } from '../modules/exemptions/exemption.types';
import type { ExemptionView, RenewalNotice } from '../modules/exemptions/exemptions.service';
import { cliActor, formatOption, print, withHub } from './context';
import type { OutputFormat } from './format';

const exemptionLine = (e: ExemptionView) =>
  `${e.id}  ${e.status.padEnd(9)} ${e.projectCode} ${e.projectName}  ${e.ruleIds.join(',')}` +
  `  ${e.documentNo} (${e.authority}, ${e.reasonCategoryTitle.zh})  ${e.validFrom}..${e.validUntil}` +
  (e.isCurrent ? `  生效中 current, ${e.daysLeft} day(s) left` : '') +
  (e.decidedBy ? `  decided by ${e.decidedBy}${e.decisionComment ? `: ${e.decisionComment}` : ''}` : '') +
  (e.revokedBy ? `  revoked by ${e.revokedBy}: ${e.revocationReason}` : '');

const noticeLine = (n: RenewalNotice) =>
  `${n.exemption.id}  ${n.exemption.projectCode}  ${n.daysLeft} day(s)\n  ${n.notice.zh}\n  ${n.notice.en}`;

/** Options are checked with the API's own schemas, so a bad one names its field the same way. */
const OPTIONS = { zh: '命令参数', en: 'command options' };

/** `hub exemptions list | request | approve | reject | revoke | renewals`. */
export function registerExemptionsCommands(program: Command): void {
  const exemptions = program.command('exemptions').description('豁免 / exemptions');

  exemptions
    .command('list')
    .description('豁免列表 / list exemptions')
    .option('--project <code>', '只看一个项目 / one project only')
    .option('--status <status>', '状态 / status: requested | approved | rejected | revoked')
    .option('--expiring-days <n>', 'N 天内到期的已批准豁免 / approved ones ending within N days')
    .addOption(formatOption())
    .action((opts: { project?: string; status?: string; expiringDays?: string; format: OutputFormat }) =>
      withHub(async (ctx) => {
        const { ExemptionsService, ZExemptionListFilter } =
          await import('../modules/exemptions/exemptions.service.js');
        const filter = parseInput(
          ZExemptionListFilter,
          { projectCode: opts.project, status: opts.status, expiringWithinDays: opts.expiringDays },
          OPTIONS,
        );
        const list = await ctx.get(ExemptionsService).list(filter);
        print(opts.format, list, () =>
          [`${list.length} exemption(s)`, ...list.map(exemptionLine)].join('\n'),
        );
      }),
    );

  exemptions
    .command('request')
    .description(
      '申请豁免（--approved 直接登记已批准的豁免）/ request an exemption, or record an approved one',
    )
    .argument('<code>', '项目编码 / project code')
    .option('--rules <ids>', '规则编号，逗号分隔 / rule ids, comma-separated')
    .option(
      '--domain <domain>',
      '规则组 / rule group: cloud | data-sharing | security | platforms | management',
    )
    .addOption(
      new Option('--category <category>', '理由类别 / reason category')
        .choices([...EXEMPTION_CATEGORIES])
        .makeOptionMandatory(),
    )
    .requiredOption('--reason <text>', '理由 / reason')
    .requiredOption('--doc <documentNo>', '批准文号 / document number')
    .requiredOption('--authority <name>', '审批机关 / approving authority')
    .requiredOption('--from <date>', '有效期起 YYYY-MM-DD / valid from')
    .requiredOption('--until <date>', '有效期止 YYYY-MM-DD / valid until')
    .option('--attachment <ref>', '附件 / attachment reference')
    .option('--approved', '已批准，直接登记 / already approved: record it as such')
    .option('--comment <text>', '审批意见（与 --approved 一起）/ decision comment, with --approved')
    .addOption(formatOption())
    .action(
      (
        code: string,
        opts: {
          rules?: string;
          domain?: string;
          category: string;
          reason: string;
          doc: string;
          authority: string;
          from: string;
          until: string;
          attachment?: string;
          approved?: boolean;
          comment?: string;
          format: OutputFormat;
        },
      ) =>
        withHub(async (ctx) => {
          const { ExemptionsService, ZExemptionRequest } =
            await import('../modules/exemptions/exemptions.service.js');
          const input = parseInput(
            ZExemptionRequest,
            {
              projectCode: code,
              ruleIds: opts.rules
                ?.split(',')
                .map((r) => r.trim())
                .filter(Boolean),
              domain: opts.domain,
              reasonCategory: opts.category,
              reasonText: opts.reason,
              documentNo: opts.doc,
              authority: opts.authority,
              validFrom: opts.from,
              validUntil: opts.until,
              attachmentRef: opts.attachment,
              approved: opts.approved,
              comment: opts.comment,
            },
            OPTIONS,
          );
          const view = await ctx.get(ExemptionsService).request(input, cliActor());
          print(opts.format, view, () => exemptionLine(view));
        }),
    );

  for (const [name, zh] of [
    ['approve', '批准豁免申请'],
    ['reject', '驳回豁免申请'],
  ] as const) {
    exemptions
      .command(name)
      .description(`${zh} / ${name} a requested exemption`)
      .argument('<id>', '豁免 ID / exemption id')
      .option('--comment <text>', '意见 / comment')
      .addOption(formatOption())
      .action((id: string, opts: { comment?: string; format: OutputFormat }) =>
        withHub(async (ctx) => {
          const { ExemptionsService, ZExemptionDecision } =
            await import('../modules/exemptions/exemptions.service.js');
          const decision = parseInput(ZExemptionDecision, { decision: name, comment: opts.comment }, OPTIONS);
          const view = await ctx.get(ExemptionsService).decide(id, decision, cliActor());
          print(opts.format, view, () => exemptionLine(view));
        }),
      );
  }

  exemptions
    .command('revoke')
    .description('撤销已批准的豁免（保留记录）/ revoke an approved exemption; it is kept')
    .argument('<id>', '豁免 ID / exemption id')
    .requiredOption('--reason <text>', '撤销理由 / why')
    .addOption(formatOption())
    .action((id: string, opts: { reason: string; format: OutputFormat }) =>
      withHub(async (ctx) => {
        const { ExemptionsService, ZExemptionRevocation } =
          await import('../modules/exemptions/exemptions.service.js');
        const { reason } = parseInput(ZExemptionRevocation, { reason: opts.reason }, OPTIONS);
        const view = await ctx.get(ExemptionsService).revoke(id, reason, cliActor());
        print(opts.format, view, () => exemptionLine(view));
      }),
    );

  exemptions
    .command('renewals')
    .description('30 天内到期的已批准豁免及续期提醒 / approved exemptions ending within 30 days')
    .addOption(formatOption())
    .action((opts: { format: OutputFormat }) =>
      withHub(async (ctx) => {
        const { ExemptionsService } = await import('../modules/exemptions/exemptions.service.js');
        const service = ctx.get(ExemptionsService);
        const notices = await service.renewalNotices(service.today());
        print(opts.format, notices, () =>
          [`${notices.length} exemption(s) to renew`, ...notices.map(noticeLine)].join('\n'),
        );
      }),
    );
}
