import { beijingHour, inBeijingHourWindow } from './mlps.schedule';

describe(beijingHour.name, () => {
  it('reads the hour on a Beijing clock, eight hours ahead of UTC', () => {
    expect(beijingHour(Date.parse('2025-03-01T00:00:00Z'))).toBe(8);
    expect(beijingHour(Date.parse('2025-03-01T16:00:00Z'))).toBe(0);
    expect(beijingHour(Date.parse('2025-03-01T15:59:59Z'))).toBe(23);
  });

  it('works for instants before 1970', () => {
    expect(beijingHour(Date.parse('1969-12-31T20:00:00Z'))).toBe(4);
  });
});

describe(inBeijingHourWindow.name, () => {
  const at = (beijing: string) => Date.parse(`2025-03-01T${beijing}+08:00`);

  it('includes the first hour and excludes the last', () => {
    const window = { fromHour: 2, toHour: 4 };

    expect(inBeijingHourWindow(at('01:59:59'), window)).toBe(false);
    expect(inBeijingHourWindow(at('02:00:00'), window)).toBe(true);
    expect(inBeijingHourWindow(at('03:59:59'), window)).toBe(true);
    expect(inBeijingHourWindow(at('04:00:00'), window)).toBe(false);
  });

  it('wraps past midnight when the first hour is later than the last', () => {
    const window = { fromHour: 22, toHour: 2 };

    expect(inBeijingHourWindow(at('21:59:59'), window)).toBe(false);
    expect(inBeijingHourWindow(at('23:30:00'), window)).toBe(true);
    expect(inBeijingHourWindow(at('01:30:00'), window)).toBe(true);
    expect(inBeijingHourWindow(at('02:00:00'), window)).toBe(false);
  });

  it('is empty when both ends are equal, and the whole day from 0 to 24', () => {
    expect(inBeijingHourWindow(at('03:00:00'), { fromHour: 3, toHour: 3 })).toBe(false);
    expect(inBeijingHourWindow(at('00:00:00'), { fromHour: 0, toHour: 24 })).toBe(true);
    expect(inBeijingHourWindow(at('23:59:59'), { fromHour: 0, toHour: 24 })).toBe(true);
  });
});
