import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { buildCli, runCli } from './cli';
import { EXIT_CONFIG, EXIT_USAGE } from './common/exit-codes';
import { repoRoot } from './infra/paths';

const CJK = /[\u4e00-\u9fff]/;

/** Every command under `cmd`, itself first. */
function commandTree(cmd: Command): Command[] {
  return [cmd, ...cmd.commands.flatMap(commandTree)];
}

function fullName(cmd: Command): string {
  return cmd.parent ? `${fullName(cmd.parent)} ${cmd.name()}` : cmd.name();
}

/** Runs `hub …args` in this process; what it wrote to stdout and stderr, and its exit code. */
async function hub(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => !!out.push(String(chunk)));
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => !!err.push(String(chunk)));
  const consoleError = vi.spyOn(console, 'error').mockImplementation((...a) => void err.push(a.join(' ')));
  try {
    const code = await runCli(['node', 'hub', ...args]);
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
    consoleError.mockRestore();
  }
}

describe('hub command line', () => {
  it('describes every command, option and argument, Chinese first', () => {
    const missing: string[] = [];
    for (const cmd of commandTree(buildCli())) {
      const name = fullName(cmd);
      if (!CJK.test(cmd.description())) missing.push(`command ${name}`);
      for (const option of cmd.createHelp().visibleOptions(cmd)) {
        if (!CJK.test(option.description ?? '')) missing.push(`${name} ${option.flags}`);
      }
      for (const argument of cmd.registeredArguments) {
        if (!CJK.test(argument.description ?? '')) missing.push(`${name} <${argument.name()}>`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('prints the version of its package.json', async () => {
    const { version } = JSON.parse(
      fs.readFileSync(path.join(repoRoot(), 'apps/hub/package.json'), 'utf8'),
    ) as { version: string };
    expect(version).toMatch(/^\d+\.\d+\.\d+/);
    for (const flag of ['--version', '-V']) {
      await expect(hub(flag)).resolves.toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
    }
  });

  it('prints help in Chinese first and ends with 0', async () => {
    const { code, stdout } = await hub('check', '--help');
    expect(code).toBe(0);
    expect(stdout).toContain('用法 Usage: hub check [options] <code>');
    expect(stdout).toContain('项目编码 / project code');
  });

  it.each([
    [['frob'], '用法错误：未知的命令 frob', "error: unknown command 'frob'", 'hub --help'],
    [['chek'], '用法错误：未知的命令 chek（是否要输入 check？）', 'Did you mean check?', 'hub --help'],
    [
      ['sync', '--fulll'],
      '用法错误：未知的选项 --fulll',
      "error: unknown option '--fulll'",
      'hub sync --help',
    ],
    [['check'], '用法错误：缺少参数 code', "error: missing required argument 'code'", 'hub check --help'],
    [
      ['users', 'create', 'wang'],
      '用法错误：缺少必需的选项 --role <role>',
      'not specified',
      'hub users create --help',
    ],
    [
      ['findings', '--format', 'xml'],
      '用法错误：选项 --format <format> 的取值 xml 无效：可选值为 table, json',
      'Allowed choices are table, json.',
      'hub findings --help',
    ],
    [
      ['audit', 'list', '--from', 'yesterday'],
      '用法错误：选项 --from <instant> 的取值 yesterday 无效：应为带时区的 ISO 时间',
      "argument 'yesterday' is invalid",
      'hub audit list --help',
    ],
    [
      ['sync', 'nowhere'],
      '用法错误：参数 source 的取值 nowhere 无效：未知的数据源',
      "value 'nowhere' is invalid for argument 'source'",
      'hub sync --help',
    ],
    [
      ['check', 'a', 'b'],
      '用法错误：参数过多：应为 1 个，实际为 2 个',
      'too many arguments',
      'hub check --help',
    ],
  ])('answers hub %j with a Chinese-first usage error and exit code 2', async (args, zh, en, usage) => {
    const { code, stdout, stderr } = await hub(...args);
    expect(code).toBe(EXIT_USAGE);
    expect(stdout).toBe('');
    expect(stderr).toContain(zh);
    expect(stderr).toContain(en);
    expect(stderr.indexOf(zh)).toBeLessThan(stderr.indexOf(en));
    expect(stderr).toContain(`用法见 / see: ${usage}`);
  });

  it('ends a command with a bad environment with 78, before touching any database', async () => {
    vi.stubEnv('HUB_PORT', 'not-a-port');
    try {
      const { code, stderr } = await hub('db', 'migrate');
      expect(code).toBe(EXIT_CONFIG);
      expect(stderr).toContain('HUB_PORT');
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('ends hub without a command with its help and exit code 2', async () => {
    const { code, stderr } = await hub();
    expect(code).toBe(EXIT_USAGE);
    expect(stderr).toContain('用法 Usage: hub [options] [command]');
  });

  it('exits 2 as a process, and answers --help without loading Nest, Prisma or the job queue', () => {
    const node = (args: string[]) =>
      spawnSync(process.execPath, ['--conditions=source', '--import', 'tsx', ...args], {
        cwd: repoRoot(),
        encoding: 'utf8',
        timeout: 60_000,
      });
    const usage = node(['apps/hub/src/cli.ts', 'frob']);
    expect(usage.status, usage.stderr).toBe(EXIT_USAGE);
    expect(usage.stderr).toMatch(/^用法错误：未知的命令 frob\n/);

    // What --help loads, then (to show the probe sees it) what loading Nest adds.
    const probe = node([
      '-e',
      `const loaded = () => Object.keys(require.cache).filter((k) => /node_modules\\/(@nestjs|@prisma|pg-boss)\\//.test(k)).length;
       require('./apps/hub/src/cli.ts').runCli(['node', 'hub', '--help']).then((code) => {
         const before = loaded();
         require('@nestjs/core');
         console.error(JSON.stringify({ code, before, after: loaded() }));
       });`,
    ]);
    // A command file importing a service at its top fails here already (and would load Nest).
    expect(probe.status, probe.stderr).toBe(0);
    const result = JSON.parse(probe.stderr.trim().split('\n').at(-1)!) as Record<string, number>;
    expect(result.code).toBe(0);
    expect(result.before).toBe(0);
    expect(result.after).toBeGreaterThan(0);
  });
});
