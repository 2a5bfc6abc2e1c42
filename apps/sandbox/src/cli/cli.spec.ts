import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GovCloudCode } from '@hub/contracts';
import { signedGet } from '../modules/gov-cloud/testing/gov-cloud.test-client';
import { type CliIo, EXIT_USAGE, runCli } from './cli';

interface Captured {
  out: string;
  err: string;
  logs: string;
  io: Partial<CliIo>;
}

function capture(waitForShutdown?: (out: () => string) => Promise<string>): Captured {
  const c: Captured = { out: '', err: '', logs: '', io: {} };
  c.io = {
    stdout: (text) => {
      c.out += text;
    },
    stderr: (text) => {
      c.err += text;
    },
    logDestination: {
      write: (line: string) => {
        c.logs += line;
      },
    },
    now: () => new Date('2025-06-30T01:00:00Z'),
    waitForShutdown: () => (waitForShutdown ? waitForShutdown(() => c.out) : Promise.resolve('SIGTERM')),
  };
  return c;
}

describe(runCli.name, () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sandbox-cli-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('generates the demo files into --out', async () => {
    const c = capture();

    const code = await runCli(
      ['generate', '--out', dir, '--now', '2025-06-30T09:00:00+08:00', '--projects', '80', '--seed', '4'],
      c.io,
    );

    expect(code).toBe(0);
    expect((await readdir(dir)).sort()).toEqual([
      'dataset.json',
      'designed.json',
      'projects.csv',
      'projects.xlsx',
    ]);
    expect(c.out).toContain('80 projects');
  });

  it('serves a generated city by default, prints URL and credentials, and stops on the shutdown signal', async () => {
    let answered: number | undefined;
    const c = capture(async (out) => {
      const url = /http:\/\/127\.0\.0\.1:\d+/.exec(out())![0];
      answered = (await signedGet(url, '/openapi/v1/tenants')).body.code;
      return 'SIGINT';
    });

    const code = await runCli(['--port-gov-cloud', '0', '--fault', 'gov-cloud:latency=1'], c.io);

    expect(code).toBe(0);
    expect(answered).toBe(GovCloudCode.OK);
    expect(c.out).toContain('sandbox-gov-cloud-ak');
    expect(c.out).toContain('sandbox-gov-cloud-sk');
    expect(c.out).toContain('faults: latency=1');
    expect(c.logs).toContain('"msg":"stopping"');
    expect(c.logs).toContain('"signal":"SIGINT"');
  });

  it('serves a dataset file given with --dataset', async () => {
    const file = join(dir, 'dataset.json');
    await writeFile(
      file,
      JSON.stringify({ govCloud: { tenants: [{ tenantId: 'only-one' }], resources: [] } }),
    );
    let total: number | undefined;
    const c = capture(async (out) => {
      const url = /http:\/\/127\.0\.0\.1:\d+/.exec(out())![0];
      total = (await signedGet(url, '/openapi/v1/tenants')).body.data.total;
      return 'SIGTERM';
    });

    const code = await runCli(['serve', '--dataset', file, '--port-gov-cloud', '0'], c.io);

    expect(code).toBe(0);
    expect(total).toBe(1);
  });

  it.each([
    ['a bad fault flag', ['serve', '--fault', 'gov-cloud:latency=fast'], /whole milliseconds/],
    ['an unknown fault source', ['--fault', 'weather:maintenance'], /未知的来源.*unknown source/s],
    ['a port out of range', ['serve', '--port-gov-cloud', '70000'], /0 到 65535.*from 0 to 65535/s],
    ['an unknown option', ['serve', '--colour'], /命令行参数错误.*Invalid command line.*--colour/s],
    ['generate without --out', ['generate'], /--out/],
    ['too few projects', ['generate', '--out', '.', '--projects', '12'], /不少于 80.*at least 80/s],
    ['a now without offset', ['generate', '--out', '.', '--now', '2025-06-30'], /now.*offset/s],
  ])('exits with 2 and a Chinese and English message on %s', async (_label, args, message) => {
    const c = capture();

    const code = await runCli(args, c.io);

    expect(code).toBe(EXIT_USAGE);
    expect(c.err).toMatch(message);
    expect(c.err).not.toMatch(/\n\s+at /);
  });

  it.each([
    ['a missing file', null, /无法读取数据集文件.*cannot read the dataset file.*ENOENT/s],
    ['a file that is not JSON', '{"govCloud":', /不是有效的 JSON.*not valid JSON/s],
    ['JSON without govCloud', '{"mlps":{"filings":[]}}', /不符合沙箱数据集格式.*does not match.*govCloud/s],
    ['a now without offset', '{"now":"2025-06-30","govCloud":{"tenants":[],"resources":[]}}', /now/],
  ])('exits with 2 when --dataset is %s', async (_label, content, message) => {
    const file = join(dir, 'dataset.json');
    if (content !== null) await writeFile(file, content);
    const c = capture();

    const code = await runCli(['serve', '--dataset', file, '--port-gov-cloud', '0'], c.io);

    expect(code).toBe(EXIT_USAGE);
    expect(c.err).toMatch(message);
    expect(c.err).not.toMatch(/\n\s+at /);
  });

  it('prints help and exits with 0', async () => {
    const c = capture();

    const code = await runCli(['serve', '--help'], c.io);

    expect(code).toBe(0);
    expect(c.out).toContain('--port-gov-cloud');
    expect(c.out).toContain('--fault');
  });
});
