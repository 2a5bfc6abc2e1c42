import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { POLICY_PACK_IDS, SOURCE_IDS, type PolicyPackId, type SourceId } from '@hub/contracts';
import { PACKS } from '@hub/rules';
import { Command, InvalidArgumentError, Option } from 'commander';
import { createAppContext, prepareDatabase } from './bootstrap';
import { findingJson, findingsTable, rulesTable, type OutputFormat } from './cli/format';
import { ruleView } from './modules/packs/packs.controller';
import { AppError } from './common/app-error';
import { InvalidEnvError, loadEnv } from './config/env';
import { createLogger } from './infra/logger';
import { ChecksService } from './modules/checks/checks.service';
import { FindingsRepository, toFindingView } from './modules/checks/findings.repository';
import { ProjectsRepository } from './modules/projects/projects.repository';
import { RegistryImportService } from './modules/registry/registry-import.service';
import { SyncService } from './modules/sources/sync.service';
import { SourcesStatusService } from './modules/sources/sources-status';
import {
  BindingsAdminService,
  unboundRunningResources,
  type BindingView,
} from './modules/bindings/bindings-admin.service';
import { PrismaService } from './infra/database/prisma.service';
import { AuditService } from './modules/audit/audit.service';

/**
 * `npm run hub -- <command>`: the same services as the API, on the same database (the running hub's
 * embedded server when there is one, otherwise started for the command and stopped after). Results
 * go to stdout, logs to stderr. Commands never start a sandbox: upstreams must be reachable.
 */
type Action = (ctx: INestApplicationContext) => Promise<void>;

async function withHub(action: Action): Promise<void> {
  const env = loadEnv({ HUB_LOG_LEVEL: 'warn', ...process.env });
  const logger = createLogger(env.HUB_LOG_LEVEL, 'stderr');
  const base = await prepareDatabase(env, logger);
  let ctx: INestApplicationContext | undefined;
  try {
    ctx = await createAppContext(env, logger, base);
    await action(ctx);
  } finally {
    await ctx?.close();
    await base.db.stop();
  }
}

const formatOption = () =>
  new Option('--format <format>', '输出格式 / output format').choices(['table', 'json']).default('table');

function print(format: OutputFormat, json: unknown, table: () => string): void {
  console.log(format === 'json' ? JSON.stringify(json, null, 2) : table());
}

function sourceArg(value: string): SourceId {
  if (!(SOURCE_IDS as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`未知的数据源 / unknown source; one of: ${SOURCE_IDS.join(', ')}`);
  }
  return value as SourceId;
}

