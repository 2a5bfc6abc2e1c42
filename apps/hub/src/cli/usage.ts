import { Command } from 'commander';
import { EXIT_USAGE } from '../common/exit-codes';

/** Help headings in Chinese first (commander prints them in English). */
const TITLES: Record<string, string> = {
  'Usage:': '用法 Usage:',
  'Arguments:': '参数 Arguments:',
  'Options:': '选项 Options:',
  'Global Options:': '全局选项 Global Options:',
  'Commands:': '命令 Commands:',
};

/** The Chinese of an invalid value's reason, when it is commander's own (choices); ours are zh/en already. */
function reasonZh(reason: string): string {
  const choices = /^Allowed choices are (.+)\.$/.exec(reason);
  return choices ? `可选值为 ${choices[1]}` : reason;
}

/**
 * What commander's usage error `message` (code `code`) says, in Chinese: the names it quotes are
 * kept as they are. English stays on the line below, as commander wrote it.
 */
export function usageErrorZh(code: string, message: string): string {
  const quoted = [...message.matchAll(/'([^']*)'/g)].map((m) => m[1]!);
  const [first = '', second = ''] = quoted;
  const suggestion = /\(Did you mean (.+)\?\)/.exec(message)?.[1];
  const hint = suggestion ? `（是否要输入 ${suggestion}？）` : '';
  switch (code) {
    case 'commander.unknownCommand':
      return `未知的命令 ${first}${hint}`;
    case 'commander.unknownOption':
      return `未知的选项 ${first}${hint}`;
    case 'commander.missingArgument':
      return `缺少参数 ${first}`;
    case 'commander.optionMissingArgument':
      return `选项 ${first} 缺少取值`;
    case 'commander.missingMandatoryOptionValue':
      return `缺少必需的选项 ${first}`;
    case 'commander.conflictingOption':
      return `选项 ${first} 与 ${second} 不能同时使用`;
    case 'commander.excessArguments': {
      const counts = /Expected (\d+) arguments? but got (\d+)/.exec(message);
      return counts ? `参数过多：应为 ${counts[1]} 个，实际为 ${counts[2]} 个` : '参数过多';
    }
    case 'commander.invalidArgument': {
      const reason = /is invalid(?: for argument '[^']*')?\. (.+)$/s.exec(message)?.[1];
      const what = message.startsWith('error: option')
        ? `选项 ${first} 的取值 ${second} 无效`
        : `参数 ${second} 的取值 ${first} 无效`;
      return reason ? `${what}：${reasonZh(reason)}` : what;
    }
    default:
      return message.replace(/^error: /, '');
  }
}

/**
 * The `hub` command and every subcommand: help headings in Chinese first, and a usage error (unknown
 * command or option, missing argument, bad value) said in Chinese, then in English, then where the
 * usage is, ending the process with exit code 2 rather than commander's 1, which the hub keeps for
 * a command that failed.
 */
export class HubCommand extends Command {
  constructor(name?: string) {
    super(name);
    this.configureHelp({ styleTitle: (title) => TITLES[title] ?? title });
  }

  override createCommand(name?: string): Command {
    return new HubCommand(name);
  }

  override error(message: string, errorOptions?: { code?: string; exitCode?: number }): never {
    const code = errorOptions?.code ?? 'commander.error';
    const names = [this.name()];
    for (let c = this.parent; c; c = c.parent) names.unshift(c.name());
    super.error(
      `用法错误：${usageErrorZh(code, message)}\n${message}\n` + `用法见 / see: ${names.join(' ')} --help`,
      { code, exitCode: EXIT_USAGE },
    );
  }
}
