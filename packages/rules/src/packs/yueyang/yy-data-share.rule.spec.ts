import {
  buildCatalogEntry,
  buildExchangeSystem,
  buildProject,
  failedSource,
  type FactsInput,
} from '../../testing/facts.factory';
import { judge } from '../../testing/rules.factory';
import { yueyangPack, builtinRule } from '../../testing/packs';
const yyDataShare = builtinRule('YY-DATA-SHARE');

describe(yyDataShare.id, () => {
  const sut = (input: FactsInput) =>
    judge(yueyangPack, yyDataShare.id, { project: buildProject({ hasDataResources: true }), ...input });
  const entryOf = (system: ReturnType<typeof buildExchangeSystem>, overrides = {}) =>
    buildCatalogEntry({ systemId: system.fact.systemId, ...overrides });

  it('does not apply to a project without data resources', () => {
    const finding = sut({ project: buildProject({ hasDataResources: false }), exchangeSystems: [] });

    expect(finding.verdict).toBe('NOT_APPLICABLE');
    expect(finding.reason.en).toBe('The registry says the project has no data resources');
  });

  describe('PASS', () => {
    it('passes a CONNECTED system with a PUBLISHED, mounted entry, resting on the two', () => {
      const system = buildExchangeSystem();
      const entry = entryOf(system);
      const draft = entryOf(system, { status: 'DRAFT' });

      const finding = sut({ exchangeSystems: [system], catalog: [entry, draft] });

      expect(finding.verdict).toBe('PASS');
      expect(finding.reason.zh).toBe(
        `接入系统 ${system.fact.systemId}（${system.fact.systemName}，已接入（CONNECTED））；1 条资源目录已发布并挂接数据：${entry.fact.resourceCode}（${entry.fact.resourceName}，已发布（PUBLISHED），接口（API））`,
      );
      expect(finding.evidence).toEqual([system.evidence, entry.evidence]);
    });

    it.each(['DATABASE', 'FILE'] as const)('counts data mounted as %s', (mountType) => {
      const system = buildExchangeSystem();

      expect(sut({ exchangeSystems: [system], catalog: [entryOf(system, { mountType })] }).verdict).toBe(
        'PASS',
      );
    });
  });

  describe('FAIL', () => {
    it('fails when the platform has no system of the project', () => {
      const finding = sut({ exchangeSystems: [], catalog: [] });

      expect(finding.verdict).toBe('FAIL');
      expect(finding.reason.en).toBe('The exchange platform has no system of the project');
    });

    it('fails when the system is still APPLYING, whatever its entries', () => {
      const system = buildExchangeSystem({ accessStatus: 'APPLYING', connectedAt: null });

      const finding = sut({ exchangeSystems: [system], catalog: [entryOf(system)] });

      expect(finding.verdict).toBe('FAIL');
      expect(finding.reason.en).toContain(`No system is CONNECTED: ${system.fact.systemId}`);
      expect(finding.evidence).toEqual([system.evidence]);
    });

    it('fails when the only published entry is catalogued without data (NONE)', () => {
      const system = buildExchangeSystem();
      const bare = entryOf(system, { mountType: 'NONE' });

      const finding = sut({ exchangeSystems: [system], catalog: [bare] });

      expect(finding.verdict).toBe('FAIL');
      expect(finding.reason.en).toContain('have no PUBLISHED catalogue entry with data mounted');
      expect(finding.evidence).toEqual([system.evidence, bare.evidence]);
    });

    it('does not count a mounted entry of a system that is not CONNECTED', () => {
      const connected = buildExchangeSystem();
      const disconnected = buildExchangeSystem({ accessStatus: 'DISCONNECTED' });

      const finding = sut({
        exchangeSystems: [connected, disconnected],
        catalog: [entryOf(disconnected), entryOf(connected, { status: 'DRAFT' })],
      });

      expect(finding.verdict).toBe('FAIL');
    });

    it('fails a connected system with no catalogue entry at all', () => {
      const finding = sut({ exchangeSystems: [buildExchangeSystem()], catalog: [] });

      expect(finding.verdict).toBe('FAIL');
      expect(finding.reason.zh).toContain('（没有资源目录）');
    });
  });

  describe('UNKNOWN', () => {
    it('gives UNKNOWN when a published entry does not report whether data is mounted', () => {
      const system = buildExchangeSystem();
      const vague = entryOf(system, { mountType: null });

      const finding = sut({ exchangeSystems: [system], catalog: [vague] });

      expect(finding.verdict).toBe('UNKNOWN');
      expect(finding.reason.en).toContain(`${vague.fact.resourceCode}`);
      expect(finding.reason.en).toContain('report no mount type');
    });

    it('gives UNKNOWN naming the exchange platform when its sync failed', () => {
      const system = buildExchangeSystem();

      const finding = sut({
        exchangeSystems: [system],
        catalog: [entryOf(system)],
        sources: { 'data-exchange': failedSource('data-exchange', 'token expired') },
      });

      expect(finding.verdict).toBe('UNKNOWN');
      expect(finding.reason.zh).toBe('政务信息资源共享交换平台最近一次同步失败：token expired');
    });
  });
});
