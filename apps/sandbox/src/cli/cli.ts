import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type SourceId, type TSandboxDataset, ZSandboxDataset } from '@hub/contracts';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { type DestinationStream, pino } from 'pino';
import { DEMO_DEFAULT_PROJECTS, DEMO_DEFAULT_SEED, generateDemoCity } from '../demo/demo-city.generator';
import { writeDemoCity } from '../demo/demo-city.writer';
import { describeZodError, type FaultSpec, parseFaultFlag } from '../framework/faults';
import { startSandbox } from '../framework/sandbox';
import { SandboxUsageError } from '../framework/sandbox-error';
import { SANDBOX_MODULES } from '../modules/modules.registry';

/** Exit code of a run an operator can fix: bad flags, an unreadable or invalid dataset, a busy port. */
export const EXIT_USAGE = 2;

/** The process edges the CLI touches, swappable in tests. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** where pino writes (English JSON lines); stderr by default so that stdout carries only the banner */
  logDestination: DestinationStream;
  /** resolves with the signal's name when the process is asked to stop */
  waitForShutdown(): Promise<string>;
  /** the current time, the default `now` of generated cities */
  now(): Date;
}

const defaultIo = (): CliIo => ({
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  logDestination: pino.destination({ dest: 2, sync: true }),
  waitForShutdown: () =>
    new Promise((done) => {
      const stop = (signal: string) => {
        process.off('SIGINT', onInt);
        process.off('SIGTERM', onTerm);
        done(signal);
      };
      const onInt = () => stop('SIGINT');
      const onTerm = () => stop('SIGTERM');
      process.once('SIGINT', onInt);
      process.once('SIGTERM', onTerm);
    }),
  now: () => new Date(),
});

/**
 * Runs the sandbox CLI (`serve`, the default, and `generate`) on arguments without the node and script
 * names, and resolves with the exit code: 0, {@link EXIT_USAGE} for mistakes an operator can fix
 * (printed in Chinese and English, without a stack trace), 1 for anything else.
 */
