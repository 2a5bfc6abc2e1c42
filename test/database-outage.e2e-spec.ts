import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeRegistryWorkbook } from '@hub/registry';
import { SANDBOX_SOURCE_IDS, generateDemoCity, startSandbox } from '@hub/sandbox';
import pino from 'pino';
import { envForSandbox } from '../apps/hub/src/demo';
import {
  attachOrStartEmbeddedDatabase,
  type EmbeddedDatabaseHandle,
} from '../apps/hub/src/infra/database/embedded-database';
import { TokensService } from '../apps/hub/src/modules/auth/tokens.service';
import { UsersService } from '../apps/hub/src/modules/auth/users.service';
import { RegistryImportService } from '../apps/hub/src/modules/registry/registry-import.service';
import { createTestContext } from '../apps/hub/src/testing/test-context';
import { DEMO_NOW } from './support/hub';
import { buildHub, type HubProcess, spawnHub } from './support/replicas';

/** How long PostgreSQL stays down in each case. */
const OUTAGE_MS = 20_000;

/**
 * The built hub on a PostgreSQL this test starts and stops (an embedded server on a port of its own,
 * which the hub attaches to and does not own): while the server is down the hub stays alive, says it
 * is not ready, and answers API calls with 503 DATABASE_UNAVAILABLE; once the server is back it is
 * ready again without a restart, an interrupted scan ends (completed, or failed with its reason), and
 * a new scan completes.
 */
