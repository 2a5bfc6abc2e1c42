import type { z } from 'zod';
import type { Document, LineCounter, Node } from 'yaml';
import type * as Yaml from 'yaml';

/** One problem of a pack file: where it is and what is wrong, Chinese first. */
export interface PackFileIssue {
  file: string;
  /** 1-based line of the key in the file, or null when the file could not be parsed that far */
  line: number | null;
  /** the key's path: `requirements[3].check.params.days` */
  key: string;
  zh: string;
  en: string;
}

/** `yueyang.pack.yaml:42 requirements[3].check.params.days：必须是正整数 / must be a positive integer` */
export function formatIssue(issue: PackFileIssue): string {
  const where = issue.line === null ? issue.file : `${issue.file}:${issue.line}`;
  return `${where}${issue.key ? ` ${issue.key}` : ''}：${issue.zh} / ${issue.en}`;
}

/** A pack file that cannot be loaded, with every problem found in it. */
export class PackFileError extends Error {
  readonly zh: string;
  readonly en: string;

  constructor(readonly issues: readonly PackFileIssue[]) {
    super(issues.map(formatIssue).join('\n'));
    this.name = 'PackFileError';
    this.zh = issues
      .map((i) => `${i.line === null ? i.file : `${i.file}:${i.line}`} ${i.key}：${i.zh}`)
      .join('\n');
    this.en = issues
      .map((i) => `${i.line === null ? i.file : `${i.file}:${i.line}`} ${i.key}: ${i.en}`)
      .join('\n');
  }
}

export type Path = readonly PropertyKey[];

/** `requirements[3].check.params.days` */
export function pathText(path: Path): string {
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`))
    .join('');
}

/** Where a path points in the parsed file: the key's own line, or its nearest parent's. */
export class SourceMap {
  constructor(
    private readonly yaml: Pick<typeof Yaml, 'isMap' | 'isSeq'>,
    private readonly doc: Document | null,
    private readonly lines: LineCounter | null,
  ) {}

  line(path: Path): number | null {
    if (!this.doc || !this.lines) return null;
    for (let n = path.length; n >= 0; n -= 1) {
      const offset = this.offsetOf(path.slice(0, n));
      if (offset !== null) return this.lines.linePos(offset).line;
    }
    return null;
  }

  private offsetOf(path: Path): number | null {
    let node: unknown = this.doc?.contents;
    let keyOffset: number | null = null;
    for (const part of path) {
      if (this.yaml.isMap(node)) {
        const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === part);
        if (!pair) return null;
        keyOffset = (pair.key as Node | null)?.range?.[0] ?? null;
        node = pair.value;
      } else if (this.yaml.isSeq(node) && typeof part === 'number') {
        node = node.items[part];
        keyOffset = (node as Node | undefined)?.range?.[0] ?? null;
      } else {
        return null;
      }
    }
    return keyOffset ?? (node as Node | null | undefined)?.range?.[0] ?? null;
  }
}

const both = (zh: string, en: string) => ({ zh, en });

/** A zod issue in both languages: schemas here carry `zh / en` messages; zod's own are translated. */
export function issueText(issue: z.core.$ZodIssue): { zh: string; en: string } {
  const split = issue.message.indexOf(' / ');
  if (split > 0 && /[\u4e00-\u9fff]/.test(issue.message.slice(0, split))) {
    return both(issue.message.slice(0, split), issue.message.slice(split + 3));
  }
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? both('缺少此项', 'is required')
        : both(`应为 ${issue.expected}`, `expected ${issue.expected}`);
    case 'unrecognized_keys':
      return both(`未知的键：${issue.keys.join('、')}`, `unknown key(s): ${issue.keys.join(', ')}`);
    case 'invalid_value':
      return both(
        `必须是以下之一：${issue.values.map(String).join('、')}`,
        `must be one of: ${issue.values.map(String).join(', ')}`,
      );
    case 'too_small':
      return issue.origin === 'array'
        ? both(`至少 ${String(issue.minimum)} 项`, `needs at least ${String(issue.minimum)} item(s)`)
        : both(`不得小于 ${String(issue.minimum)}`, `must be at least ${String(issue.minimum)}`);
    case 'too_big':
      return issue.origin === 'array'
        ? both(`至多 ${String(issue.maximum)} 项`, `takes at most ${String(issue.maximum)} item(s)`)
        : both(`不得大于 ${String(issue.maximum)}`, `must be at most ${String(issue.maximum)}`);
    case 'invalid_format':
      return both(`格式不对（${issue.format}）`, `has the wrong format (${issue.format})`);
    case 'invalid_union':
      return both('不符合任何一种允许的写法', 'matches none of the allowed forms');
    default:
      return both(issue.message, issue.message);
  }
}
