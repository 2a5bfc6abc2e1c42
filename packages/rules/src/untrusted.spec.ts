import type { CloudResourceFact, FilingFact } from './facts';
import { evaluateProject } from './engine';
import { chenzhouPack, yueyangPack } from './testing/packs';
import {
  NOW,
  buildChenzhouProject,
  buildCatalogEntry,
  buildEvaluation,
  buildExchangeSystem,
  buildFacts,
  buildFiling,
  buildProject,
  buildResource,
  buildUntrusted,
  compliantYueyangInput,
  daysBeforeNow,
  type FactsInput,
} from './testing/facts.factory';
import { findingOf } from './testing/rules.factory';
import { MAX_READINGS } from './untrusted';

/** A resource whose network zone failed the contract: it could be in any of the three zones. */
function unreadableZone(overrides: Partial<CloudResourceFact> = {}) {
  const fact = buildResource(overrides).fact;
  return buildUntrusted(
    'cloud',
    'resources',
    (['egov-extranet', 'internet', 'private'] as const).map((networkZone) => ({ ...fact, networkZone })),
    {
      externalId: fact.resourceId,
      kind: 'resource',
      zh: `政务云资源 ${fact.resourceId} 的记录不符合接口约定：networkZone 为 "egov_extranet"`,
      en: `cloud resource ${fact.resourceId} does not match the upstream contract: networkZone is "egov_extranet"`,
    },
  );
}

/** A filing whose filing time names a day that does not exist: absent, or at either end of time. */
function unreadableFiledAt(overrides: Partial<FilingFact> = {}) {
  const fact = buildFiling(overrides).fact;
  return buildUntrusted(
    'mlps',
    'filings',
    [null, '1970-01-01T00:00:00+08:00', '2999-12-31T23:59:59+08:00'].map((filedAt) => ({ ...fact, filedAt })),
    {
      externalId: fact.filingNo,
      kind: 'filing',
      zh: `等保备案 ${fact.filingNo} 的记录不符合接口约定：备案时间（filedAt） "2025-02-30 10:00:00" 不是实际存在的日期`,
      en: `MLPS filing ${fact.filingNo} does not match the upstream contract: filing time (filedAt) is not a date that exists`,
    },
  );
}

const yy = (input: FactsInput) =>
  evaluateProject(yueyangPack, buildFacts({ project: buildProject(), ...input }), { now: NOW });

