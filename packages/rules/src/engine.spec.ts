import { distrustOf, evaluateProject, readinessOf } from './engine';
import type { Finding } from './model';
import { chenzhouPack, yueyangPack } from './testing/packs';
import {
  NOW,
  compliantChenzhouInput,
  buildFacts,
  buildProject,
  buildResource,
  buildTenant,
  hoursBeforeNow,
  sourceTitleOf,
  syncedSource,
  type FactsInput,
} from './testing/facts.factory';
import { buildPack, buildRule, findingOf, outcome } from './testing/rules.factory';

/** A rule that reads the gov-cloud inventory and passes iff it is given at least one resource. */
const cloudRule = (overrides: Parameters<typeof buildRule>[0] = {}) =>
  buildRule({
    sources: ['gov-cloud'],
    evaluate: ({ cloud }) =>
      cloud.resources.length > 0
        ? { ...outcome('PASS'), evidence: cloud.resources.map((r) => r.evidence) }
        : outcome('FAIL'),
    ...overrides,
  });

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

describe(evaluateProject.name, () => {
  describe('registry applicability and exemptions', () => {
    it('gives NOT_APPLICABLE with the registry reason before the exemption, the source or the rule', () => {
      const evaluate = vi.fn(() => outcome('FAIL'));
      const rule = buildRule({
        sources: ['gov-cloud'],
        appliesTo: () => ({ applies: false, reason: { zh: '不适用原因', en: 'why not' } }),
        waiver: () => ({ documentNo: '岳政函〔2025〕1号', reason: { zh: '豁免', en: 'waived' } }),
        evaluate,
      });
      const facts = buildFacts({ sources: { 'gov-cloud': syncedSource('gov-cloud', { status: 'failed' }) } });

      const sut = findingOf(evaluateProject(buildPack([rule]), facts, { now: NOW }), rule.id);

      expect(sut.verdict).toBe('NOT_APPLICABLE');
      expect(sut.reason).toEqual({ zh: '不适用原因', en: 'why not' });
      expect(sut.evidence).toEqual([]);
      expect(evaluate).not.toHaveBeenCalled();
    });

    it('gives NOT_APPLICABLE for a classified project even with an exemption and a failed inventory', () => {
      const facts = buildFacts({
        project: buildProject({ classified: true, cloudExemptionRef: '岳政函〔2025〕7号' }),
        sources: { 'gov-cloud': syncedSource('gov-cloud', { status: 'failed', error: 'HTTP 503' }) },
      });

      const sut = findingOf(evaluateProject(yueyangPack, facts, { now: NOW }), 'YY-CLOUD-DEPLOY');

      expect(sut.verdict).toBe('NOT_APPLICABLE');
      expect(sut.reason.en).toContain('Classified');
    });

    it('gives WAIVED with the exemption reason before trusting the source or running the rule', () => {
      const evaluate = vi.fn(() => outcome('FAIL'));
      const rule = buildRule({
        sources: ['gov-cloud'],
        waiver: (project) => ({
          documentNo: project.cloudExemptionRef ?? '',
          reason: { zh: `豁免 ${project.cloudExemptionRef}`, en: `waived by ${project.cloudExemptionRef}` },
        }),
        evaluate,
      });
      const facts = buildFacts({
        project: buildProject({ cloudExemptionRef: '岳政函〔2025〕9号' }),
        sources: { 'gov-cloud': undefined },
      });

      const sut = findingOf(evaluateProject(buildPack([rule]), facts, { now: NOW }), rule.id);

      expect(sut.verdict).toBe('WAIVED');
      expect(sut.reason.en).toBe('waived by 岳政函〔2025〕9号');
      expect(evaluate).not.toHaveBeenCalled();
    });

    it('runs the rule when its applicability holds and no waiver is recorded', () => {
      const rule = cloudRule({
        appliesTo: () => ({ applies: true, reason: { zh: '', en: '' } }),
        waiver: () => null,
      });
      const facts = buildFacts({ resources: [buildResource()] });

      const sut = findingOf(evaluateProject(buildPack([rule]), facts, { now: NOW }), rule.id);

      expect(sut.verdict).toBe('PASS');
    });
  });

  describe('trust in the sources a rule reads', () => {
    const evaluateWith = (sources: FactsInput['sources'], maxSourceAgeHours = 48) => {
      const rule = cloudRule();
      const facts = buildFacts({ resources: [buildResource()], sources });
      return findingOf(
        evaluateProject(buildPack([rule]), facts, { now: NOW, settings: { maxSourceAgeHours } }),
        rule.id,
      );
    };

    it('gives UNKNOWN naming the cloud inventory when it was never synced (no state at all)', () => {
      const sut = evaluateWith({ 'gov-cloud': undefined });

      expect(sut.verdict).toBe('UNKNOWN');
      expect(sut.reason.zh).toContain('政务云资源台账');
      expect(sut.reason.zh).toContain('尚未同步');
      expect(sut.reason.en).toContain('government cloud resource inventory has never been synced');
      expect(sut.evidence).toEqual([]);
    });

    it('gives UNKNOWN naming the cloud inventory when its state says it was never synced', () => {
      const sut = evaluateWith({
        'gov-cloud': syncedSource('gov-cloud', { status: 'never', finishedAt: null }),
      });

      expect(sut.verdict).toBe('UNKNOWN');
      expect(sut.reason.zh).toContain('政务云资源台账尚未同步');
    });

    it('gives UNKNOWN naming the cloud inventory and its error when its last sync failed', () => {
      const sut = evaluateWith({
        'gov-cloud': syncedSource('gov-cloud', { status: 'failed', error: 'HTTP 503 Service Unavailable' }),
      });

      expect(sut.verdict).toBe('UNKNOWN');
      expect(sut.reason.zh).toBe('政务云资源台账最近一次同步失败：HTTP 503 Service Unavailable');
      expect(sut.reason.en).toContain('failed: HTTP 503 Service Unavailable');
    });

    it('keeps the error in the reason when the first sync failed before any facts were produced', () => {
      const sut = evaluateWith({
        'gov-cloud': syncedSource('gov-cloud', {
          status: 'failed',
          finishedAt: null,
          error: 'HTTP 401 Unauthorized',
        }),
      });

      expect(sut.verdict).toBe('UNKNOWN');
      expect(sut.reason.zh).toContain('HTTP 401 Unauthorized');
      expect(sut.reason.en).toContain('HTTP 401 Unauthorized');
    });

    it('gives UNKNOWN naming the cloud inventory and its error when its last sync was partial', () => {
      const sut = evaluateWith({
        'gov-cloud': syncedSource('gov-cloud', { status: 'partial', error: 'page 3 timed out' }),
      });

      expect(sut.verdict).toBe('UNKNOWN');
      expect(sut.reason.zh).toBe('政务云资源台账最近一次同步不完整：page 3 timed out');
      expect(sut.reason.en).toContain('incomplete: page 3 timed out');
    });

    it('gives UNKNOWN when the last successful sync is older than the default 48 h', () => {
      const finishedAt = hoursBeforeNow(48.5);

      const sut = evaluateWith({ 'gov-cloud': syncedSource('gov-cloud', { finishedAt }) });

      expect(sut.verdict).toBe('UNKNOWN');
      expect(sut.reason.zh).toContain('政务云资源台账数据已过期');
      expect(sut.reason.zh).toContain(finishedAt);
      expect(sut.reason.en).toContain('more than 48 h ago');
    });

    it('trusts a source synced exactly maxSourceAgeHours ago', () => {
      const sut = evaluateWith({
        'gov-cloud': syncedSource('gov-cloud', { finishedAt: hoursBeforeNow(48) }),
      });

      expect(sut.verdict).toBe('PASS');
    });

    it('gives UNKNOWN one millisecond past the boundary', () => {
      const finishedAt = new Date(Date.parse(hoursBeforeNow(48)) - 1).toISOString();

      const sut = evaluateWith({ 'gov-cloud': syncedSource('gov-cloud', { finishedAt }) });

      expect(sut.verdict).toBe('UNKNOWN');
    });

    it('reads the age limit from the settings: 13 h is stale under a 12 h limit', () => {
      const sut = evaluateWith(
        { 'gov-cloud': syncedSource('gov-cloud', { finishedAt: hoursBeforeNow(13) }) },
        12,
      );

      expect(sut.verdict).toBe('UNKNOWN');
      expect(sut.reason.en).toContain('more than 12 h ago');
    });

    it('reads the age limit from the settings: 60 h is fresh under a 72 h limit', () => {
      const sut = evaluateWith(
        { 'gov-cloud': syncedSource('gov-cloud', { finishedAt: hoursBeforeNow(60) }) },
        72,
      );

      expect(sut.verdict).toBe('PASS');
    });

    it('measures the age across time-zone offsets', () => {
      // NOW is 02:00Z. 09:00+08:00 is 01:00Z (1 h old); 08:59+08:00 is 00:59Z (61 min old). Read without
      // their offset, both would lie in the future and pass.
      const at = (finishedAt: string) =>
        evaluateWith({ 'gov-cloud': syncedSource('gov-cloud', { finishedAt }) }, 1).verdict;

      expect(at('2025-07-01T09:00:00+08:00')).toBe('PASS');
      expect(at('2025-07-01T08:59:00+08:00')).toBe('UNKNOWN');
    });

    it('names the source the rule reads, not another one', () => {
      const rule = buildRule({ sources: ['gov-cloud', 'mlps'] });
      const facts = buildFacts();

      const sut = findingOf(evaluateProject(buildPack([rule]), facts, { now: NOW }), rule.id);

      expect(sut.verdict).toBe('UNKNOWN');
      expect(sut.reason.zh).toContain('等级保护备案系统');
      expect(sut.reason.en).toContain('MLPS filing registry');
    });

    it('does not run a rule whose source is untrusted', () => {
      const evaluate = vi.fn(() => outcome('PASS'));
      const rule = buildRule({ sources: ['gov-cloud'], evaluate });
      const facts = buildFacts({ sources: { 'gov-cloud': syncedSource('gov-cloud', { status: 'failed' }) } });

      evaluateProject(buildPack([rule]), facts, { now: NOW });

      expect(evaluate).not.toHaveBeenCalled();
    });

    it('ignores the state of sources the rule does not read', () => {
      const rule = buildRule({ sources: [] });
      const facts = buildFacts({ sources: { 'gov-cloud': syncedSource('gov-cloud', { status: 'failed' }) } });

      const sut = findingOf(evaluateProject(buildPack([rule]), facts, { now: NOW }), rule.id);

      expect(sut.verdict).toBe('PASS');
    });
  });

  describe('suggested record matches', () => {
    it('gives UNKNOWN citing the suggested resources when only they would make the rule pass', () => {
      const suggested = buildResource({}, 'suggested');
      const facts = buildFacts({ resources: [suggested] });

      const sut = findingOf(evaluateProject(yueyangPack, facts, { now: NOW }), 'YY-CLOUD-DEPLOY');

      expect(sut.verdict).toBe('UNKNOWN');
      expect(sut.reason.zh).toContain(`未经确认的疑似匹配记录（${suggested.fact.resourceId}）`);
      expect(sut.reason.en).toContain(`suggested, unconfirmed record matches (${suggested.fact.resourceId})`);
      expect(sut.reason.en).toContain('If confirmed: 1 running resource(s) on the government cloud');
      expect(sut.evidence).toEqual([suggested.evidence]);
    });

    it('cites every suggested resource and keeps the bound evidence when the suggested ones flip the verdict', () => {
      const stopped = buildResource({ status: 'stopped' });
      const suggestedA = buildResource({}, 'suggested');
      const suggestedB = buildResource({ status: 'stopped' }, 'suggested');
      const facts = buildFacts({ resources: [stopped, suggestedA, suggestedB] });

      const sut = findingOf(evaluateProject(yueyangPack, facts, { now: NOW }), 'YY-CLOUD-DEPLOY');

      expect(sut.verdict).toBe('UNKNOWN');
      expect(sut.reason.en).toContain(`(${suggestedA.fact.resourceId}, ${suggestedB.fact.resourceId})`);
      expect(sut.evidence).toEqual([stopped.evidence, suggestedA.evidence, suggestedB.evidence]);
    });

    it('gives UNKNOWN when a suggested resource would turn a PASS into a FAIL', () => {
      const rule = cloudRule({
        evaluate: ({ cloud }) => (cloud.resources.length > 1 ? outcome('FAIL') : outcome('PASS')),
      });
      const facts = buildFacts({ resources: [buildResource(), buildResource({}, 'suggested')] });

      const sut = findingOf(evaluateProject(buildPack([rule]), facts, { now: NOW }), rule.id);

      expect(sut.verdict).toBe('UNKNOWN');
      expect(sut.reason.en).toContain('If confirmed: verdict FAIL');
    });

    it('leaves a PASS alone when suggested resources would not change it, with bound evidence only', () => {
      const bound = buildResource();
      const suggested = buildResource({}, 'suggested');
      const facts = buildFacts({ resources: [bound, suggested] });

      const sut = findingOf(evaluateProject(yueyangPack, facts, { now: NOW }), 'YY-CLOUD-DEPLOY');

      expect(sut.verdict).toBe('PASS');
      expect(sut.evidence).toEqual([bound.evidence]);
      expect(sut.reason.en).not.toContain(suggested.fact.resourceId);
    });

    it('leaves a FAIL alone when the suggested resources are not running either', () => {
      const facts = buildFacts({ resources: [buildResource({ status: 'stopped' }, 'suggested')] });

      const sut = findingOf(evaluateProject(yueyangPack, facts, { now: NOW }), 'YY-CLOUD-DEPLOY');

      expect(sut.verdict).toBe('FAIL');
    });

    it('gives the rule only bound resources first, then bound and suggested ones', () => {
      const seen: string[][] = [];
      const rule = buildRule({
        sources: ['gov-cloud'],
        evaluate: ({ cloud }) => {
          seen.push(cloud.resources.map((r) => r.binding));
          return outcome('PASS');
        },
      });
      const facts = buildFacts({
        resources: [
          buildResource({}, 'suggested'),
          buildResource({}, 'code'),
          buildResource({}, 'confirmed'),
        ],
      });

      evaluateProject(buildPack([rule]), facts, { now: NOW });

      expect(seen).toEqual([
        ['code', 'confirmed'],
        ['suggested', 'code', 'confirmed'],
      ]);
    });

    it('does not second-guess rules that do not read the cloud inventory', () => {
      const evaluate = vi.fn(() => outcome('PASS'));
      const rule = buildRule({ sources: [], evaluate });
      const facts = buildFacts({ resources: [buildResource({}, 'suggested')] });

      const sut = findingOf(evaluateProject(buildPack([rule]), facts, { now: NOW }), rule.id);

      expect(sut.verdict).toBe('PASS');
      expect(evaluate).toHaveBeenCalledTimes(1);
    });

    it('counts a confirmed binding like a code binding', () => {
      const confirmed = buildResource({}, 'confirmed');
      const facts = buildFacts({ resources: [confirmed] });

      const sut = findingOf(evaluateProject(yueyangPack, facts, { now: NOW }), 'YY-CLOUD-DEPLOY');

      expect(sut.verdict).toBe('PASS');
      expect(sut.evidence).toEqual([confirmed.evidence]);
    });
  });

  describe('findings', () => {
    it('carries the rule id, pack, clause, severity, domain, basis and bilingual title', () => {
      const rule = buildRule({
        title: { zh: '中文标题', en: 'English title' },
        clause: '第三十二条',
        basis: 'national-verified',
        severity: 'advisory',
        domain: 'security',
      });

      const facts = buildFacts();
      const [sut] = evaluateProject(buildPack([rule]), facts, { now: NOW }).findings;

      expect(sut).toEqual({
        ruleId: rule.id,
        packId: 'yueyang',
        title: { zh: '中文标题', en: 'English title' },
        clause: '第三十二条',
        basis: 'national-verified',
        severity: 'advisory',
        domain: 'security',
        verdict: 'PASS',
        reason: { zh: '结论 PASS', en: 'verdict PASS' },
        evidence: [],
        // a finding on no record cites the registry cells its records are matched by
        registry: {
          type: 'registry',
          importId: null,
          fileName: null,
          sha256: null,
          importedAt: null,
          importedBy: null,
          rowNumber: null,
          cells: [
            { header: '项目编码', value: facts.project.code },
            { header: '统一社会信用代码', value: facts.project.unitCode },
            { header: '信息系统名称', value: facts.project.systemNames.join(';') },
          ],
        },
        warningOnly: false,
      } satisfies Finding);
    });

    it("carries a real rule's metadata", () => {
      const sut = findingOf(evaluateProject(yueyangPack, buildFacts(), { now: NOW }), 'YY-CLOUD-DEPLOY');

      expect(sut).toMatchObject({
        packId: 'yueyang',
        title: { zh: '上云为原则、不上云为例外', en: 'Deploy on the government cloud unless exempt' },
        clause: '第六条',
        basis: 'local',
        severity: 'blocking',
        domain: 'cloud',
      });
    });

    it('gives one finding per rule, in the order of the pack', () => {
      const rules = [buildRule(), buildRule(), buildRule()];

      const sut = evaluateProject(buildPack(rules), buildFacts(), { now: NOW });

      expect(sut.packId).toBe('yueyang');
      expect(sut.findings.map((f) => f.ruleId)).toEqual(rules.map((r) => r.id));
    });

    it("passes the clock and the schema's default settings to the rule when none are given", () => {
      const evaluate = vi.fn(() => outcome('PASS'));
      const rule = buildRule({ evaluate });

      evaluateProject(buildPack([rule]), buildFacts(), { now: NOW });

      expect(evaluate).toHaveBeenCalledWith(
        expect.objectContaining({ now: NOW, settings: expect.objectContaining({ maxSourceAgeHours: 48 }) }),
      );
    });

    it('gives the rule the tenants by id', () => {
      const tenant = buildTenant();
      let seen: unknown;
      const rule = buildRule({
        evaluate: ({ tenantsById }) => {
          seen = tenantsById.get(tenant.fact.tenantId);
          return outcome('PASS');
        },
      });

      evaluateProject(buildPack([rule]), buildFacts({ tenants: [buildTenant(), tenant] }), { now: NOW });

      expect(seen).toBe(tenant);
    });
  });

  describe('national-unverified rules', () => {
    it('marks the FAIL of a national-unverified rule as a warning that does not block readiness', () => {
      const rule = buildRule({ basis: 'national-unverified', evaluate: () => outcome('FAIL') });

      const sut = evaluateProject(buildPack([rule]), buildFacts(), { now: NOW });

      expect(findingOf(sut, rule.id)).toMatchObject({ verdict: 'FAIL', warningOnly: true });
      expect(sut.readiness).toEqual({ ready: true, blockingRuleIds: [] });
    });

    it.each(['PASS', 'NOT_APPLICABLE'] as const)(
      'does not mark a national-unverified %s as a warning',
      (verdict) => {
        const rule = buildRule({ basis: 'national-unverified', evaluate: () => outcome(verdict) });

        const sut = findingOf(evaluateProject(buildPack([rule]), buildFacts(), { now: NOW }), rule.id);

        expect(sut.warningOnly).toBe(false);
      },
    );

    it('still blocks readiness when a national-unverified rule cannot decide', () => {
      const rule = buildRule({ basis: 'national-unverified', sources: ['mlps'] });

      const sut = evaluateProject(buildPack([rule]), buildFacts(), { now: NOW });

      expect(findingOf(sut, rule.id)).toMatchObject({ verdict: 'UNKNOWN', warningOnly: false });
      expect(sut.readiness).toEqual({ ready: false, blockingRuleIds: [rule.id] });
    });

    it.each(['local', 'national-verified'] as const)(
      'does not mark the FAIL of a %s rule as a warning',
      (basis) => {
        const rule = buildRule({ basis, evaluate: () => outcome('FAIL') });

        const sut = evaluateProject(buildPack([rule]), buildFacts(), { now: NOW });

        expect(findingOf(sut, rule.id).warningOnly).toBe(false);
        expect(sut.readiness.ready).toBe(false);
      },
    );
  });

  describe('readiness for acceptance', () => {
    it.each(['FAIL', 'UNKNOWN'] as const)('is not ready when a blocking rule gives %s', (verdict) => {
      const passing = buildRule();
      const blocking = buildRule({ evaluate: () => outcome(verdict) });

      const sut = evaluateProject(buildPack([passing, blocking]), buildFacts(), { now: NOW });

      expect(sut.readiness).toEqual({ ready: false, blockingRuleIds: [blocking.id] });
    });

    it.each(['FAIL', 'UNKNOWN'] as const)('stays ready when only an advisory rule gives %s', (verdict) => {
      const advisory = buildRule({ severity: 'advisory', evaluate: () => outcome(verdict) });

      const sut = evaluateProject(buildPack([buildRule(), advisory]), buildFacts(), { now: NOW });

      expect(sut.readiness).toEqual({ ready: true, blockingRuleIds: [] });
    });

    it('is ready when blocking rules pass, are waived or do not apply', () => {
      const rules = [
        buildRule(),
        buildRule({ waiver: () => ({ documentNo: 'x', reason: { zh: '豁免', en: 'waived' } }) }),
        buildRule({ appliesTo: () => ({ applies: false, reason: { zh: '不适用', en: 'n/a' } }) }),
      ];

      const sut = evaluateProject(buildPack(rules), buildFacts(), { now: NOW });

      expect(sut.findings.map((f) => f.verdict)).toEqual(['PASS', 'WAIVED', 'NOT_APPLICABLE']);
      expect(sut.readiness).toEqual({ ready: true, blockingRuleIds: [] });
    });

    it('lists every blocking rule that holds acceptance back', () => {
      const failing = buildRule({ evaluate: () => outcome('FAIL') });
      const unknown = buildRule({ sources: ['video'] });

      const sut = evaluateProject(buildPack([failing, buildRule(), unknown]), buildFacts(), { now: NOW });

      expect(sut.readiness).toEqual({ ready: false, blockingRuleIds: [failing.id, unknown.id] });
    });

    it('stays ready with a real advisory FAIL (Chenzhou under-used VM) next to a blocking PASS', () => {
      const compliant = compliantChenzhouInput();
      const facts = buildFacts({
        ...compliant,
        resources: [...(compliant.resources ?? []), buildResource({ vcpu: 8, cpuAvg30d: 2 })],
      });

      const sut = evaluateProject(chenzhouPack, facts, { now: NOW });

      expect(findingOf(sut, 'CZ-CLOUD').verdict).toBe('PASS');
      expect(findingOf(sut, 'CZ-CLOUD-INTENSIVE').verdict).toBe('FAIL');
      expect(sut.readiness).toEqual({ ready: true, blockingRuleIds: [] });
    });
  });

  describe('purity', () => {
    it('gives the same findings for the same facts, settings and clock', () => {
      const facts = buildFacts({
        project: buildProject({ region: '430621' }),
        resources: [buildResource({ networkZone: 'internet' }), buildResource({}, 'suggested')],
        tenants: [buildTenant()],
      });

      const first = evaluateProject(yueyangPack, facts, { now: NOW });
      const second = evaluateProject(yueyangPack, facts, { now: NOW });

      expect(second).toEqual(first);
    });

    it('does not mutate its input', () => {
      const facts = buildFacts({
        resources: [buildResource(), buildResource({ status: 'stopped' }), buildResource({}, 'suggested')],
        tenants: [buildTenant()],
      });
      const before = structuredClone(facts);

      const sut = () => evaluateProject(yueyangPack, deepFreeze(facts), { now: NOW });

      expect(sut).not.toThrow();
      expect(facts).toEqual(before);
    });
  });
});

