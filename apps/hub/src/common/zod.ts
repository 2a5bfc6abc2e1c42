import { type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { z } from 'zod';
import { AppError } from './app-error';

/**
 * Parses a value from outside (request, command line, claim) or throws INVALID_REQUEST listing every
 * bad field; `where` names the input in both languages.
 */
export function parseInput<T extends z.ZodType>(
  schema: T,
  value: unknown,
  where: { zh: string; en: string },
): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  const list = issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ');
  throw new AppError(
    'INVALID_REQUEST',
    { zh: `${where.zh}无效：${list}`, en: `Invalid ${where.en}: ${list}` },
    { issues },
  );
}

const PLACES = {
  body: { zh: '请求体', en: 'body' },
  query: { zh: '查询参数', en: 'query' },
  param: { zh: '路径参数', en: 'param' },
  custom: { zh: '参数', en: 'parameter' },
} as const;

/** Validates a body, query or parameter with a zod schema; a failure lists every bad field. */
export class ZodPipe<T extends z.ZodType> implements PipeTransform<unknown, z.infer<T>> {
  constructor(private readonly schema: T) {}

  transform(value: unknown, metadata: ArgumentMetadata): z.infer<T> {
    return parseInput(this.schema, value, PLACES[metadata.type]);
  }
}

/** JSON Schema of a zod schema, for the OpenAPI document. */
export function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}
