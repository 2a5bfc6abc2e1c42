import { z } from 'zod';
import { AppError } from './app-error';
import { parseInput, ZText } from './zod';

const where = { zh: '请求体', en: 'body' };

function failure(schema: z.ZodType, value: unknown): AppError {
  try {
    parseInput(schema, value, where);
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('parseInput accepted the value');
}

describe(parseInput.name, () => {
  it('says a bound in Chinese first and English second, naming the field', () => {
    const error = failure(z.object({ note: ZText(5), items: z.array(z.string()).max(1) }), {
      note: '123456',
      items: ['a', 'b'],
    });
    expect(error.text.zh).toBe('请求体无效：note: 最多 5 个字符；items: 最多 1 项');
    expect(error.text.en).toBe(
      'Invalid body: note: Too big: expected string to have <=5 characters; items: Too big: expected array to have <=1 items',
    );
    expect(error.details).toEqual({
      issues: [
        { path: 'note', message: expect.stringContaining('Too big'), zh: '最多 5 个字符' },
        { path: 'items', message: expect.stringContaining('Too big'), zh: '最多 1 项' },
      ],
    });
  });

  it('keeps a message the schema sets itself', () => {
    const error = failure(z.object({ day: z.string().regex(/^\d+$/, '应为数字 / digits only') }), {
      day: 'x',
    });
    expect(error.text.zh).toBe('请求体无效：day: 应为数字 / digits only');
  });

  it('refuses a NUL or an unpaired surrogate whatever the schema allows', () => {
    for (const bad of ['a\u0000', 'a\udfff']) {
      const error = failure(z.object({ anything: z.unknown() }), { anything: { deep: [bad] } });
      expect(error.code).toBe('INVALID_REQUEST');
      expect(error.text.zh).toContain('anything.deep.0 ');
    }
  });

  it('trims free text and refuses an empty one', () => {
    expect(parseInput(ZText(10), '  理由  ', where)).toBe('理由');
    expect(failure(ZText(10), '   ').text.zh).toBe('请求体无效：(根): 不能为空');
    expect(parseInput(ZText(10, 0), '   ', where)).toBe('');
  });
});
