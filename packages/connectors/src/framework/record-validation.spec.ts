import { z } from 'zod';
import { formatPath, validateItems } from './record-validation';

const ZThing = z.object({
  id: z.string().min(1),
  size: z.number().int(),
  tags: z.array(z.string()).optional(),
});

describe(validateItems.name, () => {
  it('keeps the raw object of a valid item, unknown fields included, beside the parsed value', () => {
    const raw = { id: 'a', size: 3, vendorOnly: { x: 1 } };

    const sut = validateItems({ kind: 'thing', schema: ZThing, idField: 'id', items: [raw] });

    expect(sut.problems).toEqual([]);
    expect(sut.valid).toEqual([{ raw, value: { id: 'a', size: 3 } }]);
    expect(sut.valid[0]?.raw).toBe(raw);
  });

  it('turns an item failing its schema into a problem with its id, the zod issues and a bilingual reason', () => {
    const raw = { id: 'b', size: 1.5, tags: ['ok', 7] };

    const sut = validateItems({ kind: 'thing', schema: ZThing, idField: 'id', items: [raw] });

    expect(sut.valid).toEqual([]);
    expect(sut.problems).toHaveLength(1);
    const problem = sut.problems[0]!;
    expect(problem).toMatchObject({ kind: 'thing', externalId: 'b', payload: raw });
    expect(problem.issues.map((i) => i.path)).toEqual(['size', 'tags[1]']);
    expect(problem.reason.zh).toMatch(/^thing 记录不符合接口约定，未入库：size 为 1.5：无效输入/);
    expect(problem.reason.en).toContain('tags[1]');
  });

  it.each([
    ['a string', 'ecs-1', 'string'],
    ['null', null, 'null'],
    ['an array', [{ id: 'c' }], 'array'],
    ['a number', 42, 'number'],
  ])('reports %s where an object belongs as a problem', (_label, item, got) => {
    const sut = validateItems({ kind: 'thing', schema: ZThing, idField: 'id', items: [item] });

    expect(sut.problems).toEqual([
      {
        kind: 'thing',
        externalId: null,
        reason: {
          zh: `thing 记录不是 JSON 对象（收到 ${got}），未入库`,
          en: `thing record is not a JSON object (got ${got}) and was not stored`,
        },
        issues: [{ path: '', message: `expected an object, received ${got}` }],
        payload: item,
      },
    ]);
  });

  it('reports an item without its id as a problem without an id, never kept as an untrusted record', () => {
    const raw = { size: 2, projectCode: '25-430600-0001', systemName: '某系统' };
    const attribute = vi.fn(() => ({
      externalId: 'x',
      projectCode: '25-430600-0001',
      systemName: '某系统',
      unitCode: null,
      updatedAt: null,
      tombstone: false,
    }));

    const sut = validateItems({ kind: 'thing', schema: ZThing, idField: 'id', items: [raw], attribute });

    expect(sut.problems).toHaveLength(1);
    expect(sut.problems[0]).toMatchObject({ kind: 'thing', externalId: null, payload: raw });
    expect(sut.problems[0]?.issues.map((i) => i.path)).toContain('id');
    expect(sut.problems[0]?.record).toBeUndefined();
    expect(attribute).not.toHaveBeenCalled();
  });

  it('keeps the valid items of a list that also holds invalid ones, in order', () => {
    const items = [{ id: 'a', size: 1 }, 'junk', { size: 2 }, { id: 'd', size: 4 }];

    const sut = validateItems({ kind: 'thing', schema: ZThing, idField: 'id', items });

    expect(sut.valid.map((v) => v.value.id)).toEqual(['a', 'd']);
    expect(sut.problems.map((p) => p.payload)).toEqual(['junk', { size: 2 }]);
    expect(sut.problems[1]?.externalId).toBeNull();
  });

  it('reads a numeric id of an invalid item as text', () => {
    const sut = validateItems({ kind: 'thing', schema: ZThing, idField: 'id', items: [{ id: 17, size: 1 }] });

    expect(sut.problems[0]?.externalId).toBe('17');
  });

  it('names how many issues the reason leaves out', () => {
    const ZWide = z.object({ a: z.string(), b: z.string(), c: z.string(), d: z.string(), e: z.string() });

    const sut = validateItems({ kind: 'wide', schema: ZWide, idField: 'a', items: [{}] });

    expect(sut.problems[0]?.issues).toHaveLength(5);
    expect(sut.problems[0]?.reason.en).toMatch(/\(\+2\)$/);
  });
});

describe(formatPath.name, () => {
  it('writes object keys with dots and array indexes in brackets', () => {
    expect(formatPath(['spec', 'vcpu'])).toBe('spec.vcpu');
    expect(formatPath(['items', 2, 'name'])).toBe('items[2].name');
    expect(formatPath([0])).toBe('[0]');
    expect(formatPath([])).toBe('');
  });
});
