import { RequestThrottle } from './request-throttle';

describe(RequestThrottle.name, () => {
  it('never has more than maxConcurrency requests in flight', async () => {
    const sut = new RequestThrottle(2, 0);
    let inFlight = 0;
    let peak = 0;
    const task = () =>
      sut.run(async () => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        await new Promise((r) => setTimeout(r, 5));
        inFlight--;
      });
    await Promise.all(Array.from({ length: 7 }, task));
    expect(peak).toBe(2);
  });

  it('spaces request starts to the rate limit, in the order they were asked for', async () => {
    let clock = 1_000;
    const slept: number[] = [];
    const sut = new RequestThrottle(
      10,
      4,
      () => clock,
      async (ms) => {
        slept.push(ms);
      },
    );
    const order: number[] = [];
    await Promise.all([0, 1, 2, 3].map((i) => sut.run(async () => void order.push(i))));
    expect(slept).toEqual([250, 500, 750]);
    expect(order).toEqual([0, 1, 2, 3]);
    clock += 2_000; // after a quiet spell the next request starts at once
    await sut.run(async () => undefined);
    expect(slept).toHaveLength(3);
  });

  it('does not limit the rate when the limit is 0', async () => {
    const sleep = vi.fn(async () => undefined);
    const sut = new RequestThrottle(10, 0, () => 0, sleep);
    await Promise.all([1, 2, 3].map(() => sut.run(async () => undefined)));
    expect(sleep).not.toHaveBeenCalled();
  });
});