describe('untrusted records', () => {
  describe('a resource whose network zone cannot be read', () => {
    it('makes every rule that reads resources UNKNOWN, naming the record and the field, when it is the only one', () => {
      const bad = unreadableZone();

      const sut = yy({ resources: [], filings: [], untrusted: [bad] });

      for (const id of ['YY-CLOUD-DEPLOY', 'YY-NET-EGOV', 'YY-MLPS-PROD']) {
        const finding = findingOf(sut, id);
        expect([id, finding.verdict]).toEqual([id, 'UNKNOWN']);
        expect(finding.reason.zh).toContain(
          `政务云资源 ${bad.evidence.externalId} 的记录不符合接口约定：networkZone`,
        );
        expect(finding.evidence).toContainEqual(bad.evidence);
      }
      // YY-CLOUD-DEPLOY reads the resources but not their zone: any reading runs on the cloud.
      expect(findingOf(sut, 'YY-CLOUD-DEPLOY').reason.zh).toContain('仅凭有效记录无法得出结论');
    });

    it('leaves YY-CLOUD-DEPLOY PASS on a valid running resource beside it, and says so', () => {
      const valid = buildResource();
      const bad = unreadableZone();

      const finding = findingOf(yy({ resources: [valid], untrusted: [bad] }), 'YY-CLOUD-DEPLOY');

      expect(finding.verdict).toBe('PASS');
      expect(finding.reason.zh).toContain('无论其内容如何均不影响本结论');
      expect(finding.evidence).toEqual([valid.evidence, bad.evidence]);
    });

    it('leaves YY-NET-EGOV PASS on a valid egov-extranet resource, whatever zone the other is in', () => {
      const finding = findingOf(
        yy({ resources: [buildResource()], untrusted: [unreadableZone()] }),
        'YY-NET-EGOV',
      );

      expect(finding.verdict).toBe('PASS');
    });

    it('makes YY-NET-EGOV UNKNOWN, not FAIL, when the valid resources are all in the internet zone', () => {
      const finding = findingOf(
        yy({ resources: [buildResource({ networkZone: 'internet' })], untrusted: [unreadableZone()] }),
        'YY-NET-EGOV',
      );

      expect(finding.verdict).toBe('UNKNOWN');
    });

    it('does not touch the rules that never read resources', () => {
      const sut = yy({ resources: [], untrusted: [unreadableZone()] });

      for (const id of ['YY-PLAN', 'YY-EXPERT-REVIEW', 'YY-DATA-SHARE']) {
        expect(findingOf(sut, id).evidence).not.toContainEqual(
          expect.objectContaining({ untrusted: expect.anything() }),
        );
      }
    });

    it('keeps a FAIL that no reading can undo: an idle 8-vCPU VM stays under-used whatever the other says', () => {
      const idle = buildResource({ vcpu: 8, cpuAvg30d: 3 });

      const finding = findingOf(
        evaluateProject(
          chenzhouPack,
          buildFacts({ project: buildChenzhouProject(), resources: [idle], untrusted: [unreadableZone()] }),
          { now: NOW },
        ),
        'CZ-CLOUD-INTENSIVE',
      );

      expect(finding.verdict).toBe('FAIL');
    });

    it('makes a PASS UNKNOWN when a reading of the untrusted record could make it FAIL', () => {
      const idleBad = unreadableZone({ vcpu: 8, cpuAvg30d: 3 });

      const finding = findingOf(
        evaluateProject(
          chenzhouPack,
          buildFacts({ project: buildChenzhouProject(), resources: [buildResource()], untrusted: [idleBad] }),
          { now: NOW },
        ),
        'CZ-CLOUD-INTENSIVE',
      );

      expect(finding.verdict).toBe('UNKNOWN');
    });
  });

  describe('a filing whose filing time names a day that does not exist', () => {
    it('gives UNKNOWN, not NOT_APPLICABLE or FAIL, on the MLPS rules', () => {
      const sut = yy({
        resources: [buildResource({ environment: 'production' })],
        filings: [],
        untrusted: [unreadableFiledAt()],
      });

      for (const id of ['YY-MLPS-PROD', 'YY-MLPS-EVAL', 'YY-CRYPTO']) {
        const finding = findingOf(sut, id);
        expect([id, finding.verdict]).toEqual([id, 'UNKNOWN']);
        expect(finding.reason.zh).toContain('备案时间（filedAt）');
      }
    });

    it('leaves YY-MLPS-EVAL decided by a valid level-3 filing evaluated late, whatever the other holds', () => {
      const late = buildFiling({ evaluations: [buildEvaluation({ evaluatedAt: daysBeforeNow(500) })] });

      const finding = findingOf(yy({ filings: [late], untrusted: [unreadableFiledAt()] }), 'YY-MLPS-EVAL');

      expect(finding.verdict).toBe('FAIL');
    });

    it('never affects the other project of the same unit', () => {
      const sibling = compliantYueyangInput();

      const sut = evaluateProject(yueyangPack, buildFacts(sibling), { now: NOW });

      expect(sut.findings.filter((f) => f.verdict === 'UNKNOWN')).toEqual([]);
    });
  });

  describe('a record whose readings cannot be enumerated', () => {
    it('gives UNKNOWN on every rule that reads its kind, whatever the valid records say', () => {
      const malformedNo = buildUntrusted('mlps', 'filings', null, {
        externalId: '4306004300124017',
        kind: 'filing',
        zh: '等保备案 4306004300124017 的记录不符合接口约定：备案证明编号格式不正确',
      });

      const sut = yy({ filings: [], untrusted: [malformedNo] });

      expect(findingOf(sut, 'YY-CRYPTO').verdict).toBe('UNKNOWN');
      expect(findingOf(sut, 'YY-CRYPTO').reason.zh).toContain('备案证明编号格式不正确');
      expect(findingOf(sut, 'YY-PLAN').verdict).toBe('PASS');
    });

    it(`gives UNKNOWN when more than ${MAX_READINGS} combinations of readings would have to be tried`, () => {
      const many = Array.from({ length: 5 }, () => unreadableZone());

      const finding = findingOf(yy({ resources: [buildResource()], untrusted: many }), 'YY-NET-EGOV');

      // 4 ways each (absent or three zones): 4^5 = 1024 combinations
      expect(finding.verdict).toBe('UNKNOWN');
    });
  });

  describe('a suggested record that cannot be read', () => {
    it('is judged as a suggestion is: the verdict it could flip to makes it UNKNOWN, not a decided FAIL', () => {
      const system = buildExchangeSystem({ projectCode: null }, 'suggested');
      const entry = buildCatalogEntry({ systemId: system.fact.systemId }, 'suggested');
      const unreadable = buildUntrusted(
        'dataExchange',
        'systems',
        (['CONNECTED', 'APPLYING', 'DISCONNECTED'] as const).map((accessStatus) => ({
          ...system.fact,
          accessStatus,
        })),
        {
          externalId: system.fact.systemId,
          kind: 'system',
          zh: `数据共享交换平台系统 ${system.fact.systemId} 的记录不符合接口约定：accessStatus 为 "ONLINE"`,
        },
        'suggested',
      );

      const finding = findingOf(
        yy({ exchangeSystems: [], catalog: [entry], untrusted: [unreadable] }),
        'YY-DATA-SHARE',
      );

      expect(finding.verdict).toBe('UNKNOWN');
      expect(finding.reason.zh).toContain('accessStatus 为 "ONLINE"');
      expect(finding.reason.zh).not.toContain('无论其内容如何均不影响本结论');
    });
  });
});
