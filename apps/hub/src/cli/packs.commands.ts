import type { Command } from 'commander';
import { formatOption, print } from './context';
import type { OutputFormat } from './format';

/** The `packs` command group, made once whichever command file asks first. */
export function packsCommand(program: Command): Command {
  return (
    program.commands.find((c) => c.name() === 'packs') ??
    program.command('packs').description('政策包及其版本 / policy packs and their versions')
  );
}

/**
 * `hub packs list | validate FILE`: the loaded policy packs (built-in ones and HUB_PACKS_DIR's), and
 * a pack file checked against the schema and the check catalogue before it is deployed. Neither
 * needs the database.
 */
export function registerPacksCommands(program: Command): void {
  const packs = packsCommand(program);
  packs
    .command('list')
    .description(
      '已加载的政策包：标识、名称、区划、版本、要求数 / the loaded packs: id, name, divisions, version, requirements',
    )
    .addOption(formatOption())
    .action(async (opts: { format: OutputFormat }) => {
      const { registerEnvPacks } = await import('../config/env.js');
      registerEnvPacks();
      const { allPacks, describePack } = await import('@hub/rules');
      const list = allPacks().map((p) => ({
        id: p.id,
        name: p.name,
        version: p.version ?? null,
        divisions: p.divisions.map((d) => d.code),
        requirements: p.rules.length,
        text: describePack(p),
      }));
      print(opts.format, list, () => list.map((p) => `${p.text.zh}\n  ${p.text.en}`).join('\n'));
    });
  packs
    .command('validate')
    .description(
      '校验政策包文件（结构与检查目录）并说明每条要求将做什么；有误时列出错误，退出码 1 / check a pack file against the schema and the check catalogue and show what each requirement would do; exit 1 listing the errors',
    )
    .argument('<file>', '政策包文件（*.pack.yaml）/ the pack file (*.pack.yaml)')
    .addOption(formatOption())
    .action(async (file: string, opts: { format: OutputFormat }) => {
      const { describeRequirement, PackFileError, validatePackFile } = await import('@hub/rules');
      try {
        const { pack } = validatePackFile(file);
        const requirements = pack.rules.map((r) => ({ id: r.id, text: describeRequirement(r as never) }));
        print(opts.format, { ok: true, id: pack.id, version: pack.version, requirements }, () =>
          [
            `${file}：政策包 ${pack.id}（${pack.name.zh}）有效，${pack.rules.length} 条要求 / valid pack ${pack.id} (${pack.name.en}), ${pack.rules.length} requirements`,
            ...requirements.map((r) => r.text.zh),
          ].join('\n'),
        );
      } catch (error) {
        if (!(error instanceof PackFileError)) throw error;
        print(opts.format, { ok: false, issues: error.issues }, () => error.message);
        process.exitCode = 1;
      }
    });
}
