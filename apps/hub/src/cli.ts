import fs from 'node:fs';
import path from 'node:path';
import { SOURCE_IDS } from '@hub/connectors';
import type { SourceId } from '@hub/contracts';
import type { RegistryRowError } from '@hub/registry';
import { formatBeijingTime } from '@hub/vocabulary';
import { type Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { registerAlertsCommands } from './cli/alerts.commands';
import { cliActor, formatOption, print, withHub } from './cli/context';
import { registerDisputesCommands } from './cli/disputes.commands';
import { registerExemptionsCommands } from './cli/exemptions.commands';
import { registerHistoryCommands } from './cli/history.commands';
import { registerKeysCommands } from './cli/keys.commands';
import { registerNotificationsCommands } from './cli/notifications.commands';
import { registerPacksCommands } from './cli/packs.commands';
import { registerReviewCommands } from './cli/reviews.commands';
import { findingJson, findingsTable, rulesTable, type OutputFormat } from './cli/format';
import { HubCommand } from './cli/usage';
import { AppError } from './common/app-error';
import { EXIT_CONFIG, EXIT_FAILURE, EXIT_USAGE } from './common/exit-codes';
import { StartupError } from './common/startup-error';
import { InvalidEnvError } from './config/env';
import type { BindingDecisionView, BindingView } from './modules/bindings/bindings-admin.service';
import type { AuditVerification } from './modules/audit/audit.service';
import { ALL_PROJECTS, type Permission, ROLES, type Role, roleAllows } from './modules/auth/roles';
import type { TokenView } from './modules/auth/tokens.service';
import type { UserView } from './modules/auth/users.service';

/**
 * `npm run hub -- <command>`: the same services as the API, on the same database (the running hub's
 * embedded server when there is one, otherwise started for the command and stopped after). Results
 * go to stdout, logs to stderr. Commands never start a sandbox: upstreams must be reachable. Nest,
 * Prisma and the services load only when a command's action runs (see cli/context.ts), so help,
 * `--version` and usage errors answer at once.
 */
function isoInstant(value: string): Date {
  if (!/^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})$/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new InvalidArgumentError(
      '应为带时区的 ISO 时间，如 2026-11-23T08:00:00+08:00 / expected an ISO instant with offset',
    );
  }
  return new Date(value);
}

function sourceArg(value: string): SourceId {
  if (!(SOURCE_IDS as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`未知的数据源 / unknown source; one of: ${SOURCE_IDS.join(', ')}`);
  }
  return value as SourceId;
}

/** `hub audit verify` as an operator reads it: the verdict, then what was checked and what was found. */
function verificationText(r: AuditVerification): string {
  const lines = r.ok
    ? [`审计日志完整 / audit trail intact: ${r.entries} entries${r.lastSeq ? `, last seq ${r.lastSeq}` : ''}`]
    : [
        r.firstBroken?.seq
          ? `审计日志被篡改 / audit trail broken at entry ${r.firstBroken.seq}: ${r.firstBroken.message.zh} / ${r.firstBroken.message.en}`
          : `审计日志被篡改 / audit trail broken`,
      ];
  if (r.keyedFrom) {
    lines.push(
      `  密钥链自第 ${r.keyedFrom.seq} 条起（链 ${r.keyedFrom.chainId}，密钥 ${r.keyedFrom.keyId}）；此前 ${r.keyedFrom.unkeyedEntries} 条为未加密钥的旧链，按原样校验` +
        ` / keyed chain from entry ${r.keyedFrom.seq} (chain ${r.keyedFrom.chainId}, key ${r.keyedFrom.keyId}); the ${r.keyedFrom.unkeyedEntries} entries before it are the older unkeyed chain, checked as written`,
    );
  }
  const latest = r.checkpoints.latest;
  lines.push(
    `  检查点 / checkpoints: ${r.checkpoints.checked} compared (${r.checkpoints.file})` +
      (latest ? `, latest ${latest.at}: ${latest.count} entries, last seq ${latest.seq}` : ''),
  );
  for (const p of r.problems) lines.push(`  ✗ [${p.kind}] ${p.message.zh}\n      ${p.message.en}`);
  if (r.moreProblems) lines.push(`  … 另有 ${r.moreProblems} 处 / ${r.moreProblems} more`);
  for (const w of r.warnings) lines.push(`  ! ${w.zh}\n      ${w.en}`);
  return lines.join('\n');
}

