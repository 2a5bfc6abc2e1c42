import type { INestApplication } from '@nestjs/common';
import { CONNECTORS, envKey, sourceTitle } from '@hub/connectors';
import type { SourceId } from '@hub/contracts';
import { writeRegistryWorkbook } from '@hub/registry';
import { type TFaultSettingsPatch, generateDemoCity } from '@hub/sandbox';
import { PrismaService } from '../apps/hub/src/infra/database/prisma.service';
import { ScanOrchestrator } from '../apps/hub/src/modules/scans/scan-orchestrator.service';
import { DEMO_NOW, rulesReading, startTestHub, type TestHub } from './support/hub';

interface FindingRow {
  projectCode: string;
  ruleId: string;
  verdict: string;
  reason: { zh: string; en: string };
}

/** Per attempt; the latency fault is well beyond it. */
const TIMEOUT_MS = 1_500;

/**
 * Every source the hub has a connector for, under every fault the sandbox can inject, in full scans
 * through the job queue: a rule reading the faulted source never passes on data that could not be
 * had (only a project whose records a recovery fetched whole is judged as before), and every rule
 * that does not read it judges exactly as in a fault-free scan. One hub and one sandbox serve all
 * cases; faults are reset between them.
 *
 * Connectors run with one attempt per call and no second ask of a lost page (their own tests cover
 * retries), so that every fault costs a lost page at once and an error rate of 0.3 loses some pages
 * and not others; the circuit breaker's cool-down is short so a case does not inherit an open
 * circuit from the one before.
 */
