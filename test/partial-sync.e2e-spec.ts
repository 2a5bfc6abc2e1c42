import type { INestApplication } from '@nestjs/common';
import { writeRegistryWorkbook } from '@hub/registry';
import { generateDemoCity } from '@hub/sandbox';
import { ScanOrchestrator } from '../apps/hub/src/modules/scans/scan-orchestrator.service';
import { SyncService } from '../apps/hub/src/modules/sources/sync.service';
import { DEMO_NOW, rulesReading, startTestHub, type TestHub } from './support/hub';

interface FindingRow {
  projectCode: string;
  ruleId: string;
  verdict: string;
  reason: { zh: string; en: string };
}

/**
 * A scan in which the MLPS registry loses a page of its filing list (the sandbox's error-rate, with
 * its draws scripted so that the same page is lost every time): the lost page is asked again, then
 * each unit's filings are fetched by `?unitCode=`, and only projects whose filings could still be
 * missing are UNKNOWN, with reasons saying how much is missing and how old the data is.
 */
describe('a scan whose sync of one source falls short', () => {
  const demo = generateDemoCity({ now: DEMO_NOW });
  /** The sandbox's fault draws: MLPS requests pass while `passing`, then fail. */
  const draws = { passing: Number.POSITIVE_INFINITY };
  let hub: TestHub;
  let app: INestApplication;

  beforeAll(async () => {
    hub = await startTestHub(demo.dataset, {
      sandbox: { random: () => (draws.passing-- > 0 ? 0.99 : 0.01) },
      // Filings 40 a page: the demo's filing list is three pages long.
      env: { MLPS_TIMEOUT_MS: '3000', MLPS_PAGE_SIZE: '40' },
    });
    app = hub.app;
    await app.get(ScanOrchestrator).startWorkers();
    const workbook = await writeRegistryWorkbook(demo.projects);
    await hub.http.post('/api/registry/imports').attach('file', workbook, '项目台账.xlsx').expect(201);
  });

  afterAll(async () => {
    await hub?.stop();
  });

  const scan = async () => {
    const orchestrator = app.get(ScanOrchestrator);
    // Full syncs: an incremental one after the first scan would list no filing at all.
    const progress = await orchestrator.waitFor(
      await orchestrator.start('api', 'test', 'full'),
      undefined,
      200,
    );
    expect(progress.status).toBe('completed');
    return progress.id;
  };
  const findings = async () => (await hub.http.get('/api/findings').expect(200)).body as FindingRow[];
  const mlpsRules = rulesReading('mlps');
  const unknownOnMlps = (rows: FindingRow[]) =>
    rows.filter((f) => mlpsRules.has(f.ruleId) && f.verdict === 'UNKNOWN');

  let baseline: FindingRow[];
  /** What the closing figures print: findings UNKNOWN on the MLPS rules and projects holding them. */
  const figures: Record<string, string | number> = {};
  const projectsOf = (rows: FindingRow[]) => new Set(rows.map((f) => f.projectCode)).size;
  afterAll(() => {
    if (Object.keys(figures).length > 0) console.info('partial MLPS sync, demo city:', figures);
  });

  it('scans cleanly first, leaving the UNKNOWNs the demo is designed with', async () => {
    await scan();
    baseline = await findings();
    expect(baseline.length).toBeGreaterThan(0);
  });

  it('asks the lost page again, then fetches each unit by filter: no project is left UNKNOWN for it', async () => {
    // Page 1 of the filing list passes; page 2 fails its attempts and its second ask. Before the
    // recovery's targeted queries the registry is back.
    hub.sandbox.faults.update('mlps', { errorRate: 0.5 });
    draws.passing = 1;
    const sync = app.get(SyncService);
    const recover = sync.recover.bind(sync);
    const seen: Awaited<ReturnType<SyncService['recover']>>[] = [];
    const spy = vi.spyOn(sync, 'recover').mockImplementation(async (bulk) => {
      if (bulk.source === 'mlps') hub.sandbox.faults.update('mlps', { errorRate: 0 });
      const summary = await recover(bulk);
      seen.push(summary);
      return summary;
    });
    try {
      await scan();
    } finally {
      spy.mockRestore();
      hub.sandbox.faults.reset('mlps');
    }

    const recovery = seen.find((s) => s?.source === 'mlps');
    expect(recovery).toMatchObject({ status: 'succeeded', kinds: ['filing'] });
    expect(recovery!.recoveredProjects).toHaveLength(demo.projects.length);
    // One request per construction unit, never one per project or a listing of everything.
    const units = new Set(demo.projects.map((p) => p.unitCode));
    expect(recovery!.requests).toBe(units.size);

    const after = await findings();
    figures.cleanUnknown = `${unknownOnMlps(baseline).length} findings / ${projectsOf(unknownOnMlps(baseline))} projects`;
    figures.recoveredUnknown = `${unknownOnMlps(after).length} findings / ${projectsOf(unknownOnMlps(after))} projects`;
    figures.recoveryRequests = `${recovery!.requests} (one per unit, ${recovery!.recoveredProjects.length} projects covered)`;
    expect(unknownOnMlps(after).length).toBe(unknownOnMlps(baseline).length);
    expect(after.map((f) => [f.projectCode, f.ruleId, f.verdict])).toEqual(
      baseline.map((f) => [f.projectCode, f.ruleId, f.verdict]),
    );

    const sources = (await hub.http.get('/api/sources').expect(200)).body as {
      source: string;
      lastSync: { status: string; pagesTotal: number | null; pagesFailed: number };
      shortfall: { zh: string } | null;
      recovery: { recoveredProjects: number; requests: number } | null;
    }[];
    const mlps = sources.find((s) => s.source === 'mlps')!;
    // Three pages of 40: page 2 was lost (asked twice), so pages 2 and 3 were never read.
    expect(mlps.lastSync).toMatchObject({ status: 'partial', pagesTotal: 3, pagesFailed: 2 });
    expect(mlps.shortfall?.zh).toContain('共 3 页，2 页获取失败');
    expect(mlps.recovery).toEqual({
      at: expect.any(String),
      status: 'succeeded',
      recoveredProjects: demo.projects.length,
      requests: units.size,
    });
  });

  it('leaves UNKNOWN, with how much is missing and how old the data is, the projects a failed recovery could not reach', async () => {
    hub.sandbox.faults.update('mlps', { errorRate: 0.5 });
    draws.passing = 1;
    try {
      await scan();
    } finally {
      hub.sandbox.faults.reset('mlps');
    }

    const after = await findings();
    const unknown = unknownOnMlps(after);
    figures.unrecoveredUnknown = `${unknown.length} findings / ${projectsOf(unknown)} projects`;
    const decided = after.filter(
      (f) => mlpsRules.has(f.ruleId) && f.verdict !== 'UNKNOWN' && f.verdict !== 'NOT_APPLICABLE',
    );
    // Nothing that reads the MLPS registry may pass on a listing that lost a page.
    expect(decided.filter((f) => f.verdict === 'PASS')).toEqual([]);
    expect(unknown.length).toBeGreaterThan(unknownOnMlps(baseline).length);
    const lost = unknown.find((f) => f.reason.zh.includes('最近一次同步不完整'))!;
    expect(lost.reason.zh).toContain('共 3 页，2 页获取失败');
    // The clock stands still in these tests: the last complete sync was within the hour.
    expect(lost.reason.zh).toContain('网络安全等级保护备案系统上次完整同步在 1 小时内');
    // The other sources' rules judge as before.
    const others = (rows: FindingRow[]) =>
      rows.filter((f) => !mlpsRules.has(f.ruleId)).map((f) => [f.projectCode, f.ruleId, f.verdict]);
    expect(others(after)).toEqual(others(baseline));
  });
});
