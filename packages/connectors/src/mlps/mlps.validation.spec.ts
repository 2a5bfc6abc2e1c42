import { aCryptoAssessment, aFiling, anEvaluation } from './testing/mlps.factory';
import { filingPage } from './mlps.validation';

describe(filingPage.name, () => {
  it('keeps valid filings as records with their raw payload, unknown fields included', () => {
    const filing = aFiling({ reviewer: '张警官', evaluations: [anEvaluation({ reportPdf: 'x.pdf' })] });

    const sut = filingPage([filing]);

    expect(sut.page.problems).toEqual([]);
    expect(sut.page.records[0]?.payload).toEqual(filing);
    expect(sut.page.records[0]?.payload).toHaveProperty('reviewer', '张警官');
    expect(sut.page.records[0]?.payload).toHaveProperty('evaluations.0.reportPdf', 'x.pdf');
    expect(sut.valid[0]?.value).not.toHaveProperty('reviewer');
  });

  it('explains a malformed filing number in Chinese and English, quoting it, and keeps the filing untrusted', () => {
    const bad = aFiling({ filingNo: '43060043001-2401' });

    const sut = filingPage([bad]);

    expect(sut.page.records).toEqual([]);
    expect(sut.page.problems).toEqual([
      expect.objectContaining({
        kind: 'filing',
        externalId: '43060043001-2401',
        issues: [expect.objectContaining({ path: 'filingNo' })],
        payload: bad,
      }),
    ]);
    expect(sut.page.problems[0]?.reason).toEqual({
      zh: '等保备案记录不符合接口约定，作为不可采信的记录保留：备案证明编号（filingNo） "43060043001-2401" 格式不正确，应为 11 位数字、短横线、5 位数字，如 43060043001-24017',
      en: 'MLPS filing record does not match the upstream contract and is kept as an untrusted record: filing number (filingNo) "43060043001-2401" is malformed: it must be 11 digits, a dash and 5 digits, e.g. 43060043001-24017',
    });
    expect(sut.page.problems[0]?.record).toMatchObject({
      kind: 'filing',
      externalId: '43060043001-2401',
      projectCode: bad.projectCode ?? null,
      systemName: bad.systemName,
      unitCode: bad.unitCode,
      tombstone: false,
      payload: bad,
      invalid: {
        reason: {
          zh: '等保备案 43060043001-2401 的记录不符合接口约定：备案证明编号（filingNo） "43060043001-2401" 格式不正确，应为 11 位数字、短横线、5 位数字，如 43060043001-24017',
        },
      },
    });
  });

  it('drops, as a problem only, an invalid filing that names neither a project nor its unit and system', () => {
    const { unitCode: _u, projectCode: _p, ...anonymous } = aFiling({ level: 9 as never });

    const sut = filingPage([anonymous]);

    expect(sut.page.problems[0]?.record).toBeUndefined();
    expect(sut.page.problems[0]?.reason.zh).toMatch(/^等保备案记录不符合接口约定，未入库：/);
  });

  it('tells a day that does not exist from a time in the wrong format', () => {
    const impossible = aFiling({ updatedAt: '2025-02-29 10:00:00' });
    const wrongFormat = aFiling({ gradedAt: '2025-02-28T10:00:00+08:00' });

    const sut = filingPage([impossible, wrongFormat]);

    expect(sut.page.problems.map((p) => p.reason.zh)).toEqual([
      '等保备案记录不符合接口约定，作为不可采信的记录保留：更新时间（updatedAt） "2025-02-29 10:00:00" 不是实际存在的日期',
      '等保备案记录不符合接口约定，作为不可采信的记录保留：定级时间（gradedAt） "2025-02-28T10:00:00+08:00" 不是 yyyy-MM-dd HH:mm:ss 格式的北京时间',
    ]);
    expect(sut.page.problems[0]?.reason.en).toContain('"2025-02-29 10:00:00" is not a date that exists');
  });

  it('points at the evaluation or assessment whose time is impossible', () => {
    const bad = aFiling({
      evaluations: [anEvaluation(), anEvaluation({ evaluatedAt: '2024-04-31 09:00:00' })],
      cryptoAssessments: [aCryptoAssessment({ assessedAt: '2024-13-01 09:00:00' })],
    });

    const sut = filingPage([bad]);

    expect(sut.page.problems[0]?.issues.map((i) => i.path)).toEqual([
      'evaluations[1].evaluatedAt',
      'cryptoAssessments[0].assessedAt',
    ]);
    expect(sut.page.problems[0]?.reason.zh).toContain(
      '测评时间（evaluations[1].evaluatedAt） "2024-04-31 09:00:00"',
    );
    expect(sut.page.problems[0]?.reason.zh).toContain('密评时间（cryptoAssessments[0].assessedAt）');
  });

  it.each([[0], [6], [2.5], ['3']])('explains a protection level of %j', (level) => {
    const sut = filingPage([{ ...aFiling(), level }]);

    expect(sut.page.problems[0]?.reason.zh).toContain(
      `安全保护等级（level）应为 1 到 5 的整数，收到 ${JSON.stringify(level)}`,
    );
    expect(sut.page.problems[0]?.reason.en).toContain('must be a whole number from 1 to 5');
  });

  it('names a missing required field, and lists only the first three issues', () => {
    const { filingNo: _n, ...missingNo } = aFiling();
    const {
      systemName: _s,
      unitName: _u,
      unitCode: _c,
      ...missingFour
    } = aFiling({ status: 'GONE' as never });

    const sut = filingPage([missingNo, missingFour]);

    expect(sut.page.problems[0]).toMatchObject({ externalId: null });
    expect(sut.page.problems[0]?.reason.zh).toContain('缺少备案证明编号（filingNo）');
    expect(sut.page.problems[0]?.reason.en).toContain('filing number (filingNo) is missing');
    expect(sut.page.problems[1]?.issues).toHaveLength(4);
    expect(sut.page.problems[1]?.reason.en).toMatch(
      /systemName is missing .*; unitName is missing .*; unitCode is missing .* \(\+1\)$/,
    );
    expect(sut.page.problems[1]?.reason.zh).toMatch(/缺少字段 systemName（.*）；缺少字段 unitName/);
  });

  it('keeps the framework reason for an item that is not an object, and the page’s valid filings', () => {
    const good = aFiling();

    const sut = filingPage(['43060043001-24017', good, null]);

    expect(sut.page.records.map((r) => r.externalId)).toEqual([good.filingNo]);
    expect(sut.page.problems.map((p) => p.reason.en)).toEqual([
      'MLPS filing record is not a JSON object (got string) and was not stored',
      'MLPS filing record is not a JSON object (got null) and was not stored',
    ]);
  });
});
