import fs from 'node:fs';
import path from 'node:path';
import { packsCommand } from './packs.commands';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { OPINION_LANGUAGES, type OpinionLanguage } from '@hub/reports/types';
import { z } from 'zod';
import { ALL_PROJECTS } from '../modules/auth/roles';
import type { RectificationItemView } from '../modules/reviews/rectification';
import { OPINION_FORMATS, PORTFOLIO_FORMATS, REVIEW_DECISIONS } from '../modules/reviews/review.types';
import type { ReviewView } from '../modules/reviews/reviews.service';
import { cliActor, cliRequester, formatOption, print, withHub } from './context';
import type { OutputFormat } from './format';

/** One item on one line, then what was done and the re-check's warning on the lines below it. */
const itemLines = (i: RectificationItemView, indent = '    ') =>
  `\n${indent}整改 ${i.deadline} ${i.status.padEnd(4)} ${i.ruleId ?? '-'}  ${i.description}  [${i.owner}]` +
  (i.carriedFrom ? `  (转自 ${i.carriedFrom.documentNo})` : '') +
  (i.carriedTo ? `  (已转入 ${i.carriedTo.documentNo})` : '') +
  (i.status === 'done'
    ? `\n${indent}  完成 ${i.doneBy ?? ''} ${i.doneAt ?? ''}  ${i.note ?? ''}` +
      (i.attachment ? `  附件 ${i.attachment.fileName}` : '')
    : '') +
  (i.recheck
    ? `\n${indent}  ⚠ ${i.recheck.warning.zh} (${i.recheck.verdict}) / ${i.recheck.warning.en}`
    : '');

const reviewLine = (r: ReviewView) =>
  `${r.id}  ${r.documentNo}  ${r.projectCode} ${r.projectName}  ${r.status}` +
  (r.decision ? ` → ${r.decision} (${r.decidedBy} ${r.decidedAt})` : '') +
  (r.opinionNo ? `  ${r.opinionNo}` : '') +
  (r.overrideReason ? `  [override: ${r.overrideReason}]` : '') +
  r.items.map((i) => itemLines(i)).join('') +
  r.itemHistory.map((i) => itemLines(i)).join('');

interface ItemOption {
  ruleId: string | null;
  description: string;
  deadline: string;
  owner?: string;
}

/** `RULE|description|YYYY-MM-DD[|owner]` (the rule may be empty) → a rectification item. */
function itemArg(value: string, previous: ItemOption[] = []): ItemOption[] {
  const [ruleId, description, deadline, owner, ...rest] = value.split('|');
  if (!description || !deadline || !z.iso.date().safeParse(deadline).success || rest.length > 0) {
    throw new InvalidArgumentError(
      '整改事项格式为 “规则ID|描述|YYYY-MM-DD|责任单位（可省略）” / expected RULE|description|YYYY-MM-DD[|owner]',
    );
  }
  return [...previous, { ruleId: ruleId || null, description, deadline, ...(owner ? { owner } : {}) }];
}

/** The file of `--attach`, read whole (the service bounds its size and checks its type). */
function readAttachment(file: string): { fileName: string; content: Buffer } {
  let content: Buffer;
  try {
    content = fs.readFileSync(file);
  } catch (e) {
    throw new InvalidArgumentError(
      `无法读取附件 ${file}：${(e as Error).message} / cannot read the attachment ${file}`,
    );
  }
  return { fileName: path.basename(file), content };
}

function writeOut(file: string | undefined, body: Buffer): void {
  if (file) {
    fs.writeFileSync(file, body);
    console.error(`已写入 / written: ${file} (${body.length} bytes)`);
  } else {
    process.stdout.write(body);
  }
}

