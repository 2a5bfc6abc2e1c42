import { LatestInstant, decodeWatermark, encodeWatermark } from './data-exchange.watermark';

describe(encodeWatermark.name, () => {
  it('stores both lists as JSON, and nothing when neither has a watermark', () => {
    expect(encodeWatermark({ systems: '2025-03-01T08:00:00+08:00', catalog: null })).toBe(
      '{"systems":"2025-03-01T08:00:00+08:00","catalog":null}',
    );
    expect(encodeWatermark({ systems: null, catalog: null })).toBeNull();
  });
});

describe(decodeWatermark.name, () => {
  it('reads back what it stored', () => {
    const watermark = { systems: '2025-03-01T08:00:00+08:00', catalog: '2025-03-02T00:00:00Z' };

    expect(decodeWatermark(encodeWatermark(watermark))).toEqual(watermark);
  });

  it('applies a bare instant to both lists', () => {
    expect(decodeWatermark('2025-03-01T08:00:00+08:00')).toEqual({
      systems: '2025-03-01T08:00:00+08:00',
      catalog: '2025-03-01T08:00:00+08:00',
    });
  });

  it('gives no watermark for no cursor', () => {
    expect(decodeWatermark(null)).toEqual({ systems: null, catalog: null });
  });

  it.each([['page-7'], ['{"systems":"yesterday","catalog":null}'], ['{"systems":null}'], ['[]']])(
    'gives null for a cursor it cannot read: %s',
    (cursor) => {
      expect(decodeWatermark(cursor)).toBeNull();
    },
  );
});

describe(LatestInstant.name, () => {
  it('keeps the latest instant as sent, comparing instants rather than strings', () => {
    const sut = new LatestInstant('2025-03-02T08:00:00+08:00');

    sut.offer('2025-03-02T01:10:00Z');
    sut.offer('2025-03-01T23:59:00Z');

    expect(sut.value).toBe('2025-03-02T01:10:00Z');
  });

  it('never moves back from where it started', () => {
    const sut = new LatestInstant('2025-03-02T08:00:00+08:00');

    sut.offer('2025-03-01T08:00:00+08:00');

    expect(sut.value).toBe('2025-03-02T08:00:00+08:00');
  });
});