export async function runCli(args: readonly string[], io: Partial<CliIo> = {}): Promise<number> {
  const cli: CliIo = { ...defaultIo(), ...io };
  const argumentErrors: SandboxUsageError[] = [];
  const program = buildProgram(cli, argumentErrors);
  try {
    await program.parseAsync(args, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (['commander.helpDisplayed', 'commander.help', 'commander.version'].includes(error.code)) return 0;
      const detail = error.message.replace(/^error: /, '');
      const ownReason = error.code === 'commander.invalidArgument' ? argumentErrors.at(-1) : undefined;
      const zh = ownReason ? ownReason.zh : `${COMMANDER_ERRORS_ZH[error.code] ?? '无法解析'}：${detail}`;
      cli.stderr(
        `命令行参数错误：${zh}\nInvalid command line: ${detail}\n` +
          `运行 sandbox --help 查看用法 / run sandbox --help for usage\n`,
      );
      return EXIT_USAGE;
    }
    if (error instanceof SandboxUsageError) {
      cli.stderr(`${error.zh}\n${error.en}\n`);
      return EXIT_USAGE;
    }
    cli.stderr(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  }
}

/** Chinese for the commander errors an operator can meet; the English text follows on its own line. */
const COMMANDER_ERRORS_ZH: Record<string, string> = {
  'commander.unknownOption': '未知的选项',
  'commander.unknownCommand': '未知的命令',
  'commander.missingMandatoryOptionValue': '缺少必填选项',
  'commander.optionMissingArgument': '选项缺少取值',
  'commander.missingArgument': '缺少参数',
  'commander.excessArguments': '多余的参数',
  'commander.invalidArgument': '参数取值无效',
};

/**
 * Builds the commander program. Option parsers record their bilingual reason in `argumentErrors`,
 * because commander keeps only the message of the error a parser throws.
 */
function buildProgram(io: CliIo, argumentErrors: SandboxUsageError[]): Command {
  const asArgument = <T>(flag: string, parse: () => T): T => {
    try {
      return parse();
    } catch (error) {
      if (!(error instanceof SandboxUsageError)) throw error;
      argumentErrors.push(new SandboxUsageError(`${flag} 的取值无效：${error.zh}`, error.en));
      throw new InvalidArgumentError(error.en);
    }
  };
  const wholeNumber =
    (flag: string) =>
    (value: string): number =>
      asArgument(flag, () => {
        if (!/^-?[0-9]+$/.test(value) || !Number.isSafeInteger(Number(value))) {
          throw new SandboxUsageError(
            `${flag} 应为整数，收到 "${value}"`,
            `${flag} must be a whole number, got "${value}"`,
          );
        }
        return Number(value);
      });
  const portNumber =
    (flag: string) =>
    (value: string): number =>
      asArgument(flag, () => {
        if (!/^[0-9]+$/.test(value) || Number(value) > 65_535) {
          throw new SandboxUsageError(
            `${flag} 应为 0 到 65535 的端口号，收到 "${value}"`,
            `${flag} must be a port from 0 to 65535, got "${value}"`,
          );
        }
        return Number(value);
      });

  const program = new Command('sandbox')
    .description('Simulators of the city upstream systems, with fault injection and a demo-city generator')
    .exitOverride()
    .configureOutput({
      writeOut: io.stdout,
      writeErr: io.stderr,
      // runCli prints errors itself, in both languages.
      outputError: () => undefined,
    });

  const serve = program
    .command('serve', { isDefault: true })
    .description('serve a dataset (default: a freshly generated demo city) on one port per upstream system')
    .option(
      '--dataset <file>',
      'sandbox dataset JSON (default: a demo city generated with now = the current time)',
    )
    .option('--seed <n>', 'seed of the generated demo city when no --dataset is given', wholeNumber('--seed'))
    .option(
      '--fault <spec>',
      'fault to inject, repeatable: <source>:latency=<ms> | error-rate=<0..1> | rate-limit=<0..1> | maintenance',
      (value: string, previous: FaultSpec[]) => [
        ...previous,
        asArgument('--fault', () => parseFaultFlag(value)),
      ],
      [] as FaultSpec[],
    )
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .addOption(
      new Option('--log-level <level>', 'log level')
        .choices(['debug', 'info', 'warn', 'error', 'silent'])
        .default('info'),
    );
  for (const simulator of SANDBOX_MODULES) {
    serve.option(
      `--port-${simulator.source} <n>`,
      `port of the ${simulator.source} simulator, 0 = any free port (default ${simulator.defaultPort})`,
      portNumber(`--port-${simulator.source}`),
    );
  }
  serve.action(async (opts: ServeOptions) => {
    const dataset = opts.dataset
      ? await loadDataset(opts.dataset)
      : generateDemoCity({ now: io.now().toISOString(), seed: opts.seed ?? DEMO_DEFAULT_SEED }).dataset;
    const logger = pino({ level: opts.logLevel, base: { service: 'sandbox' } }, io.logDestination);
    const ports: Partial<Record<SourceId, number>> = {};
    for (const simulator of SANDBOX_MODULES) {
      const port = opts[camelCase(`port-${simulator.source}`)];
      if (typeof port === 'number') ports[simulator.source] = port;
    }
    const sandbox = await startSandbox({ dataset, host: opts.host, ports, faults: opts.fault, logger });
    io.stdout(banner(sandbox.urls, sandbox.credentials, opts.fault));
    const signal = await io.waitForShutdown();
    logger.info({ signal }, 'stopping');
    await sandbox.stop();
  });

  program
    .command('generate')
    .description('write a demo city: dataset.json, projects.xlsx, projects.csv, designed.json')
    .requiredOption('--out <dir>', 'directory to write into (created when missing)')
    .option(
      '--now <iso>',
      'instant the data is relative to, ISO-8601 with offset (default: the current time)',
    )
    .option(
      '--projects <n>',
      `number of projects, at least 80 (default ${DEMO_DEFAULT_PROJECTS})`,
      wholeNumber('--projects'),
    )
    .option('--seed <n>', `PRNG seed (default ${DEMO_DEFAULT_SEED})`, wholeNumber('--seed'))
    .action(async (opts: { out: string; now?: string; projects?: number; seed?: number }) => {
      const { files, city } = await writeDemoCity(resolve(opts.out), {
        now: opts.now ?? io.now().toISOString(),
        ...(opts.projects === undefined ? {} : { projects: opts.projects }),
        ...(opts.seed === undefined ? {} : { seed: opts.seed }),
      });
      io.stdout(
        `demo city: ${city.projects.length} projects (${city.designed.length} designed), ` +
          `${city.dataset.govCloud.tenants.length} tenants, ${city.dataset.govCloud.resources.length} resources, ` +
          `now ${city.dataset.now}\n` +
          Object.values(files)
            .map((file) => `  ${file}\n`)
            .join(''),
      );
    });

  return program;
}

interface ServeOptions {
  dataset?: string;
  seed?: number;
  fault: FaultSpec[];
  host: string;
  logLevel: string;
  [portOption: string]: unknown;
}

/** Reads and checks a dataset file; every way it can be wrong is an operator's mistake. */
async function loadDataset(file: string): Promise<TSandboxDataset> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new SandboxUsageError(
      `无法读取数据集文件 ${file}（${reason}）`,
      `cannot read the dataset file ${file} (${reason})`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new SandboxUsageError(
      `数据集文件 ${file} 不是有效的 JSON：${reason}`,
      `the dataset file ${file} is not valid JSON: ${reason}`,
    );
  }
  const parsed = ZSandboxDataset.safeParse(json);
  if (!parsed.success) {
    const detail = describeZodError(parsed.error);
    throw new SandboxUsageError(
      `数据集文件 ${file} 不符合沙箱数据集格式（见 project-registry.md「Sandbox dataset」）：${detail}`,
      `the dataset file ${file} does not match the sandbox dataset format (project-registry.md "Sandbox dataset"): ${detail}`,
    );
  }
  return parsed.data;
}

function banner(
  urls: Partial<Record<SourceId, string>>,
  credentials: Partial<Record<SourceId, Record<string, string>>>,
  faults: readonly FaultSpec[],
): string {
  const lines: string[] = ['sandbox running'];
  for (const simulator of SANDBOX_MODULES) {
    const url = urls[simulator.source];
    if (!url) continue;
    lines.push('', `${simulator.title}  ${url}`);
    for (const [name, value] of Object.entries(credentials[simulator.source] ?? {})) {
      lines.push(`  ${name}: ${value}`);
    }
    const active = faults.filter((f) => f.source === simulator.source);
    if (active.length) {
      lines.push(
        `  faults: ${active.map((f) => ('value' in f ? `${f.kind}=${f.value}` : f.kind)).join(', ')}`,
      );
    }
    lines.push(`  control: GET|PUT ${url}/__sandbox/faults, GET ${url}/__sandbox/health`);
  }
  lines.push('', 'Ctrl+C to stop');
  return `${lines.join('\n')}\n`;
}

function camelCase(flag: string): string {
  return flag.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
}
