import { type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { ZPolicyPackId } from '@hub/contracts';
import { packIds } from '@hub/rules';
import { z } from 'zod';
import { AppError } from './app-error';
import { findUnsafeText, unsafeTextError } from './text-input';

const ZH_CN = z.locales.zhCN();

/**
 * zod's own messages in Chinese, with the bounds people hit most (text length, list size) said as
 * an operator would: `最多 2000 个字符`. Messages a schema sets itself are kept as written.
 */
const chineseIssue: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === 'too_big' && (issue.origin === 'string' || issue.origin === 'array')) {
    const unit = issue.origin === 'string' ? '个字符' : '项';
    return `最多 ${String(issue.maximum)} ${unit}`;
  }
  if (issue.code === 'too_small' && (issue.origin === 'string' || issue.origin === 'array')) {
    if (Number(issue.minimum) === 1) return '不能为空';
    return `至少 ${String(issue.minimum)} ${issue.origin === 'string' ? '个字符' : '项'}`;
  }
  return ZH_CN.localeError(issue);
};

/**
 * Parses a value from outside (request, command line, claim) or throws INVALID_REQUEST listing every
 * bad field, Chinese first; `where` names the input in both languages. Text holding U+0000 or an
 * unpaired surrogate is refused before the schema sees it, whatever the schema allows.
 */
export function parseInput<T extends z.ZodType>(
  schema: T,
  value: unknown,
  where: { zh: string; en: string },
): z.infer<T> {
  const unsafe = findUnsafeText(value, '');
  if (unsafe.length > 0) throw unsafeTextError(unsafe);
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  // The same failure again with Chinese messages: zod fills a message in when the issue is raised.
  const zh = schema.safeParse(value, { error: chineseIssue }).error?.issues ?? parsed.error.issues;
  const issues = parsed.error.issues.map((i, n) => ({
    path: i.path.join('.'),
    message: i.message,
    zh: zh[n]?.message ?? i.message,
  }));
  const list = (text: 'zh' | 'message') =>
    issues.map((i) => `${i.path || (text === 'zh' ? '(根)' : '(root)')}: ${i[text]}`);
  throw new AppError(
    'INVALID_REQUEST',
    {
      zh: `${where.zh}无效：${list('zh').join('；')}`,
      en: `Invalid ${where.en}: ${list('message').join('; ')}`,
    },
    { issues },
  );
}

/**
 * Free text a person writes (a note, a reason, a comment): trimmed, `min` to `max` characters. Every
 * such field has a bound, so that nothing unbounded is stored, echoed or exported.
 */
export function ZText(max: number, min = 1) {
  return z.string().trim().min(min).max(max);
}

const PLACES = {
  body: { zh: '请求体', en: 'body' },
  query: { zh: '查询参数', en: 'query' },
  param: { zh: '路径参数', en: 'param' },
  custom: { zh: '参数', en: 'parameter' },
} as const;

/** Validates a body, query or parameter with a zod schema; a failure lists every bad field. */
export class ZodPipe<T extends z.ZodType> implements PipeTransform<unknown, z.infer<T>> {
  constructor(readonly schema: T) {}

  transform(value: unknown, metadata: ArgumentMetadata): z.infer<T> {
    return parseInput(this.schema, value, PLACES[metadata.type]);
  }
}

/** JSON Schema of a zod schema, for the OpenAPI document. */
export function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}

/** A request's pack filter: the id of a loaded pack (`GET /api/packs` lists them). */
export const ZLoadedPackId = ZPolicyPackId.refine((id) => packIds().includes(id), {
  error: (issue) =>
    `没有政策包 ${String(issue.input)}；已加载：${packIds().join('、')} / no pack ${String(issue.input)}; loaded: ${packIds().join(', ')}`,
});
