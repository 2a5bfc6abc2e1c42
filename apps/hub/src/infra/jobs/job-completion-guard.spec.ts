import type PgBoss from 'pg-boss';
import pino from 'pino';
import { guardJobCompletions } from './job-completion-guard';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const plans = require('pg-boss/src/plans') as {
  completeJobs(schema: string): string;
  failJobsById(schema: string): string;
};

describe(guardJobCompletions.name, () => {
  const refused = new Error('Connection terminated unexpectedly');

  function sut() {
    const db = { executeSql: vi.fn((_text: string, _values?: unknown[]) => Promise.reject(refused)) };
    const lines: { msg: string; outcome?: string }[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => lines.push(JSON.parse(line)) });
    guardJobCompletions({ getDb: () => db } as unknown as PgBoss, 'pgboss', logger);
    return { db, lines };
  }

  it.each([
    ['complete', plans.completeJobs('pgboss')],
    ['fail', plans.failJobsById('pgboss')],
  ])(
    'turns a refused %s of a job into a logged no-op, so the job expires instead of the process',
    async (outcome, sql) => {
      const { db, lines } = sut();
      await expect(db.executeSql(sql, ['scan-sync', ['a-job'], null])).resolves.toEqual({
        rows: [{ count: '0' }],
      });
      expect(lines).toEqual([
        expect.objectContaining({
          outcome,
          msg: 'job outcome not recorded; the job expires and is handed out again',
        }),
      ]);
    },
  );

  it('lets every other statement fail as it did', async () => {
    const { db, lines } = sut();
    await expect(db.executeSql('SELECT 1')).rejects.toBe(refused);
    expect(lines).toEqual([]);
  });
});
