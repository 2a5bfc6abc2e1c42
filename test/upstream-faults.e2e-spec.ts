import type { INestApplication } from '@nestjs/common';
import { CONNECTORS, envKey, SOURCE_IDS, sourceTitle } from '@hub/connectors';
import { writeRegistryWorkbook } from '@hub/registry';
import {
  DATA_EXCHANGE_DEMO_CLIENT_ID,
  DATA_EXCHANGE_DEMO_CLIENT_SECRET,
  generateDemoCity,
} from '@hub/sandbox';
import { ChecksService } from '../apps/hub/src/modules/checks/checks.service';
import { SyncService } from '../apps/hub/src/modules/sources/sync.service';
import { DEMO_NOW, rulesReading, startTestHub, type TestHub } from './support/hub';

interface FindingLike {
  ruleId: string;
  verdict: string;
  reason: { zh: string };
}

/**
 * Upstream failures end to end: any one source down leaves every other source's rules as they were
 * and turns its own rules UNKNOWN with the source named; an OAuth2 token that expires in the middle of
 * a sync is renewed and the sync completes.
 */
describe('upstream faults (sandbox + hub)', () => {
  const demo = generateDemoCity({ now: DEMO_NOW });
  let hub: TestHub;
  let app: INestApplication;
  let sandbox: TestHub['sandbox'];

  beforeAll(async () => {
    hub = await startTestHub(demo.dataset, {
      // A source's outage opens its circuit (a check asks in parallel); the next case finds it back
      // after a short cool-down instead of 30 s.
      env: Object.fromEntries(CONNECTORS.map((c) => [envKey(c, 'BREAKER_COOLDOWN_MS'), '500'])),
      // Tokens live one second, so any sync that takes longer outlives its first token.
      sandbox: {
        credentials: {
          dataExchange: {
            clientId: DATA_EXCHANGE_DEMO_CLIENT_ID,
            clientSecret: DATA_EXCHANGE_DEMO_CLIENT_SECRET,
            tokenTtlSeconds: 1,
          },
        },
      },
    });
    ({ app, sandbox } = hub);
    const workbook = await writeRegistryWorkbook(demo.projects);
    await hub.http.post('/api/registry/imports').attach('file', workbook, 'p.xlsx').expect(201);
  });

  afterAll(async () => {
    await hub?.stop();
  });

  it('completes a data-exchange sync although its token expires midway', async () => {
    sandbox.faults.update('data-exchange', { latencyMs: 700 });
    try {
      const summary = await app.get(SyncService).sync('data-exchange', 'full');
      expect(summary).toMatchObject({ status: 'succeeded', error: null });
      const health = await fetch(`${sandbox.urls['data-exchange']}/__sandbox/health`).then((r) => r.json());
      expect(JSON.stringify(health)).toMatch(/"tokensIssued":([2-9]|\d{2,})/);
    } finally {
      sandbox.faults.reset('data-exchange');
    }
  });

  // Every source a rule reads; a source no rule reads yet has no verdict to turn UNKNOWN.
  it.each(SOURCE_IDS.filter((source) => rulesReading(source).size > 0).map((source) => [source]))(
    'turns only the rules reading %s UNKNOWN, naming it, while it is in maintenance',
    async (source) => {
      const affected = rulesReading(source);
      const checks = app.get(ChecksService);
      // A designed project some of whose rules on this source reach a verdict when it answers.
      let baseline: FindingLike[] | undefined;
      let code: string | undefined;
      for (const designed of demo.designed) {
        const expected = Object.entries(designed.expected);
        if (
          !expected.some(
            ([rule, verdict]) => affected.has(rule) && (verdict === 'PASS' || verdict === 'FAIL'),
          )
        ) {
          continue;
        }
        baseline = (await checks.checkProject(designed.code)).project!.findings;
        code = designed.code;
        break;
      }
      expect(code, `the demo city has a project judged on ${source} records`).toBeDefined();

      sandbox.faults.update(source, { maintenance: true });
      try {
        const report = await checks.checkProject(code!);
        expect(report.syncs.find((s) => s.source === source)).toMatchObject({ status: 'failed' });
        const before = new Map(baseline!.map((f) => [f.ruleId, f.verdict]));
        let unknown = 0;
        for (const f of report.project!.findings as FindingLike[]) {
          if (!affected.has(f.ruleId)) {
            expect({ rule: f.ruleId, verdict: f.verdict }).toEqual({
              rule: f.ruleId,
              verdict: before.get(f.ruleId),
            });
            continue;
          }
          expect(['UNKNOWN', 'NOT_APPLICABLE', 'WAIVED']).toContain(f.verdict);
          if (f.verdict === 'UNKNOWN') {
            unknown++;
            expect(f.reason.zh).toContain(sourceTitle(source).zh);
          }
        }
        expect(unknown).toBeGreaterThan(0);
        expect(report.project!.ready).toBe(false);
      } finally {
        sandbox.faults.reset(source);
        await new Promise((resolve) => setTimeout(resolve, 600));
      }
    },
  );
});
