import { RecordingLogger } from '../testing/recording-logger';
import { collectingSink } from '../testing/sink';
import { MLPS_SOURCE } from '../mlps/mlps.source';
import type { RecoveryTarget } from './connector';
import { coveredWhen, runRecovery, type RecoveryQuery } from './recovery';
import { UpstreamError } from './upstream-error';

const record = (id: string) => ({
  kind: 'filing',
  externalId: id,
  payload: { id },
  projectCode: null,
  systemName: null,
  unitCode: null,
  updatedAt: null,
  tombstone: false,
});
const outage = new UpstreamError({
  source: MLPS_SOURCE,
  code: 'maintenance',
  retryable: true,
  detail: { zh: '系统维护中', en: 'maintenance' },
});
const target = (projectCode: string, unitCode: string): RecoveryTarget => ({
  projectCode,
  unitCode,
  known: {},
});

/** A query that emits one page with the given record ids, or throws `failure`. */
function query(key: string, ids: string[], failure?: unknown): RecoveryQuery & { calls: number } {
  const q = {
    key,
    calls: 0,
    fetch: async (emit: Parameters<RecoveryQuery['fetch']>[0]) => {
      q.calls++;
      if (failure) throw failure;
      await emit({ records: ids.map(record), problems: [] }, { kind: 'filing', pages: 1 });
    },
  };
  return q;
}

describe(runRecovery.name, () => {
  const run = (logger = new RecordingLogger()) => ({ source: MLPS_SOURCE, logger });
  const byUnit = (targets: RecoveryTarget[]) =>
    coveredWhen(targets, (t) => [`unit:${t.unitCode}`], ['filing']);

  it('covers every project whose queries all came back, and hands their pages to the sink', async () => {
    const targets = [target('P1', 'U1'), target('P2', 'U2')];
    const { pages, sink } = collectingSink();

    const outcome = await runRecovery(
      run(),
      sink,
      [query('unit:U1', ['F1', 'F2']), query('unit:U2', ['F3'])],
      byUnit(targets),
    );

    expect(outcome).toMatchObject({ complete: true, pagesFailed: 0, error: null, requests: 2 });
    expect([...outcome.covered.keys()]).toEqual(['P1', 'P2']);
    expect(outcome.covered.get('P1')).toEqual(new Set(['filing']));
    expect(pages.flatMap((p) => p.records.map((r) => r.externalId))).toEqual(['F1', 'F2', 'F3']);
  });

  it('lets a failed query cost only the projects that need it', async () => {
    const targets = [target('P1', 'U1'), target('P2', 'U2'), target('P3', 'U2')];
    const logger = new RecordingLogger();
    const failing = query('unit:U2', [], outage);
    const { pages, sink } = collectingSink();

    const outcome = await runRecovery(
      run(logger),
      sink,
      [query('unit:U1', ['F1']), failing],
      byUnit(targets),
    );

    expect(outcome).toMatchObject({ complete: false, pagesFailed: 1, requests: 2 });
    expect(outcome.error).toBe(outage);
    expect([...outcome.covered.keys()]).toEqual(['P1']);
    expect(pages.flatMap((p) => p.records.map((r) => r.externalId))).toEqual(['F1']);
    expect(logger.entries).toContainEqual(
      expect.objectContaining({ level: 'warn', msg: 'recovery query failed' }),
    );
  });

  it('asks a query shared by several projects once', async () => {
    const shared = query('unit:U1', ['F1']);
    const targets = [target('P1', 'U1'), target('P2', 'U1')];

    const outcome = await runRecovery(run(), collectingSink().sink, [shared, shared], byUnit(targets));

    expect(shared.calls).toBe(1);
    expect([...outcome.covered.keys()]).toEqual(['P1', 'P2']);
  });

  it('propagates a failure that is not the upstream’s (a bug or the sink’s) instead of counting it', async () => {
    const bug = new TypeError('boom');

    await expect(
      runRecovery(run(), collectingSink().sink, [query('unit:U1', [], bug)], byUnit([target('P1', 'U1')])),
    ).rejects.toBe(bug);
  });

  it('covers nothing and asks nothing when there are no queries', async () => {
    const outcome = await runRecovery(run(), collectingSink().sink, [], () => new Map());

    expect(outcome).toMatchObject({ complete: true, requests: 0 });
    expect(outcome.covered.size).toBe(0);
  });
});
