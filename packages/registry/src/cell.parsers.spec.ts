import { REGISTRY_COLUMNS } from '@hub/contracts';
import fc from 'fast-check';
import { normaliseDecimal, numberToDecimalText, parseCell, type RawCell } from './cell.parsers';

describe(parseCell.name, () => {
  it('never throws, whatever the cell holds and whatever the column type', () => {
    const raw: fc.Arbitrary<RawCell> = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.double(),
      fc.boolean(),
      fc.date(),
      fc.constant(null),
    );
    fc.assert(
      fc.property(fc.constantFrom(...REGISTRY_COLUMNS), raw, (column, cell) => {
        const result = parseCell(column.type, column.required, cell);
        expect(typeof result.ok).toBe('boolean');
      }),
    );
  });

  it('reads an empty optional cell as null and an empty required one as an error', () => {
    expect(parseCell('yes-no', false, ' ')).toEqual({ ok: true, value: null });
    expect(parseCell('yes-no', true, null)).toMatchObject({ ok: false, code: 'required' });
  });

  it('tells the three credit code problems apart', () => {
    expect(parseCell('credit-code', true, '91430600MA0000001')).toMatchObject({ code: 'credit-code-length' });
    expect(parseCell('credit-code', true, '91430600ma00000010')).toMatchObject({
      code: 'credit-code-charset',
    });
    expect(parseCell('credit-code', true, '91430600MA00000011')).toMatchObject({
      code: 'credit-code-check-digit',
    });
    expect(parseCell('credit-code', true, ' 91430600MA00000010 ')).toEqual({
      ok: true,
      value: '91430600MA00000010',
    });
  });

  it.each([
    ['2024-02-29', '2024-02-29'],
    ['2025/12/1', '2025-12-01'],
    ['2023-02-29', null],
    ['2025-3-7', null],
    ['2025/04/31', null],
    ['0999-01-01', null],
  ])('reads the date %j as %j', (text, expected) => {
    const result = parseCell('date', false, text);

    expect(result.ok ? result.value : null).toBe(expected);
  });

  it('refuses decimals that are negative or not finite', () => {
    expect(parseCell('decimal', true, -0.5)).toMatchObject({ ok: false, code: 'invalid-decimal' });
    expect(parseCell('decimal', true, Number.POSITIVE_INFINITY)).toMatchObject({ ok: false });
  });

  it('refuses an amount with more integer digits than the investment column stores', () => {
    expect(parseCell('decimal', true, 9_999_999_999.99)).toEqual({ ok: true, value: '9999999999.99' });
    expect(parseCell('decimal', true, '0009999999999')).toEqual({ ok: true, value: '9999999999' });
    for (const cell of [1e10, 1e21, '10000000000', '1' + '0'.repeat(5000)]) {
      expect(parseCell('decimal', true, cell)).toMatchObject({
        ok: false,
        code: 'invalid-decimal',
        detail: { zh: expect.stringContaining('整数部分最多 10 位') },
      });
    }
  });

  it.each([
    ['a NUL', '岳阳市\u0000项目', 'U+0000'],
    ['a lone high surrogate', '岳阳市\ud800项目', 'U+D800'],
    ['a lone low surrogate', '\udc00岳阳市项目', 'U+DC00'],
  ])('refuses text holding %s in any column type, naming the character', (_, cell, unit) => {
    for (const column of REGISTRY_COLUMNS) {
      const result = parseCell(column.type, column.required, cell, column);
      expect(result, column.header).toMatchObject({
        ok: false,
        code: 'invalid-characters',
        detail: { zh: expect.stringContaining(unit), en: expect.stringContaining(unit) },
      });
    }
  });

  it('accepts text with paired surrogates (characters outside the BMP)', () => {
    expect(parseCell('text', true, '𠀋𡈽项目', { maxLength: 200 })).toEqual({ ok: true, value: '𠀋𡈽项目' });
  });

  it('refuses text longer than its column allows, saying the limit and the length', () => {
    const name = REGISTRY_COLUMNS.find((c) => c.field === 'name')!;
    expect(parseCell(name.type, true, '项'.repeat(200), name)).toMatchObject({ ok: true });
    expect(parseCell(name.type, true, '项'.repeat(201), name)).toMatchObject({
      ok: false,
      code: 'too-long',
      detail: { zh: '最多 200 个字符，实为 201 个' },
    });
    const ref = REGISTRY_COLUMNS.find((c) => c.field === 'expertReviewRef')!;
    expect(parseCell(ref.type, false, 'x'.repeat(2_000_000), ref)).toMatchObject({ code: 'too-long' });
    // any cell of any type, past what an xlsx cell can hold
    expect(parseCell('yes-no', false, '是'.repeat(40_000))).toMatchObject({ code: 'too-long' });
  });

  it('bounds the system names of a project in number and in length', () => {
    const names = (n: number, length = 4) =>
      Array.from({ length: n }, (_, i) => `系统${i}`.padEnd(length, 'x'));
    expect(parseCell('system-names', true, names(100).join(';'))).toMatchObject({ ok: true });
    expect(parseCell('system-names', true, names(101).join(';'))).toMatchObject({
      code: 'invalid-system-names',
      detail: { zh: '最多填 100 个系统名称，实为 101 个' },
    });
    expect(parseCell('system-names', true, names(2, 101).join('；'))).toMatchObject({ code: 'too-long' });
  });

  it('refuses an integer above the largest value of its column', () => {
    const months = REGISTRY_COLUMNS.find((c) => c.field === 'omPeriodMonths')!;
    expect(parseCell(months.type, false, 1200, months)).toEqual({ ok: true, value: 1200 });
    expect(parseCell(months.type, false, '1201', months)).toMatchObject({ code: 'invalid-integer' });
    expect(parseCell(months.type, false, 99_999_999_999, months)).toMatchObject({ code: 'invalid-integer' });
  });
});

describe(normaliseDecimal.name, () => {
  it.each([
    ['350', '350'],
    ['0350.500', '350.5'],
    ['12.000', '12'],
    ['0', '0'],
    ['0.05', '0.05'],
    ['000.0', '0'],
  ])('spells %s as %s', (text, expected) => {
    expect(normaliseDecimal(text)).toBe(expected);
  });
});

describe(numberToDecimalText.name, () => {
  it.each([
    [350, '350'],
    [1200.5, '1200.5'],
    [0.1 + 0.2, '0.3'],
    [1e-7, '0.0000001'],
    [1.5e22, '15000000000000000000000'],
    [-42.25, '-42.25'],
  ])('writes %d as %s, without exponent or float noise', (value, expected) => {
    expect(numberToDecimalText(value)).toBe(expected);
  });
});
