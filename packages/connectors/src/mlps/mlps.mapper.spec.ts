import { ZMlpsFiling } from '@hub/contracts';
import { aCryptoAssessment, aFiling, anEvaluation } from './testing/mlps.factory';
import { filingRecord, toFilingFact } from './mlps.mapper';

describe(toFilingFact.name, () => {
  it('maps a filing to the canonical fact with every registry time converted to an instant with +08:00', () => {
    const payload = aFiling({
      filingNo: '43060043001-24017',
      level: 3,
      gradedAt: '2024-05-06 10:00:00',
      filedAt: '2024-06-01 00:30:00',
      status: 'FILED',
      evaluations: [
        anEvaluation({
          reportNo: 'DJCP-2025-77',
          agency: '湖南省网络安全测评中心',
          evaluatedAt: '2025-01-15 16:45:30',
          conclusion: 'EXCELLENT',
          score: 92.5,
        }),
      ],
      cryptoAssessments: [
        aCryptoAssessment({
          reportNo: 'MP-2025-3',
          assessedAt: '2025-02-01 09:00:00',
          conclusion: 'BASIC_PASS',
          score: 78,
        }),
      ],
      updatedAt: '2025-02-02 08:15:00',
    });

    const sut = toFilingFact(payload);

    expect(sut).toEqual({
      filingNo: '43060043001-24017',
      acceptingDivision: '430600',
      systemName: payload.systemName,
      unitName: payload.unitName,
      unitCode: payload.unitCode,
      projectCode: payload.projectCode,
      level: 3,
      gradedAt: '2024-05-06T10:00:00+08:00',
      filedAt: '2024-06-01T00:30:00+08:00',
      status: 'FILED',
      evaluations: [
        {
          reportNo: 'DJCP-2025-77',
          agency: '湖南省网络安全测评中心',
          evaluatedAt: '2025-01-15T16:45:30+08:00',
          conclusion: 'EXCELLENT',
          score: 92.5,
        },
      ],
      cryptoAssessments: [
        {
          reportNo: 'MP-2025-3',
          assessedAt: '2025-02-01T09:00:00+08:00',
          conclusion: 'BASIC_PASS',
          score: 78,
        },
      ],
      updatedAt: '2025-02-02T08:15:00+08:00',
    });
  });

  it('takes the accepting division from the first six digits of the filing number', () => {
    expect(toFilingFact(aFiling({ filingNo: '43102143007-00002' })).acceptingDivision).toBe('431021');
  });

  it('puts evaluations and crypto assessments newest first even when the registry sends them in another order', () => {
    const payload = aFiling({
      evaluations: [
        anEvaluation({ reportNo: 'old', evaluatedAt: '2022-03-01 10:00:00' }),
        anEvaluation({ reportNo: 'new', evaluatedAt: '2024-03-01 10:00:00' }),
        anEvaluation({ reportNo: 'mid', evaluatedAt: '2023-03-01 10:00:00' }),
      ],
      cryptoAssessments: [
        aCryptoAssessment({ reportNo: 'a-old', assessedAt: '2023-12-31 23:59:59' }),
        aCryptoAssessment({ reportNo: 'a-new', assessedAt: '2024-01-01 00:00:00' }),
      ],
    });

    const sut = toFilingFact(payload);

    expect(sut.evaluations.map((e) => e.reportNo)).toEqual(['new', 'mid', 'old']);
    expect(sut.cryptoAssessments.map((a) => a.reportNo)).toEqual(['a-new', 'a-old']);
  });

  it('gives nulls and empty lists for what a PENDING filing has not got yet', () => {
    const {
      projectCode: _p,
      gradedAt: _g,
      evaluations: _e,
      cryptoAssessments: _c,
      ...payload
    } = aFiling({ status: 'PENDING', filedAt: null });
    const evaluation = anEvaluation({ score: null });
    const { agency: _a, ...withoutAgency } = evaluation;

    const sut = toFilingFact(payload);
    const withUnscored = toFilingFact({ ...payload, evaluations: [withoutAgency] });

    expect(sut).toMatchObject({
      projectCode: null,
      gradedAt: null,
      filedAt: null,
      status: 'PENDING',
      evaluations: [],
      cryptoAssessments: [],
    });
    expect(withUnscored.evaluations[0]).toMatchObject({ agency: null, score: null });
  });

  it.each([
    ['a malformed filing number', { filingNo: '4306004300124017' }],
    ['an impossible date', { updatedAt: '2025-02-30 08:00:00' }],
    ['a level of 6', { level: 6 }],
    ['an unknown status', { status: 'DELETED' }],
  ])('throws on a payload with %s', (_label, change) => {
    expect(() => toFilingFact({ ...aFiling(), ...change })).toThrow();
  });
});

describe(filingRecord.name, () => {
  it('indexes a filing by its number, unit, system name, project code and update instant', () => {
    const raw = aFiling({ updatedAt: '2025-03-04 05:06:07', surveyBatch: '2025-Q1' });

    const sut = filingRecord(raw, ZMlpsFiling.parse(raw));

    expect(sut).toEqual({
      kind: 'filing',
      externalId: raw.filingNo,
      payload: raw,
      projectCode: raw.projectCode,
      systemName: raw.systemName,
      unitCode: raw.unitCode,
      updatedAt: '2025-03-04T05:06:07+08:00',
      tombstone: false,
    });
  });

  it.each([
    ['PENDING', false],
    ['FILED', false],
    ['REVOKED', true],
    ['CANCELLED', true],
  ] as const)('marks a %s filing tombstone=%s', (status, tombstone) => {
    const raw = aFiling({ status });

    expect(filingRecord(raw, ZMlpsFiling.parse(raw)).tombstone).toBe(tombstone);
  });
});