describe(readinessOf.name, () => {
  const finding = (overrides: Partial<Finding>): Finding => ({
    ruleId: 'R',
    packId: 'yueyang',
    title: { zh: '规则', en: 'rule' },
    clause: '第六条',
    basis: 'local',
    severity: 'blocking',
    domain: 'cloud',
    verdict: 'PASS',
    reason: { zh: '', en: '' },
    evidence: [],
    registry: null,
    warningOnly: false,
    ...overrides,
  });

  it('is ready with no findings', () => {
    expect(readinessOf([])).toEqual({ ready: true, blockingRuleIds: [] });
  });

  it('ignores blocking FAILs marked as warnings only', () => {
    const sut = readinessOf([finding({ ruleId: 'W', verdict: 'FAIL', warningOnly: true })]);

    expect(sut).toEqual({ ready: true, blockingRuleIds: [] });
  });

  it('counts blocking FAIL and UNKNOWN, not advisory ones', () => {
    const sut = readinessOf([
      finding({ ruleId: 'A', verdict: 'FAIL' }),
      finding({ ruleId: 'B', verdict: 'UNKNOWN' }),
      finding({ ruleId: 'C', verdict: 'FAIL', severity: 'advisory' }),
      finding({ ruleId: 'D', verdict: 'WAIVED' }),
    ]);

    expect(sut).toEqual({ ready: false, blockingRuleIds: ['A', 'B'] });
  });
});

describe(distrustOf.name, () => {
  it('trusts a source that succeeded within the age limit', () => {
    expect(distrustOf(sourceTitleOf('gov-cloud'), syncedSource('gov-cloud'), 48, NOW)).toBeNull();
  });

  it('names the source in both languages when it is stale', () => {
    const sut = distrustOf(
      sourceTitleOf('data-exchange'),
      syncedSource('data-exchange', { finishedAt: hoursBeforeNow(3) }),
      2,
      NOW,
    );

    expect(sut?.zh).toContain('政务信息资源共享交换平台数据已过期');
    expect(sut?.en).toContain('data sharing and exchange platform data is stale');
  });

  it('says the error is unknown when a failed sync left none', () => {
    const sut = distrustOf(
      sourceTitleOf('video'),
      syncedSource('video', { status: 'failed', error: null }),
      48,
      NOW,
    );

    expect(sut).toEqual({
      zh: '视频共享交换平台最近一次同步失败：未知错误',
      en: 'The last sync of the video sharing platform failed: unknown error',
    });
  });
});