/** The hub's version, as its package.json says. */
export function hubVersion(): string {
  return (
    JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')) as { version: string }
  ).version;
}

export function buildCli(): Command {
  const program = new HubCommand('hub')
    .description('政务信息化项目验收合规中枢 / e-government acceptance compliance hub')
    .version(hubVersion(), '-V, --version', '显示版本号 / print the version')
    .helpOption('-h, --help', '显示帮助 / show help')
    .helpCommand('help [command]', '显示命令的帮助 / show help for a command')
    // Help, the version and usage errors end parseAsync with a CommanderError that runCli turns into
    // the exit code, instead of commander exiting the process under the caller.
    .exitOverride();

  program
    .command('import')
    .description('导入项目台账 (.xlsx/.csv) / import the registry workbook')
    .argument('<file>', '台账文件（UTF-8 或 GB18030）/ the workbook, .xlsx or .csv (UTF-8 or GB18030)')
    .addOption(formatOption())
    .action((file: string, opts: { format: OutputFormat }) =>
      withHub(async (ctx) => {
        const { RegistryImportService } = await import('./modules/registry/registry-import.service.js');
        if (!fs.existsSync(file)) {
          throw new AppError('INVALID_REQUEST', { zh: `文件不存在：${file}`, en: `No such file: ${file}` });
        }
        const report = await ctx
          .get(RegistryImportService)
          .import(path.basename(file), fs.readFileSync(file), cliActor())
          .catch((e: unknown) => {
            // A rolled-back import still owes the operator the file's own row errors.
            const details =
              e instanceof AppError ? (e.details as { errors?: RegistryRowError[] }) : undefined;
            for (const row of details?.errors ?? []) console.error(`  ${row.message.zh} / ${row.message.en}`);
            throw e;
          });
        print(opts.format, report, () =>
          [
            `${report.fileName} (${report.format}${report.encoding ? `, ${report.encoding}` : ''}): ` +
              `新增 created ${report.created}, 更新 updated ${report.updated}, 未变 unchanged ${report.unchanged}, 拒绝 rejected ${report.rejected}`,
            ...(report.unknownColumns.length
              ? [`未识别的列 / unknown columns: ${report.unknownColumns.join(', ')}`]
              : []),
            ...report.errors.map((e) => `  ${e.message.zh} / ${e.message.en}`),
          ].join('\n'),
        );
      }),
    );

  program
    .command('sync')
    .description('同步上游系统 / sync upstream sources')
    .argument(
      '[source]',
      `数据源（省略时全部）/ one source, all when omitted: ${SOURCE_IDS.join(', ')}`,
      sourceArg,
    )
    .option('--full', '全量同步 / full instead of incremental')
    .addOption(formatOption())
    .action((source: SourceId | undefined, opts: { full?: boolean; format: OutputFormat }) =>
      withHub(async (ctx) => {
        const { SyncService } = await import('./modules/sources/sync.service.js');
        const sync = ctx.get(SyncService);
        const mode = opts.full ? 'full' : undefined;
        const summaries = source ? [await sync.sync(source, mode)] : await sync.syncAll(mode);
        print(opts.format, summaries, () =>
          summaries
            .map(
              (s) =>
                `${s.source} ${s.mode}: ${s.status}, pages ${s.pagesFetched} (failed ${s.pagesFailed}), ` +
                `records ${s.recordsSeen} (invalid ${s.recordsInvalid}, changed ${s.recordsChanged}), ${s.ms} ms` +
                (s.error ? `\n  ${s.error}` : ''),
            )
            .join('\n'),
        );
        if (summaries.some((s) => s.status !== 'succeeded')) process.exitCode = 1;
      }),
    );

  program
    .command('scan')
    .description(
      '全量扫描：同步全部数据源并检查全部项目，作业由本进程与其他副本共同执行 / full scan on the shared job queue, with progress',
    )
    .option('--full', '全量同步 / full instead of incremental')
    .addOption(formatOption())
    .action((opts: { full?: boolean; format: OutputFormat }) =>
      withHub(async (ctx) => {
        const [{ ScanOrchestrator }, { JobQueue }, { Presets, SingleBar }] = await Promise.all([
          import('./modules/scans/scan-orchestrator.service.js'),
          import('./infra/jobs/job-queue.js'),
          import('cli-progress'),
        ]);
        const scans = ctx.get(ScanOrchestrator);
        // This process works on the scan too, alongside any running replicas.
        if (ctx.get(JobQueue).runsWorkers) await scans.startWorkers();
        const id = await scans.start('cli', cliActor(), opts.full ? 'full' : undefined);
        const bar = new SingleBar(
          {
            format: '扫描 scan [{bar}] {value}/{total} jobs  {phase}',
            stream: process.stderr,
            hideCursor: true,
          },
          Presets.shades_classic,
        );
        bar.start(1, 0, { phase: 'sync' });
        const progress = await scans.waitFor(id, (p) => {
          const phase = (['sync', 'bind', 'evaluate', 'finish'] as const).find(
            (k) => p.phases[k].done < p.phases[k].total,
          );
          bar.setTotal(p.jobs.total);
          bar.update(p.jobs.done, { phase: phase ?? 'done' });
        });
        bar.stop();
        const report = progress.report!;
        if (progress.status === 'failed') {
          throw new AppError('INTERNAL', {
            zh: `扫描 ${id} 失败：${progress.error}`,
            en: `Scan ${id} failed: ${progress.error}`,
          });
        }
        print(opts.format, report, () => {
          const s = report.summary!;
          return [
            `scan ${report.id}: ${report.status} (jobs by replica: ${Object.entries(progress.replicas)
              .map(([r, n]) => `${r} ${n}`)
              .join(', ')})`,
            ...report.syncs.map((x) => `  ${x.source}: ${x.status}${x.error ? ` — ${x.error}` : ''}`),
            `  项目 projects ${s.projects}, 不具备验收条件 not ready ${s.notReady}`,
            `  ${Object.entries(s.verdicts)
              .map(([v, n]) => `${v} ${n}`)
              .join(', ')}`,
          ].join('\n');
        });
      }),
    );

  program
    .command('check')
    .description('对一个项目取最新数据并检查 / fetch fresh data for one project and evaluate it')
    .argument('<code>', '项目编码 / project code')
    .addOption(formatOption())
    .action((code: string, opts: { format: OutputFormat }) =>
      withHub(async (ctx) => {
        const { ChecksService } = await import('./modules/checks/checks.service.js');
        const report = await ctx.get(ChecksService).checkProject(code);
        const project = report.project!;
        print(opts.format, project.findings.map(findingJson), () =>
          [
            `${project.projectCode} ${project.name} (${project.packId}) — ` +
              (project.ready
                ? '具备验收条件 / ready for acceptance'
                : `不具备验收条件 / not ready: ${project.blockingRuleIds.join(', ')}`),
            ...report.syncs
              .filter((s) => s.status !== 'succeeded')
              .map((s) => `  ${s.source}: ${s.status} — ${s.error}`),
            findingsTable(project.findings),
          ].join('\n'),
        );
      }),
    );

  program
    .command('findings')
    .description('各项目最近一次检查的结论 / latest findings of every project')
    .option('--project <code>', '只看一个项目 / one project only')
    .addOption(formatOption())
    .action((opts: { project?: string; format: OutputFormat }) =>
      withHub(async (ctx) => {
        const [{ FindingsRepository, toFindingView }, { ProjectsRepository }] = await Promise.all([
          import('./modules/checks/findings.repository.js'),
          import('./modules/projects/projects.repository.js'),
        ]);
        const repo = ctx.get(FindingsRepository);
        let findings;
        if (opts.project) {
          const project = await ctx.get(ProjectsRepository).findByCode(opts.project);
          if (!project) throw AppError.projectNotFound(opts.project);
          findings = ((await repo.latestForProject(project.id)) ?? []).map((f) =>
            toFindingView(f, project.code),
          );
        } else {
          findings = await repo.latestAll(ALL_PROJECTS);
        }
        print(opts.format, findings.map(findingJson), () => findingsTable(findings));
      }),
    );

  const byOption = () =>
    new Option('--by <name>', '代谁操作（记入审计）/ on whose behalf, for the audit trail');
  const commentOption = () =>
    new Option('--comment <text>', '说明（记入审计）/ a comment, for the audit trail');
  const bindings = () => import('./modules/bindings/bindings-admin.service.js');
  const bindingLine = (b: BindingView) =>
    `${b.id}  ${b.status.padEnd(9)} ${b.record.source}/${b.record.kind}/${b.record.externalId}` +
    ` → ${b.project.code} ${b.project.name}` +
    (b.record.systemName ? `  「${b.record.systemName}」` : '') +
    (b.score !== null ? `  score ${b.score}` : '') +
    (b.decidedBy ? `  (${b.decidedBy} ${b.decidedAt})` : '');
  /** A decision's line, then what judging its project again changed. */
  const decisionLines = (b: BindingDecisionView) =>
    bindingLine(b) +
    `\n  ${b.rejudged.message.zh} / ${b.rejudged.message.en}` +
    b.rejudged.changes.map((c) => `\n    ${c.ruleId}: ${c.from ?? '-'} → ${c.to}`).join('') +
    (b.rejudged.error ? `\n  ${b.rejudged.error.zh} / ${b.rejudged.error.en}` : '');

  program
    .command('bindings')
    .description('记录与项目的绑定 / record ↔ project bindings')
    .option('--pending', '只看待确认的建议匹配 / suggestions awaiting a decision')
    .option('--project <code>', '只看一个项目 / one project only')
    .addOption(formatOption())
    .action((opts: { pending?: boolean; project?: string; format: OutputFormat }) =>
      withHub(async (ctx) => {
        const { BindingsAdminService } = await bindings();
        const { items, total } = await ctx.get(BindingsAdminService).list({
          status: opts.pending ? 'pending' : undefined,
          projectCode: opts.project,
          skip: 0,
          take: 10_000,
        });
        print(opts.format, items, () => [`${total} binding(s)`, ...items.map(bindingLine)].join('\n'));
      }),
    );

  for (const [name, zh, verb] of [
    ['confirm', '确认建议匹配', 'confirm'],
    ['reject', '否决建议匹配', 'reject'],
  ] as const) {
    program
      .command(name)
      .description(`${zh} / ${verb} a suggested match`)
      .argument(
        '<bindingId>',
        '绑定 ID（见 hub bindings --pending）/ binding id, from hub bindings --pending',
      )
      .addOption(byOption())
      .addOption(commentOption())
      .action((id: string, opts: { by?: string; comment?: string }) =>
        withHub(async (ctx) => {
          const { BindingsAdminService } = await bindings();
          console.log(
            decisionLines(await ctx.get(BindingsAdminService)[verb](id, cliActor(opts.by), opts.comment)),
          );
        }),
      );
  }

  program
    .command('bind')
    .description('手工绑定记录到项目 / bind a record to a project')
    .argument('<record>', '记录 ID 或 数据源/类型/外部ID / record id or source/kind/externalId')
    .argument('<project>', '项目编码 / project code')
    .addOption(byOption())
    .addOption(commentOption())
    .action((record: string, project: string, opts: { by?: string; comment?: string }) =>
      withHub(async (ctx) => {
        const { BindingsAdminService } = await bindings();
        console.log(
          decisionLines(
            await ctx.get(BindingsAdminService).bind(record, project, cliActor(opts.by), opts.comment),
          ),
        );
      }),
    );

  program
    .command('unbind')
    .description('解除绑定 / undo a binding')
    .argument('<record>', '记录 ID 或 数据源/类型/外部ID / record id or source/kind/externalId')
    .argument('<project>', '项目编码 / project code')
    .addOption(byOption())
    .addOption(commentOption())
    .action((record: string, project: string, opts: { by?: string; comment?: string }) =>
      withHub(async (ctx) => {
        const { BindingsAdminService } = await bindings();
        console.log(
          decisionLines(
            await ctx.get(BindingsAdminService).unbind(record, project, cliActor(opts.by), opts.comment),
          ),
        );
      }),
    );

  program
    .command('orphans')
    .description('未归属任何项目的运行中云资源 / running cloud resources of no project')
    .addOption(formatOption())
    .action((opts: { format: OutputFormat }) =>
      withHub(async (ctx) => {
        const [{ unboundRunningResources }, { PrismaService }] = await Promise.all([
          bindings(),
          import('./infra/database/prisma.service.js'),
        ]);
        const rows = await unboundRunningResources(ctx.get(PrismaService));
        print(opts.format, rows, () =>
          [
            `${rows.length} running resource(s) bound to no project`,
            ...rows.map(
              (r) =>
                `${r.resourceId}  ${r.systemName ?? '-'}  unit ${r.unitCode ?? '-'}  code ${r.projectCode ?? '-'}` +
                (r.suggestedProjects.length ? `  suggested: ${r.suggestedProjects.join(', ')}` : ''),
            ),
          ].join('\n'),
        );
      }),
    );

  program
    .command('sources')
    .description('上游系统同步状态 / upstream source status')
    .option(
      '--problems',
      "同时列出最近一次同步的问题记录及其所属项目 / also list the last sync's problem records and their projects",
    )
    .addOption(formatOption())
    .action((opts: { format: OutputFormat; problems?: boolean }) =>
      withHub(async (ctx) => {
        const { SourcesStatusService } = await import('./modules/sources/sources-status.js');
        const status = ctx.get(SourcesStatusService);
        const rows = await status.lastSyncs();
        const problems = opts.problems
          ? await Promise.all(rows.filter((r) => r.configured).map((r) => status.problems(r.source)))
          : [];
        print(opts.format, opts.problems ? { sources: rows, problems } : rows, () =>
          [
            ...rows.map((r) =>
              !r.configured
                ? `${r.source.padEnd(18)} ${r.title.zh}: 未配置 / not configured`
                : `${r.source.padEnd(18)} ${r.title.zh}: ${r.lastSync?.status ?? 'never'}` +
                  `, complete ${r.completeness === null ? '-' : `${Math.round(r.completeness * 100)}%`}` +
                  `, ${r.fresh ? 'fresh' : 'STALE'} (age ${r.ageHours ?? '-'} h), records ${r.records}` +
                  `, untrusted ${r.untrusted}, tombstones ${r.tombstones}, problems ${r.problems}, circuit ${r.circuit}` +
                  (r.shortfall ? `\n    ${r.shortfall.zh}` : '') +
                  (r.recovery
                    ? `\n    定向补取 / recovery: ${r.recovery.recoveredProjects} 个项目补齐 / projects made whole, ${r.recovery.requests} 次请求 / requests`
                    : '') +
                  (r.lastSync?.error ? `\n    ${r.lastSync.error}` : ''),
            ),
            ...problems.flatMap((p) =>
              p.problems.map(
                (x) =>
                  `${p.source}/${x.kind}/${x.externalId ?? '-'}` +
                  (x.projects.length
                    ? ` → ${x.projects.map((b) => `${b.code}（${b.binding}）`).join('、')}`
                    : '') +
                  `\n    ${x.reason.zh}`,
              ),
            ),
          ].join('\n'),
        );
      }),
    );

  program
    .command('rules')
    .description('规则目录 / the rule catalogue')
    .option(
      '--pack <id>',
      '只看一个政策包（已加载的政策包标识，如 yueyang）/ one pack only: a loaded pack id, e.g. yueyang',
    )
    .addOption(formatOption())
    .action(async (opts: { pack?: string; format: OutputFormat }) => {
      // Pure catalogue: no database needed.
      const [{ packFor, packIds }, { ruleView }, { registerEnvPacks }] = await Promise.all([
        import('@hub/rules'),
        import('./modules/packs/packs.controller.js'),
        import('./config/env.js'),
      ]);
      registerEnvPacks();
      const ids = opts.pack ? [opts.pack] : packIds();
      const unknown = ids.filter((id) => !packIds().includes(id));
      if (unknown.length) {
        throw new AppError('NOT_FOUND', {
          zh: `政策包 ${unknown.join(', ')} 不存在`,
          en: `No policy pack ${unknown.join(', ')}`,
        });
      }
      const rules = ids.flatMap((id) => packFor(id).rules.map((r) => ruleView(r as never)));
      print(opts.format, rules, () => rulesTable(rules));
    });

  const audit = program.command('audit').description('审计日志 / the audit trail');
  audit
    .command('verify')
    .description(
      '校验密钥链并与外部检查点比对，指出被截断的尾部或被改写的条目（退出码 3）/ verify the keyed chain against its checkpoints; exit code 3 when broken',
    )
    .addOption(formatOption())
    .action((opts: { format: OutputFormat }) =>
      withHub(async (ctx) => {
        const { AuditCheckpointService } = await import('./modules/audit/audit-checkpoint.service.js');
        const result = await ctx.get(AuditCheckpointService).verify();
        print(opts.format, result, () => verificationText(result));
        if (!result.ok) process.exitCode = 3;
      }),
    );
  audit
    .command('list')
    .description('最近的审计条目 / latest audit entries')
    .option('--actor <name>', '操作人 / who acted, e.g. zhang.gong or cli:root')
    .option('--action <action>', '操作 / action, e.g. auth.sign-in-failed')
    .option('--object <type:id>', '对象 / object, e.g. binding:<id>')
    .option('--from <instant>', '起始时间（ISO，含时区）/ from, ISO instant with offset', isoInstant)
    .option('--to <instant>', '截止时间 / to', isoInstant)
    .option('--limit <n>', '条数 / how many', '50')
    .addOption(formatOption())
    .action(
      (opts: {
        actor?: string;
        action?: string;
        object?: string;
        from?: Date;
        to?: Date;
        limit: string;
        format: OutputFormat;
      }) =>
        withHub(async (ctx) => {
          const { AuditService } = await import('./modules/audit/audit.service.js');
          const [objectType, objectId] = opts.object ? opts.object.split(':') : [];
          const { items } = await ctx.get(AuditService).list({
            actor: opts.actor,
            action: opts.action,
            objectType,
            objectId,
            from: opts.from,
            to: opts.to,
            skip: 0,
            take: Math.max(1, Math.min(1000, Number(opts.limit) || 50)),
          });
          print(opts.format, items, () =>
            items
              .map(
                (e) =>
                  `${e.seq}  ${formatBeijingTime(e.at)}  ${e.actor}  ${e.actionTitle.zh}（${e.action}）  ${e.objectType}:${e.objectId}`,
              )
              .join('\n'),
          );
        }),
    );

  const users = program.command('users').description('用户 / users');
  const usersService = () => import('./modules/auth/users.service.js');
  const userLine = (u: UserView) =>
    `${u.username.padEnd(20)} ${u.role.padEnd(10)} ${u.unitCode ?? '-'.padEnd(18)}  ${u.displayName}` +
    `${u.disabled ? '  [停用 disabled]' : ''}${u.mustChangePassword ? '  [待改密 must change password]' : ''}`;
  const printOneTimePassword = (username: string, password: string | null) => {
    if (password) {
      console.log(`一次性密码（只显示这一次，首次登录须修改）/ one-time password, shown once: ${password}`);
      console.log(`  用户 / user: ${username}`);
    }
  };
  users
    .command('list')
    .description('用户列表 / list users')
    .addOption(formatOption())
    .action((opts: { format: OutputFormat }) =>
      withHub(async (ctx) => {
        const { UsersService } = await usersService();
        const list = await ctx.get(UsersService).list();
        print(opts.format, list, () => list.map(userLine).join('\n'));
      }),
    );
  users
    .command('create')
    .description('新建用户，打印一次性密码 / create a user and print a one-time password')
    .argument('<username>', '登录名 / login name')
    .requiredOption('--role <role>', `角色 / role: ${ROLES.join(', ')}`)
    .option('--name <displayName>', '显示名 / display name')
    .option('--unit <creditCode>', '建设单位的统一社会信用代码（仅 applicant）/ applicant’s unit code')
    .action((username: string, opts: { role: string; name?: string; unit?: string }) =>
      withHub(async (ctx) => {
        const { UsersService } = await usersService();
        const { user, oneTimePassword } = await ctx.get(UsersService).create(
          {
            username,
            displayName: opts.name ?? username,
            role: opts.role as Role,
            unitCode: opts.unit ?? null,
          },
          cliActor(),
        );
        console.log(userLine(user));
        printOneTimePassword(user.username, oneTimePassword);
      }),
    );
  users
    .command('update')
    .description('修改角色、单位或停用 / change role or unit, disable or enable')
    .argument('<username>', '登录名 / login name')
    .option('--role <role>', `角色 / role: ${ROLES.join(', ')}`)
    .option('--unit <creditCode>', '建设单位的统一社会信用代码（仅 applicant）/ applicant’s unit code')
    .option('--name <displayName>', '显示名 / display name')
    .option('--disable', '停用 / disable')
    .option('--enable', '启用 / enable')
    .action(
      (
        username: string,
        opts: { role?: string; unit?: string; name?: string; disable?: boolean; enable?: boolean },
      ) =>
        withHub(async (ctx) => {
          const { UsersService } = await usersService();
          const user = await ctx.get(UsersService).update(
            username,
            {
              ...(opts.role ? { role: opts.role as Role } : {}),
              ...(opts.unit
                ? { unitCode: opts.unit }
                : opts.role && opts.role !== 'applicant'
                  ? { unitCode: null }
                  : {}),
              ...(opts.name ? { displayName: opts.name } : {}),
              ...(opts.disable ? { disabled: true } : opts.enable ? { disabled: false } : {}),
            },
            cliActor(),
          );
          console.log(userLine(user));
        }),
    );
  users
    .command('reset-password')
    .description('重置为一次性密码并结束其会话 / reset to a one-time password, ending the user’s sessions')
    .argument('<username>', '登录名 / login name')
    .action((username: string) =>
      withHub(async (ctx) => {
        const { UsersService } = await usersService();
        const { user, oneTimePassword } = await ctx.get(UsersService).resetPassword(username, cliActor());
        printOneTimePassword(user.username, oneTimePassword);
      }),
    );

  const tokens = program.command('tokens').description('API 令牌 / API tokens');
  const tokensService = () => import('./modules/auth/tokens.service.js');
  const tokenLine = (t: TokenView) =>
    `${t.id}  ${t.prefix}…  ${t.status.padEnd(7)} ${t.username.padEnd(16)} ${t.role.padEnd(10)} ` +
    `expires ${t.expiresAt}  ${t.name}${t.lastUsedAt ? `  (last used ${t.lastUsedAt})` : ''}`;
  tokens
    .command('create')
    .description('签发 API 令牌（明文只显示这一次）/ issue an API token; printed once')
    .requiredOption('--user <username>', '令牌代表的用户 / the user the token acts as')
    .requiredOption('--name <name>', '用途 / what it is for')
    .option('--expires-in-days <n>', '有效天数 1–365 / days valid', '90')
    .addOption(formatOption())
    .action((opts: { user: string; name: string; expiresInDays: string; format: OutputFormat }) =>
      withHub(async (ctx) => {
        const [{ UsersService }, { TokensService }] = await Promise.all([usersService(), tokensService()]);
        const owner = await ctx.get(UsersService).get(opts.user);
        const { token, view } = await ctx
          .get(TokensService)
          .create(owner, { name: opts.name, expiresInDays: Number(opts.expiresInDays) }, cliActor());
        print(opts.format, { token, ...view }, () =>
          [tokenLine(view), `令牌（只显示这一次）/ token, shown once:`, token].join('\n'),
        );
      }),
    );
  tokens
    .command('list')
    .description('全部令牌（不含明文）/ every token, without secrets')
    .option('--user <username>', '只看一个用户 / one user only')
    .addOption(formatOption())
    .action((opts: { user?: string; format: OutputFormat }) =>
      withHub(async (ctx) => {
        const [{ UsersService }, { TokensService }] = await Promise.all([usersService(), tokensService()]);
        const owner = opts.user ? await ctx.get(UsersService).get(opts.user) : null;
        const list = await ctx.get(TokensService).list(owner?.id ?? null);
        print(opts.format, list, () => list.map(tokenLine).join('\n'));
      }),
    );
  tokens
    .command('revoke')
    .description('吊销令牌 / revoke a token')
    .argument('<tokenId>', '令牌 ID（见 hub tokens list）/ token id, from hub tokens list')
    .action((id: string) =>
      withHub(async (ctx) => {
        const { TokensService } = await tokensService();
        console.log(tokenLine(await ctx.get(TokensService).revoke(id, cliActor(), null)));
      }),
    );

  program
    .command('routes')
    .description('每个接口的访问策略 / every API route with its access policy')
    .addOption(formatOption())
    .action((opts: { format: OutputFormat }) =>
      withHub(async (ctx) => {
        const [{ DiscoveryService, Reflector }, { routeTable }] = await Promise.all([
          import('@nestjs/core'),
          import('./modules/auth/policy.js'),
        ]);
        const routes = routeTable(ctx.get(DiscoveryService), ctx.get(Reflector)).map((r) => ({
          method: r.method,
          path: r.path,
          policy: !r.policy ? 'NONE (denied)' : r.policy.kind === 'public' ? 'public' : r.policy.permission,
          roles: !r.policy
            ? []
            : r.policy.kind === 'public'
              ? ['anyone']
              : ROLES.filter((role) => roleAllows(role, (r.policy as { permission: Permission }).permission)),
        }));
        print(opts.format, routes, () =>
          routes
            .map(
              (r) =>
                `${r.method.padEnd(6)} ${r.path.padEnd(36)} ${r.policy.padEnd(16)} ${r.roles.join(', ')}`,
            )
            .join('\n'),
        );
      }),
    );

  registerReviewCommands(program);
  registerPacksCommands(program);

  registerExemptionsCommands(program);
  registerDisputesCommands(program);

  registerHistoryCommands(program);

  registerAlertsCommands(program);

  registerNotificationsCommands(program);

  registerKeysCommands(program);

  const db = program.command('db').description('数据库 / database');
  db.command('migrate')
    .description('执行数据库迁移 / apply pending migrations')
    .action(() => withHub(async () => {}));

  return program;
}