describe('PostgreSQL down for 20 s under a running hub', () => {
  const demo = generateDemoCity({ now: DEMO_NOW });
  const logger = pino({ level: 'silent' });
  let dataDir: string;
  let server: EmbeddedDatabaseHandle;
  let sandbox: Awaited<ReturnType<typeof startSandbox>>;
  let hub: HubProcess;
  let url: string;
  let token: string;

  beforeAll(async () => {
    buildHub();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-outage-'));
    fs.chmodSync(dataDir, 0o755); // the server runs as the postgres user and must reach its data
    server = await attachOrStartEmbeddedDatabase(dataDir, logger);
    sandbox = await startSandbox({
      dataset: demo.dataset,
      ports: Object.fromEntries(SANDBOX_SOURCE_IDS.map((s) => [s, 0])),
      logger,
    });
    const env = {
      HUB_DATA_DIR: dataDir,
      HUB_NOW: DEMO_NOW,
      HUB_SANDBOX: 'off',
      HUB_SCAN_ON_START: 'false',
      HUB_SCAN_CRON: 'off',
      HUB_SYNC_CRON: 'off',
      HUB_HOST: '127.0.0.1',
      HUB_PORT: '0',
      HUB_JOB_EXPIRE_SECONDS: '8',
      HUB_JOBS_MAINTENANCE_SECONDS: '1',
      HUB_JOBS_POLL_SECONDS: '0.5',
      ...envForSandbox(sandbox.urls),
    };
    // The hub finds the server running in its data directory and attaches to it.
    hub = spawnHub(env);
    await hub.waitFor('hub listening at');
    url = /hub listening at (http:\/\/\S+)/.exec(hub.output())![1]!;
    const ctx = await createTestContext(server.url, { ...env, HUB_LOG_LEVEL: 'silent' });
    try {
      const { user } = await ctx
        .get(UsersService)
        .create({ username: 'ops', displayName: 'ops', role: 'admin', unitCode: null }, 'test');
      const owner = await ctx.get(UsersService).get(user.id);
      token = (await ctx.get(TokensService).create(owner, { name: 'test' }, 'test')).token;
      await ctx
        .get(RegistryImportService)
        .import('p.xlsx', await writeRegistryWorkbook(demo.projects), 'test');
    } finally {
      await ctx.close();
    }
  });

  afterEach(() => {
    for (const source of SANDBOX_SOURCE_IDS) sandbox.faults.reset(source);
  });

  afterAll(async () => {
    if (hub && hub.process.exitCode === null && hub.process.signalCode === null) {
      hub.process.kill('SIGTERM');
      await hub.exited;
    }
    await sandbox?.stop();
    await server?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function call<T = ErrorAnswer>(
    method: string,
    p: string,
  ): Promise<{ status: number; body: T; ms: number }> {
    const started = Date.now();
    const res = await fetch(`${url}${p}`, {
      method,
      headers: { Authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(15_000),
    });
    return { status: res.status, body: (await res.json()) as T, ms: Date.now() - started };
  }

  /** Stops the server, checks the hub throughout the outage, and starts the server again on its port. */
  async function outage(): Promise<void> {
    const stopped = Date.now();
    const stop = server.stop();
    await stop;
    // The same data directory, port and credentials: what an operator's restart gives back.
    const during: { live: number; ready: number; readyMs: number; api: number; code: string }[] = [];
    while (Date.now() - stopped < OUTAGE_MS - 3_000) {
      const [live, ready, api] = await Promise.all([
        call<unknown>('GET', '/health'),
        call<unknown>('GET', '/health/ready'),
        call('GET', '/api/projects'),
      ]);
      during.push({
        live: live.status,
        ready: ready.status,
        readyMs: ready.ms,
        api: api.status,
        code: api.body.error?.code,
      });
      expect(live.body).toEqual({ status: 'ok' });
      expect(api.body.error.message.zh).toMatch(/^数据库暂时不可用/);
      await new Promise((r) => setTimeout(r, 1_000));
    }
    expect(during.length).toBeGreaterThan(3);
    for (const probe of during) {
      expect(probe).toMatchObject({ live: 200, ready: 503, api: 503, code: 'DATABASE_UNAVAILABLE' });
      expect(probe.readyMs).toBeLessThan(3_000);
    }
    await new Promise((r) => setTimeout(r, Math.max(0, OUTAGE_MS - (Date.now() - stopped))));
    server = await attachOrStartEmbeddedDatabase(dataDir, logger, { port: portOf(server.url) });
    // Ready again without a restart.
    const deadline = Date.now() + 30_000;
    let ready = await call<unknown>('GET', '/health/ready');
    while (ready.status !== 200 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
      ready = await call<unknown>('GET', '/health/ready');
    }
    expect(ready.body).toMatchObject({ status: 'ready', database: { ok: true }, queue: { ok: true } });
    expect((await call('GET', '/api/projects')).status).toBe(200);
    expect(hub.process.exitCode, hub.output().slice(-3000)).toBeNull();
  }

  /** Polls a scan until it is no longer running; fails if it still is after `ms`. */
  async function untilEnded(id: string, ms: number) {
    const deadline = Date.now() + ms;
    for (;;) {
      const { body } = await call<ScanAnswer>('GET', `/api/scans/${id}`);
      if (body.status !== 'running' && (body.status === 'failed' || body.phases.finish.done === 1))
        return body;
      if (Date.now() > deadline) throw new Error(`scan ${id} still running:\n${hub.output().slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }

  async function scanCompletes() {
    const started = await call<ScanAnswer>('POST', '/api/scans');
    expect(started.status).toBe(202);
    const scan = await untilEnded(started.body.id, 90_000);
    expect(scan.status, scan.error ?? '').toBe('completed');
    expect(scan.report?.summary.projects).toBe(demo.projects.length);
  }

  it('stays live, says it is not ready and answers 503 while PostgreSQL is down idle, then recovers', async () => {
    expect((await call<unknown>('GET', '/health/ready')).status).toBe(200);
    await outage();
    await scanCompletes();
  });

  it('ends a scan PostgreSQL went down under, and completes the next one', async () => {
    // Slow pages keep the scan's syncs running when the server goes.
    for (const source of SANDBOX_SOURCE_IDS) sandbox.faults.update(source, { latencyMs: 400 });
    const started = await call<ScanAnswer>('POST', '/api/scans');
    expect(started.status).toBe(202);
    await new Promise((r) => setTimeout(r, 1_500));
    expect((await call<ScanAnswer>('GET', `/api/scans/${started.body.id}`)).body.status).toBe('running');
    await outage();
    for (const source of SANDBOX_SOURCE_IDS) sandbox.faults.reset(source);
    const interrupted = await untilEnded(started.body.id, 90_000);
    // Finished after all, or failed saying why: never left running.
    if (interrupted.status === 'failed') expect(interrupted.error).toMatch(/\S/);
    else expect(interrupted.status).toBe('completed');
    await scanCompletes();
  });
});

/** An API error, as far as this test reads it. */
interface ErrorAnswer {
  error: { code: string; message: { zh: string; en: string } };
}

/** A scan's progress, as far as this test reads it. */
interface ScanAnswer {
  id: string;
  status: string;
  error: string | null;
  phases: { finish: { done: number } };
  report: { summary: { projects: number } } | null;
}

function portOf(databaseUrl: string): number {
  return Number(new URL(databaseUrl).port);
}
