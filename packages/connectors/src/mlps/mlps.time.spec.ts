import { beijingTimeToInstant, instantToBeijingTime } from './mlps.time';

describe(beijingTimeToInstant.name, () => {
  it('writes a Beijing wall-clock time as the same instant with the +08:00 offset', () => {
    const sut = beijingTimeToInstant('2025-03-01 09:30:15');

    expect(sut).toBe('2025-03-01T09:30:15+08:00');
    expect(Date.parse(sut!)).toBe(Date.UTC(2025, 2, 1, 1, 30, 15));
  });

  it('keeps a time just after Beijing midnight on its Beijing day, though it is the previous UTC day', () => {
    const sut = beijingTimeToInstant('2025-01-01 00:05:00');

    expect(sut).toBe('2025-01-01T00:05:00+08:00');
    expect(new Date(sut!).toISOString()).toBe('2024-12-31T16:05:00.000Z');
  });

  it('accepts 29 February of a leap year, including the 400-year rule', () => {
    expect(beijingTimeToInstant('2024-02-29 12:00:00')).toBe('2024-02-29T12:00:00+08:00');
    expect(beijingTimeToInstant('2000-02-29 12:00:00')).toBe('2000-02-29T12:00:00+08:00');
  });

  it.each([
    ['29 February of a common year', '2025-02-29 12:00:00'],
    ['29 February of a century year that is not a leap year', '1900-02-29 12:00:00'],
    ['31 April', '2025-04-31 08:00:00'],
    ['30 February', '2025-02-30 08:00:00'],
    ['month 13', '2025-13-01 08:00:00'],
    ['day 0', '2025-03-00 08:00:00'],
    ['hour 24', '2025-03-01 24:00:00'],
    ['minute 60', '2025-03-01 08:60:00'],
    ['a leap second', '2016-12-31 23:59:60'],
  ])('rejects %s', (_label, text) => {
    expect(beijingTimeToInstant(text)).toBeNull();
  });

  it.each([
    ['an ISO instant', '2025-03-01T09:30:00+08:00'],
    ['a T separator without zone', '2025-03-01T09:30:00'],
    ['a missing seconds field', '2025-03-01 09:30'],
    ['a date alone', '2025-03-01'],
    ['single-digit fields', '2025-3-1 9:30:00'],
    ['milliseconds', '2025-03-01 09:30:00.000'],
    ['surrounding spaces', ' 2025-03-01 09:30:00'],
    ['an empty text', ''],
  ])('rejects %s, which is not the registry format', (_label, text) => {
    expect(beijingTimeToInstant(text)).toBeNull();
  });
});

describe(instantToBeijingTime.name, () => {
  it('writes an instant with +08:00 as the registry time it names', () => {
    expect(instantToBeijingTime('2025-03-01T09:30:15+08:00')).toBe('2025-03-01 09:30:15');
  });

  it('moves a UTC instant eight hours on, across the date line of Beijing midnight', () => {
    expect(instantToBeijingTime('2025-02-28T16:30:00Z')).toBe('2025-03-01 00:30:00');
    expect(instantToBeijingTime('2024-12-31T23:59:59.000Z')).toBe('2025-01-01 07:59:59');
  });

  it('reads any offset as the instant it is', () => {
    expect(instantToBeijingTime('2025-03-01T03:30:00+02:00')).toBe('2025-03-01 09:30:00');
    expect(instantToBeijingTime('2025-03-01T00:00:00-05:00')).toBe('2025-03-01 13:00:00');
  });

  it('goes back by the requested margin, across a day boundary too', () => {
    expect(instantToBeijingTime('2025-03-01T09:30:00+08:00', 1_000)).toBe('2025-03-01 09:29:59');
    expect(instantToBeijingTime('2025-03-01T00:00:00+08:00', 1_000)).toBe('2025-02-28 23:59:59');
  });

  it('cuts fractions of a second, asking for a little more rather than less', () => {
    expect(instantToBeijingTime('2025-03-01T09:30:15.999+08:00')).toBe('2025-03-01 09:30:15');
  });

  it('round-trips with beijingTimeToInstant', () => {
    const local = '2024-02-29 23:59:59';

    expect(instantToBeijingTime(beijingTimeToInstant(local)!)).toBe(local);
  });

  it.each([
    ['a zone-less ISO text, which Date.parse would read in the machine zone', '2025-03-01T09:30:00'],
    ['a registry time', '2025-03-01 09:30:00'],
    ['a date alone', '2025-03-01'],
    ['garbage', 'yesterday'],
    ['an impossible date', '2025-02-30T09:30:00+08:00'],
  ])('gives null for %s', (_label, text) => {
    expect(instantToBeijingTime(text)).toBeNull();
  });

  it('does not depend on the time zone of the machine', () => {
    const previous = process.env['TZ'];
    try {
      process.env['TZ'] = 'America/New_York';
      const inNewYork = instantToBeijingTime('2025-03-09T07:30:00Z');
      process.env['TZ'] = 'Asia/Tokyo';
      const inTokyo = instantToBeijingTime('2025-03-09T07:30:00Z');

      expect(inNewYork).toBe('2025-03-09 15:30:00');
      expect(inTokyo).toBe('2025-03-09 15:30:00');
    } finally {
      if (previous === undefined) delete process.env['TZ'];
      else process.env['TZ'] = previous;
    }
  });
});
