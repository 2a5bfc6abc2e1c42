import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createTestDatabase } from './support/database';
import { buildHub, errorLines, type HubProcess, spawnHub } from './support/replicas';

/**
 * The built hub as an operator runs it (`node apps/hub/dist/main.js`): it refuses to start, with
 * one clear reason and a non-zero exit code, when it cannot; its probes tell a live process from a
 * ready one; SIGTERM stops it in order, the embedded PostgreSQL last, with exit code 0.
 */

/** Settings that keep a spawned hub to itself: no sandbox, no scan, no schedules. */
const QUIET = {
  HUB_SANDBOX: 'off',
  HUB_SCAN_ON_START: 'false',
  HUB_SCAN_CRON: 'off',
  HUB_SYNC_CRON: 'off',
  HUB_HOST: '127.0.0.1',
};

async function timed<T>(work: Promise<T>): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  const value = await work;
  return { value, ms: Date.now() - started };
}

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('the hub process refuses to start when it cannot, exiting non-zero', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;

  beforeAll(async () => {
    buildHub();
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('exits 1 with one error naming the address when its port is taken', async () => {
    const squatter = net.createServer();
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    const { port } = squatter.address() as net.AddressInfo;
    try {
      const hub = spawnHub({ ...QUIET, DATABASE_URL: db.url, HUB_PORT: String(port) });
      const { value: exit } = await timed(hub.exited);
      const out = hub.output();
      expect(exit.code, out).toBe(1);
      expect(out).toContain(`合规中枢启动失败：端口 127.0.0.1:${port} 已被占用`);
      expect(out).toContain(`The hub failed to start: 127.0.0.1:${port} is already in use`);
      expect(out.indexOf('合规中枢启动失败')).toBeLessThan(out.indexOf('The hub failed to start'));
      // One report: a single fatal line, no error traces beside it.
      expect(out.match(/"level":60/g)).toHaveLength(1);
      expect(errorLines(out).filter((l) => !l.includes('"level":60'))).toEqual([]);
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
  });

  it('exits 78 listing every bad setting, Chinese first, for HUB_TRUST_PROXY=true', async () => {
    const hub = spawnHub({ ...QUIET, DATABASE_URL: db.url, HUB_TRUST_PROXY: 'true', HUB_PORT: 'eighty' });
    const exit = await hub.exited;
    const out = hub.output();
    expect(exit.code, out).toBe(78);
    expect(out.trimStart()).toMatch(/^环境变量配置错误 \/ invalid environment:/);
    expect(out).toMatch(/HUB_TRUST_PROXY: 不接受 true.* \/ true is refused/);
    expect(out).toMatch(/HUB_PORT: [\u4e00-\u9fff].* \/ Invalid input/);
    // Refused before anything started: no database, no log.
    expect(out).not.toContain('"level"');
  });

  it('exits 1 naming the database when PostgreSQL cannot be reached', async () => {
    const url = `postgresql://hub:wrong@127.0.0.1:${await closedPort()}/hub`;
    const hub = spawnHub({ ...QUIET, DATABASE_URL: url, HUB_PORT: '0' });
    const exit = await hub.exited;
    const out = hub.output();
    expect(exit.code, out).toBe(1);
    expect(out).toContain('合规中枢启动失败：数据库迁移失败');
    expect(out).toMatch(/Can't reach database server/);
    expect(out).not.toContain('wrong'); // the password never reaches the log
  });
});

/** The postgres processes of a server: its postmaster and every backend forked from it. */
function postgresTree(pgDir: string): number[] {
  const postmaster = Number(fs.readFileSync(path.join(pgDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const children = fs
    .readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .flatMap((d) => {
      try {
        // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may hold spaces, so read after its ')'.
        const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        return ppid === postmaster ? [Number(d)] : [];
      } catch {
        return [];
      }
    });
  return [postmaster, ...children];
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('the hub process on its embedded PostgreSQL: probes and an orderly stop', () => {
  let dataDir: string;
  let hub: HubProcess;
  let url: string;

  beforeAll(async () => {
    buildHub();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-ops-'));
    fs.chmodSync(dataDir, 0o755); // the server runs as the postgres user and must reach its data
    hub = spawnHub({ ...QUIET, HUB_DATA_DIR: dataDir, HUB_PORT: '0' });
    await hub.waitFor('hub listening at');
    url = /hub listening at (http:\/\/\S+)/.exec(hub.output())![1]!;
  });
  afterAll(async () => {
    if (hub && hub.process.exitCode === null && hub.process.signalCode === null) {
      hub.process.kill('SIGKILL');
      await hub.exited;
    }
    const pidFile = path.join(dataDir, 'pg', 'postmaster.pid');
    if (fs.existsSync(pidFile))
      for (const pid of postgresTree(path.join(dataDir, 'pg'))) process.kill(pid, 'SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const get = (p: string) =>
    timed(
      fetch(`${url}${p}`, { signal: AbortSignal.timeout(10_000) }).then(async (r) => ({
        status: r.status,
        body: await r.json(),
      })),
    );

  it('starts quietly and prints its summary last: its own address first, the one-time password in it', async () => {
    const out = hub.output();
    // Nest's module and route lines stay below the default level; the hub's own lines remain.
    expect(out).not.toContain('"component":"nest"');
    expect(out).toContain('"msg":"hub listening"');
    // Scripts take the first URL printed as the hub's.
    expect(/http:\/\/[\d.:]+/.exec(out)?.[0]).toBe(url);
    const block = out.slice(out.indexOf('\n  合规中枢已启动'));
    expect(out.indexOf('"msg":"hub started"')).toBeLessThan(out.indexOf('\n  合规中枢已启动'));
    expect(
      block
        .trim()
        .split('\n')
        .map((l) => l.trim().split(' ')[0]),
    ).toEqual([
      '合规中枢已启动',
      expect.stringMatching(/^管理界面/), // built or not
      '沙箱未启动，连接真实上游',
      '数据库',
      '定时任务',
      '初始管理员',
      '（首次登录后须修改密码；遗失时运行',
    ]);
    expect(block).toContain(`数据库 / database: PostgreSQL 127.0.0.1:`);
    expect(block).toContain(`嵌入式 / embedded in ${path.join(dataDir, 'pg')}`);
    expect(block).toMatch(/一次性密码 \/ one-time password: [A-Za-z0-9]{20}\n/);
  });

  it('answers liveness at once and readiness 503 within about 2 s while PostgreSQL is paused, then ready again', async () => {
    expect((await get('/health/ready')).value).toMatchObject({ status: 200, body: { status: 'ready' } });
    const paused = postgresTree(path.join(dataDir, 'pg'));
    expect(paused.length).toBeGreaterThan(1); // the hub's pools hold backends
    for (const pid of paused) process.kill(pid, 'SIGSTOP');
    try {
      const [live, ready] = await Promise.all([get('/health'), get('/health/ready')]);
      expect(live.value).toEqual({ status: 200, body: { status: 'ok' } });
      expect(live.ms).toBeLessThan(1_000);
      expect(ready.value.status).toBe(503);
      expect(ready.value.body).toMatchObject({
        status: 'not-ready',
        database: { ok: false, reason: { zh: '数据库在 2 秒内未应答' } },
        queue: { ok: false, reason: { zh: '作业队列在 2 秒内未应答' } },
      });
      expect(ready.ms).toBeGreaterThanOrEqual(1_900);
      expect(ready.ms).toBeLessThan(3_500);
      // Probes during the stall share the one waiting query: the pools are not drained by them.
      const again = await get('/health/ready');
      expect(again.value.status).toBe(503);
      expect(again.ms).toBeLessThan(3_500);
    } finally {
      for (const pid of paused) process.kill(pid, 'SIGCONT');
    }
    let ready = await get('/health/ready');
    for (let i = 0; i < 20 && ready.value.status !== 200; i++) ready = await get('/health/ready');
    expect(ready.value).toMatchObject({
      status: 200,
      body: { status: 'ready', database: { ok: true }, queue: { ok: true } },
    });
  });

  it('stops on SIGTERM in order, PostgreSQL last, with exit code 0 and no error in its log', async () => {
    const pgDir = path.join(dataDir, 'pg');
    const postmaster = postgresTree(pgDir)[0]!;
    hub.process.kill('SIGTERM');
    const { value: exit, ms } = await timed(hub.exited);
    const out = hub.output();
    expect(exit, out.slice(-3000)).toEqual({ code: 0, signal: null });
    expect(ms).toBeLessThan(10_000);
    expect(errorLines(out)).toEqual([]);
    const order = [
      '"shutting down"',
      'taking no new work',
      'embedded PostgreSQL stopped',
      '"hub stopped"',
    ].map((line) => out.indexOf(line));
    expect(
      order.every((at) => at >= 0),
      out.slice(-3000),
    ).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(alive(postmaster)).toBe(false);
    expect(fs.existsSync(path.join(pgDir, 'postmaster.pid'))).toBe(false);
  });
});