export function buildCli(): Command {
  const program = new Command('hub')
    .description('政务信息化项目验收合规中枢 / e-government acceptance compliance hub')
    .showHelpAfterError();

  program
    .command('import')
    .description('导入项目台账 (.xlsx/.csv) / import the registry workbook')
    .argument('<file>')
    .addOption(formatOption())
    .action((file: string, opts: { format: OutputFormat }) =>
      withHub(async (ctx) => {
        if (!fs.existsSync(file)) {
          throw new AppError('INVALID_REQUEST', { zh: `文件不存在：${file}`, en: `No such file: ${file}` });
        }
        const report = await ctx
          .get(RegistryImportService)
          .import(path.basename(file), fs.readFileSync(file), `cli:${os.userInfo().username}`);
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
    .argument('[source]', `one of ${SOURCE_IDS.join(', ')}`, sourceArg)
    .option('--full', '全量同步 / full instead of incremental')
    .addOption(formatOption())
    .action((source: SourceId | undefined, opts: { full?: boolean; format: OutputFormat }) =>
      withHub(async (ctx) => {
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
    .description('同步全部数据源并检查全部项目 / sync every source and evaluate every project')
    .option('--full', '全量同步 / full instead of incremental')
    .addOption(formatOption())
    .action((opts: { full?: boolean; format: OutputFormat }) =>
      withHub(async (ctx) => {
        const report = await ctx.get(ChecksService).scan(opts.full ? 'full' : undefined);
        print(opts.format, report, () => {
          const s = report.summary!;
          return [
            `scan ${report.id}: ${report.status}`,
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
        const repo = ctx.get(FindingsRepository);
        let findings;
        if (opts.project) {
          const project = await ctx.get(ProjectsRepository).findByCode(opts.project);
          if (!project) throw AppError.projectNotFound(opts.project);
          findings = ((await repo.latestForProject(project.id)) ?? []).map((f) =>
            toFindingView(f, project.code),
          );
        } else {
          findings = await repo.latestAll();
        }
        print(opts.format, findings.map(findingJson), () => findingsTable(findings));
      }),
    );

  const byOption = () => new Option('--by <name>', '操作人 / who decides').default(os.userInfo().username);
  const bindingLine = (b: BindingView) =>
    `${b.id}  ${b.status.padEnd(9)} ${b.record.source}/${b.record.kind}/${b.record.externalId}` +
    ` → ${b.project.code} ${b.project.name}` +
    (b.record.systemName ? `  「${b.record.systemName}」` : '') +
    (b.score !== null ? `  score ${b.score}` : '') +
    (b.decidedBy ? `  (${b.decidedBy} ${b.decidedAt})` : '');

  program
    .command('bindings')
    .description('记录与项目的绑定 / record ↔ project bindings')
    .option('--pending', '只看待确认的建议匹配 / suggestions awaiting a decision')
    .option('--project <code>', '只看一个项目 / one project only')
    .addOption(formatOption())
    .action((opts: { pending?: boolean; project?: string; format: OutputFormat }) =>
      withHub(async (ctx) => {
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
      .argument('<bindingId>')
      .addOption(byOption())
      .option('--comment <text>')
      .action((id: string, opts: { by: string; comment?: string }) =>
        withHub(async (ctx) => {
          console.log(bindingLine(await ctx.get(BindingsAdminService)[verb](id, opts.by, opts.comment)));
        }),
      );
  }

  program
    .command('bind')
    .description('手工绑定记录到项目 / bind a record to a project')
    .argument('<record>', '记录 ID 或 数据源/类型/外部ID / record id or source/kind/externalId')
    .argument('<project>', '项目编码 / project code')
    .addOption(byOption())
    .option('--comment <text>')
    .action((record: string, project: string, opts: { by: string; comment?: string }) =>
      withHub(async (ctx) => {
        console.log(
          bindingLine(await ctx.get(BindingsAdminService).bind(record, project, opts.by, opts.comment)),
        );
      }),
    );

  program
    .command('unbind')
    .description('解除绑定 / undo a binding')
    .argument('<record>')
    .argument('<project>')
    .addOption(byOption())
    .option('--comment <text>')
    .action((record: string, project: string, opts: { by: string; comment?: string }) =>
      withHub(async (ctx) => {
        console.log(
          bindingLine(await ctx.get(BindingsAdminService).unbind(record, project, opts.by, opts.comment)),
        );
      }),
    );

  program
    .command('orphans')
    .description('未归属任何项目的运行中云资源 / running cloud resources of no project')
    .addOption(formatOption())
    .action((opts: { format: OutputFormat }) =>
      withHub(async (ctx) => {
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
    .addOption(formatOption())
    .action((opts: { format: OutputFormat }) =>
      withHub(async (ctx) => {
        const rows = await ctx.get(SourcesStatusService).lastSyncs();
        print(opts.format, rows, () =>
          rows
            .map((r) =>
              !r.configured
                ? `${r.source.padEnd(18)} ${r.title.zh}: 未配置 / not configured`
                : `${r.source.padEnd(18)} ${r.title.zh}: ${r.lastSync?.status ?? 'never'}` +
                  `, complete ${r.completeness === null ? '-' : `${Math.round(r.completeness * 100)}%`}` +
                  `, ${r.fresh ? 'fresh' : 'STALE'} (age ${r.ageHours ?? '-'} h), records ${r.records}` +
                  `, tombstones ${r.tombstones}, problems ${r.problems}, circuit ${r.circuit}` +
                  (r.lastSync?.error ? `\n    ${r.lastSync.error}` : ''),
            )
            .join('\n'),
        );
      }),
    );

  program
    .command('rules')
    .description('规则目录 / the rule catalogue')
    .option('--pack <id>', '只看一个政策包 / one pack only (yueyang, chenzhou)')
    .addOption(formatOption())
    .action(async (opts: { pack?: string; format: OutputFormat }) => {
      // Pure catalogue: no database needed.
      const ids = opts.pack ? [opts.pack] : [...POLICY_PACK_IDS];
      const unknown = ids.filter((id) => !(POLICY_PACK_IDS as readonly string[]).includes(id));
      if (unknown.length) {
        throw new AppError('NOT_FOUND', {
          zh: `政策包 ${unknown.join(', ')} 不存在`,
          en: `No policy pack ${unknown.join(', ')}`,
        });
      }
      const rules = ids.flatMap((id) => PACKS[id as PolicyPackId].rules.map((r) => ruleView(r as never)));
      print(opts.format, rules, () => rulesTable(rules));
    });

  const audit = program.command('audit').description('审计日志 / the audit trail');
  audit
    .command('verify')
    .description('校验哈希链，报告第一个断开的条目 / verify the hash chain, report the first broken entry')
    .action(() =>
      withHub(async (ctx) => {
        const result = await ctx.get(AuditService).verify();
        if (result.ok) {
          console.log(`审计日志完整 / audit trail intact: ${result.entries} entries`);
        } else {
          console.log(
            `审计日志被篡改 / audit trail broken at entry ${result.firstBroken!.seq}: ${result.firstBroken!.reason}`,
          );
          process.exitCode = 3;
        }
      }),
    );
  audit
    .command('list')
    .description('最近的审计条目 / latest audit entries')
    .option('--actor <name>')
    .option('--object <type:id>', '对象 / object, e.g. binding:<id>')
    .option('--limit <n>', '条数 / how many', '50')
    .addOption(formatOption())
    .action((opts: { actor?: string; object?: string; limit: string; format: OutputFormat }) =>
      withHub(async (ctx) => {
        const [objectType, objectId] = opts.object ? opts.object.split(':') : [];
        const { items } = await ctx.get(AuditService).list({
          actor: opts.actor,
          objectType,
          objectId,
          skip: 0,
          take: Math.max(1, Math.min(1000, Number(opts.limit) || 50)),
        });
        print(opts.format, items, () =>
          items
            .map((e) => `${e.seq}  ${e.at}  ${e.actor}  ${e.action}  ${e.objectType}:${e.objectId}`)
            .join('\n'),
        );
      }),
    );

  const db = program.command('db').description('数据库 / database');
  db.command('migrate')
    .description('执行数据库迁移 / apply pending migrations')
    .action(() => withHub(async () => {}));

  return program;
}

if (require.main === module) {
  buildCli()
    .parseAsync(process.argv)
    .catch((e: unknown) => {
      if (e instanceof AppError) console.error(`错误 / error [${e.code}]: ${e.text.zh}\n${e.text.en}`);
      else if (e instanceof InvalidEnvError) console.error(e.message);
      else console.error(e);
      process.exitCode = 1;
    });
}
