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
    expect(parseCell('decimal', true, 1e21)).toEqual({ ok: true, value: '1000000000000000000000' });
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
