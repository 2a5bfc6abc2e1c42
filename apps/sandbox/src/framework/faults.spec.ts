import { FaultController, NO_FAULTS, parseFaultFlag } from './faults';
import { SandboxUsageError } from './sandbox-error';

describe(parseFaultFlag.name, () => {
  it.each([
    ['gov-cloud:latency=2000', { source: 'gov-cloud', kind: 'latency', value: 2000 }],
    ['mlps:error-rate=0.3', { source: 'mlps', kind: 'error-rate', value: 0.3 }],
    ['video:rate-limit=1', { source: 'video', kind: 'rate-limit', value: 1 }],
    ['service-platforms:maintenance', { source: 'service-platforms', kind: 'maintenance' }],
    ['data-exchange:error-rate=0', { source: 'data-exchange', kind: 'error-rate', value: 0 }],
  ])('reads %s', (flag, expected) => {
    expect(parseFaultFlag(flag)).toEqual(expected);
  });

  it.each([
    ['gov-cloud', /格式.*<source>:<kind>/s],
    ['weather:latency=10', /未知的来源 "weather".*unknown source "weather".*gov-cloud/s],
    ['gov-cloud:slowness=10', /未知的故障类型 "slowness".*unknown fault kind "slowness".*latency/s],
    ['gov-cloud:latency', /需要一个值.*needs a value/s],
    ['gov-cloud:error-rate=', /需要一个值.*needs a value/s],
    ['gov-cloud:error-rate=1.5', /0 到 1.*from 0 to 1, got "1.5"/s],
    ['gov-cloud:rate-limit=-0.1', /0 到 1.*from 0 to 1/s],
    ['gov-cloud:error-rate=half', /from 0 to 1, got "half"/],
    ['gov-cloud:latency=-5', /whole milliseconds/],
    ['gov-cloud:latency=1.5', /whole milliseconds/],
    ['gov-cloud:latency=600001', /whole milliseconds from 0 to 600000/],
    ['gov-cloud:maintenance=1', /不带值.*takes no value/s],
  ])('rejects %s with a Chinese and English reason', (flag, message) => {
    const attempt = () => parseFaultFlag(flag);

    expect(attempt).toThrow(SandboxUsageError);
    expect(attempt).toThrow(message);
  });
});

describe(FaultController.name, () => {
  it('starts every source without faults and applies the given flags', () => {
    const sut = new FaultController([
      parseFaultFlag('gov-cloud:latency=50'),
      parseFaultFlag('gov-cloud:maintenance'),
      parseFaultFlag('mlps:rate-limit=0.2'),
    ]);

    expect(sut.get('gov-cloud')).toEqual({ ...NO_FAULTS, latencyMs: 50, maintenance: true });
    expect(sut.get('mlps')).toEqual({ ...NO_FAULTS, rateLimitRate: 0.2 });
    expect(sut.get('video')).toEqual(NO_FAULTS);
  });

  it('changes only the keys given and keeps the others', () => {
    const sut = new FaultController([parseFaultFlag('gov-cloud:error-rate=0.5')]);

    const after = sut.update('gov-cloud', { latencyMs: 10 });

    expect(after).toEqual({ ...NO_FAULTS, errorRate: 0.5, latencyMs: 10 });
  });

  it('refuses out-of-range settings without changing anything', () => {
    const sut = new FaultController();

    expect(() => sut.update('gov-cloud', { errorRate: 2 })).toThrow(/errorRate/);
    expect(sut.get('gov-cloud')).toEqual(NO_FAULTS);
  });

  it('hands out copies, so callers cannot change settings behind its back', () => {
    const sut = new FaultController();

    sut.get('gov-cloud').maintenance = true;

    expect(sut.get('gov-cloud').maintenance).toBe(false);
  });

  it('resets one source or all', () => {
    const sut = new FaultController([
      parseFaultFlag('gov-cloud:maintenance'),
      parseFaultFlag('mlps:maintenance'),
    ]);

    sut.reset('gov-cloud');
    expect(sut.snapshot()['gov-cloud']!.maintenance).toBe(false);
    expect(sut.snapshot().mlps!.maintenance).toBe(true);

    sut.reset();
    expect(sut.snapshot().mlps!.maintenance).toBe(false);
  });
});
