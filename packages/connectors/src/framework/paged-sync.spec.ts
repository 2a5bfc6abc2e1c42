import { RecordingLogger } from '../testing/recording-logger';
import { collectingSink } from '../testing/sink';
import type { SyncPage } from './connector';
import { runPagedSync } from './paged-sync';
import { UpstreamError } from './upstream-error';
import { VIDEO_SOURCE } from '../video/video.source';

const record = (id: string) => ({
  kind: 'item',
  externalId: id,
  payload: { id },
  projectCode: null,
  systemName: null,
  unitCode: null,
  updatedAt: null,
  tombstone: false,
});
const problem = { kind: 'item', externalId: null, reason: { zh: '坏', en: 'bad' }, issues: [], payload: 'x' };
const outage = new UpstreamError({
  source: VIDEO_SOURCE,
  code: 'maintenance',
  retryable: true,
  detail: { zh: '维护', en: 'maintenance' },
});

describe(runPagedSync.name, () => {
  const run = (sink: (page: SyncPage) => Promise<void>, logger = new RecordingLogger()) => ({
    source: VIDEO_SOURCE,
    operation: 'full sync',
    logger,
    startCursor: 'w-1',
    sink,
  });

  it('counts pages and records, hands non-empty pages to the sink and returns the new cursor', async () => {
    const { pages, sink } = collectingSink();
    const logger = new RecordingLogger();

    const sut = await runPagedSync(run(sink, logger), async (emit) => {
      await emit({ records: [record('a'), record('b')], problems: [problem] });
      await emit({ records: [], problems: [] });
      return 'w-2';
    });

    expect(sut).toEqual({
      complete: true,
      pagesFetched: 2,
      pagesFailed: 0,
      recordsSeen: 3,
      recordsInvalid: 1,
      cursor: 'w-2',
      error: null,
    });
    expect(pages).toHaveLength(1);
    expect(logger.entries.at(-1)).toMatchObject({ level: 'info', msg: 'full sync finished' });
  });

  it('ends incomplete with the upstream error and the starting cursor, keeping what was sunk', async () => {
    const { pages, sink } = collectingSink();

    const sut = await runPagedSync(run(sink), async (emit) => {
      await emit({ records: [record('a')], problems: [] });
      throw outage;
    });

    expect(sut).toMatchObject({
      complete: false,
      pagesFetched: 1,
      pagesFailed: 1,
      cursor: 'w-1',
      error: outage,
    });
    expect(pages).toHaveLength(1);
  });

  it('rethrows an error of the sink, even one that looks like an upstream error', async () => {
    const sinkFailure = outage;

    await expect(
      runPagedSync(
        run(async () => {
          throw sinkFailure;
        }),
        async (emit) => {
          await emit({ records: [record('a')], problems: [] });
          return null;
        },
      ),
    ).rejects.toBe(sinkFailure);
  });

  it('rethrows a bug in the walk', async () => {
    const bug = new RangeError('bad index');

    await expect(runPagedSync(run(collectingSink().sink), () => Promise.reject(bug))).rejects.toBe(bug);
  });
});
