import { createServer } from 'node:net';
import { GovCloudCode, type TSandboxDataset } from '@hub/contracts';
import { read, signedGet } from '../modules/gov-cloud/testing/gov-cloud.test-client';
import { SANDBOX_SOURCE_IDS } from '../modules/modules.registry';
import { parseFaultFlag } from './faults';
import { type RunningSandbox, startSandbox } from './sandbox';
import { SandboxUsageError } from './sandbox-error';

/** Every simulator on a free port: tests never collide with each other or a running sandbox. */
const EPHEMERAL_PORTS = Object.fromEntries(SANDBOX_SOURCE_IDS.map((source) => [source, 0]));

const dataset: TSandboxDataset = {
  govCloud: {
    tenants: [
      {
        tenantId: 'tnt-000001',
        tenantName: '岳阳市医疗保障局',
        unitName: '岳阳市医疗保障局',
        unitCode: '11430600MB0000001X',
        region: '430600',
        createdAt: '2023-01-01T00:00:00+08:00',
      },
    ],
    resources: [],
  },
  dataExchange: { systems: [], catalog: [], stats: [] },
  mlps: { filings: [] },
  video: { platforms: [], devices: [] },
  servicePlatforms: { ywtb: [], ybyh: [], brain: [] },
};

describe(startSandbox.name, () => {
  let sut: RunningSandbox;
  let url: string;
  /** random numbers the next requests will draw, in order */
  let draws: number[];

  beforeAll(async () => {
    sut = await startSandbox({
      dataset,
      ports: EPHEMERAL_PORTS,
      random: () => {
        const next = draws.shift();
        if (next === undefined) throw new Error('a fault drew a random number the test did not plan');
        return next;
      },
    });
    url = sut.urls['gov-cloud']!;
  });
  beforeEach(() => {
    draws = [];
    sut.faults.reset();
  });
  afterAll(() => sut.stop());

  it('listens on an ephemeral port of 127.0.0.1 when given port 0', () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(url).not.toBe('http://127.0.0.1:4101');
  });

  describe('faults', () => {
    it('delays answers by the configured latency', async () => {
      sut.faults.update('gov-cloud', { latencyMs: 150 });
      const started = Date.now();

      const res = await signedGet(url, '/openapi/v1/tenants');

      expect(Date.now() - started).toBeGreaterThanOrEqual(145);
      expect(res.body.code).toBe(GovCloudCode.OK);
    });

    it('answers a drawn internal error as a bare HTTP 500 when the second draw is low', async () => {
      sut.faults.update('gov-cloud', { errorRate: 0.5 });
      draws = [0.49, 0.2];

      const res = await signedGet(url, '/openapi/v1/tenants');

      expect(res.status).toBe(500);
      expect(res.contentType).toContain('text/plain');
      expect(draws).toEqual([]);
    });

    it('answers a drawn internal error as HTTP 200 with code 50000 when the second draw is high', async () => {
      sut.faults.update('gov-cloud', { errorRate: 0.5 });
      draws = [0.1, 0.8];

      const res = await signedGet(url, '/openapi/v1/tenants');

      expect(res.status).toBe(200);
      expect(res.body).toEqual({ code: GovCloudCode.INTERNAL, msg: 'internal error', data: null });
    });

    it('lets a request through when the draw is above the error rate', async () => {
      sut.faults.update('gov-cloud', { errorRate: 0.5 });
      draws = [0.5];

      const res = await signedGet(url, '/openapi/v1/tenants');

      expect(res.body.code).toBe(GovCloudCode.OK);
    });

    it('answers a drawn rate limit with HTTP 200, code 42900 and retryAfterSeconds', async () => {
      sut.faults.update('gov-cloud', { rateLimitRate: 0.3 });
      draws = [0.29];

      const res = await signedGet(url, '/openapi/v1/tenants');

      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        code: GovCloudCode.RATE_LIMITED,
        msg: 'rate limited',
        data: { retryAfterSeconds: 1 },
      });
    });

    it('answers every request with an HTML 503 during maintenance, drawing nothing', async () => {
      sut.faults.update('gov-cloud', { maintenance: true, errorRate: 1 });

      const res = await signedGet(url, '/openapi/v1/tenants');

      expect(res.status).toBe(503);
      expect(res.contentType).toContain('text/html');
      expect(res.text).toContain('系统维护中');
    });

    it('applies faults to requests whatever their signature, as a gateway would', async () => {
      sut.faults.update('gov-cloud', { maintenance: true });

      const res = await fetch(`${url}/openapi/v1/tenants`);

      expect(res.status).toBe(503);
    });

    it('never applies faults to the control endpoints', async () => {
      sut.faults.update('gov-cloud', { maintenance: true, latencyMs: 5_000 });

      const res = await fetch(`${url}/__sandbox/health`, { signal: AbortSignal.timeout(2_000) });

      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({
        status: 'ok',
        source: 'gov-cloud',
        faults: { maintenance: true },
      });
    });

    it('puts the faults given at start in force', async () => {
      const faulty = await startSandbox({
        dataset,
        ports: EPHEMERAL_PORTS,
        faults: [parseFaultFlag('gov-cloud:rate-limit=1')],
        random: () => 0.5,
      });
      try {
        const res = await signedGet(faulty.urls['gov-cloud']!, '/openapi/v1/tenants');

        expect(res.body.code).toBe(GovCloudCode.RATE_LIMITED);
      } finally {
        await faulty.stop();
      }
    });
  });

  describe('control endpoint', () => {
    it('answers the current faults of its source', async () => {
      sut.faults.update('gov-cloud', { latencyMs: 20 });

      const res = await read(await fetch(`${url}/__sandbox/faults`));

      expect(res.body).toEqual({
        source: 'gov-cloud',
        latencyMs: 20,
        errorRate: 0,
        rateLimitRate: 0,
        maintenance: false,
      });
    });

    it('changes faults at run time and the next request obeys them', async () => {
      const put = await read(
        await fetch(`${url}/__sandbox/faults`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ maintenance: true, errorRate: 0.25 }),
        }),
      );
      const after = await signedGet(url, '/openapi/v1/tenants');

      expect(put.status).toBe(200);
      expect(put.body).toMatchObject({ maintenance: true, errorRate: 0.25, latencyMs: 0 });
      expect(sut.faults.get('gov-cloud')).toMatchObject({ maintenance: true, errorRate: 0.25 });
      expect(after.status).toBe(503);
    });

    it.each([
      ['a rate above 1', JSON.stringify({ errorRate: 1.5 }), 'errorRate'],
      ['a negative latency', JSON.stringify({ latencyMs: -1 }), 'latencyMs'],
      ['a fractional latency', JSON.stringify({ latencyMs: 1.5 }), 'latencyMs'],
      ['maintenance as text', JSON.stringify({ maintenance: 'yes' }), 'maintenance'],
      ['an unknown key', JSON.stringify({ errorRates: 0.1 }), 'errorRates'],
      ['an array', JSON.stringify([]), 'object'],
      ['malformed JSON', '{"errorRate":', 'JSON'],
      ['no body', undefined, 'Content-Type: application/json'],
    ])('refuses %s with 400 and a message naming the problem', async (_label, body, mention) => {
      const res = await read(
        await fetch(`${url}/__sandbox/faults`, {
          method: 'PUT',
          ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body }),
        }),
      );

      expect(res.status).toBe(400);
      expect(res.body.error).toContain(mention);
      expect(sut.faults.get('gov-cloud')).toMatchObject({ errorRate: 0, latencyMs: 0, maintenance: false });
    });
  });

  describe('stop', () => {
    it('closes promptly with a keep-alive connection open and a delayed request pending', async () => {
      const other = await startSandbox({ dataset, ports: EPHEMERAL_PORTS });
      const otherUrl = other.urls['gov-cloud']!;
      await fetch(`${otherUrl}/__sandbox/health`).then((r) => r.text());
      other.faults.update('gov-cloud', { latencyMs: 60_000 });
      const pending = fetch(`${otherUrl}/openapi/v1/tenants`).catch((error: unknown) => error);
      await new Promise((r) => setTimeout(r, 50));

      const started = Date.now();
      await other.stop();

      expect(Date.now() - started).toBeLessThan(1_000);
      expect(await pending).toBeInstanceOf(Error);
      await expect(fetch(`${otherUrl}/__sandbox/health`)).rejects.toThrow();
    });

    it('can be called twice', async () => {
      const other = await startSandbox({ dataset, ports: EPHEMERAL_PORTS });

      await other.stop();
      await expect(other.stop()).resolves.toBeUndefined();
    });
  });

  it('refuses a port that is taken with a Chinese and English usage error', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as { port: number }).port;
    try {
      const attempt = startSandbox({ dataset, ports: { ...EPHEMERAL_PORTS, 'gov-cloud': port } });

      await expect(attempt).rejects.toBeInstanceOf(SandboxUsageError);
      await expect(attempt).rejects.toThrow(/无法监听.*cannot listen.*EADDRINUSE/s);
    } finally {
      await new Promise((r) => blocker.close(r));
    }
  });
});