/**
 * What a failed command prints on stderr, and the exit code it ends with: 2 for a command line that
 * is not valid usage (commander has already said why, see HubCommand), 78 for a bad environment, 1
 * for a command that failed. Help and the version end here too, with 0.
 */
export function reportFailure(e: unknown): number {
  if (e instanceof InvalidArgumentError) {
    // a value an action found wrong once it read it (the parsers' ones are reported by commander)
    console.error(`用法错误 / usage error: ${e.message}`);
    return EXIT_USAGE;
  }
  // `hub` alone prints the help as an error: it named no command.
  if (e instanceof CommanderError) return e.code === 'commander.help' && e.exitCode ? EXIT_USAGE : e.exitCode;
  if (e instanceof AppError) console.error(`错误 / error [${e.code}]: ${e.text.zh}\n${e.text.en}`);
  else if (e instanceof StartupError) console.error(`错误：${e.text.zh}\nerror: ${e.text.en}`);
  else if (e instanceof InvalidEnvError) {
    console.error(e.message);
    return EXIT_CONFIG;
  } else console.error(e);
  return EXIT_FAILURE;
}

/** Runs `hub` on `argv` (as process.argv); resolves to the exit code of a failure, if it failed. */
export async function runCli(argv: readonly string[]): Promise<number | undefined> {
  try {
    await buildCli().parseAsync(argv);
    return undefined;
  } catch (e) {
    return reportFailure(e);
  }
}

if (require.main === module) {
  void runCli(process.argv).then((code) => {
    if (code !== undefined) process.exitCode = code;
  });
}