/** `hub review …`, `hub reviews`, `hub opinion`, `hub portfolio`, `hub packs …`. */
export function registerReviewCommands(program: Command): void {
  const review = program.command('review').description('竣工验收前技术审查 / pre-acceptance review');
  review
    .command('apply')
    .description('申请审查并立即检查 / apply for a review; a fresh check runs')
    .argument('<projectCode>', '项目编码 / project code')
    .option('--note <text>', '申请说明 / a note on the application')
    .action((code: string, opts: { note?: string }) =>
      withHub(async (ctx) => {
        const { ReviewsService } = await import('../modules/reviews/reviews.service.js');
        console.log(
          reviewLine(await ctx.get(ReviewsService).apply(code, opts.note, cliRequester(), ALL_PROJECTS)),
        );
      }),
    );
  review
    .command('check')
    .description('重新检查（与上次检查对比）/ re-check an undecided review')
    .argument('<reviewId>', '审查 ID / review id')
    .action((id: string) =>
      withHub(async (ctx) => {
        const { ReviewsService } = await import('../modules/reviews/reviews.service.js');
        console.log(reviewLine(await ctx.get(ReviewsService).check(id, cliRequester(), ALL_PROJECTS)));
      }),
    );
  review
    .command('decide')
    .description('审查决定 / decide: approve 同意竣工验收, reject 不同意, rectify 整改后复核')
    .argument('<reviewId>', '审查 ID / review id')
    .addOption(
      new Option('--decision <decision>', '审查决定 / the decision')
        .choices([...REVIEW_DECISIONS])
        .makeOptionMandatory(),
    )
    .option('--comments <text>', '审查意见说明 / comments', '')
    .option(
      '--override-reason <text>',
      '存在阻断项仍同意时的理由（记入审计）/ reason to agree despite blocking findings',
    )
    .option(
      '--item <RULE|description|YYYY-MM-DD[|owner]>',
      '整改事项（责任单位可省略，默认为建设单位），可重复 / rectification item, repeatable',
      itemArg,
    )
    .option(
      '--by <name>',
      '审查人姓名：印在审查意见上，并记入审计 / the reviewer’s name, printed on the opinion and audited',
    )
    .action(
      (
        id: string,
        opts: {
          decision: (typeof REVIEW_DECISIONS)[number];
          comments: string;
          overrideReason?: string;
          item?: ItemOption[];
          by?: string;
        },
      ) =>
        withHub(async (ctx) => {
          const { ReviewsService } = await import('../modules/reviews/reviews.service.js');
          const decided = await ctx.get(ReviewsService).decide(
            id,
            {
              decision: opts.decision,
              comments: opts.comments,
              overrideReason: opts.overrideReason,
              rectification: opts.item ?? [],
            },
            cliActor(opts.by),
            opts.by ?? null,
          );
          console.log(reviewLine(decided));
        }),
    );
  review
    .command('items')
    .description(
      '整改事项及上次审查已完成的事项（复查仍不通过的带警告）/ rectification items, with the previous review’s done ones',
    )
    .argument('<reviewId>', '审查 ID / review id')
    .addOption(formatOption())
    .action((id: string, opts: { format: OutputFormat }) =>
      withHub(async (ctx) => {
        const { ReviewsService } = await import('../modules/reviews/reviews.service.js');
        const items = await ctx.get(ReviewsService).items(id, ALL_PROJECTS);
        print(opts.format, items, () =>
          [
            `${items.documentNo}: ${items.items.length} 项整改事项 / item(s)` +
              items.items.map((i) => `\n  ${i.id}${itemLines(i)}`).join(''),
            ...(items.history.length
              ? [
                  `上次审查已完成 / done in the previous review:` +
                    items.history.map((i) => `\n  ${i.id}${itemLines(i)}`).join(''),
                ]
              : []),
          ].join('\n'),
        );
      }),
    );
  review
    .command('done')
    .description('整改事项已完成 / mark a rectification item done')
    .argument('<reviewId>', '审查 ID / review id')
    .argument('<itemId>', '整改事项 ID / rectification item id')
    .requiredOption('--note <text>', '整改说明：做了什么 / what was done')
    .option(
      '--attach <file>',
      '佐证附件（pdf、jpg、png、docx、xlsx，最大 10 MB）/ evidence file (pdf, jpg, png, docx, xlsx; 10 MB)',
    )
    .requiredOption('--by <name>', '完成人姓名 / who did it')
    .action((id: string, itemId: string, opts: { note: string; attach?: string; by: string }) =>
      withHub(async (ctx) => {
        const { ReviewsService } = await import('../modules/reviews/reviews.service.js');
        const done = await ctx
          .get(ReviewsService)
          .completeItem(
            id,
            itemId,
            { note: opts.note },
            opts.attach ? readAttachment(opts.attach) : null,
            cliActor(opts.by),
            opts.by,
            ALL_PROJECTS,
          );
        console.log(reviewLine(done));
      }),
    );
  program
    .command('reviews')
    .description('审查列表 / reviews')
    .option('--project <code>', '只看一个项目 / one project only')
    .addOption(formatOption())
    .action((opts: { project?: string; format: OutputFormat }) =>
      withHub(async (ctx) => {
        const { ReviewsService } = await import('../modules/reviews/reviews.service.js');
        const list = await ctx.get(ReviewsService).list({ projectCode: opts.project }, ALL_PROJECTS);
        print(opts.format, list, () => list.map(reviewLine).join('\n'));
      }),
    );
  program
    .command('opinion')
    .description('导出技术审查意见 / export the review opinion')
    .argument(
      '<projectCodeOrReviewId>',
      '项目编码（取最近一次审查）或审查 ID / project code (latest review) or review id',
    )
    .addOption(
      new Option('--format <format>', '文件格式 / file format').choices([...OPINION_FORMATS]).default('pdf'),
    )
    .addOption(
      new Option('--lang <lang>', 'zh 仅中文，bilingual 中英对照 / Chinese only, or with English')
        .choices([...OPINION_LANGUAGES])
        .default('zh'),
    )
    .option('-o, --output <file>', '输出文件（省略时写到标准输出）/ output file, stdout when omitted')
    .action(
      (
        ref: string,
        opts: { format: (typeof OPINION_FORMATS)[number]; lang: OpinionLanguage; output?: string },
      ) =>
        withHub(async (ctx) => {
          const [{ ReviewsService }, { renderOpinion }] = await Promise.all([
            import('../modules/reviews/reviews.service.js'),
            import('../modules/reviews/exports.js'),
          ]);
          const reviews = ctx.get(ReviewsService);
          const id = z.uuid().safeParse(ref).success ? ref : (await reviews.latestFor(ref, ALL_PROJECTS)).id;
          const file = await renderOpinion(await reviews.opinion(id, ALL_PROJECTS), opts.format, opts.lang);
          writeOut(opts.output, file.body);
        }),
    );
  program
    .command('portfolio')
    .description('项目总览导出 / every project’s readiness and verdict counts')
    .addOption(
      new Option('--format <format>', '文件格式 / file format')
        .choices([...PORTFOLIO_FORMATS])
        .default('csv'),
    )
    .option('-o, --output <file>', '输出文件（省略时写到标准输出）/ output file, stdout when omitted')
    .option('--unit <creditCode>', '建设单位统一社会信用代码 / construction unit credit code')
    .option('--region <code>', '行政区划代码 / region code')
    .option('--pack <id>', '政策包 / policy pack: yueyang | chenzhou')
    .addOption(
      new Option('--readiness <r>', '验收条件 / readiness').choices(['ready', 'not-ready', 'unchecked']),
    )
    .option('--rule <ruleId>', '最近一次检查有该规则结论的项目 / projects with a finding of this rule')
    .option(
      '--verdict <verdict>',
      '最近一次检查有该结论的项目 / projects with a finding of this verdict: PASS | FAIL | WAIVED | NOT_APPLICABLE | UNKNOWN',
    )
    .action(
      (opts: {
        format: (typeof PORTFOLIO_FORMATS)[number];
        output?: string;
        unit?: string;
        region?: string;
        pack?: string;
        readiness?: 'ready' | 'not-ready' | 'unchecked';
        rule?: string;
        verdict?: 'PASS' | 'FAIL' | 'WAIVED' | 'NOT_APPLICABLE' | 'UNKNOWN';
      }) =>
        withHub(async (ctx) => {
          const [{ PortfolioService }, { renderPortfolio }] = await Promise.all([
            import('../modules/reviews/portfolio.service.js'),
            import('../modules/reviews/exports.js'),
          ]);
          const rows = await ctx.get(PortfolioService).rows(
            {
              unitCode: opts.unit,
              region: opts.region,
              pack: opts.pack,
              readiness: opts.readiness,
              ruleId: opts.rule,
              verdict: opts.verdict,
            },
            ALL_PROJECTS,
          );
          writeOut(opts.output, (await renderPortfolio(rows, opts.format)).body);
        }),
    );

  const packs = packsCommand(program);
  packs
    .command('versions')
    .description('政策包的已发布版本 / a pack’s published versions')
    .argument('<packId>', '政策包 / policy pack: yueyang | chenzhou')
    .addOption(formatOption())
    .action((id: string, opts: { format: OutputFormat }) =>
      withHub(async (ctx) => {
        const { PackVersionsService } = await import('../modules/packs/pack-versions.service.js');
        const list = await ctx.get(PackVersionsService).list(id);
        print(opts.format, list, () =>
          list
            .map((v) => `v${v.version}  from ${v.effectiveFrom}  by ${v.publishedBy}  ${v.note}`)
            .join('\n'),
        );
      }),
    );
  const draftOptions = (cmd: Command) =>
    cmd
      .argument('<packId>', '政策包 / policy pack: yueyang | chenzhou')
      .requiredOption('--effective-from <date>', '生效日期（按立项日期）/ YYYY-MM-DD')
      .requiredOption('--note <text>', '变更说明 / what changes and why')
      .option(
        '--set <key=json>',
        '设置项，可重复，如 videoMinOnlineRatio=0.8 / a setting, repeatable',
        setArg,
      )
      .option('--confirm <ruleIds>', '为本市确认的 national-unverified 规则，逗号分隔 / rules to confirm');
  draftOptions(packs.command('preview').description('草稿影响预览 / which verdicts a draft would flip'))
    .addOption(formatOption())
    .action((id: string, opts: DraftOptions & { format: OutputFormat }) =>
      withHub(async (ctx) => {
        const { PackImpactService } = await import('../modules/pack-versions/pack-impact.service.js');
        const impact = await ctx.get(PackImpactService).preview(id, draftOf(opts));
        print(opts.format, impact, () =>
          [
            `v${impact.draftVersion} from ${impact.effectiveFrom}: ${impact.projectsAffected} of ${impact.projectsEvaluated} projects judged under it, ${impact.flips.length} verdict(s) flip`,
            ...impact.flips.map(
              (f) =>
                `  ${f.projectCode} ${f.ruleId}: ${f.from.verdict}${f.from.warningOnly ? '(warning)' : ''} → ${f.to.verdict}${f.to.warningOnly ? '(warning)' : ''}`,
            ),
            ...impact.readinessChanges.map((r) => `  ${r.projectCode} ready ${r.from} → ${r.to}`),
          ].join('\n'),
        );
      }),
    );
  draftOptions(packs.command('publish').description('发布新版本 / publish a new version')).action(
    (id: string, opts: DraftOptions) =>
      withHub(async (ctx) => {
        const { PackVersionsService } = await import('../modules/packs/pack-versions.service.js');
        const v = await ctx.get(PackVersionsService).publish(id, draftOf(opts), cliActor());
        console.log(`v${v.version} of ${v.packId} published, in force from ${v.effectiveFrom}`);
      }),
  );
  packs
    .command('pin')
    .description('对项目适用指定版本（--version none 恢复）/ apply a version to one project')
    .argument('<packId>', '政策包 / policy pack: yueyang | chenzhou')
    .argument('<projectCode>', '项目编码 / project code')
    .requiredOption(
      '--version <n|none>',
      '版本号，none 恢复按立项日期 / version number, none for the one in force',
    )
    .action((packId: string, code: string, opts: { version: string }) =>
      withHub(async (ctx) => {
        const { PackVersionsService } = await import('../modules/packs/pack-versions.service.js');
        const version = opts.version === 'none' ? null : Number(opts.version);
        if (version !== null && !Number.isInteger(version))
          throw new InvalidArgumentError('--version: n or none');
        console.log(
          JSON.stringify(await ctx.get(PackVersionsService).pin(packId, code, version, cliActor())),
        );
      }),
    );
}

interface DraftOptions {
  effectiveFrom: string;
  note: string;
  set?: Record<string, unknown>;
  confirm?: string;
}

function setArg(value: string, previous: Record<string, unknown> = {}): Record<string, unknown> {
  const eq = value.indexOf('=');
  if (eq < 1) throw new InvalidArgumentError('应为 key=value / expected key=value');
  const raw = value.slice(eq + 1);
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    parsed = raw;
  }
  return { ...previous, [value.slice(0, eq)]: parsed };
}

function draftOf(opts: DraftOptions) {
  return {
    settings: opts.set ?? {},
    effectiveFrom: opts.effectiveFrom,
    note: opts.note,
    ...(opts.confirm ? { confirmedRuleIds: opts.confirm.split(',').map((s) => s.trim()) } : {}),
  };
}