describe('fault matrix: every source × every sandbox fault, in full scans', () => {
  const demo = generateDemoCity({ now: DEMO_NOW });
  const sources = CONNECTORS.map((c) => c.id);
  /**
   * The sandbox's fault draws, in a fixed cycle of ten of which three fall below 0.3, the second
   * among them: an error rate of 0.3 fails every source's second request and three in ten in all,
   * the same requests every run.
   */
  const DRAWS = [0.5, 0.1, 0.9, 0.25, 0.7, 0.6, 0.05, 0.8, 0.4, 0.95];
  let draw = 0;
  const random = () => DRAWS[draw++ % DRAWS.length]!;
  /** Called on every upstream request the sandbox serves for a source: how a mid-scan fault is timed. */
  let onRequest: ((source: SourceId) => void) | undefined;
  let hub: TestHub;
  let app: INestApplication;
  let baseline: FindingRow[];
  /** upstream requests per source in the fault-free scan */
  const baselineRequests = new Map<SourceId, number>();

  beforeAll(async () => {
    hub = await startTestHub(demo.dataset, {
      sandbox: { random },
      env: {
        ...Object.fromEntries(
          CONNECTORS.flatMap((c) => [
            [envKey(c, 'TIMEOUT_MS'), String(TIMEOUT_MS)],
            [envKey(c, 'MAX_ATTEMPTS'), '1'],
            [envKey(c, 'REASK_LOST_PAGES'), 'false'],
            [envKey(c, 'BREAKER_COOLDOWN_MS'), '100'],
            // A recovery's targeted queries all wait on the fault at once rather than in turn.
            [envKey(c, 'MAX_CONCURRENCY'), '16'],
            [envKey(c, 'MAX_REQUESTS_PER_SECOND'), '0'],
          ]),
        ),
        // Filings 40 a page: the registry's listing is several pages long, as a real one is, so that
        // a fault can come between its pages.
        MLPS_PAGE_SIZE: '40',
      },
    });
    app = hub.app;
    // The sandbox reads a source's faults once per request it serves (never for its own endpoints).
    const faults = hub.sandbox.faults;
    const read = faults.get.bind(faults);
    faults.get = (source) => {
      onRequest?.(source);
      return read(source);
    };
    await app.get(ScanOrchestrator).startWorkers();
    const workbook = await writeRegistryWorkbook(demo.projects);
    await hub.http.post('/api/registry/imports').attach('file', workbook, '项目台账.xlsx').expect(201);

    onRequest = (source) => baselineRequests.set(source, (baselineRequests.get(source) ?? 0) + 1);
    const run = await scan();
    onRequest = undefined;
    expect((await syncsOf(run)).every((s) => s.status === 'succeeded')).toBe(true);
    baseline = await findings();
  });

  afterAll(async () => {
    await hub?.stop();
  });

  afterEach(() => {
    onRequest = undefined;
    draw = 0;
    hub.sandbox.faults.reset();
  });

  async function scan(): Promise<string> {
    const orchestrator = app.get(ScanOrchestrator);
    // Full syncs: an incremental one after the first scan would list nothing that did not change.
    const progress = await orchestrator.waitFor(
      await orchestrator.start('api', 'test', 'full'),
      undefined,
      100,
    );
    expect(progress.status, progress.error ?? '').toBe('completed');
    return progress.id;
  }

  const findings = async () => (await hub.http.get('/api/findings').expect(200)).body as FindingRow[];

  /** The scan's bulk syncs, and for each source short of pages the projects its recovery made whole. */
  async function syncsOf(runId: string) {
    const prisma = app.get(PrismaService);
    const run = await prisma.checkRun.findUniqueOrThrow({ where: { id: runId } });
    const rows = await prisma.sourceSync.findMany({
      where: { OR: [{ id: { in: run.syncIds } }, { parentSyncId: { in: run.syncIds } }] },
    });
    return rows
      .filter((r) => !r.parentSyncId)
      .map((r) => ({
        source: r.source as SourceId,
        status: r.status,
        recovered: new Set(rows.find((c) => c.parentSyncId === r.id)?.recoveredProjects ?? []),
      }));
  }

  const FAULTS: { name: string; patch: TFaultSettingsPatch; midScan?: boolean; alwaysShort: boolean }[] = [
    { name: `latency ${TIMEOUT_MS + 1_000} ms`, patch: { latencyMs: TIMEOUT_MS + 1_000 }, alwaysShort: true },
    { name: 'error-rate 1', patch: { errorRate: 1 }, alwaysShort: true },
    { name: 'error-rate 0.3', patch: { errorRate: 0.3 }, alwaysShort: true },
    { name: 'rate-limit', patch: { rateLimitRate: 1 }, alwaysShort: true },
    { name: 'maintenance', patch: { maintenance: true }, alwaysShort: true },
    {
      name: 'maintenance switched on mid-scan',
      patch: { maintenance: true },
      midScan: true,
      alwaysShort: false,
    },
  ];

  const cases = FAULTS.flatMap((fault) => sources.map((source) => [fault.name, source, fault] as const));

  it.each(cases)(
    '%s on %s: its rules never pass on missing data, the others judge as before',
    async (_n, source, fault) => {
      if (fault.midScan) {
        // The source's first requests are answered; from half-way through the fault-free scan's count on,
        // it is down.
        const after = Math.max(1, Math.floor((baselineRequests.get(source) ?? 0) / 2));
        let seen = 0;
        onRequest = (s) => {
          if (s === source && ++seen === after) hub.sandbox.faults.update(source, fault.patch);
        };
      } else {
        hub.sandbox.faults.update(source, fault.patch);
      }
      const run = await scan();
      hub.sandbox.faults.reset();
      const syncs = await syncsOf(run);
      const faulted = syncs.find((s) => s.source === source)!;
      if (fault.alwaysShort) expect(faulted.status).not.toBe('succeeded');
      // Only the faulted source fell short.
      expect(syncs.filter((s) => s.status !== 'succeeded').map((s) => s.source)).toEqual(
        faulted.status === 'succeeded' ? [] : [source],
      );

      const reads = rulesReading(source);
      const before = new Map(baseline.map((f) => [`${f.projectCode}/${f.ruleId}`, f]));
      const after = await findings();
      expect(after.map((f) => `${f.projectCode}/${f.ruleId}`).sort()).toEqual([...before.keys()].sort());
      const judgedAsBefore = (f: FindingRow) => {
        const was = before.get(`${f.projectCode}/${f.ruleId}`)!;
        return { rule: f.ruleId, project: f.projectCode, verdict: was.verdict, reason: was.reason.zh };
      };
      let undecided = 0;
      for (const f of after) {
        const seen = { rule: f.ruleId, project: f.projectCode, verdict: f.verdict, reason: f.reason.zh };
        const evidenceWhole = faulted.status === 'succeeded' || faulted.recovered.has(f.projectCode);
        if (!reads.has(f.ruleId) || evidenceWhole) {
          expect(seen).toEqual(judgedAsBefore(f));
          continue;
        }
        // Missing evidence decides nothing: what the registry decides stands, everything else is UNKNOWN.
        expect(f.verdict).not.toBe('PASS');
        if (f.verdict === 'NOT_APPLICABLE' || f.verdict === 'WAIVED') {
          expect(seen).toEqual(judgedAsBefore(f));
        } else {
          expect(seen).toMatchObject({ verdict: 'UNKNOWN' });
          expect(f.reason.zh).toContain(sourceTitle(source).zh);
          undecided++;
        }
      }
      if (faulted.status !== 'succeeded' && faulted.recovered.size === 0)
        expect(undecided).toBeGreaterThan(0);
    },
  );
});
