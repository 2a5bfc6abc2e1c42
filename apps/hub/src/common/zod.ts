import { type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { z } from 'zod';
import { AppError } from './app-error';

/** Validates a body, query or parameter with a zod schema; a failure lists every bad field. */
export class ZodPipe<T extends z.ZodType> implements PipeTransform<unknown, z.infer<T>> {
  constructor(private readonly schema: T) {}

  transform(value: unknown, metadata: ArgumentMetadata): z.infer<T> {
    const parsed = this.schema.safeParse(value);
    if (parsed.success) return parsed.data;
    const where = metadata.type === 'body' ? '请求体' : metadata.type === 'query' ? '查询参数' : '路径参数';
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    const list = issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ');
    throw new AppError(
      'INVALID_REQUEST',
      { zh: `${where}无效：${list}`, en: `Invalid ${metadata.type}: ${list}` },
      { issues },
    );
  }
}

/** JSON Schema of a zod schema, for the OpenAPI document. */
export function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}
