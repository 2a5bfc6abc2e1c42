import type { Command } from 'commander';
import { parseInput } from '../common/zod';
import type { ProjectTimeline, PruneReport, RuleTrend, ScanDiff } from '../modules/history/history.service';
import { cliActor, formatOption, print, withHub } from './context';
import type { OutputFormat } from './format';

/** Options are checked with the API's own schemas, so a bad one names its field the same way. */
const OPTIONS = { zh: '命令参数', en: 'command options' };

const counts = (verdicts: Record<string, number>) =>
  Object.entries(verdicts)
    .filter(([, n]) => n > 0)
    .map(([v, n]) => `${v} ${n}`)
    .join(', ');

function timelineText(t: ProjectTimeline): string {
  return [
    `${t.projectCode} ${t.name} (${t.packId}): ${t.items.length} of ${t.total} check run(s), newest first`,
    ...t.items.flatMap((e) => [
      `${e.asOf}  ${e.kind.padEnd(8)} ${e.checkRunId}  ` +
        (e.ready ? '具备验收条件 ready' : `不具备 not ready: ${e.blockingRuleIds.join(', ')}`),
      `    ${counts(e.verdicts)}`,
      ...e.changes.map((c) => `    ${c.ruleId}: ${c.from ?? '—'} → ${c.to ?? '—'}`),
    ]),
  ].join('\n');
}

function trendText(t: RuleTrend): string {
  return [
    `${t.ruleId} ${t.title.zh} (${t.packId}, ${t.severity}): ${t.scans.length} scan(s), oldest first`,
    ...t.scans.map((s) => `${s.asOf}  ${s.checkRunId}  projects ${s.projects}  ${counts(s.verdicts)}`),
  ].join('\n');
}

function diffText(d: ScanDiff): string {
  const c = d.counts;
  return [
    `${d.from.id} (${d.from.kind}, ${d.from.asOf}, ${d.from.projects} projects)`,
    ` → ${d.to.id} (${d.to.kind}, ${d.to.asOf}, ${d.to.projects} projects)`,
    `项目 projects: compared ${c.projectsCompared}, changed ${c.projectsChanged}, ` +
      `added ${c.projectsAdded}, removed ${c.projectsRemoved}`,
    `规则 rules: 新增不通过 new ${c.new}, 退步 regressed ${c.regressed}, 已整改 fixed ${c.fixed}, ` +
      `仍不通过 still failing ${c.stillFailing}`,
    ...d.changes.items.map(
      (i) =>
        `  ${i.change.padEnd(9)} ${i.projectCode}  ${i.ruleId}: ${i.from ?? '—'} → ${i.to ?? '—'}` +
        (i.blocking ? '  (blocking)' : ''),
    ),
    ...(d.changes.total > d.changes.offset + d.changes.items.length
      ? [`  … ${d.changes.total - d.changes.offset - d.changes.items.length} more (--offset, --limit)`]
      : []),
    ...(d.projectsAdded.length ? [`新增项目 added: ${d.projectsAdded.join(', ')}`] : []),
    ...(d.projectsRemoved.length ? [`移除项目 removed: ${d.projectsRemoved.join(', ')}`] : []),
  ].join('\n');
}

function pruneText(r: PruneReport): string {
  return (
    `${r.dryRun ? '将删除 would delete' : '已删除 deleted'} ${r.runsDeleted} check run(s) ` +
    `(scans ${r.scansDeleted}, targeted ${r.targetedDeleted}) and ${r.findingsDeleted} finding(s) ` +
    `finished before ${r.cutoff} (${r.retentionDays} days); ` +
    `kept ${r.runsKept} named by reviews or disputes`
  );
}

/** `hub history <code>`, `hub history prune --days N`, `hub trend <ruleId>`, `hub diff <from> <to>`. */
export function registerHistoryCommands(program: Command): void {
  const history = program
    .command('history')
    .description('项目的检查历史；prune 清理超过保留期的检查 / a project’s check history; prune old runs')
    .argument('<projectCode>', '项目编码 / project code')
    .option('--limit <n>', '最近几次 / how many runs, newest first', '50')
    .addOption(formatOption())
    .action((code: string, opts: { limit: string; format: OutputFormat }) =>
      withHub(async (ctx) => {
        const { HistoryService, ZTimelineQuery } = await import('../modules/history/history.service.js');
        const q = parseInput(ZTimelineQuery, { limit: opts.limit }, OPTIONS);
        const timeline = await ctx.get(HistoryService).projectTimeline(code, undefined, q);
        print(opts.format, timeline, () => timelineText(timeline));
      }),
    );

  // `--format` is read from `history` itself: commander hands the parent's options to it.
  history
    .command('prune')
    .description(
      '删除超过保留期的检查及其结论（审查、异议引用的除外）/ delete runs older than the retention, ' +
        'except those a review or dispute names',
    )
    .requiredOption('--days <n>', '保留天数 / days to keep (HUB_HISTORY_RETENTION_DAYS, default 400)')
    .option('--dry-run', '只统计不删除 / count only, delete nothing')
    .action((opts: { days: string; dryRun?: boolean }) =>
      withHub(async (ctx) => {
        const [{ HistoryService, ZRetentionDays }, { Clock }] = await Promise.all([
          import('../modules/history/history.service.js'),
          import('../infra/clock.js'),
        ]);
        const { format } = history.opts<{ format: OutputFormat }>();
        const days = parseInput(ZRetentionDays, opts.days, OPTIONS);
        const report = await ctx
          .get(HistoryService)
          .prune(days, ctx.get(Clock).now(), { actor: cliActor(), dryRun: opts.dryRun });
        print(format, report, () => pruneText(report));
      }),
    );

  program
    .command('trend')
    .description('规则在最近各次扫描中的结论分布 / a rule’s verdict counts in the latest scans')
    .argument('<ruleId>', '规则编号 / rule id, e.g. YY-CLOUD-DEPLOY')
    .option('--limit <n>', '最近几次扫描 / how many latest scans', '30')
    .addOption(formatOption())
    .action((ruleId: string, opts: { limit: string; format: OutputFormat }) =>
      withHub(async (ctx) => {
        const { HistoryService, ZTrendQuery } = await import('../modules/history/history.service.js');
        const q = parseInput(ZTrendQuery, { limit: opts.limit }, OPTIONS);
        const trend = await ctx.get(HistoryService).ruleTrend(ruleId, q);
        print(opts.format, trend, () => trendText(trend));
      }),
    );

  program
    .command('diff')
    .description(
      '比较两次检查：新增不通过、退步、已整改 / compare two runs: new, regressed and fixed failures',
    )
    .argument('<fromRunId>', '较早的检查 ID / the earlier check run')
    .argument('<toRunId>', '较晚的检查 ID / the later check run')
    .option('--change <kind>', '只列一类变化 / one kind of change only: new | regressed | fixed')
    .option('--offset <n>', '跳过前 N 条 / skip the first N changes', '0')
    .option('--limit <n>', '列出多少条 / how many changes to list', '200')
    .addOption(formatOption())
    .action(
      (
        from: string,
        to: string,
        opts: { change?: string; offset: string; limit: string; format: OutputFormat },
      ) =>
        withHub(async (ctx) => {
          const { HistoryService, ZDiffQuery } = await import('../modules/history/history.service.js');
          const q = parseInput(
            ZDiffQuery,
            { from, to, change: opts.change, offset: opts.offset, limit: opts.limit },
            OPTIONS,
          );
          const diff = await ctx.get(HistoryService).diff(q.from, q.to, q);
          print(opts.format, diff, () => diffText(diff));
        }),
    );
}
